import { pick, reportDiagnostic, reportFinding, RESOURCE_KEYS } from '../core/report-fields.js';
import type { Report } from '../core/report.js';
import type { ResourceDiff } from '../core/resource-diff.js';
import type { SignoffApprovers } from '../core/signoff-approvers.js';
import type { FormatOptions } from './format-options.js';

type Json = Record<string, unknown>;

const FORMATION_KEYS = ['name', 'environment', 'kubernetesVersion', 'context', 'namespace', 'resources'];

/** The SPEC §7.1 object with its key order fixed, before serialisation. */
export function jsonReport(report: Report, options: FormatOptions): Json {
  const { diagnostics, findings } = report;
  const s = report.summary;
  const out: Json = {
    version: 1,
    tool: { name: 'copperplate', version: options.toolVersion ?? report.tool.version },
    exitCode: report.exitCode,
    summary: {
      formations: s.formations,
      resources: s.resources,
      errors: s.errors,
      warnings: s.warnings,
      signoffsRequired: s.signoffsRequired,
      approved: s.approved,
      blocking: s.blocking,
    },
  };
  if (report.formations !== undefined) out['formations'] = report.formations.map((f) => pick(f, FORMATION_KEYS));
  out['diagnostics'] = diagnostics.map(reportDiagnostic);
  out['findings'] = findings.map(reportFinding);
  if (report.baseline !== undefined) out['baseline'] = pick(report.baseline, ['ref', 'dir', 'file']);
  if (report.diffs !== undefined) out['diffs'] = report.diffs.map(jsonDiff);
  if (report.approvers !== undefined) out['approvers'] = jsonApprovers(report.approvers);
  return out;
}

function jsonApprovers(a: SignoffApprovers): Json {
  const out: Json = { approvals: a.approvals };
  if (a.codeowners !== undefined) out['codeowners'] = pick(a.codeowners, ['file', 'line', 'pattern', 'owners']);
  if (a.signers !== undefined) out['signers'] = pick(a.signers, ['file', 'principals']);
  out['summary'] = a.summary;
  return out;
}

/** A resource's changes against the baseline; values are as masked as the rest of the report. */
export function jsonDiff(d: ResourceDiff): Json {
  const out: Json = pick(d, ['status', 'formation']);
  out['resource'] = pick(d.resource, RESOURCE_KEYS);
  Object.assign(out, pick(d, ['file', 'line', 'column']));
  out['changes'] = d.changes.map((c) => pick(c, ['kind', 'path', 'from', 'to', 'file', 'line', 'column']));
  return out;
}

export function formatJson(report: Report, options: FormatOptions): string {
  return JSON.stringify(jsonReport(report, options), null, 2) + '\n';
}
