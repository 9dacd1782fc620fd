import type { Approval } from '../core/approval.js';
import type { ApprovalState, ApprovalStatus, SignatureState } from '../core/approval-status.js';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Location } from '../core/diagnostic.js';
import { approvalResourceLabel, type Finding } from '../core/finding.js';
import { expiryTime } from './approvals.js';
import type { AllowedSigner } from './signing/allowed-signers.js';
import { checkApprovalSignature } from './signing/approval-signature.js';

/** `approvalSigning` (SPEC §8) with its allowed-signers file read. */
export interface ApprovalSigning {
  signers: readonly AllowedSigner[];
  /** Unsigned entries do not count. */
  require: boolean;
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
  /** `maxWaiverDays` (SPEC §8): how many days after today a waiver may expire. Default: no limit. */
  maxWaiverDays?: number;
  /**
   * Ids of the policies whose findings are sign-offs (their declared severity): a waiver of one
   * is refused even while it matches nothing, before the next change it would wave through.
   */
  signoffPolicies?: readonly string[];
}

/**
 * Marks findings covered by an approval. Sign-offs match by fingerprint (and by policy and
 * resource when the entry names them); waivers match policy and resource and cover findings of
 * any severity but `signoff`: each change needs its own fingerprinted sign-off.
 * A waiver the rules forbid is an error (`APPROVAL_INVALID`, like a malformed entry) and covers
 * nothing: one of a sign-off policy or that matches a sign-off finding (at the entry), one that
 * expires more than `maxWaiverDays` after today (at its `expires`).
 * Otherwise an entry does not count when its signature is present and does not verify
 * (`APPROVAL_BAD_SIGNATURE`), when signing is required and it has none (`APPROVAL_UNSIGNED`),
 * or when it expired (`APPROVAL_EXPIRED`); live entries that matched nothing are reported too
 * (`APPROVAL_UNUSED`). These are warnings: what they leave unapproved blocks on its own.
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
    const refusal = approval.kind === 'waiver' ? refusedWaiver(approval, end, findings, options) : undefined;
    if (refusal) {
      status = 'invalid';
      diagnostics.push(diagnostic('APPROVAL_INVALID', `${describe(approval)} ${refusal.message}`, refusal.at, { hint: refusal.hint }));
    } else if (signature.state === 'bad') {
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
  if (a.kind === 'signoff') return matches(a, f, label) && f.fingerprint !== undefined && f.fingerprint === a.fingerprint;
  return f.severity !== 'signoff' && waives(a, f, label);
}

function matches(a: Approval, f: Finding, label: string): boolean {
  return (a.policy === undefined || a.policy === f.policy) && (a.resource === undefined || a.resource === label);
}

/** A waiver names the policy and the resource it silences. */
function waives(a: Approval, f: Finding, label: string): boolean {
  return a.policy !== undefined && a.resource !== undefined && matches(a, f, label);
}

/** Why the rules refuse a waiver (SPEC §5.4), and where to show it; undefined when they do not. */
function refusedWaiver(
  a: Approval,
  end: number | undefined,
  findings: readonly Finding[],
  options: ApplyApprovalsOptions,
): { message: string; at: Location; hint: string } | undefined {
  const signoffs = findings.filter((f) => f.severity === 'signoff' && waives(a, f, approvalResourceLabel(f)));
  if (signoffs.length > 0 || (a.policy !== undefined && options.signoffPolicies?.includes(a.policy))) {
    const open = [...new Set(signoffs.flatMap((f) => (f.fingerprint ? [f.fingerprint] : [])))];
    return {
      message: `cannot approve ${a.policy ?? ''}: its findings are sign-offs, and a waiver never covers a sign-off`,
      at: a.location,
      hint: `remove the waiver and sign off each change by its fingerprint: copperplate approve ${open.length > 0 ? open.join(', ') : 'FINGERPRINT'} --by … --reason …`,
    };
  }
  const max = options.maxWaiverDays;
  if (max === undefined || end === undefined) return undefined;
  // `expires: D` counts through day D (UTC): D may be at most `max` days after today (UTC). DAY is
  // computed here rather than at import so that a mutation run can switch its mutants.
  const DAY = 24 * 60 * 60 * 1000;
  const today = Math.floor(options.now.getTime() / DAY) * DAY;
  if (end <= today + (max + 1) * DAY) return undefined;
  const latest = new Date(today + max * DAY).toISOString().slice(0, 10);
  return {
    message: `expires on ${a.expires ?? ''}, more than maxWaiverDays (${max}) days ahead`,
    at: a.expiresLocation ?? a.location,
    hint: `set expires to ${latest} at the latest (renew the waiver when it ends), or raise maxWaiverDays in copperplate.yaml`,
  };
}

function describe(a: Approval): string {
  return a.kind === 'signoff' ? `sign-off ${a.fingerprint ?? ''}` : `waiver of ${a.policy ?? ''} on ${a.resource ?? ''}`;
}
