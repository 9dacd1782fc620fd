import { describe, expect, it } from 'vitest';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import { testPolicy, type InvalidCase, type ValidCase } from '../../src/testing-entry.js';
import type { BuiltinCase } from './cases/case.js';
import { builtinCases } from './cases/index.js';

function validCase(c: BuiltinCase): ValidCase {
  const out: ValidCase = { name: c.name, yaml: c.yaml };
  if (c.previous !== undefined) out.previous = c.previous;
  if (c.formation !== undefined) out.formation = c.formation;
  return out;
}

function invalidCase(c: BuiltinCase): InvalidCase {
  return { ...validCase(c), findings: (c.findings ?? []).map(({ path, line, column }) => ({ path, line, column })) };
}

describe.each(builtinPolicies.map((p) => [p.id, p] as const))('built-in %s', (id, policy) => {
  const cases = builtinCases.get(id);

  it('has valid and invalid cases', () => {
    expect(cases?.valid.length ?? 0).toBeGreaterThan(0);
    expect(cases?.invalid.length ?? 0).toBeGreaterThan(0);
  });

  it('reports exactly the expected paths at the expected line:column', async () => {
    const suite = cases ?? { valid: [], invalid: [] };
    const result = await testPolicy(policy, { valid: suite.valid.map(validCase), invalid: suite.invalid.map(invalidCase) });
    expect(result.mismatches).toEqual([]);
    for (const f of result.cases.flatMap((c) => c.findings)) expect(f.severity).toBe(policy.severity);
  });

  const changeCases = (cases?.invalid ?? []).filter((c) => c.findings?.some((f) => 'from' in f || 'to' in f));
  if (changeCases.length > 0) {
    it.each(changeCases.map((c) => [c.name, c] as const))('reports from and to: %s', async (_name, c) => {
      const result = await testPolicy(policy, { invalid: [invalidCase(c)] });
      const reported = (result.cases[0]?.findings ?? []).map((f) => ({ path: f.path, from: f.from, to: f.to }));
      const expected = (c.findings ?? []).map((f) => ({ path: f.path, from: f.from, to: f.to }));
      const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
      expect(reported.sort(byPath)).toEqual(expected.sort(byPath));
    });
  }
});
