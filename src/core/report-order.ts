import type { Diagnostic } from './diagnostic.js';
import type { Finding } from './finding.js';
import { cmp, compareLocations } from './location.js';

/**
 * The one order of diagnostics in a report (and wherever they are listed): by file position,
 * then formation, code and message, so the same run gives byte-identical output.
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareLocations(a, b) || cmp(a.formation ?? '', b.formation ?? '') || cmp(a.code, b.code) || cmp(a.message, b.message);
}

/** The one order of findings: file position, formation, rule, resource, path, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a, b) ||
    cmp(a.formation ?? '', b.formation ?? '') ||
    cmp(a.policy, b.policy) ||
    cmp(a.code ?? '', b.code ?? '') ||
    cmp(a.resource.kind, b.resource.kind) ||
    cmp(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.path, b.path) ||
    cmp(a.message, b.message) ||
    cmp(a.fingerprint ?? '', b.fingerprint ?? '')
  );
}
