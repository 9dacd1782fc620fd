import { describe, expect, it } from 'vitest';
import { formatPath, type Manifest } from '../../src/core/manifest.js';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { definePolicy, type FormationInfo, type Policy } from '../../src/policy/define-policy.js';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import { asBuiltin, parsePath, runPolicies, type LoadedPolicy } from '../../src/policy/index.js';

const loaded = (p: Policy): LoadedPolicy => ({ ...p, file: `policies/${p.id}.ts`, builtin: false });
const yaml = (text: string, file = 'stencils/app.yaml', formation?: string): Manifest[] => {
  const { manifests, diagnostics } = manifestsFromYaml(file, text, formation);
  expect(diagnostics).toEqual([]);
  return manifests;
};

const STREAM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { app: web, tier: front }
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: web
          image: ghcr.io/acme/web:1.2
      ephemeralContainers:
        - name: debug
          image: localhost:5000/tools/debug@sha256:abc
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: acme/job:2
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  loadBalancerIP: 10.0.0.1
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: other
`;

const seen = (match: Policy['match'], formation?: FormationInfo) =>
  loaded(
    definePolicy({
      id: 'seen',
      title: 't',
      severity: 'info',
      ...(match ? { match } : {}),
      check(r, ctx) {
        ctx.report({ message: `${r.kind}/${r.metadata.name}` });
      },
    }),
  );

describe('match', () => {
  const formation: FormationInfo = { name: 'prod', environment: 'production', destination: { namespace: 'batch' } };
  it.each<[string, Policy['match'], string[]]>([
    ['everything', undefined, ['Deployment/web', 'CronJob/nightly', 'Service/web', 'Ingress/web']],
    ['kinds', { kinds: ['Service', 'CronJob'] }, ['CronJob/nightly', 'Service/web']],
    ['exact apiVersion', { apiVersions: ['v1'] }, ['Service/web']],
    ['group wildcard', { apiVersions: ['apps/*', 'networking.k8s.io/*'] }, ['Deployment/web', 'Ingress/web']],
    ['core wildcard', { apiVersions: ['core/*'] }, ['Service/web']],
    ['namespaces, defaulting to the destination', { namespaces: ['shop', 'batch'] }, ['Deployment/web', 'CronJob/nightly', 'Service/web']],
    ['labels', { labels: { app: 'web', tier: 'front' } }, ['Deployment/web']],
    ['labels with another value', { labels: { app: 'api' } }, []],
    ['all criteria together', { kinds: ['Deployment', 'Service'], namespaces: ['shop'], apiVersions: ['v1'] }, ['Service/web']],
  ])('%s', async (_name, match, expected) => {
    const { findings } = await runPolicies({ formation, manifests: yaml(STREAM) }, [seen(match, formation)]);
    expect(findings.map((f) => f.message)).toEqual(expected);
  });
});

describe('ctx.containers and ctx.image', () => {
  it('lists init, regular and ephemeral containers with their paths, across kinds', async () => {
    const found: unknown[] = [];
    const policy = loaded(
      definePolicy({
        id: 'list',
        title: 't',
        severity: 'info',
        check(r, ctx) {
          for (const c of ctx.containers(r)) found.push([r.kind, c.type, c.value.name, c.path.join('.'), ctx.image(c.value.image ?? '')]);
        },
      }),
    );
    const { diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [policy]);
    expect(diagnostics).toEqual([]);
    expect(found).toEqual([
      ['Deployment', 'initContainer', 'init', 'spec.template.spec.initContainers.0', { registry: 'docker.io', repository: 'library/busybox', tag: 'latest', digest: undefined }],
      ['Deployment', 'container', 'web', 'spec.template.spec.containers.0', { registry: 'ghcr.io', repository: 'acme/web', tag: '1.2', digest: undefined }],
      ['Deployment', 'ephemeralContainer', 'debug', 'spec.template.spec.ephemeralContainers.0', { registry: 'localhost:5000', repository: 'tools/debug', tag: undefined, digest: 'sha256:abc' }],
      ['CronJob', 'container', 'job', 'spec.jobTemplate.spec.template.spec.containers.0', { registry: 'docker.io', repository: 'acme/job', tag: '2', digest: undefined }],
    ]);
  });

  it.each([
    ['nginx', 'docker.io', 'library/nginx', 'latest', undefined],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
    ['index.docker.io/acme/web:1', 'docker.io', 'acme/web', '1', undefined],
    ['acme/web', 'docker.io', 'acme/web', 'latest', undefined],
    ['acme/web:latest', 'docker.io', 'acme/web', 'latest', undefined],
    ['nginx@sha256:0123', 'docker.io', 'library/nginx', undefined, 'sha256:0123'],
    ['nginx:1.25@sha256:0123', 'docker.io', 'library/nginx', '1.25', 'sha256:0123'],
    ['localhost/app', 'localhost', 'app', 'latest', undefined],
    ['localhost:5000/team/app:3', 'localhost:5000', 'team/app', '3', undefined],
    ['registry.example.com:443/a/b/c:v1-rc', 'registry.example.com:443', 'a/b/c', 'v1-rc', undefined],
    ['gcr.io/project/image', 'gcr.io', 'project/image', 'latest', undefined],
    ['', 'docker.io', '', undefined, undefined],
  ])('image %j', async (ref, registry, repository, tag, digest) => {
    let got: unknown;
    const policy = loaded(definePolicy({ id: 'img', title: 't', severity: 'info', check(_r, ctx) { got = ctx.image(ref); } }));
    await runPolicies({ manifests: yaml('kind: ConfigMap\nmetadata: { name: x }\n') }, [policy]);
    expect(got).toEqual({ registry, repository, tag, digest });
  });
});

describe('findings', () => {
  const formation: FormationInfo = { name: 'staging', environment: 'staging', destination: { namespace: 'shop' } };
  it('places each finding at its path, or at the nearest existing ancestor', async () => {
    const policy = loaded(
      definePolicy({
        id: 'places',
        title: 't',
        severity: 'warning',
        remediation: 'fix it',
        match: { kinds: ['Deployment'] },
        check(_r, ctx) {
          ctx.report({ message: 'image', path: ['spec', 'template', 'spec', 'containers', 0, 'image'] });
          ctx.report({ message: 'missing', path: ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'], code: 'LIMITS' });
          ctx.report({ message: 'whole' });
          ctx.report({ message: 'odd key', path: ['metadata', 'labels', 'app.kubernetes.io/name'], severity: 'error' });
        },
      }),
    );
    const { findings, diagnostics } = await runPolicies({ formation, manifests: yaml(STREAM) }, [policy]);
    expect(diagnostics).toEqual([]);
    expect(findings.map((f) => [f.message, f.path, f.file, f.line, f.column, f.severity, f.code])).toEqual([
      ['whole', '', 'stencils/app.yaml', 1, 1, 'warning', undefined],
      ['odd key', 'metadata.labels["app.kubernetes.io/name"]', 'stencils/app.yaml', 6, 11, 'error', undefined],
      ['missing', 'spec.template.spec.containers[0].resources.limits', 'stencils/app.yaml', 14, 11, 'warning', 'LIMITS'],
      ['image', 'spec.template.spec.containers[0].image', 'stencils/app.yaml', 15, 18, 'warning', undefined],
    ]);
    expect(findings[0]).toEqual({
      policy: 'places',
      severity: 'warning',
      message: 'whole',
      formation: 'staging',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      path: '',
      file: 'stencils/app.yaml',
      line: 1,
      column: 1,
      // the whole document
      endLine: 18,
      endColumn: 55,
      remediation: 'fix it',
    });
  });

  it('carries the value source of the located path', async () => {
    const manifest: Manifest = {
      file: 'stencils/web.yaml',
      index: 0,
      formation: 'prod',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { loadBalancerIP: '1.2.3.4' } },
      locate: (path) => ({
        file: 'stencils/web.yaml',
        line: path.length + 1,
        column: 3,
        exact: true,
        valueSource: { file: 'formations/prod.yaml', line: 9, column: 14 },
      }),
    };
    const policy = loaded(definePolicy({ id: 'vs', title: 't', severity: 'error', check(_r, ctx) { ctx.report({ message: 'm', path: ['spec', 'loadBalancerIP'] }); } }));
    const { findings } = await runPolicies({ manifests: [manifest] }, [policy]);
    expect(findings[0]).toMatchObject({ formation: 'prod', line: 3, column: 3, valueSource: { file: 'formations/prod.yaml', line: 9, column: 14 } });
  });

  it('orders findings deterministically whatever the policy order', async () => {
    const a = seen(undefined);
    const b = loaded(definePolicy({ id: 'aaa', title: 't', severity: 'info', check(r, ctx) { ctx.report({ message: r.kind }); } }));
    const one = await runPolicies({ manifests: yaml(STREAM) }, [a, b]);
    const two = await runPolicies({ manifests: yaml(STREAM) }, [b, a]);
    expect(one).toEqual(two);
    expect(one.findings.map((f) => f.policy).slice(0, 2)).toEqual(['aaa', 'seen']);
  });

  it('masks secret values in messages, from/to and crash messages', async () => {
    const secret = 's3cr3t-value';
    const policy = loaded(
      definePolicy({
        id: 'leaky',
        title: 't',
        severity: 'signoff',
        match: { kinds: ['Service'] },
        check(r, ctx) {
          ctx.report({ message: `password is ${secret}!`, from: { pw: secret }, to: [secret, 1] });
          if (r.metadata.name === 'web') throw new Error(`cannot use ${secret}`);
        },
      }),
    );
    const { findings, diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [policy], { mask: [secret, ''] });
    expect(JSON.stringify({ findings, diagnostics })).not.toContain(secret);
    expect(findings[0]).toMatchObject({ message: 'password is ••••••!', from: { pw: '••••••' }, to: ['••••••', 1] });
    expect(diagnostics[0]?.message).toContain('••••••');
  });

  it('does not let a policy change the resources others see', async () => {
    const mutator = loaded(definePolicy({ id: 'mutator', title: 't', severity: 'info', check(r) { (r.metadata as { name: string }).name = 'changed'; } }));
    const manifests = yaml(STREAM);
    const { diagnostics } = await runPolicies({ manifests }, [mutator, seen(undefined)]);
    expect(diagnostics.map((d) => d.code)).toEqual(['POLICY_ERROR', 'POLICY_ERROR', 'POLICY_ERROR', 'POLICY_ERROR']);
    expect((manifests[0]?.object['metadata'] as { name: string }).name).toBe('web');
  });
});

describe('baseline: ctx.previous and ctx.changed', () => {
  const previous = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { loadBalancerIP: 10.0.0.9, ports: [{ port: 80 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: other }
`;
  const probe = (out: unknown[]) =>
    loaded(
      definePolicy({
        id: 'probe',
        title: 't',
        severity: 'info',
        match: { kinds: ['Service', 'Deployment'] },
        check(r, ctx) {
          out.push([
            r.kind,
            ctx.previous === undefined ? null : ctx.get(['spec', 'loadBalancerIP'], ctx.previous) ?? 'paired',
            ctx.changed(['spec', 'loadBalancerIP']),
            ctx.changed(['metadata', 'name']),
            ctx.get(['spec', 'loadBalancerIP']),
            ctx.resources.length,
          ]);
        },
      }),
    );

  it('pairs by group, kind, namespace and name', async () => {
    const out: unknown[] = [];
    await runPolicies({ manifests: yaml(STREAM), baseline: yaml(previous, 'baseline.yaml') }, [probe(out)]);
    // The Deployment is in another namespace in the baseline: new, so everything counts as changed.
    expect(out).toEqual([
      ['Deployment', null, true, true, undefined, 4],
      ['Service', '10.0.0.9', true, false, '10.0.0.1', 4],
    ]);
  });

  it('sees nothing as unchanged without a baseline', async () => {
    const out: unknown[] = [];
    await runPolicies({ manifests: yaml(STREAM) }, [probe(out)]);
    expect(out).toEqual([
      ['Deployment', null, true, true, undefined, 4],
      ['Service', null, true, true, '10.0.0.1', 4],
    ]);
  });

  it('pairs across apiVersions of one group', async () => {
    const out: unknown[] = [];
    const older = previous.replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta2').replace('namespace: other', 'namespace: shop');
    await runPolicies({ manifests: yaml(STREAM), baseline: yaml(older, 'baseline.yaml') }, [probe(out)]);
    expect(out[0]).toEqual(['Deployment', 'paired', false, false, undefined, 4]);
  });
});

