import type { ApprovalList, ApprovalListEntry, ApprovalStatus } from '../core/approval-status.js';
import { palette, type Paint, type Palette } from './ansi.js';

/**
 * `copperplate approvals` for people: one row per entry (where it is, what it approves, who,
 * its status, the signer that vouches for it, its expiry), then why each entry that does not
 * count was refused. `json` is the ApprovalList itself.
 */
export function formatApprovalList(list: ApprovalList, format: 'text' | 'json', options: { color?: boolean } = {}): string {
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  const p = palette(options.color ?? false);
  const lines: string[] = [];
  const signing = list.signing
    ? `signatures ${list.signing.require ? 'required' : 'checked when present'} (allowed signers: ${list.signing.allowedSigners})`
    : 'signatures not checked (no approvalSigning)';
  lines.push(`${p.bold(list.file)}: ${list.entries.length} ${list.entries.length === 1 ? 'entry' : 'entries'}, ${signing}`);
  if (list.entries.length === 0) return `${lines.join('\n')}\n`;
  const header = ['LINE', 'ENTRY', 'POLICY', 'RESOURCE', 'BY', 'STATUS', 'SIGNER', 'EXPIRES'];
  const rows = list.entries.map((e) => [
    String(e.line),
    e.fingerprint ?? 'waiver',
    e.policy ?? '-',
    e.resource ?? '-',
    e.by,
    statusLabel(e.status),
    signerLabel(e),
    e.expires ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], paint: (i: number, text: string) => string): string =>
    cells
      .map((c, i) => paint(i, i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push('', line(header, (_i, t) => p.dim(t)));
  rows.forEach((r, n) => {
    const status = list.entries[n]!.status;
    lines.push(line(r, (i, t) => (i === 5 ? statusPaint(p, status)(t) : t)));
  });
  const notes = list.entries.filter((e) => e.signature.state === 'bad' || e.status === 'unsigned');
  if (notes.length > 0) {
    lines.push('');
    for (const e of notes) {
      const why = e.signature.state === 'bad' ? e.signature.reason : 'not signed, and approvalSigning.require is on';
      lines.push(`${p.bold(`${e.file}:${e.line}:${e.column}`)}  ${statusPaint(p, e.status)(statusLabel(e.status))}: ${why}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function statusLabel(status: ApprovalStatus): string {
  return status === 'bad-signature' ? 'bad signature' : status;
}

function signerLabel(e: ApprovalListEntry): string {
  switch (e.signature.state) {
    case 'verified':
      return `${e.signature.principals} ${e.signature.key}`;
    case 'bad':
      return e.signature.key === undefined ? 'bad signature' : `bad signature (${e.signature.key})`;
    case 'unchecked':
      return 'signed, not checked';
    default:
      return '-';
  }
}

function statusPaint(p: Palette, status: ApprovalStatus): Paint {
  if (status === 'counted') return p.green;
  if (status === 'bad-signature' || status === 'unsigned' || status === 'invalid') return (t) => p.bold(p.red(t));
  if (status === 'expired' || status === 'unused') return p.yellow;
  return p.dim;
}
