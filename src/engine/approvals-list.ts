import type { ApprovalList, ApprovalListEntry } from '../core/approval-status.js';
import { hasErrors } from '../core/diagnostic.js';
import { applyApprovals } from '../policy/index.js';
import { check, type CheckApiOptions } from './api.js';
import { gitTopLevel } from './git-fs.js';
import { projectApprovals } from './project-approvals.js';
import type { Project } from './project.js';

export type ApprovalsApiOptions = Omit<CheckApiOptions, 'formations' | 'failOn'>;

/**
 * The library form of `copperplate approvals`: runs the check over every formation (baseline
 * `HEAD` by default inside git, as `approve` does, so that sign-offs find their changes) and
 * lists each approvals entry with what became of it: counted, unused, expired, unsigned or
 * bad signature, and the allowed signer that vouches for it.
 */
export async function approvals(project: Project, options: ApprovalsApiOptions = {}): Promise<ApprovalList> {
  const baseline = options.baseline ?? (gitTopLevel(project.root) ? { ref: 'HEAD' } : undefined);
  const checked = await check(project, { ...options, ...(baseline ? { baseline } : {}) });
  const loaded = projectApprovals(project);
  const list: ApprovalList = { version: 1, file: loaded.file, entries: [], diagnostics: checked.report.diagnostics, exitCode: 0 };
  if (project.config.approvalSigning) list.signing = { ...project.config.approvalSigning };
  if (hasErrors(checked.report.diagnostics)) return { ...list, exitCode: 2 };
  // the report's findings, matched again to learn which entry covered what
  const applied = applyApprovals(checked.report.findings, loaded.approvals, {
    now: options.now ? options.now() : new Date(),
    ...(loaded.signing ? { signing: loaded.signing } : {}),
  });
  list.entries = applied.entries.map(({ approval: a, status, signature, covers }) => {
    const entry: ApprovalListEntry = { kind: a.kind, by: a.by, reason: a.reason, status, signature, covers, file: a.location.file, line: a.location.line, column: a.location.column };
    if (a.fingerprint !== undefined) entry.fingerprint = a.fingerprint;
    if (a.policy !== undefined) entry.policy = a.policy;
    if (a.resource !== undefined) entry.resource = a.resource;
    if (a.expires !== undefined) entry.expires = a.expires;
    return entry;
  });
  return list;
}
