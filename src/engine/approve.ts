import * as path from 'node:path';
import { diagnostic, hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { appendApproval, approvalResourceLabel, expiryTime, type ApprovalEntry } from '../policy/index.js';
import { runReport } from './check-manifests.js';
import { checkRendered } from './check-rendered.js';
import { withPolicyLoader } from './project-policies.js';
import { gitTopLevel } from './git-fs.js';
import { precommitHookChecksIndex } from './hook-install.js';
import { nowOf, renderOptions, type FormationRunOptions } from './host-options.js';
import { projectApprovals } from './project-approvals.js';
import { signApprovalEntry } from './sign-approval.js';
import type { ApprovalSigner } from './ssh-keygen-signer.js';
import type { Project } from './project.js';
import { renderProject } from './render-project.js';

/** `expires`: `YYYY-MM-DD` or an ISO date-time, as in approvals.yaml. */
export interface ApproveApiOptions extends Omit<FormationRunOptions, 'formations' | 'failOn'>, Pick<ApprovalEntry, 'by' | 'reason' | 'expires'> {
  fingerprint: string;
  /** Signs the entry (e.g. `sshKeygenSigner(key)`); checked against the allowed signers before it is returned. */
  signer?: ApprovalSigner;
}

export interface ApproveApiResult {
  /** The problems that stop the approval (exit 2), or an empty report. */
  report: Report;
  /** The sign-off the fingerprint names, when it is open or already approved. */
  finding?: Finding;
  /**
   * What to write: the approvals file (absolute) with the new entry appended. Absent when the
   * finding is already approved or the approval cannot be made. The library writes nothing.
   * `mustStage`: a pre-commit hook that checks the staged files is installed, so the commit is
   * blocked until the written file is staged (`git add`).
   */
  write?: { file: string; text: string; entry: ApprovalEntry; mustStage: boolean };
}

/**
 * The library form of `copperplate approve`: re-runs the check (baseline HEAD by default inside
 * git) to find the open sign-off, and returns approvals.yaml with an entry naming exactly it.
 */
export async function approve(project: Project, options: ApproveApiOptions): Promise<ApproveApiResult> {
  const fail = (diagnostics: readonly Diagnostic[]): ApproveApiResult => ({ report: runReport({ formations: 0, resources: 0, diagnostics }) });
  if (options.by.trim() === '' || options.reason.trim() === '') return fail([diagnostic('APPROVAL_INVALID', '--by and --reason must not be empty')]);
  if (options.expires !== undefined && expiryTime(options.expires) === undefined) {
    return fail([diagnostic('APPROVAL_INVALID', `--expires ${options.expires} is not a date (YYYY-MM-DD)`)]);
  }
  const baseline = options.baseline ?? (gitTopLevel(project.root) ? { ref: 'HEAD' } : undefined);
  const checked = await withPolicyLoader(project, options.policyLoader, true, async (policyLoader) => {
    const rendered = await renderProject(project, renderOptions(project, options, 'redact'));
    return checkRendered(project, rendered, { baseline, now: nowOf(options), policyLoader });
  });
  const errors = checked.report.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(errors)) return fail(errors);
  const fingerprint = options.fingerprint.toLowerCase();
  const finding = checked.report.findings.find((f) => f.fingerprint === fingerprint);
  if (!finding) {
    const open = checked.report.findings.filter((f) => f.severity === 'signoff' && !f.approved);
    const list = open.map((f) => `${f.fingerprint}  ${f.policy}  ${approvalResourceLabel(f)}  ${f.path}`).join('; ');
    return fail([
      diagnostic('APPROVAL_UNKNOWN_FINGERPRINT', `no sign-off with fingerprint ${options.fingerprint}`, undefined, {
        hint: open.length ? `open sign-offs: ${list}` : 'there are no open sign-offs',
      }),
    ]);
  }
  const report = runReport({ formations: 0, resources: 0, diagnostics: [] });
  if (finding.approved) return { report, finding };
  // trimmed as approvals.yaml is read back, so that a signature covers what is read
  const entry: ApprovalEntry = { fingerprint: finding.fingerprint!, policy: finding.policy, resource: approvalResourceLabel(finding), by: options.by.trim(), reason: options.reason.trim() };
  if (options.expires !== undefined) entry.expires = options.expires;
  let written = entry;
  if (options.signer !== undefined) {
    const signed = await signApprovalEntry(entry, options.signer, projectApprovals(project).signing, nowOf(options));
    if ('diagnostic' in signed) return fail([signed.diagnostic]);
    written = signed.entry;
  }
  const file = path.join(project.root, project.config.approvals);
  return { report, finding, write: { file, text: appendApproval(project.fs.readFile(file), written), entry: written, mustStage: precommitHookChecksIndex(project.root) } };
}
