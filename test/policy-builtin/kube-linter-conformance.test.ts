import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resourceId, resourceKey } from '../../src/core/manifest.js';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { builtinPolicies } from '../../src/policy/builtin/index.js';
import { runPolicies } from '../../src/policy/policy-runner.js';
import { asBuiltin } from '../../src/policy/select-policies.js';

// kube-linter's own e2e manifests and the verdicts its bats tests expect (see the fixture's README).
const dir = new URL('../fixtures/kube-linter-e2e/', import.meta.url);

interface Expectation {
  kubeLinterCheck: string;
  file: string;
  policy: string;
  batsReports: number | null;
  objects: { kind: string; name: string; flagged: boolean }[];
}

const expectations = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Expectation[];

interface Verdict {
  check: string;
  object: string;
  expected: boolean;
  actual: boolean;
}

/** Runs the mapped built-in over the whole file (cross-resource checks see every object) and returns one verdict per object. */
async function verdicts(e: Expectation): Promise<Verdict[]> {
  const policy = builtinPolicies.find((p) => p.id === e.policy);
  if (policy === undefined) throw new Error(`no built-in ${e.policy}`);
  const parsed = manifestsFromYaml(e.file, readFileSync(new URL(e.file, dir), 'utf8'));
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(parsed.manifests.map((m) => `${String(m.object['kind'])}/${String((m.object['metadata'] as { name: string }).name)}`)).toEqual(
    e.objects.map((o) => `${o.kind}/${o.name}`),
  );
  const { findings, diagnostics } = await runPolicies({ manifests: parsed.manifests }, [asBuiltin(policy)]);
  expect(diagnostics).toEqual([]);
  const reported = new Set(findings.map((f) => resourceKey(f.resource)));
  return parsed.manifests.map((m, i) => ({
    check: e.kubeLinterCheck,
    object: `${e.file}#${i} ${(e.objects[i] as { kind: string }).kind}/${(e.objects[i] as { name: string }).name}`,
    expected: (e.objects[i] as { flagged: boolean }).flagged,
    actual: reported.has(resourceKey(resourceId(m.object))),
  }));
}

describe("kube-linter's e2e expectations for the mapped checks", () => {
  it('every mapped built-in exists and every object identity is unique within its file', () => {
    const ids = new Set(builtinPolicies.map((p) => p.id));
    for (const e of expectations) {
      expect(ids.has(e.policy), e.policy).toBe(true);
      expect(new Set(e.objects.map((o) => `${o.kind}/${o.name}`)).size).toBe(e.objects.length);
    }
  });

  it('the built-ins agree with kube-linter on at least 95% of the objects (all of them today)', async () => {
    const all = (await Promise.all(expectations.map(verdicts))).flat();
    const disagreements = all.filter((v) => v.expected !== v.actual);
    const agreement = (all.length - disagreements.length) / all.length;
    console.info(`kube-linter e2e agreement: ${all.length - disagreements.length}/${all.length} objects (${(agreement * 100).toFixed(1)}%)`);
    expect(agreement).toBeGreaterThanOrEqual(0.95);
    // Every difference from kube-linter is deliberate and documented in docs/builtin-policies.md;
    // none remains on its own test vectors.
    expect(disagreements.map((d) => `${d.check}: ${d.object} expected ${d.expected ? 'reported' : 'passing'}`)).toEqual([]);
  });

  it.each(expectations.map((e) => [e.kubeLinterCheck, e] as const))('%s: the objects kube-linter reports, and only those', async (_check, e) => {
    const v = await verdicts(e);
    expect(v.filter((x) => x.actual).map((x) => x.object)).toEqual(v.filter((x) => x.expected).map((x) => x.object));
  });
});
