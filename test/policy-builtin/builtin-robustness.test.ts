import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import type { KubernetesResource } from '../../src/policy/define-policy.js';
import { deepFreeze } from '../../src/policy/json-value.js';
import type { LoadedPolicy } from '../../src/policy/loaded-policy.js';
import { policyContext } from '../../src/policy/policy-context.js';
import { runPolicies } from '../../src/policy/policy-runner.js';
import { builtinCases } from './cases/index.js';

/**
 * Policies run before (and regardless of) schema validation, so malformed resources reach them.
 * Schema validation reports those; a built-in must never crash on them (POLICY_ERROR, exit 2).
 */
const MALFORMED = `
kind: Deployment
---
apiVersion: apps/v1
kind: Deployment
metadata: null
spec: null
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: s }
spec:
  replicas: "3"
  selector: [app]
  template: { metadata: { labels: null }, spec: { containers: "web", volumes: [null, 3, { hostPath: null }] } }
---
apiVersion: v1
kind: Pod
metadata: { name: p, namespace: 7, annotations: null }
spec:
  hostNetwork: "true"
  securityContext: 5
  os: windows
  containers:
    - null
    - 3
    - { name: 1, image: 42, ports: [null, { hostPort: "80", containerPort: null }], securityContext: "x" }
    - { name: c, image: "", resources: { requests: [], limits: "1" }, securityContext: { capabilities: { add: "SYS_ADMIN", drop: null } } }
---
apiVersion: v1
kind: Service
metadata: { name: svc, annotations: { "a/load-balancer-ip": { nested: true } } }
spec: { selector: [app], loadBalancerSourceRanges: "10.0.0.0/8" }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np }
spec: { podSelector: { matchExpressions: [null, { key: app, operator: Bogus }] } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: pdb }
spec: { selector: { matchLabels: [] } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: cj }
spec: { jobTemplate: null }
`;

const BASELINE = `
apiVersion: v1
kind: Service
metadata: { name: svc, annotations: "none" }
spec: { loadBalancerIP: [1, 2], loadBalancerSourceRanges: { a: 1 } }
`;

describe('built-ins on malformed resources', () => {
  it('never fail, whatever the shape of the input', async () => {
    const policies: LoadedPolicy[] = builtinPolicies.map((p) => ({ ...p, file: `builtin:${p.id}`, builtin: true }));
    const current = manifestsFromYaml('malformed.yaml', MALFORMED);
    const baseline = manifestsFromYaml('baseline.yaml', BASELINE);
    expect(current.diagnostics).toEqual([]);
    const { diagnostics } = await runPolicies({ manifests: current.manifests, baseline: baseline.manifests }, policies, {});
    expect(diagnostics.map((d) => d.message)).toEqual([]);
  });
});

/**
 * The runner hands built-ins the engine's own objects, without copies (policy-runner.ts
 * `runShipped`): they must only read. Every case's resources, deep-frozen, through every
 * built-in: a write would throw (modules are strict mode).
 */
describe('built-ins only read what they check', () => {
  const sources = [...builtinCases.values()].flatMap((c) => [...c.valid, ...c.invalid]);
  it.each(builtinPolicies.map((p) => [p.id, p] as const))('%s', (_id, policy) => {
    for (const c of sources) {
      const resources = deepFreeze(manifestsFromYaml('case.yaml', c.yaml).manifests.map((m) => m.object as KubernetesResource));
      const previous = c.previous === undefined ? [] : deepFreeze(manifestsFromYaml('previous.yaml', c.previous).manifests.map((m) => m.object as KubernetesResource));
      for (const resource of resources) {
        const ctx = policyContext({ resource, previous: previous.find((p) => p.kind === resource.kind && p.metadata?.name === resource.metadata?.name), resources, formation: c.formation, report: () => {} });
        expect(() => policy.check(resource, ctx), `${c.name}`).not.toThrow();
      }
    }
  });
});
