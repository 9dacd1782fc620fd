import type { ApprovalStatus, SignatureState } from '../core/approval-status.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../core/diagnostic.js';
import { approvalResourceLabel, type Finding } from '../core/finding.js';
import { expiryTime, type Approval } from './approvals.js';
import type { AllowedSigner } from './signing/allowed-signers.js';
import { checkApprovalSignature } from './signing/approval-signature.js';

/** `approvalSigning` (SPEC §8) with its allowed-signers file read. */
export interface ApprovalSigning {
  signers: readonly AllowedSigner[];
  /** Unsigned entries do not count. */
  require: boolean;
}

/** What became of one entry in a run (what `copperplate approvals` lists). */
export interface ApprovalState {
  approval: Approval;
  status: ApprovalStatus;
  signature: SignatureState;
  /** How many findings it covers. */
  covers: number;
}

export interface ApplyApprovalsOptions {
  now: Date;
  /**
   * Formations this run checked. Entries about other formations are not reported as unused
   * (a pre-commit run checks only the affected formations). Default: every entry counts.
   */
  formations?: readonly string[];
  /** Verify signatures (and with `require`, refuse unsigned entries). */
  signing?: ApprovalSigning;
}

/**
 * Marks findings covered by an approval. Sign-offs match by fingerprint (and by policy and
 * resource when the entry names them); waivers match policy and resource and cover findings of
 * any severity. An entry does not count when its signature is present and does not verify
 * (`APPROVAL_BAD_SIGNATURE`), when signing is required and it has none (`APPROVAL_UNSIGNED`),
 * or when it expired (`APPROVAL_EXPIRED`); live entries that matched nothing are reported too
 * (`APPROVAL_UNUSED`). All are warnings: what they leave unapproved blocks on its own.
 * Sign-off findings always carry `approved`; others only when an approval covers them.
 */
export function applyApprovals(
  findings: readonly Finding[],
  approvals: readonly Approval[],
  options: ApplyApprovalsOptions,
): { findings: Finding[]; diagnostics: Diagnostic[]; entries: ApprovalState[] } {
  const now = options.now.getTime();
  const diagnostics: Diagnostic[] = [];
  const warn = (code: DiagnosticCode, a: Approval, message: string, hint: string): void => {
    diagnostics.push(diagnostic(code, `${describe(a)} ${message}`, a.location, { severity: 'warning', hint }));
  };
  const entries: ApprovalState[] = approvals.map((approval) => {
    const signature = signatureState(approval, options);
    const end = approval.expires === undefined ? undefined : expiryTime(approval.expires);
    let status: ApprovalStatus = 'unused';
    if (signature.state === 'bad') {
      status = 'bad-signature';
      warn('APPROVAL_BAD_SIGNATURE', approval, `by ${approval.by} does not count: ${signature.reason}`, 'sign it again (`copperplate approve --sign KEY`), or remove it');
    } else if (signature.state === 'unsigned' && options.signing?.require) {
      status = 'unsigned';
      warn('APPROVAL_UNSIGNED', approval, `by ${approval.by} does not count: it is not signed and approvalSigning.require is on`, `sign it: copperplate approve ${approval.fingerprint ?? 'FINGERPRINT'} --by ${approval.by} --reason … --sign KEY`);
    } else if (end !== undefined && now >= end) {
      status = 'expired';
      warn('APPROVAL_EXPIRED', approval, `expired on ${approval.expires ?? ''} and no longer counts`, 'renew it with a new expiry date, or remove it');
    }
    if (signature.state === 'unchecked') {
      warn('APPROVAL_SIGNATURE_UNCHECKED', approval, 'is signed, but no approvalSigning.allowedSigners says whose signatures count', 'set approvalSigning in copperplate.yaml');
    }
    return { approval, status, signature, covers: 0 };
  });
  const live = entries.filter((e) => e.status === 'unused');
  const out = findings.map((f) => {
    const label = approvalResourceLabel(f);
    const entry = live.find((e) => covers(e.approval, f, label));
    if (!entry) return f.severity === 'signoff' ? { ...f, approved: false } : { ...f };
    entry.covers++;
    const approval = entry.approval;
    return { ...f, approved: true, approvedBy: approval.by, approvalReason: approval.reason };
  });
  const checked = options.formations ? new Set(options.formations) : undefined;
  for (const e of live) {
    if (e.covers > 0) {
      e.status = 'counted';
      continue;
    }
    const a = e.approval;
    if (checked && a.resource !== undefined && !checked.has(a.resource.split('/')[0] ?? '')) {
      e.status = 'skipped';
      continue;
    }
    warn('APPROVAL_UNUSED', a, 'matches no finding', 'the change or violation it covered is gone: remove the entry');
  }
  return { findings: out, diagnostics, entries };
}

function signatureState(a: Approval, options: ApplyApprovalsOptions): SignatureState {
  if (a.signature === undefined) return { state: 'unsigned' };
  if (!options.signing) return { state: 'unchecked' };
  const r = checkApprovalSignature(a, a.signature, options.signing.signers, options.now);
  if (!r.valid) return r.key === undefined ? { state: 'bad', reason: r.reason } : { state: 'bad', reason: r.reason, key: r.key };
  return { state: 'verified', principals: r.signer.principals, key: r.signer.key.fingerprint, signer: r.signer.location };
}

function covers(a: Approval, f: Finding, label: string): boolean {
  if (a.policy !== undefined && a.policy !== f.policy) return false;
  if (a.resource !== undefined && a.resource !== label) return false;
  if (a.kind === 'signoff') return f.fingerprint !== undefined && f.fingerprint === a.fingerprint;
  return a.policy !== undefined && a.resource !== undefined;
}

function describe(a: Approval): string {
  return a.kind === 'signoff' ? `sign-off ${a.fingerprint ?? ''}` : `waiver of ${a.policy ?? ''} on ${a.resource ?? ''}`;
}
