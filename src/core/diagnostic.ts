import type { DiagnosticCode } from './diagnostic-code.js';
import { locationOf, type Location } from './location.js';

export type { DiagnosticCode } from './diagnostic-code.js';
export { cmp, compareLocations, locationOf, type Location } from './location.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem in the user's input. Codes are stable API (tests and scripts match on them);
 * messages are for people and may change.
 */
export interface Diagnostic extends Partial<Location> {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  formation?: string;
  hint?: string;
  /** Set when a report is built: whether this diagnostic decides the run's exit code. */
  blocking?: boolean;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  at?: Location | undefined,
  extra: { severity?: Severity; formation?: string | undefined; hint?: string | undefined } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: extra.severity ?? 'error', message };
  if (at) Object.assign(d, locationOf(at));
  if (extra.formation !== undefined) d.formation = extra.formation;
  if (extra.hint !== undefined) d.hint = extra.hint;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

