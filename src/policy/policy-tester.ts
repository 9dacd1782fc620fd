import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding, FindingSeverity } from '../core/finding.js';
import type { Manifest } from '../core/manifest.js';
import { manifestsFromYaml } from '../core/yaml-document.js';
import type { FormationInfo, Policy } from './define-policy.js';
import { canonicalJson } from './json-value.js';
import type { LoadedPolicy } from './loaded-policy.js';
import { runPolicies } from './policy-runner.js';

/**
 * What an expected finding must have; every field given must match, the rest are ignored. It
 * must name the finding by at least one of path, line, message, code, fingerprint, from or to:
 * `{}` (or a severity alone) would match whatever the policy reports.
 */
export interface ExpectedFinding {
  /** Formatted path, exactly: `spec.template.spec.containers[0].image`. */
  path?: string;
  line?: number;
  column?: number;
  /** A substring of the message. */
  message?: string;
  severity?: FindingSeverity;
  code?: string;
  fingerprint?: string;
  /** The reported previous value, compared as JSON (give the key to check it, even as undefined). */
  from?: unknown;
  /** The reported new value, compared as JSON. */
  to?: unknown;
}

export interface ValidCase {
  name?: string;
  yaml: string;
  /** Baseline for this case (overrides the suite's `previous`). */
  previous?: string;
  formation?: FormationInfo;
}

export interface InvalidCase extends ValidCase {
  /** Exactly these findings, in any order. */
  findings: readonly ExpectedFinding[];
}

export interface PolicyTestSuite {
  /** YAML texts (one or more documents each) on which the policy must report nothing. */
  valid?: readonly (string | ValidCase)[];
  invalid?: readonly InvalidCase[];
  /** Baseline YAML for every case; without it `ctx.previous` is undefined. */
  previous?: string;
  formation?: FormationInfo;
  timeoutMs?: number;
}

export interface PolicyCaseResult {
  /** `valid[0]`, `invalid[2]`, or the case's name. */
  name: string;
  ok: boolean;
  findings: Finding[];
  diagnostics: Diagnostic[];
  mismatches: string[];
}

export interface PolicyTestResult {
  ok: boolean;
  cases: PolicyCaseResult[];
  /** Every mismatch, prefixed with its case name. */
  mismatches: string[];
  /** A readable report of the mismatches (empty when ok). */
  summary: string;
}

/**
 * Runs a policy over valid and invalid YAML cases and compares what it reports with what is
 * expected. Positions are those of the YAML text of each case (line 1 is its first line).
 */
export async function testPolicy<R>(policy: Policy<R> | LoadedPolicy, suite: PolicyTestSuite): Promise<PolicyTestResult> {
  // a policy loaded from a file (loadPolicies) runs where it was loaded: in the policy worker
  const loaded = 'isolated' in policy ? policy : ({ ...(policy as unknown as Policy), file: `<test:${policy.id}>`, builtin: false } as LoadedPolicy);
  const cases: PolicyCaseResult[] = [];
  const valid = suite.valid ?? [];
  for (let i = 0; i < valid.length; i++) {
    const c = valid[i] as string | ValidCase;
    const vc: ValidCase = typeof c === 'string' ? { yaml: c } : c;
    cases.push(await runCase(loaded, suite, vc, vc.name ?? `valid[${i}]`, []));
  }
  const invalid = suite.invalid ?? [];
  for (let i = 0; i < invalid.length; i++) {
    const c = invalid[i] as InvalidCase;
    cases.push(await runCase(loaded, suite, c, c.name ?? `invalid[${i}]`, c.findings));
  }
  const mismatches = cases.flatMap((c) => c.mismatches.map((m) => `${c.name}: ${m}`));
  const summary =
    mismatches.length === 0 ? '' : `policy ${policy.id}: ${mismatches.length} mismatch(es)\n${mismatches.map((m) => `  - ${m}`).join('\n')}`;
  return { ok: mismatches.length === 0, cases, mismatches, summary };
}

