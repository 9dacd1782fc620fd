import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import type { ReportFormat } from '../../src/report/index.js';
import { FIXTURES, OPTIONS, representativeReport } from './representative-report.js';

const GOLDENS: readonly [ReportFormat, string, Partial<typeof OPTIONS>][] = [
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

describe('report goldens (representative report)', () => {
  it.each(GOLDENS)('%s → %s', async (format, golden, extra) => {
    const out = formatReport(representativeReport(), format, { ...OPTIONS, ...extra });
    await expect(out).toMatchFileSnapshot(FIXTURES + golden);
  });

  it.each(GOLDENS)('%s (%s) is deterministic whatever the input order', (format, _golden, extra) => {
    const report = representativeReport();
    const shuffled = { ...report, diagnostics: [...report.diagnostics].reverse(), findings: [...report.findings].reverse() };
    const options = { ...OPTIONS, ...extra };
    expect(formatReport(shuffled, format, options)).toBe(formatReport(report, format, options));
  });

  it.each(GOLDENS)('%s (%s) has no trailing whitespace and ends in one newline', (format, _golden, extra) => {
    const out = formatReport(representativeReport(), format, { ...OPTIONS, ...extra });
    expect(out).toMatch(/[^\n]\n$/);
    expect(out.split('\n').filter((l) => /[ \t]$/.test(l))).toEqual([]);
  });

  it('does not mutate the report', () => {
    const report = representativeReport();
    const before = JSON.stringify(report);
    for (const [format, , extra] of GOLDENS) formatReport(report, format, { ...OPTIONS, ...extra });
    expect(JSON.stringify(report)).toBe(before);
  });
});
