import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { loadPolicies, runPolicies } from '../../src/policy/index.js';

const fixture = new URL('../fixtures/policy-loader', import.meta.url).pathname;
// A copy outside this package: `copperplate/policy` must resolve with no node_modules around.
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'copperplate-policies-'));
  cpSync(fixture, root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const file = (rel: string): string => join(root, 'policies', rel);

describe('loadPolicies', () => {
  it('loads TypeScript importing copperplate/policy and local modules, and .mjs arrays', async () => {
    const { policies, diagnostics } = await loadPolicies([file('pair.mjs'), file('no-latest.ts')], { projectRoot: root });
    expect(diagnostics).toEqual([]);
    expect(policies.map((p) => [p.id, p.file, p.builtin, p.severity])).toEqual([
      ['no-latest', 'policies/no-latest.ts', false, 'error'],
      ['has-labels', 'policies/pair.mjs', false, 'warning'],
      ['lb-ip', 'policies/pair.mjs', false, 'signoff'],
    ]);
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx\n';
    const { manifests } = manifestsFromYaml('pod.yaml', yaml);
    const { findings } = await runPolicies({ manifests }, policies);
    expect(findings.map((f) => [f.policy, f.path, f.line, f.column])).toEqual([
      ['has-labels', 'metadata', 4, 3],
      ['no-latest', 'spec.containers[0].image', 8, 14],
    ]);
  });

  it('needs no worker and reports nothing for no files', async () => {
    const loaded = await loadPolicies([], { projectRoot: root });
    expect({ policies: loaded.policies, diagnostics: loaded.diagnostics }).toEqual({ policies: [], diagnostics: [] });
    expect(await loaded.close()).toEqual({ output: '', truncated: false });
  });

  it.each([
    ['broken/invalid-export.ts', 'POLICY_INVALID_EXPORT', 4, 3],
    ['broken/not-a-policy.mjs', 'POLICY_INVALID_EXPORT', 1, 1],
    ['broken/syntax-error.ts', 'POLICY_LOAD_ERROR', 5, 19],
    ['broken/throws-on-load.mjs', 'POLICY_LOAD_ERROR', 2, 15],
    ['broken/missing-import.ts', 'POLICY_LOAD_ERROR', 2, 24],
    ['broken/reserved-id.mjs', 'POLICY_INVALID_EXPORT', 1, 18],
  ])('%s → %s at %i:%i', async (rel, code, line, column) => {
    const { policies, diagnostics } = await loadPolicies([file(rel)], { projectRoot: root });
    expect(policies).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([[code, 'error', `policies/${rel}`, line, column]]);
  });

  it('rejects a second policy with an id already loaded, keeping the rest', async () => {
    const { policies, diagnostics } = await loadPolicies([file('no-latest.ts'), file('broken/duplicate.ts')], { projectRoot: root });
    expect(policies.map((p) => p.id)).toEqual(['unique-one', 'no-latest']);
    // Files load in path order, so the duplicate is the one in policies/no-latest.ts.
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['POLICY_DUPLICATE_ID', 'policies/no-latest.ts', 10, 3]]);
  });

  it('places a crash of a loaded policy at its line in the policy file, naming the resource', async () => {
    const { policies } = await loadPolicies([file('crashing.ts')], { projectRoot: root });
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n';
    const { diagnostics } = await runPolicies({ manifests: manifestsFromYaml('stencils/svc.yaml', yaml).manifests }, policies);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['POLICY_ERROR', 'policies/crashing.ts', 13]]);
    expect(diagnostics[0]?.message).toContain('crashing');
    expect(diagnostics[0]?.message).toContain('Service/shop/web');
    expect(diagnostics[0]?.hint).toContain('stencils/svc.yaml:1');
  });
});
