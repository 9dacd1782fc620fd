import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinPacks, builtinPolicies, resolveBuiltins } from '../../src/policy/builtin/index.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEVERITIES = ['error', 'warning', 'info', 'signoff'];
const docs = readFileSync(new URL('../../docs/builtin-policies.md', import.meta.url), 'utf8');

/** Rows of the docs table: id → { pack, severity }. */
function documentedRows(): Map<string, { pack: string; severity: string; cells: string[] }> {
  const rows = new Map<string, { pack: string; severity: string; cells: string[] }>();
  for (const line of docs.split('\n')) {
    // the id cell: `id`, with its anchor (<a id="id"></a>`id`) or as a link to its section ([`id`](#id))
    const m = /^\| (?:<a id="[a-z0-9-]+"><\/a>`([a-z0-9-]+)`|\[`([a-z0-9-]+)`\]\(#[a-z0-9-]+\)|`([a-z0-9-]+)`) \|(.*)\|$/.exec(line);
    if (!m) continue;
    const cells = (m[4] as string).split(' | ').map((c) => c.trim());
    rows.set((m[1] ?? m[2] ?? m[3]) as string, { pack: cells[0] ?? '', severity: cells[1] ?? '', cells });
  }
  return rows;
}

describe('built-in policy catalog', () => {
  it('has at least 20 checks with unique kebab-case ids', () => {
    const ids = builtinPolicies.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
  });

  it.each(builtinPolicies.map((p) => [p.id, p] as const))('%s is fully described', (_id, p) => {
    expect(p.title.trim()).not.toBe('');
    expect(SEVERITIES).toContain(p.severity);
    expect(p.remediation?.trim() ?? '').not.toBe('');
    expect(p.description?.trim() ?? '').not.toBe('');
    expect(typeof p.check).toBe('function');
  });

  it('includes the headline rules with their contract severities', () => {
    const byId = new Map(builtinPolicies.map((p) => [p.id, p]));
    expect(byId.get('no-latest-tag')?.severity).toBe('error');
    expect(byId.get('lb-ip-change')?.severity).toBe('signoff');
    expect(byId.get('lb-ip-change')?.match?.kinds).toEqual(['Service']);
  });

  it('documents every built-in, in its pack and severity, with three tool columns', () => {
    const rows = documentedRows();
    expect([...rows.keys()].sort()).toEqual(builtinPolicies.map((p) => p.id).sort());
    const recommended = new Set(builtinPacks.recommended);
    for (const p of builtinPolicies) {
      const row = rows.get(p.id);
      expect(row?.pack, p.id).toBe(recommended.has(p.id) ? 'recommended' : 'strict');
      expect(row?.severity, p.id).toBe(p.severity);
      expect(row?.cells.length, p.id).toBe(6);
    }
  });
});

describe('packs', () => {
  it('recommended holds the headline rules and the low-noise checks; strict adds the noisy ones', () => {
    expect(builtinPacks.recommended).toEqual(expect.arrayContaining(['no-latest-tag', 'lb-ip-change', 'privileged-container', 'host-network', 'run-as-non-root', 'memory-limits']));
    for (const noisy of ['liveness-probe', 'readiness-probe', 'read-only-root-filesystem', 'pod-anti-affinity', 'network-policy-coverage', 'pod-disruption-budget', 'cpu-limits']) {
      expect(builtinPacks.recommended).not.toContain(noisy);
      expect(builtinPacks.strict).toContain(noisy);
    }
    expect(builtinPacks.strict).toEqual(expect.arrayContaining([...builtinPacks.recommended]));
    expect(builtinPacks.strict).toHaveLength(builtinPolicies.length);
  });
});

describe('resolveBuiltins', () => {
  const ids = (names: string[]) => resolveBuiltins(names).policies.map((p) => p.id);

  it.each([
    { names: [], policies: [] as string[], unknown: [] as string[] },
    { names: ['recommended'], policies: [...builtinPacks.recommended], unknown: [] },
    { names: ['strict'], policies: [...builtinPacks.strict], unknown: [] },
    { names: ['strict', 'recommended', 'no-latest-tag'], policies: [...builtinPacks.strict], unknown: [] },
    { names: ['liveness-probe', 'no-latest-tag'], policies: ['no-latest-tag', 'liveness-probe'], unknown: [] },
    { names: ['lb-ip-change', 'nope', 'Recommended', 'nope'], policies: ['lb-ip-change'], unknown: ['nope', 'Recommended'] },
  ])('$names', ({ names, policies, unknown }) => {
    const result = resolveBuiltins(names);
    expect(result.policies.map((p) => p.id)).toEqual(policies);
    expect(result.unknown).toEqual(unknown);
  });

  it('returns the shared policy objects in catalog order, without duplicates', () => {
    expect(ids(['recommended', 'recommended'])).toEqual([...builtinPacks.recommended]);
    expect(resolveBuiltins(['no-latest-tag']).policies[0]).toBe(builtinPolicies[0]);
  });

  it('does not treat inherited object keys as pack names', () => {
    expect(resolveBuiltins(['constructor', 'toString']).unknown).toEqual(['constructor', 'toString']);
  });
});
