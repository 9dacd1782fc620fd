import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { resolveBuiltins } from '../../src/policy/builtin/index.js';
import type { LoadedPolicy } from '../../src/policy/loaded-policy.js';
import { runPolicies } from '../../src/policy/policy-runner.js';

const fixture = (name: string) => new URL(`../fixtures/${name}/`, import.meta.url);
const read = (dir: URL, file: string) => readFileSync(new URL(file, dir), 'utf8');

async function runPack(pack: string, dir: URL, baseline?: string) {
  const policies: LoadedPolicy[] = resolveBuiltins([pack]).policies.map((p) => ({ ...p, file: `builtin:${p.id}`, builtin: true }));
  const current = manifestsFromYaml('manifests.yaml', read(dir, 'manifests.yaml'));
  expect(current.diagnostics).toEqual([]);
  const input: Parameters<typeof runPolicies>[0] = { manifests: current.manifests };
  if (baseline !== undefined) input.baseline = manifestsFromYaml('baseline.yaml', read(dir, baseline)).manifests;
  const result = await runPolicies(input, policies, {});
  expect(result.diagnostics).toEqual([]);
  return result.findings;
}

describe('built-in packs over whole manifests', () => {
  it.each(['recommended', 'strict'])('%s reports nothing on a hardened application', async (pack) => {
    const findings = await runPack(pack, fixture('builtin-clean'));
    expect(findings.map((f) => `${f.policy} ${f.path} ${f.line}:${f.column}`)).toEqual([]);
  });

  it('strict reports every problem of an insecure application at its line:column', async () => {
    const dir = fixture('builtin-insecure');
    const findings = await runPack('strict', dir, 'baseline.yaml');
    const report = findings
      .map((f) => ({ policy: f.policy, severity: f.severity, resource: `${f.resource.kind}/${f.resource.name}`, path: f.path, line: f.line, column: f.column }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.policy.localeCompare(b.policy));
    await expect(stringify(report)).toMatchFileSnapshot(new URL('expected.yaml', dir).pathname);
  });
});
