import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import type { Report } from '../../src/core/report.js';
import { escapeGithubData, escapeGithubProperty, workflowCommand } from '../../src/report/github-report.js';
import { formatReport } from '../../src/report/index.js';
import { OPTIONS, representativeReport } from './representative-report.js';

describe('github workflow commands', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b', 'a:b', 'a%3Ab'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['%0A literal', '%250A literal', '%250A literal'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
    ['••••••', '••••••', '••••••'],
  ])('%j → data %j, property %j', (input, data, property) => {
    expect(escapeGithubData(input)).toBe(data);
    expect(escapeGithubProperty(input)).toBe(property);
  });

  it.each([
    ['error', { file: 'a,b.yaml', line: 3, column: 5, title: 'x: y' }, 'm', '::error file=a%2Cb.yaml,line=3,col=5,title=x%3A y::m'],
    ['warning', { file: 'a.yaml', title: 't' }, 'm', '::warning file=a.yaml,title=t::m'],
    ['notice', { title: 't' }, 'two\nlines', '::notice title=t::two%0Alines'],
    ['error', { file: 'a.yaml', line: 3, column: 5, endLine: 3, endColumn: 9, title: 't' }, 'm', '::error file=a.yaml,line=3,endLine=3,col=5,endColumn=9,title=t::m'],
  ] as const)('%s %j', (command, at, message, expected) => {
    expect(workflowCommand(command, at, message)).toBe(expected);
  });

  it('annotates every diagnostic and unapproved finding on one line each, then the summary', () => {
    const report = representativeReport();
    const lines = formatReport(report, 'github', OPTIONS).trimEnd().split('\n');
    const unapproved = report.findings.filter((f) => f.approved !== true).length;
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(report.diagnostics.length + unapproved);
    expect(lines.at(-1)).toBe('copperplate: 4 errors, 4 warnings, 1 sign-off required, 2 approved in 3 formations (42 resources): blocking');
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=stencils\/web\.yaml,line=35,col=19,title=lb-ip-change%3A sign-off required::/));
    expect(lines.filter((l) => l.startsWith('::notice'))).toHaveLength(2);
  });

  it('prints only the summary for a clean run', () => {
    const report: Report = buildReport({ toolVersion: '1', formations: 1, resources: 2, diagnostics: [], findings: [] });
    expect(formatReport(report, 'github', OPTIONS)).toBe('copperplate: 0 errors, 0 warnings, 0 sign-offs required, 0 approved in 1 formation (2 resources): nothing blocking\n');
  });
});
