import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/engine/api.js';
import type { RunResult } from '../../src/engine/check-manifests.js';
import { loadProject } from '../../src/engine/project.js';
import { formatReport, type FormatOptions, type ReportFormat } from '../../src/report/index.js';
import { fixturesDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';

/** A project whose check has every kind of report entry: the goldens are its real report. */
const FIXTURE = path.join(fixturesDir, 'report-project');
const NOW = new Date('2026-01-15T12:00:00Z');
/**
 * Checked in a copy at the top of a git repository of its own with a CODEOWNERS, so that who
 * must sign (report.approvers) does not depend on the repository the suite runs in, if any.
 */
let PROJECT: string;
let BASELINE: string;
let removeCopy = (): void => {};
afterAll(() => removeCopy());

const GOLDENS: readonly [ReportFormat, string, Partial<FormatOptions>][] = [
  ['text', 'report-text/expected.txt', {}],
  ['text', 'report-text/expected-color.txt', { color: true }],
  ['text', 'report-text/expected-quiet.txt', { quiet: true }],
  ['json', 'report-json/expected.json', {}],
  ['sarif', 'report-sarif/expected.sarif.json', {}],
  ['junit', 'report-junit/expected.xml', {}],
  ['github', 'report-github/expected.txt', {}],
  ['markdown', 'report-markdown/expected.md', {}],
  ['html', 'report-html/expected.html', {}],
];

let result: RunResult;
let options: FormatOptions;

beforeAll(async () => {
  const repo = tempDir('copperplate-golden-');
  PROJECT = repo.dir;
  removeCopy = repo.remove;
  BASELINE = path.join(PROJECT, 'baseline');
  fs.cpSync(FIXTURE, PROJECT, { recursive: true });
  execFileSync('git', ['init', '-q', PROJECT]);
  fs.mkdirSync(path.join(PROJECT, '.github'));
  fs.writeFileSync(path.join(PROJECT, '.github/CODEOWNERS'), '* @acme/developers\n/approvals.yaml @acme/ops\n');
  const project = await loadProject({ root: PROJECT });
  result = await check(project, { baseline: { dir: BASELINE }, now: () => NOW });
  options = { color: false, rules: result.rules, toolVersion: '0.1.0', readSource: (file) => project.fs.readFile(path.join(PROJECT, file)) };
});

describe('report goldens (the real check of test/fixtures/report-project)', () => {
  it('the run has every kind of entry', () => {
    const { report } = result;
    expect(report.exitCode).toBe(1);
    expect(new Set(report.findings.map((f) => (f.approved ? 'approved' : f.severity)))).toEqual(new Set(['error', 'warning', 'signoff', 'approved']));
    expect(report.diagnostics.map((d) => d.code)).toEqual(['APPROVAL_UNUSED', 'VALUE_UNUSED']);
  });

  it.each(GOLDENS)('%s → %s', async (format, golden, extra) => {
    const out = formatReport(result.report, format, { ...options, ...extra });
    await expect(out).toMatchFileSnapshot(path.join(fixturesDir, golden));
  });

  it.each(GOLDENS)('%s (%s) has no trailing whitespace and ends in one newline', (format, _golden, extra) => {
    const out = formatReport(result.report, format, { ...options, ...extra });
    expect(out).toMatch(/[^\n]\n$/);
    expect(out.split('\n').filter((l) => /[ \t]$/.test(l))).toEqual([]);
  });

  it('the CLI prints the same report: `check --format json` equals the library report, in order', async () => {
    const cli = await runCli(['check', '--baseline-dir', BASELINE, '--format', 'json'], PROJECT);
    expect(cli.code).toBe(result.report.exitCode);
    const printed = JSON.parse(cli.stdout) as { findings: unknown[]; diagnostics: unknown[] };
    // the same objects, key order included
    expect(JSON.stringify(printed.findings)).toBe(JSON.stringify(result.report.findings));
    expect(JSON.stringify(printed.diagnostics)).toBe(JSON.stringify(result.report.diagnostics));
    expect(cli.stdout).toBe(formatReport(result.report, 'json', { color: false }));
  });

  it('does not mutate the report', () => {
    const before = JSON.stringify(result.report);
    for (const [format, , extra] of GOLDENS) formatReport(result.report, format, { ...options, ...extra });
    expect(JSON.stringify(result.report)).toBe(before);
  });

  it('the golden project is not touched by the run', () => {
    expect(fs.readdirSync(PROJECT).sort()).toEqual(['.git', '.github', 'approvals.yaml', 'baseline', 'copperplate.yaml', 'formations', 'stencils']);
  });
});
