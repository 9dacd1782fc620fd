import type { Diagnostic } from './diagnostic.js';
import type { Finding } from './finding.js';
import type { Location } from './location.js';

/**
 * The fields of a report's diagnostics and findings in SPEC §7.1's order. The report is built
 * through these, so the library's report and `--format json` hold the same objects, key order
 * included; unknown fields are left out.
 */
export function pick(from: object, keys: readonly string[]): Record<string, unknown> {
  const src = from as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

const LOCATION_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn'];
const DIAGNOSTIC_KEYS = ['code', 'severity', 'message', ...LOCATION_KEYS, 'formation', 'hint', 'blocking'];
const FINDING_KEYS = ['policy', 'code', 'severity', 'message', 'formation', 'resource', 'path', ...LOCATION_KEYS, 'valueSource', 'fingerprint', 'approved', 'blocking', 'approvedBy', 'approvalReason', 'remediation', 'from', 'to'];
export const RESOURCE_KEYS = ['apiVersion', 'kind', 'namespace', 'name'];

export function reportLocation(l: Location): Location {
  return pick(l, LOCATION_KEYS) as unknown as Location;
}

export function reportDiagnostic(d: Diagnostic): Diagnostic {
  return pick(d, DIAGNOSTIC_KEYS) as unknown as Diagnostic;
}

/** `approved` is always there (SPEC §7.1: true or false). */
export function reportFinding(f: Finding): Finding {
  const valueSource = f.valueSource === undefined ? undefined : reportLocation(f.valueSource);
  return pick({ ...f, resource: pick(f.resource, RESOURCE_KEYS), valueSource, approved: f.approved === true }, FINDING_KEYS) as unknown as Finding;
}
