import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import { loadPolicies } from '../../src/policy/policy-loader.js';
import { testPolicy } from '../../src/testing-entry.js';
import type { BuiltinCase } from './cases/case.js';
import { builtinCases } from './cases/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const files = ['policies/no-latest-tag.ts', 'policies/lb-ip-change.ts'].map((f) => root + f);

const toCase = (c: BuiltinCase) => ({
  name: c.name,
  yaml: c.yaml,
  ...(c.previous === undefined ? {} : { previous: c.previous }),
  ...(c.formation === undefined ? {} : { formation: c.formation }),
});

describe("the demo's user-written policies", async () => {
  const { policies, diagnostics } = await loadPolicies(files, { projectRoot: root });

  it('load through copperplate/policy and replace the built-ins of the same id', () => {
    expect(diagnostics).toEqual([]);
    expect(policies.map((p) => p.id)).toEqual(['lb-ip-change', 'no-latest-tag']);
    for (const p of policies) {
      const builtin = builtinPolicies.find((b) => b.id === p.id);
      expect(p.severity).toBe(builtin?.severity);
      expect(p.remediation ?? '').not.toBe('');
    }
  });

  it.each(['no-latest-tag', 'lb-ip-change'])('%s passes the built-in cases', async (id) => {
    const policy = policies.find((p) => p.id === id);
    const cases = builtinCases.get(id);
    if (policy === undefined || cases === undefined) throw new Error(`missing policy or cases for ${id}`);
    const result = await testPolicy(policy, {
      valid: cases.valid.filter((c) => !c.builtinOnly).map(toCase),
      invalid: cases.invalid
        .filter((c) => !c.builtinOnly)
        .map((c) => ({ ...toCase(c), findings: (c.findings ?? []).map(({ path, line, column }) => ({ path, line, column })) })),
    });
    expect(result.mismatches).toEqual([]);
    const reported = result.cases.flatMap((c) => c.findings.map((f) => ({ path: f.path, from: f.from, to: f.to })));
    const expected = cases.invalid.flatMap((c) => (c.findings ?? []).map((f) => ({ path: f.path, from: f.from, to: f.to })));
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    if (id === 'lb-ip-change') expect(reported.sort(byPath)).toEqual(expected.sort(byPath));
  });
});
