import { resourceLabel } from '../core/manifest.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { palette } from './ansi.js';
import { printable } from './printable.js';
import type { Paint, Palette } from './ansi.js';
import { codeFrame } from './code-frame.js';
import { condenseFindings } from './condense-findings.js';
import type { FrameSpan } from './code-frame.js';
import type { FormatOptions } from './format-options.js';
import { approveCommand, locationLabel, ruleLabel } from './labels.js';
import { sourceLookup } from './source-cache.js';
import type { SourceLookup } from './source-cache.js';
import { summaryLine } from './summary-line.js';

const INDENT = '  ';

function severityPaint(p: Palette, severity: string): Paint {
  switch (severity) {
    case 'error':
      return (t) => p.bold(p.red(t));
    case 'warning':
      return p.yellow;
    case 'signoff':
      return (t) => p.bold(p.magenta(t));
    default:
      return p.cyan;
  }
}

function headLine(p: Palette, loc: string | undefined, severity: string, rule: string, message: string): string[] {
  const [first = '', ...rest] = message.split(/\r?\n/).map(printable);
  const parts = [severityPaint(p, severity)(severity), p.bold(printable(rule)), first];
  if (loc !== undefined) parts.unshift(p.bold(printable(loc)));
  return [parts.join('  '), ...rest.map((l) => INDENT + l)];
}

function frameLines(p: Palette, sources: SourceLookup, file: string | undefined, span: FrameSpan, marker: Paint): string[] {
  if (file === undefined) return [];
  const source = sources(file);
  if (source === undefined) return [];
  return codeFrame(source, span, { indent: INDENT, gutter: p.dim, marker }) ?? [];
}

function diagnosticBlock(d: Diagnostic, p: Palette, sources: SourceLookup): string[] {
  const lines = headLine(p, locationLabel(d), d.severity, d.code, d.message);
  if (d.formation !== undefined) lines.push(`${INDENT}${p.dim('formation')} ${printable(d.formation)}`);
  if (d.line !== undefined) {
    lines.push(...frameLines(p, sources, d.file, { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn }, severityPaint(p, d.severity)));
  }
  if (d.hint !== undefined) lines.push(`${INDENT}${p.dim('hint:')} ${printable(d.hint)}`);
  return lines;
}

function subject(f: Finding): string {
  const parts = [resourceLabel(f.resource)];
  if (f.formation !== undefined) parts.unshift(f.formation);
  if (f.path !== '') parts.push(f.path);
  return printable(parts.join('  '));
}

function findingBlock(f: Finding, p: Palette, sources: SourceLookup): string[] {
  const marker = severityPaint(p, f.severity);
  const lines = headLine(p, locationLabel(f), f.severity, ruleLabel(f), f.message);
  lines.push(`${INDENT}${p.dim('at')} ${subject(f)}`);
  if (f.line !== undefined) lines.push(...frameLines(p, sources, f.file, { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }, marker));
  const vs = f.valueSource;
  if (vs !== undefined) {
    lines.push(`${INDENT}${p.dim('value from')} ${printable(locationLabel(vs) ?? vs.file)}`);
    lines.push(...frameLines(p, sources, vs.file, vs, marker));
  }
  if (f.fingerprint !== undefined) {
    lines.push(`${INDENT}${p.dim('fingerprint')} ${p.bold(f.fingerprint)}`);
    if (f.severity === 'signoff') lines.push(`${INDENT}${p.dim('to approve:')} ${approveCommand(f.fingerprint)}`);
  }
  if (f.remediation !== undefined) lines.push(`${INDENT}${p.dim('remediation:')} ${printable(f.remediation)}`);
  return lines;
}

function approvedLine(f: Finding, p: Palette): string {
  const parts = [printable(ruleLabel(f)), subject(f)];
  if (f.fingerprint !== undefined) parts.push(f.fingerprint);
  let who = f.approvedBy === undefined ? 'approved' : `approved by ${f.approvedBy}`;
  if (f.approvalReason !== undefined) who += `: ${f.approvalReason.replace(/\s*\r?\n\s*/g, ' ')}`;
  parts.push(p.dim(printable(who)));
  return INDENT + parts.join('  ');
}

function summaryPaint(p: Palette, report: Report): Paint {
  const s = report.summary;
  if (s.blocking) return (t) => p.bold(p.red(t));
  if (s.warnings > 0) return p.yellow;
  return p.green;
}

/** Compiler-style lines never end in whitespace, whatever the messages carried. */
function finish(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/[ \t]+$/, '')).join('\n') + '\n';
}

export function formatText(report: Report, options: FormatOptions): string {
  const p = palette(options.color);
  const sources = sourceLookup(options);
  const quiet = options.quiet === true;
  const diagnostics = report.diagnostics;
  const findings = options.condense === true ? condenseFindings(report.findings) : report.findings;
  const blocks: string[][] = [];
  for (const d of diagnostics) {
    if (quiet && d.blocking !== true) continue;
    blocks.push(diagnosticBlock(d, p, sources));
  }
  for (const f of findings) {
    if (f.approved === true || (quiet && f.blocking !== true)) continue;
    blocks.push(findingBlock(f, p, sources));
  }
  const approved = findings.filter((f) => f.approved === true);
  if (!quiet && approved.length > 0) {
    blocks.push([p.bold(`approved (${approved.length}):`), ...approved.map((f) => approvedLine(f, p))]);
  }
  blocks.push([summaryPaint(p, report)(summaryLine(report.summary))]);
  const lines: string[] = [];
  for (const [i, block] of blocks.entries()) {
    if (i > 0) lines.push('');
    lines.push(...block);
  }
  return finish(lines);
}

/** One diagnostic with its code frame, ending in a newline (the CLI prints render errors so). */
export function formatDiagnosticText(d: Diagnostic, options: FormatOptions): string {
  return finish(diagnosticBlock(d, palette(options.color), sourceLookup(options)));
}
