import { expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { REPORT_FORMATS, formatReport, type ReportFormat } from '../../src/report/index.js';

const report = buildReport({ toolVersion: '0.1.0', formations: 0, resources: 0, diagnostics: [], findings: [] });

it('formats a report in every format it names, each ending in a newline', () => {
  for (const format of REPORT_FORMATS) expect(formatReport(report, format, { color: false }).endsWith('\n'), format).toBe(true);
});

it.each(['yaml', 'toString', '__proto__', 'constructor'])('%s is no format: FORMAT_UNKNOWN', (name) => {
  expect(() => formatReport(report, name as ReportFormat, { color: false })).toThrow(expect.objectContaining({ code: 'FORMAT_UNKNOWN' }));
});
