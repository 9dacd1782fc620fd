import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { approvalPayload, type Approval } from '../policy/index.js';
import { projectApprovals } from './project-approvals.js';
import type { Project } from './project.js';

export interface ApprovalPayloadOptions {
  /** The sign-off's fingerprint; with several entries for it, `by` picks one. */
  fingerprint?: string;
  by?: string;
  /** The entry that starts on this line of the approvals file (waivers have no fingerprint). */
  line?: number;
}

export interface ApprovalPayloadResult {
  /** The exact bytes a signature of the entry covers; absent when no single entry was named. */
  payload?: Buffer;
  entry?: Approval;
  diagnostics: Diagnostic[];
}

/** The library form of `copperplate approvals payload`: the canonical payload of one entry. */
export function approvalPayloadOf(project: Project, options: ApprovalPayloadOptions): ApprovalPayloadResult {
  const loaded = projectApprovals(project);
  const diagnostics = loaded.diagnostics.filter((d) => d.file === loaded.file);
  const fail = (d: Diagnostic): ApprovalPayloadResult => ({ diagnostics: [...diagnostics, d] });
  let candidates = loaded.approvals;
  if (options.line !== undefined) candidates = candidates.filter((a) => a.location.line === options.line);
  if (options.fingerprint !== undefined) {
    const fp = options.fingerprint.toLowerCase();
    candidates = candidates.filter((a) => a.fingerprint === fp);
  }
  if (options.by !== undefined) candidates = candidates.filter((a) => a.by === options.by);
  const what = [
    options.fingerprint !== undefined ? `fingerprint ${options.fingerprint}` : undefined,
    options.line !== undefined ? `at line ${options.line}` : undefined,
    options.by !== undefined ? `by ${options.by}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  if (options.fingerprint === undefined && options.line === undefined) {
    return fail(diagnostic('USAGE', 'name the entry: approvals payload FINGERPRINT, or --line N for the entry that starts on line N'));
  }
  if (candidates.length === 0) {
    const known = loaded.approvals.map((a) => `${a.fingerprint ?? `waiver of ${a.policy ?? ''}`} by ${a.by} (line ${a.location.line})`);
    return fail(
      diagnostic('APPROVAL_UNKNOWN_FINGERPRINT', `no valid entry in ${loaded.file} with ${what}`, undefined, {
        hint: known.length ? `entries: ${known.join('; ')}` : `${loaded.file} has no valid entries`,
      }),
    );
  }
  if (candidates.length > 1) {
    const which = candidates.map((a) => `by ${a.by} (line ${a.location.line})`).join(', ');
    return fail(diagnostic('USAGE', `${candidates.length} entries with ${what}: ${which}`, undefined, { hint: 'choose one with --by WHO or --line N' }));
  }
  const entry = candidates[0]!;
  return { payload: approvalPayload(entry), entry, diagnostics };
}
