import type { Diagnostic } from './diagnostic.js';
import type { Finding } from './finding.js';
import type { ResourceDiff } from './resource-diff.js';
import type { SignoffApprovers } from './signoff-approvers.js';
import { reportDiagnostic, reportFinding } from './report-fields.js';
import { compareDiagnostics, compareFindings } from './report-order.js';

/** Lowest severity that fails a run (`--fail-on`): errors and unapproved sign-offs always do. */
export type FailOn = 'error' | 'warning';

/** 0 nothing blocking; 1 the manifests are wrong (blocking findings); 2 copperplate could not do its job. */
export type ExitCode = 0 | 1 | 2;

/** The JSON report, version 1 (SPEC §7.1). Fields may be added; none may change meaning. */
export interface Report {
  version: 1;
  tool: { name: 'copperplate'; version: string };
  /** The run's verdict, decided once when the report is built; every format shows it. */
  exitCode: ExitCode;
  summary: ReportSummary;
  /** The formations checked (absent for `validate` of plain manifests), in the order checked. */
  formations?: FormationSummary[];
  /** In the one report order (core/report-order.ts); each says whether it blocks. */
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** What the run compared against, when it had a baseline. */
  baseline?: ReportBaseline;
  /** Per-resource semantic diffs against the baseline (secrets masked), when it had one. */
  diffs?: ResourceDiff[];
  /** Who must sign the run's sign-offs, as the repository enforces it; present when it has sign-offs. */
  approvers?: SignoffApprovers;
}

/** Exactly one of the three: a git ref, a directory of rendered manifests, or a rendered file. */
export interface ReportBaseline {
  ref?: string;
  dir?: string;
  file?: string;
}

/** What a report says about each formation it checked: where it goes and which Kubernetes it was checked against. */
export interface FormationSummary {
  name: string;
  environment: string;
  kubernetesVersion: string;
  context?: string;
  namespace?: string;
  resources: number;
}

export interface ReportSummary {
  formations: number;
  resources: number;
  errors: number;
  warnings: number;
  signoffsRequired: number;
  approved: number;
  /** True exactly when `exitCode` is not 0. */
  blocking: boolean;
}

export interface ReportInput {
  toolVersion: string;
  formations: number;
  resources: number;
  diagnostics: readonly Diagnostic[];
  findings: readonly Finding[];
  formationSummaries?: readonly FormationSummary[] | undefined;
  /** Default `error`. */
  failOn?: FailOn | undefined;
  baseline?: ReportBaseline | undefined;
  diffs?: readonly ResourceDiff[] | undefined;
  approvers?: SignoffApprovers | undefined;
}

/**
 * The report of a run: items in the one order, each marked `blocking` under `failOn`, the
 * counts of SPEC §7.1 and the exit code. The only place a verdict is decided.
 */
export function buildReport(input: ReportInput): Report {
  const failOn = input.failOn ?? 'error';
  const diagnostics = input.diagnostics
    .map((d) => reportDiagnostic({ ...d, blocking: d.severity === 'error' || (failOn === 'warning' && d.severity === 'warning') }))
    .sort(compareDiagnostics);
  const findings = input.findings
    .map((f) => {
      const approved = f.approved === true;
      const blocks = !approved && (f.severity === 'error' || f.severity === 'signoff' || (failOn === 'warning' && f.severity === 'warning'));
      return reportFinding({ ...f, approved, blocking: blocks });
    })
    .sort(compareFindings);
  const exitCode: ExitCode = diagnostics.some((d) => d.severity === 'error') ? 2 : diagnostics.some((d) => d.blocking) || findings.some((f) => f.blocking) ? 1 : 0;
  return {
    version: 1,
    tool: { name: 'copperplate', version: input.toolVersion },
    exitCode,
    summary: { ...count(input.formations, input.resources, diagnostics, findings), blocking: exitCode !== 0 },
    ...(input.formationSummaries && input.formationSummaries.length > 0 ? { formations: [...input.formationSummaries] } : {}),
    diagnostics,
    findings,
    ...(input.baseline ? { baseline: input.baseline } : {}),
    ...(input.diffs ? { diffs: [...input.diffs] } : {}),
    ...(input.approvers ? { approvers: input.approvers } : {}),
  };
}

/** Counts as SPEC §7.1 defines them: errors/warnings over diagnostics and unapproved findings. */
function count(formations: number, resources: number, diagnostics: readonly Diagnostic[], findings: readonly Finding[]): Omit<ReportSummary, 'blocking'> {
  let errors = 0;
  let warnings = 0;
  let signoffsRequired = 0;
  let approved = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  for (const f of findings) {
    if (f.approved) {
      approved++;
      continue;
    }
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else if (f.severity === 'signoff') signoffsRequired++;
  }
  return { formations, resources, errors, warnings, signoffsRequired, approved };
}
