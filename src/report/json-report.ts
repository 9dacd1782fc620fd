import type { Diagnostic, Location } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { ResourceDiff } from '../core/resource-diff.js';
import type { SignoffApprovers } from '../core/signoff-approvers.js';
import type { FormatOptions } from './format-options.js';

type Json = Record<string, unknown>;

/** Copies the defined fields of `from` in the order of `keys`: key order is part of the contract. */
function pick(from: object, keys: readonly string[]): Json {
  const src = from as Json;
  const out: Json = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

const DIAGNOSTIC_KEYS = ['code', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'formation', 'hint', 'blocking'];
const LOCATION_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn'];
const RESOURCE_KEYS = ['apiVersion', 'kind', 'namespace', 'name'];
const FORMATION_KEYS = ['name', 'environment', 'kubernetesVersion', 'context', 'namespace', 'resources'];

export function jsonDiagnostic(d: Diagnostic): Json {
  return pick(d, DIAGNOSTIC_KEYS);
}

export function jsonLocation(l: Location): Json {
  return pick(l, LOCATION_KEYS);
}

export function jsonFinding(f: Finding): Json {
  const out: Json = pick(f, ['policy', 'code', 'severity', 'message', 'formation']);
  out['resource'] = pick(f.resource, RESOURCE_KEYS);
  Object.assign(out, pick(f, ['path', ...LOCATION_KEYS]));
  if (f.valueSource !== undefined) out['valueSource'] = jsonLocation(f.valueSource);
  if (f.fingerprint !== undefined) out['fingerprint'] = f.fingerprint;
  out['approved'] = f.approved === true;
  Object.assign(out, pick(f, ['blocking', 'approvedBy', 'approvalReason', 'remediation', 'from', 'to']));
  return out;
}

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
  out['diagnostics'] = diagnostics.map(jsonDiagnostic);
  out['findings'] = findings.map(jsonFinding);
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
