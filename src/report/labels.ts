import type { Finding } from '../core/finding.js';

/** `file:line:column`, dropping the parts that are unknown; undefined without a file. */
export function locationLabel(at: { file?: string | undefined; line?: number | undefined; column?: number | undefined }): string | undefined {
  if (at.file === undefined) return undefined;
  if (at.line === undefined) return at.file;
  if (at.column === undefined) return `${at.file}:${at.line}`;
  return `${at.file}:${at.line}:${at.column}`;
}

/** The command a reviewer runs to sign off a finding. */
export function approveCommand(fingerprint: string): string {
  return `copperplate approve ${fingerprint} --by <you> --reason "<why>"`;
}

/** `policy` or `policy/CODE` for policies with sub-rules (schema). */
export function ruleLabel(f: Finding): string {
  return f.code === undefined ? f.policy : `${f.policy}/${f.code}`;
}
