import { describe, expect, it } from 'vitest';
import { asBuiltin, definePolicy, selectPolicies, type LoadedPolicy } from '../../src/policy/index.js';

const policy = (id: string, builtin: boolean): LoadedPolicy => {
  const p = definePolicy({ id, title: id, severity: 'error', check() {} });
  return builtin ? asBuiltin(p) : { ...p, file: `policies/${id}.ts`, builtin: false };
};

describe('selectPolicies', () => {
  it('lets a project policy replace the built-in of the same id and honours disable', () => {
    const chosen = selectPolicies(
      [policy('no-latest-tag', true), policy('lb-ip-change', true), policy('privileged', true)],
      [policy('no-latest-tag', false), policy('custom', false)],
      { disable: ['privileged'] },
    );
    expect(chosen.map((p) => [p.id, p.builtin, p.file])).toEqual([
      ['custom', false, 'policies/custom.ts'],
      ['lb-ip-change', true, 'builtin:lb-ip-change'],
      ['no-latest-tag', false, 'policies/no-latest-tag.ts'],
    ]);
  });
});
