import { resourceLabel } from '../core/manifest.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { FormatOptions } from './format-options.js';
import { approveCommand, locationLabel, ruleLabel } from './labels.js';
import { summaryLine } from './summary-line.js';

type Command = 'error' | 'warning' | 'notice';

/** Workflow command data, escaped as @actions/core does. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape the separators `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  title: string;
}

export function workflowCommand(command: Command, at: Annotation, message: string): string {
  const props: string[] = [];
  if (at.file !== undefined) {
    props.push(`file=${escapeGithubProperty(at.file)}`);
    if (at.line !== undefined) {
      props.push(`line=${at.line}`);
      if (at.endLine !== undefined) props.push(`endLine=${at.endLine}`);
      if (at.column !== undefined) props.push(`col=${at.column}`);
      if (at.endColumn !== undefined && (at.endLine === undefined || at.endLine === at.line)) props.push(`endColumn=${at.endColumn}`);
    }
  }
  props.push(`title=${escapeGithubProperty(at.title)}`);
  return `::${command} ${props.join(',')}::${escapeGithubData(message)}`;
}

/** A warning that fails the run (`--fail-on warning`) is annotated as an error. */
function commandFor(severity: string, blocking: boolean | undefined): Command {
  if (blocking === true) return 'error';
  if (severity === 'warning') return 'warning';
  if (severity === 'info') return 'notice';
  return 'error';
}

function diagnosticCommand(d: Diagnostic): string {
  const lines = [d.message];
  if (d.hint !== undefined) lines.push(`hint: ${d.hint}`);
  const title = d.formation === undefined ? d.code : `${d.code} (${d.formation})`;
  return workflowCommand(commandFor(d.severity, d.blocking), { ...d, title }, lines.join('\n'));
}

function findingCommand(f: Finding): string {
  const lines = [f.message, `${f.formation === undefined ? '' : `${f.formation}: `}${resourceLabel(f.resource)}${f.path === '' ? '' : ` ${f.path}`}`];
  if (f.valueSource !== undefined) lines.push(`value from ${locationLabel(f.valueSource) ?? f.valueSource.file}`);
  if (f.fingerprint !== undefined) {
    lines.push(`fingerprint ${f.fingerprint}`);
    if (f.severity === 'signoff') lines.push(`to approve: ${approveCommand(f.fingerprint)}`);
  }
  if (f.remediation !== undefined) lines.push(`remediation: ${f.remediation}`);
  const rule = ruleLabel(f);
  const title = f.severity === 'signoff' ? `${rule}: sign-off required` : rule;
  return workflowCommand(commandFor(f.severity, f.blocking), { ...f, title }, lines.join('\n'));
}

/**
 * GitHub Actions annotations, one per diagnostic and unapproved finding (approved ones would
 * only use up the per-step annotation limit), then the summary as a plain log line.
 */
export function formatGithub(report: Report, _options: FormatOptions): string {
  const { diagnostics, findings } = report;
  const lines = [
    ...diagnostics.map(diagnosticCommand),
    ...findings.filter((f) => f.approved !== true).map(findingCommand),
    `copperplate: ${summaryLine(report.summary)}`,
  ];
  return lines.join('\n') + '\n';
}
