import { cmp, sortDiagnostics } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';

/** Stable order, so every format is byte-identical across runs whatever order checks ran in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.formation ?? '', b.formation ?? '') ||
      cmp(a.policy, b.policy) ||
      cmp(a.code ?? '', b.code ?? '') ||
      cmp(a.resource.kind, b.resource.kind) ||
      cmp(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
      cmp(a.resource.name, b.resource.name) ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message) ||
      cmp(a.fingerprint ?? '', b.fingerprint ?? ''),
  );
}

export interface OrderedReport {
  diagnostics: Diagnostic[];
  findings: Finding[];
}

export function orderReport(report: Report): OrderedReport {
  return { diagnostics: sortDiagnostics(report.diagnostics), findings: sortFindings(report.findings) };
}
