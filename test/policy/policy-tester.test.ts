import { describe, expect, it } from 'vitest';
import { definePolicy } from '../../src/policy-entry.js';
import { expectPolicy, testPolicy } from '../../src/testing-entry.js';

const noLatest = definePolicy({
  id: 'no-latest',
  title: 'pinned images',
  severity: 'error',
  match: { kinds: ['Deployment', 'Pod'] },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      if (ctx.image(c.value.image ?? '').tag === 'latest') ctx.report({ message: `container ${c.value.name} uses latest`, path: [...c.path, 'image'] });
    }
  },
});

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ${image}
`;

describe('testPolicy', () => {
  it('passes matching valid and invalid cases', async () => {
    const result = await testPolicy(noLatest, {
      valid: [deployment('nginx:1.25'), { yaml: deployment('nginx@sha256:abc') }],
      invalid: [
        {
          yaml: deployment('nginx'),
          findings: [{ path: 'spec.template.spec.containers[0].image', line: 10, column: 18, message: 'uses latest', severity: 'error' }],
        },
      ],
    });
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports missing, unexpected and wrongly placed findings', async () => {
    const result = await testPolicy(noLatest, {
      valid: [deployment('nginx')],
      invalid: [
        { yaml: deployment('nginx:1'), findings: [{ line: 10 }] },
        { yaml: deployment('nginx:latest'), findings: [{ line: 9 }] },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.cases.map((c) => c.ok)).toEqual([false, false, false]);
    expect(result.mismatches.some((m) => m.startsWith('valid[0]: unexpected finding'))).toBe(true);
    expect(result.mismatches.some((m) => m.startsWith('invalid[0]: expected finding'))).toBe(true);
    expect(result.summary).toContain('invalid[1]');
  });

  it.each([[{}], [{ severity: 'error' as const }], [{ message: '' }]])('an expected finding that names nothing (%j) never passes', async (want) => {
    const result = await testPolicy(noLatest, { invalid: [{ yaml: deployment('nginx'), findings: [want] }] });
    expect(result.ok).toBe(false);
    expect(result.mismatches.filter((m) => m.includes('would match any finding'))).toHaveLength(1);
    expect(result.mismatches.some((m) => m.startsWith('invalid[0]: unexpected finding'))).toBe(true);
  });

  it('reports a policy crash and unparsable YAML as mismatches', async () => {
    const crashing = definePolicy({ id: 'crash', title: 't', severity: 'error', check() { throw new Error('boom'); } });
    const result = await testPolicy(crashing, { valid: [deployment('nginx:1'), 'a: [b'] });
    expect(result.cases[0]?.diagnostics.map((d) => d.code)).toEqual(['POLICY_ERROR']);
    expect(result.cases[1]?.mismatches[0]).toContain('YAML_SYNTAX');
  });

  it('expectPolicy throws a readable error', async () => {
    await expect(expectPolicy(noLatest, { valid: [deployment('nginx')] })).rejects.toThrow(/no-latest: 1 mismatch/);
    await expect(expectPolicy(noLatest, { valid: [deployment('nginx:2')] })).resolves.toMatchObject({ ok: true });
  });

  it('passes previous YAML as the baseline', async () => {
    const changed = definePolicy({
      id: 'image-changed',
      title: 't',
      severity: 'signoff',
      check(resource, ctx) {
        const path = ['spec', 'template', 'spec', 'containers', 0, 'image'];
        if (ctx.previous && ctx.changed(path)) ctx.report({ message: 'changed', path, from: ctx.get(path, ctx.previous), to: ctx.get(path) });
      },
    });
    await expectPolicy(changed, {
      previous: deployment('nginx:1'),
      valid: [deployment('nginx:1')],
      invalid: [{ yaml: deployment('nginx:2'), findings: [{ severity: 'signoff', line: 10, from: 'nginx:1', to: 'nginx:2' }] }],
    });
    const wrong = await testPolicy(changed, {
      previous: deployment('nginx:1'),
      invalid: [{ yaml: deployment('nginx:2'), findings: [{ from: 'nginx:0', to: 'nginx:2' }] }],
    });
    expect(wrong.ok).toBe(false);
  });
});
