import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/core/diagnostic.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { SourceText } from '../../src/core/source-text.js';
import { codeFrame } from '../../src/report/code-frame.js';
import type { FrameSpan } from '../../src/report/code-frame.js';
import { formatDiagnosticText, formatReport } from '../../src/report/index.js';
import { summaryLine } from '../../src/report/summary-line.js';
import { OPTIONS, representativeReport } from './representative-report.js';

const plain = (t: string): string => t;
const style = { indent: '', gutter: plain, marker: plain };

describe('code frame', () => {
  const src = new SourceText('x.yaml', 'a: 1\n\tb: ${v}   \n\nlast: x');
  it.each<[string, FrameSpan, string[] | undefined]>([
    ['caret under the column', { line: 1, column: 4 }, ['1 | a: 1', '  |    ^']],
    ['tabs kept so the caret lines up', { line: 2, column: 5 }, ['2 | \tb: ${v}', '  | \t   ^']],
    ['same-line range', { line: 2, column: 5, endLine: 2, endColumn: 9 }, ['2 | \tb: ${v}', '  | \t   ^^^^']],
    ['range to a later line runs to the end of the line', { line: 1, column: 1, endLine: 2, endColumn: 2 }, ['1 | a: 1', '  | ^^^^']],
    ['no column: the line alone', { line: 4 }, ['4 | last: x']],
    ['empty line has no trailing space', { line: 3, column: 1 }, ['3 |', '  | ^']],
    ['line past the end', { line: 9, column: 1 }, undefined],
    ['line 0', { line: 0, column: 1 }, undefined],
  ])('%s', (_name, span, expected) => {
    expect(codeFrame(src, span, style)).toEqual(expected);
  });

  it('handles CRLF sources', () => {
    expect(codeFrame(new SourceText('y', 'a: 1\r\nb: 2\r\n'), { line: 2, column: 4 }, style)).toEqual(['2 | b: 2', '  |    ^']);
  });
});

describe('text report', () => {
  it('starts each item with file:line:column  severity  code/policy  message', () => {
    const lines = formatReport(representativeReport(), 'text', OPTIONS).split('\n');
    expect(lines).toContain('stencils/web.yaml:35:19  signoff  lb-ip-change  loadBalancerIP changes from 203.0.113.10 to 203.0.113.20');
    expect(lines).toContain('stencils/worker.yaml:12:11  error  schema/SCHEMA_UNKNOWN_FIELD  unknown field imagePullPolcy (did you mean imagePullPolicy?)');
    expect(lines).toContain('approvals.yaml:7:3  warning  APPROVAL_UNUSED  approval for no-latest-tag on staging/Deployment/shop/old matched nothing');
  });

  it('shows the value source with its own frame, the fingerprint and the approve command', () => {
    const out = formatReport(representativeReport(), 'text', OPTIONS);
    expect(out).toContain('  value from formations/production-aws.yaml:9:9\n  9 |   lbIp: 203.0.113.20\n    |         ^\n');
    expect(out).toContain('  fingerprint 3f9c2a1b7d4e\n  to approve: copperplate approve 3f9c2a1b7d4e --by <you> --reason "<why>"\n');
  });

  it('lists approved findings briefly and ends with the summary line', () => {
    const out = formatReport(representativeReport(), 'text', OPTIONS);
    expect(out).toContain('approved (2):\n');
    expect(out.endsWith('\n4 errors, 4 warnings, 1 sign-off required, 2 approved in 3 formations (42 resources): blocking\n')).toBe(true);
  });

  it('quiet keeps only errors, blocking findings and the summary', () => {
    const out = formatReport(representativeReport(), 'text', { ...OPTIONS, quiet: true });
    expect(out).not.toMatch(/ warning | info |approved \(/);
    expect(out).toContain('signoff  lb-ip-change');
  });

  it('uses colour only when asked', () => {
    expect(formatReport(representativeReport(), 'text', OPTIONS)).not.toContain('\u001b');
    expect(formatReport(representativeReport(), 'text', { ...OPTIONS, color: true })).toContain('\u001b[31m');
  });

  it('prints frames only when the source is readable, and survives a throwing reader', () => {
    const out = formatReport(representativeReport(), 'text', {
      color: false,
      readSource: () => {
        throw new Error('EACCES');
      },
    });
    expect(out).not.toContain(' | ');
  });

  it.each([
    [{ errors: 1, warnings: 1, signoffsRequired: 1, approved: 0, formations: 1, resources: 1, blocking: true }, '1 error, 1 warning, 1 sign-off required, 0 approved in 1 formation (1 resource): blocking'],
    [{ errors: 0, warnings: 0, signoffsRequired: 0, approved: 4, formations: 3, resources: 42, blocking: false }, '0 errors, 0 warnings, 0 sign-offs required, 4 approved in 3 formations (42 resources): nothing blocking'],
  ])('summary line %#', (summary, expected) => {
    expect(summaryLine(summary)).toBe(expected);
  });
});

describe('formatDiagnosticText', () => {
  it.each<[string, Diagnostic, string]>([
    [
      'with position and frame',
      diagnostic('PLACEHOLDER_UNDEFINED', 'no value', { file: 'stencils/web.yaml', line: 20, column: 18, endLine: 20, endColumn: 26 }, { formation: 'prod' }),
      'stencils/web.yaml:20:18  error  PLACEHOLDER_UNDEFINED  no value\n  formation prod\n  20 |           image: ${image}\n     |                  ^^^^^^^^\n',
    ],
    ['file only', { code: 'CONFIG_INVALID', severity: 'error', message: 'bad', file: 'copperplate.yaml' }, 'copperplate.yaml  error  CONFIG_INVALID  bad\n'],
    ['line without column', { code: 'APPROVAL_INVALID', severity: 'warning', message: 'bad', file: 'stencils/web.yaml', line: 2 }, 'stencils/web.yaml:2  warning  APPROVAL_INVALID  bad\n  2 | kind: Deployment\n'],
    ['no position', diagnostic('USAGE', 'unknown option --x', undefined, { hint: 'see --help' }), 'error  USAGE  unknown option --x\n  hint: see --help\n'],
    ['multi-line message is indented', diagnostic('YAML_SYNTAX', 'first\nsecond  ', undefined), 'error  YAML_SYNTAX  first\n  second\n'],
  ])('%s', (_name, d, expected) => {
    expect(formatDiagnosticText(d, OPTIONS)).toBe(expected);
  });
});