/** Like `testPolicy`, but throws an Error listing every mismatch; use in any test runner. */
export async function expectPolicy<R>(policy: Policy<R> | LoadedPolicy, suite: PolicyTestSuite): Promise<PolicyTestResult> {
  const result = await testPolicy(policy, suite);
  if (!result.ok) throw new Error(result.summary);
  return result;
}

async function runCase(
  policy: LoadedPolicy,
  suite: PolicyTestSuite,
  c: ValidCase,
  name: string,
  expected: readonly ExpectedFinding[],
): Promise<PolicyCaseResult> {
  const mismatches: string[] = [];
  const file = `${name}.yaml`;
  const current = parse(file, c.yaml, mismatches, 'yaml');
  const previousText = c.previous ?? suite.previous;
  const formation = c.formation ?? suite.formation;
  const input: { manifests: Manifest[]; baseline?: Manifest[]; formation?: FormationInfo } = { manifests: current };
  if (previousText !== undefined) input.baseline = parse(`${name}.previous.yaml`, previousText, mismatches, 'previous');
  if (formation !== undefined) input.formation = formation;
  const options = suite.timeoutMs === undefined ? {} : { timeoutMs: suite.timeoutMs };
  const { findings, diagnostics } = await runPolicies(input, [policy], options);
  for (const d of diagnostics) mismatches.push(`policy failed: ${d.code} ${d.message}`);

  const unmatched = [...findings];
  for (const want of expected) {
    if (!identifies(want)) {
      mismatches.push(`expected finding ${describeExpected(want)} names no path, line, message, code, fingerprint, from or to: it would match any finding`);
      continue;
    }
    const at = unmatched.findIndex((f) => findingMatches(f, want));
    if (at === -1) mismatches.push(`expected finding ${describeExpected(want)} was not reported`);
    else unmatched.splice(at, 1);
  }
  for (const f of unmatched) mismatches.push(`unexpected finding ${describeFinding(f)}`);
  if (mismatches.length > 0 && findings.length > 0 && expected.length > 0) {
    mismatches.push(`reported: ${findings.map(describeFinding).join('; ')}`);
  }
  return { name, ok: mismatches.length === 0, findings, diagnostics, mismatches };
}

function parse(file: string, text: string, mismatches: string[], what: string): Manifest[] {
  const { manifests, diagnostics } = manifestsFromYaml(file, text);
  for (const d of diagnostics) {
    if (d.severity === 'error') mismatches.push(`${what} does not parse: ${d.code} at ${d.line ?? '?'}:${d.column ?? '?'} ${d.message}`);
  }
  return manifests;
}

function identifies(want: ExpectedFinding): boolean {
  return (
    want.path !== undefined ||
    want.line !== undefined ||
    (want.message !== undefined && want.message !== '') ||
    want.code !== undefined ||
    want.fingerprint !== undefined ||
    'from' in want ||
    'to' in want
  );
}

function findingMatches(f: Finding, want: ExpectedFinding): boolean {
  return (
    (want.path === undefined || f.path === want.path) &&
    (want.line === undefined || f.line === want.line) &&
    (want.column === undefined || f.column === want.column) &&
    (want.message === undefined || f.message.includes(want.message)) &&
    (want.severity === undefined || f.severity === want.severity) &&
    (want.code === undefined || f.code === want.code) &&
    (want.fingerprint === undefined || f.fingerprint === want.fingerprint) &&
    (!('from' in want) || canonicalJson(f.from) === canonicalJson(want.from)) &&
    (!('to' in want) || canonicalJson(f.to) === canonicalJson(want.to))
  );
}

function describeExpected(want: ExpectedFinding): string {
  const shown: Record<string, unknown> = { ...want };
  for (const key of ['from', 'to'] as const) if (key in want && want[key] === undefined) shown[key] = '(undefined)';
  return JSON.stringify(shown);
}

function describeFinding(f: Finding): string {
  const parts = [`path=${f.path === '' ? '(resource)' : f.path}`, `at ${f.line ?? '?'}:${f.column ?? '?'}`, `severity=${f.severity}`];
  if (f.code !== undefined) parts.push(`code=${f.code}`);
  return `{ ${parts.join(', ')}, message=${JSON.stringify(f.message)} }`;
}
