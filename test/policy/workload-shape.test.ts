import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { definePolicy, type Policy } from '../../src/policy/define-policy.js';
import { isWorkload, podSpecPath, policyShapeProblems, runPolicies, runsToCompletion, type LoadedPolicy } from '../../src/policy/index.js';

// Kinds the built-in list does not know: found by where they keep a pod template (SPEC §5.1).
const STREAM = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web }
spec:
  replicas: 3
  template:
    spec:
      initContainers: [{ name: init, image: busybox:1.36 }]
      containers: [{ name: web, image: ghcr.io/acme/web:latest }]
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: { name: legacy }
spec:
  template:
    spec:
      containers: [{ name: legacy, image: quay.io/acme/legacy:latest }]
---
apiVersion: example.com/v1
kind: ScheduledTask
metadata: { name: nightly }
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{ name: task, image: acme/task:1 }]
---
apiVersion: cluster.x-k8s.io/v1beta1
kind: MachineDeployment
metadata: { name: workers }
spec:
  replicas: 3
  template:
    spec:
      clusterName: prod
      version: v1.31.0
      bootstrap: { configRef: { kind: KubeadmConfigTemplate, name: workers } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: config }
data:
  template: x
---
apiVersion: v1
kind: Pod
metadata: { name: once }
spec:
  restartPolicy: Never
  containers: [{ name: once, image: busybox:1.36 }]
`;

const manifests = () => {
  const { manifests: m, diagnostics } = manifestsFromYaml('stencils/app.yaml', STREAM);
  expect(diagnostics).toEqual([]);
  return m;
};

const loaded = (p: Policy): LoadedPolicy => ({ ...p, file: `policies/${p.id}.ts`, builtin: false });

describe('workloads by shape', () => {
  it('finds the pod spec of custom kinds by where it is, and leaves look-alikes without a pod spec alone', () => {
    const byName = Object.fromEntries(manifests().map((m) => [(m.object['metadata'] as { name: string }).name, m.object]));
    expect(podSpecPath(byName['web'])).toEqual(['spec', 'template', 'spec']);
    expect(podSpecPath(byName['legacy'])).toEqual(['spec', 'template', 'spec']);
    expect(podSpecPath(byName['nightly'])).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(podSpecPath(byName['once'])).toEqual(['spec']);
    expect(isWorkload(byName['workers'])).toBe(false);
    expect(isWorkload(byName['config'])).toBe(false);
    expect([byName['web'], byName['nightly'], byName['once']].map(runsToCompletion)).toEqual([false, true, true]);
  });

  it('match: { workloads } selects them in a user policy, and ctx.containers lists their containers with paths', async () => {
    const seen = (workloads: boolean) =>
      loaded(
        definePolicy({
          id: `seen-${String(workloads)}`,
          title: 't',
          severity: 'info',
          match: { workloads },
          check(r, ctx) {
            const containers = ctx.containers(r).map((c) => `${c.type}:${c.path.join('.')}`);
            ctx.report({ message: `${r.kind}/${r.metadata.name} [${containers.join(' ')}]` });
          },
        }),
      );
    const { findings, diagnostics } = await runPolicies({ manifests: manifests() }, [seen(true), seen(false)]);
    expect(diagnostics).toEqual([]);
    expect(findings.filter((f) => f.policy === 'seen-true').map((f) => f.message)).toEqual([
      'Rollout/web [initContainer:spec.template.spec.initContainers.0 container:spec.template.spec.containers.0]',
      'DeploymentConfig/legacy [container:spec.template.spec.containers.0]',
      'ScheduledTask/nightly [container:spec.jobTemplate.spec.template.spec.containers.0]',
      'Pod/once [container:spec.containers.0]',
    ]);
    expect(findings.filter((f) => f.policy === 'seen-false').map((f) => f.message)).toEqual(['MachineDeployment/workers []', 'ConfigMap/config []']);
  });

  it('a policy whose match.workloads is not a boolean is rejected', () => {
    expect(policyShapeProblems({ id: 'p', title: 't', severity: 'info', check() {}, match: { workloads: 'yes' } })).toEqual([
      '`match.workloads` must be true or false',
    ]);
  });
});
