import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import { resourceLabel } from '../core/manifest.js';
import { expiryTime, type Approval } from './approvals.js';

export interface ApplyApprovalsOptions {
  now: Date;
  /**
   * Formations this run checked. Entries about other formations are not reported as unused
   * (a pre-commit run checks only the affected formations). Default: every entry counts.
   */
  formations?: readonly string[];
}

/**
 * The resource label approvals use: `<formation>/<Kind>/<namespace>/<name>`, without the
 * namespace segment for cluster-scoped resources and without the formation for `validate`.
 */
export function approvalResourceLabel(finding: Pick<Finding, 'formation' | 'resource'>): string {
  const label = resourceLabel(finding.resource);
  return finding.formation ? `${finding.formation}/${label}` : label;
}

/**
 * Marks findings covered by an approval. Sign-offs match by fingerprint (and by policy and
 * resource when the entry names them); waivers match policy and resource and cover findings of
 * any severity. Expired entries approve nothing and are reported (`APPROVAL_EXPIRED`), live
 * entries that matched nothing are reported too (`APPROVAL_UNUSED`); both are warnings.
 * Sign-off findings always carry `approved`; others only when an approval covers them.
 */
export function applyApprovals(
  findings: readonly Finding[],
  approvals: readonly Approval[],
  options: ApplyApprovalsOptions,
): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const now = options.now.getTime();
  const diagnostics: Diagnostic[] = [];
  const live: Approval[] = [];
  for (const a of approvals) {
    const end = a.expires === undefined ? undefined : expiryTime(a.expires);
    if (end !== undefined && now >= end) {
      diagnostics.push(
        diagnostic('APPROVAL_EXPIRED', `${describe(a)} expired on ${a.expires ?? ''} and no longer counts`, a.location, {
          severity: 'warning',
          hint: 'renew it with a new expiry date, or remove it',
        }),
      );
    } else live.push(a);
  }
  const used = new Set<Approval>();
  const out = findings.map((f) => {
    const label = approvalResourceLabel(f);
    const approval = live.find((a) => covers(a, f, label));
    if (!approval) return f.severity === 'signoff' ? { ...f, approved: false } : { ...f };
    used.add(approval);
    return { ...f, approved: true, approvedBy: approval.by, approvalReason: approval.reason };
  });
  const checked = options.formations ? new Set(options.formations) : undefined;
  for (const a of live) {
    if (used.has(a)) continue;
    if (checked && a.resource !== undefined && !checked.has(a.resource.split('/')[0] ?? '')) continue;
    diagnostics.push(
      diagnostic('APPROVAL_UNUSED', `${describe(a)} matches no finding`, a.location, {
        severity: 'warning',
        hint: 'the change or violation it covered is gone: remove the entry',
      }),
    );
  }
  return { findings: out, diagnostics };
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
