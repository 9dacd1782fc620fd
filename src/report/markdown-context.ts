import { resourceLabel } from '../core/manifest.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { approvalResourceLabel, type Finding } from '../core/finding.js';
import type { SignoffApprovers } from '../core/signoff-approvers.js';
import type { Report, ReportSummary } from '../core/report.js';
import type { FormatOptions, RuleMeta } from './format-options.js';
import { jsonReport } from './json-report.js';
import { approveCommand, locationLabel, ruleLabel } from './labels.js';
import { summaryLine } from './summary-line.js';

export interface MarkdownDiagnostic extends Diagnostic {
  /** `file:line:column`, or undefined without a file. */
  location: string | undefined;
}

export interface MarkdownFinding extends Finding {
  ruleLabel: string;
  /** Title of the policy from the rule metadata, else the policy id. */
  ruleTitle: string;
  resourceLabel: string;
  /** `formation: Kind ns/name` (the path is separate). */
  subject: string;
  /** `formation/Kind/ns/name`, as approvals.yaml spells it. */
  approvalResource: string;
  location: string | undefined;
  valueSourceLocation: string | undefined;
  /** `copperplate approve <fingerprint> …` for unapproved sign-offs. */
  approveCommand: string | undefined;
}

/** Everything a markdown template sees. */
export interface MarkdownContext {
  /** The JSON report (SPEC §7.1) as data. */
  report: Record<string, unknown>;
  tool: { name: 'copperplate'; version: string };
  summary: ReportSummary;
  summaryLine: string;
  /** The run's verdict: `!summary.blocking`. */
  passed: boolean;
  diagnostics: MarkdownDiagnostic[];
  /** Unapproved findings that block under the run's `--fail-on`. */
  blocking: MarkdownFinding[];
  errors: MarkdownFinding[];
  signoffs: MarkdownFinding[];
  warnings: MarkdownFinding[];
  notes: MarkdownFinding[];
  approved: MarkdownFinding[];
  rules: readonly RuleMeta[];
  /** Who must sign the sign-offs (SPEC §5.4), when the report has any. */
  approvers?: SignoffApprovers;
}

function findingView(f: Finding, titles: ReadonlyMap<string, string>): MarkdownFinding {
  return {
    ...f,
    ruleLabel: ruleLabel(f),
    ruleTitle: titles.get(f.policy) ?? f.policy,
    resourceLabel: resourceLabel(f.resource),
    subject: f.formation === undefined ? resourceLabel(f.resource) : `${f.formation}: ${resourceLabel(f.resource)}`,
    approvalResource: approvalResourceLabel(f),
    location: locationLabel(f),
    valueSourceLocation: f.valueSource === undefined ? undefined : locationLabel(f.valueSource),
    approveCommand: f.severity === 'signoff' && f.approved !== true && f.fingerprint !== undefined ? approveCommand(f.fingerprint) : undefined,
  };
}

export function markdownContext(report: Report, options: FormatOptions): MarkdownContext {
  const { diagnostics, findings } = report;
  const rules = options.rules ?? [];
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const views = findings.map((f) => findingView(f, titles));
  const open = views.filter((f) => f.approved !== true);
  return {
    report: jsonReport(report, options),
    tool: { name: 'copperplate', version: options.toolVersion ?? report.tool.version },
    summary: report.summary,
    summaryLine: summaryLine(report.summary),
    passed: !report.summary.blocking,
    diagnostics: diagnostics.map((d) => ({ ...d, location: locationLabel(d) })),
    blocking: open.filter((f) => f.blocking === true),
    errors: open.filter((f) => f.severity === 'error'),
    signoffs: open.filter((f) => f.severity === 'signoff'),
    warnings: open.filter((f) => f.severity === 'warning'),
    notes: open.filter((f) => f.severity === 'info'),
    approved: views.filter((f) => f.approved === true),
    rules,
    ...(report.approvers !== undefined ? { approvers: report.approvers } : {}),
  };
}