describe('signoff fingerprints', () => {
  const lb = loaded(
    definePolicy({
      id: 'lb-ip-change',
      title: 't',
      severity: 'signoff',
      match: { kinds: ['Service'] },
      check(_r, ctx) {
        const path = ['spec', 'loadBalancerIP'];
        if (ctx.previous && ctx.changed(path)) ctx.report({ message: 'LB IP changed', path, from: ctx.get(path, ctx.previous), to: ctx.get(path) });
      },
    }),
  );
  const svc = (ip: string, extra = ''): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop${extra}\nspec:\n  loadBalancerIP: ${ip}\n`;
  const run = async (ip: string, opts: { extra?: string; formation?: string; file?: string } = {}) => {
    const formation: FormationInfo = { name: opts.formation ?? 'prod', environment: 'production', destination: {} };
    const { findings } = await runPolicies({ formation, manifests: yaml(svc(ip, opts.extra), opts.file), baseline: yaml(svc('10.0.0.1'), 'b.yaml') }, [lb]);
    expect(findings).toHaveLength(1);
    return findings[0]?.fingerprint ?? '';
  };

  it('is 12 hex chars, stable across runs, layout and unrelated changes', async () => {
    const fp = await run('10.0.0.2');
    expect(fp).toMatch(/^[0-9a-f]{12}$/);
    expect(await run('10.0.0.2')).toBe(fp);
    expect(await run('10.0.0.2', { extra: '\n  labels: { a: b }', file: 'stencils/other.yaml' })).toBe(fp);
  });

  it('changes with the new value and the formation', async () => {
    const fp = await run('10.0.0.2');
    expect(await run('10.0.0.3')).not.toBe(fp);
    expect(await run('10.0.0.2', { formation: 'prod-eu' })).not.toBe(fp);
  });

  it('is only given to sign-off findings', async () => {
    const { findings } = await runPolicies({ manifests: yaml(STREAM) }, [seen(undefined)]);
    expect(findings.every((f) => f.fingerprint === undefined)).toBe(true);
  });
});

describe('failing policies', () => {
  const fixed = (id: string, check: Policy['check'], timeoutMs?: number): LoadedPolicy =>
    loaded(definePolicy({ id, title: 't', severity: 'error', match: { kinds: ['Service', 'Deployment'] }, check, ...(timeoutMs ? { timeoutMs } : {}) }));

  it('turns a throw into POLICY_ERROR naming the policy and resource, keeping earlier findings', async () => {
    const policy = fixed('thrower', (r, ctx) => {
      ctx.report({ message: 'before' });
      if (r.kind === 'Service') throw new TypeError('boom');
    });
    const { findings, diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [policy]);
    expect(findings.map((f) => f.resource.kind)).toEqual(['Deployment', 'Service']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['POLICY_ERROR', 'error', 'stencils/app.yaml', 33, 1]]);
    expect(diagnostics[0]?.message).toContain('thrower');
    expect(diagnostics[0]?.message).toContain('Service/shop/web');
    expect(diagnostics[0]?.message).toContain('boom');
  });

  it('turns a rejected promise into POLICY_ERROR', async () => {
    const policy = fixed('rejecter', async (r) => {
      await Promise.resolve();
      if (r.kind === 'Deployment') throw new Error('async boom');
    });
    const { diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [policy]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['POLICY_ERROR', 1]]);
  });

  it('interrupts a synchronous endless loop and still runs the other resources and policies', async () => {
    const looping = fixed(
      'looping',
      (r, ctx) => {
        if (r.kind === 'Service') for (;;) {
          /* never ends */
        }
        ctx.report({ message: 'ok' });
      },
      100,
    );
    const after = fixed('after', (_r, ctx) => ctx.report({ message: 'after' }));
    const { findings, diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [looping, after]);
    expect(diagnostics.map((d) => [d.code, d.message.includes('looping'), d.message.includes('Service/shop/web')])).toEqual([['POLICY_ERROR', true, true]]);
    expect(findings.map((f) => `${f.policy}:${f.resource.kind}`)).toEqual(['after:Deployment', 'looping:Deployment', 'after:Service']);
  });

  it('gives up on a slow async check after its time limit and ignores its late reports', async () => {
    let late: (() => void) | undefined;
    const slow = fixed('slow', (r, ctx) => {
      if (r.kind !== 'Service') return undefined;
      return new Promise<void>((resolve) => {
        late = () => {
          ctx.report({ message: 'too late' });
          resolve();
        };
      });
    });
    const { findings, diagnostics } = await runPolicies({ manifests: yaml(STREAM) }, [slow], { timeoutMs: 50 });
    expect(diagnostics.map((d) => d.code)).toEqual(['POLICY_ERROR']);
    late?.();
    expect(findings).toEqual([]);
  });
});

describe('textual paths', () => {
  it.each<[string, (string | number)[]]>([
    ['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['a["q\\"uote"].b', ['a', 'q"uote', 'b']],
    ['', []],
  ])('%s', (text, segments) => {
    expect(parsePath(text)).toEqual(segments);
    expect(parsePath(formatPath(segments))).toEqual(segments);
  });

  it('rejects malformed paths as a policy error', async () => {
    const bad = loaded(definePolicy({ id: 'bad-path', title: 't', severity: 'info', check(_r, ctx) { ctx.report({ message: 'x', path: 'a[b' }); } }));
    const { diagnostics } = await runPolicies({ manifests: yaml('kind: ConfigMap\nmetadata: { name: x }\n') }, [bad]);
    expect(diagnostics.map((d) => d.code)).toEqual(['POLICY_ERROR']);
  });

  it('accepts text paths in report, get and changed', async () => {
    const policy = loaded(
      definePolicy({
        id: 'text',
        title: 't',
        severity: 'info',
        check(_r, ctx) {
          if (ctx.changed('spec.loadBalancerIP')) ctx.report({ message: String(ctx.get('spec.loadBalancerIP')), path: 'spec.loadBalancerIP' });
        },
      }),
    );
    const { findings } = await runPolicies({ manifests: yaml(STREAM) }, [{ ...policy, match: { kinds: ['Service'] } }]);
    expect(findings.map((f) => [f.message, f.path, f.line, f.column])).toEqual([['10.0.0.1', 'spec.loadBalancerIP', 39, 19]]);
  });
});

describe('runPolicies: shipped policies through shippedMemo', () => {
  it('reports the same from calls kept between runs (structured-clone data) as from running them', async () => {
    const policies = builtinPolicies.map(asBuiltin);
    const manifests = yaml(STREAM);
    const formation: FormationInfo = { name: 'prod', environment: 'production', destination: { namespace: 'shop' } };
    const fresh = await runPolicies({ formation, manifests }, policies, { mask: ['web'] });
    expect(fresh.findings.length).toBeGreaterThan(5);
    const kept = new Map<string, unknown>();
    let computed = 0;
    const shippedMemo = (shipped: readonly Pick<LoadedPolicy, 'id' | 'match'>[], compute: () => unknown) => {
      const key = JSON.stringify(shipped.map((p) => p.id));
      if (!kept.has(key)) {
        computed++;
        kept.set(key, structuredClone(compute()));
      }
      return structuredClone(kept.get(key)) as ReturnType<typeof compute>;
    };
    const options = { mask: ['web'], shippedMemo: shippedMemo as never };
    expect(await runPolicies({ formation, manifests }, policies, options)).toEqual(fresh);
    expect(await runPolicies({ formation, manifests }, policies, options)).toEqual(fresh);
    expect(computed).toBe(1);
    // an input with a baseline is never kept: lb-ip-change and its kind compare with the baseline
    await runPolicies({ formation, manifests, baseline: manifests }, policies, options);
    expect(computed).toBe(1);
  });
});
