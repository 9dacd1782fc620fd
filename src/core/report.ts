import type { Diagnostic } from './diagnostic.js';
import type { Finding } from './finding.js';
import type { ResourceDiff } from './resource-diff.js';

/** The JSON report, version 1 (SPEC §7.1). Fields may be added; none may change meaning. */
export interface Report {
  version: 1;
  tool: { name: 'copperplate'; version: string };
  summary: ReportSummary;
  /** The formations checked (absent for `validate` of plain manifests), in the order checked. */
  formations?: FormationSummary[];
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** What the run compared against, when it had a baseline. */
  baseline?: ReportBaseline;
  /** Per-resource semantic diffs against the baseline (secrets masked), when it had one. */
  diffs?: ResourceDiff[];
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
}

/** Counts as SPEC §7.1 defines them: errors/warnings over diagnostics and unapproved findings. */
export function summarize(
  formations: number,
  resources: number,
  diagnostics: readonly Diagnostic[],
  findings: readonly Finding[],
): ReportSummary {
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
