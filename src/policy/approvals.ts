import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import type { SourceText } from '../core/source-text.js';
import { nodeOffset, parseYamlFile } from '../core/yaml-document.js';
import { isFingerprint } from './fingerprint.js';

/**
 * One entry of approvals.yaml (SPEC §5.4): a sign-off (with a fingerprint: approves one exact
 * change) or a waiver (no fingerprint: silences a policy on one resource until it expires).
 */
export interface Approval {
  kind: 'signoff' | 'waiver';
  fingerprint?: string;
  policy?: string;
  /** `<formation>/<Kind>/<namespace>/<name>`, namespace segment omitted when there is none. */
  resource?: string;
  by: string;
  reason: string;
  /** `YYYY-MM-DD` (valid through that day, UTC) or an ISO date-time. */
  expires?: string;
  /** Where `expires` is written, for diagnostics about the date. */
  expiresLocation?: Location;
  /** An armored SSH signature (`ssh-keygen -Y sign`) over the entry's canonical payload. */
  signature?: string;
  /** Where the entry starts, for diagnostics about it. */
  location: Location;
}

export type ApprovalEntry = Omit<Approval, 'kind' | 'location' | 'expiresLocation'>;

const KEYS = ['fingerprint', 'policy', 'resource', 'by', 'reason', 'expires', 'signature'] as const;
type Key = (typeof KEYS)[number];

/**
 * Reads approvals.yaml: a YAML sequence of entries. Every problem is an `APPROVAL_INVALID`
 * diagnostic at its line and column; invalid entries are left out (so they approve nothing).
 */
export function parseApprovals(file: string, text: string): { approvals: Approval[]; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(file, text);
  const diagnostics = [...parsed.diagnostics];
  const approvals: Approval[] = [];
  const invalid = (message: string, at: Location, hint?: string): void => {
    diagnostics.push(diagnostic('APPROVAL_INVALID', message, at, { hint }));
  };
  for (const { doc } of parsed.documents) {
    const root = doc.contents;
    if (!isSeq(root)) {
      invalid('approvals file must be a list of entries (`- fingerprint: …` or `- policy: …`)', at(parsed.source, root));
      continue;
    }
    for (const item of root.items) {
      const entryAt = at(parsed.source, item as Node, root);
      if (!isMap(item)) {
        invalid('each approval must be a mapping with by, reason and fingerprint or policy + resource', entryAt);
        continue;
      }
      const values: Partial<Record<Key, { text: string; at: Location }>> = {};
      // Keys written, even with an empty value: that one is reported as empty, not also as missing.
      const written = new Set<string>();
      let ok = true;
      for (const pair of item.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        written.add(key);
        const keyAt = at(parsed.source, keyNode, item);
        if (!(KEYS as readonly string[]).includes(key)) {
          invalid(`unknown key "${key}" in approval`, keyAt, `allowed keys: ${KEYS.join(', ')}`);
          ok = false;
          continue;
        }
        const valueNode = pair.value as Node | null;
        const valueAt = valueNode ? at(parsed.source, valueNode, item) : keyAt;
        const text = scalarText(valueNode);
        if (text === undefined || text.trim() === '') {
          invalid(`"${key}" must be a non-empty text`, valueAt);
          ok = false;
          continue;
        }
        values[key as Key] = { text: text.trim(), at: valueAt };
      }
      for (const key of ['by', 'reason'] as const) {
        if (!written.has(key)) {
          invalid(`approval is missing "${key}"`, entryAt, 'every approval records who approved it (by) and why (reason)');
          ok = false;
        }
      }
      const fp = values.fingerprint;
      if (fp && !isFingerprint(fp.text)) {
        invalid(`fingerprint "${fp.text}" is not 12 lower-case hex characters`, fp.at, 'copy the fingerprint from the report, or use `copperplate approve`');
        ok = false;
      }
      if (!written.has('fingerprint')) {
        for (const key of ['policy', 'resource'] as const) {
          if (!written.has(key)) {
            invalid(`a waiver (an entry without fingerprint) needs "${key}"`, entryAt);
            ok = false;
          }
        }
        if (!written.has('expires')) {
          invalid('a waiver (an entry without fingerprint) needs "expires"', entryAt, 'waivers must end: add `expires: YYYY-MM-DD`');
          ok = false;
        }
      }
      const expires = values.expires;
      if (expires && expiryTime(expires.text) === undefined) {
        invalid(`"${expires.text}" is not a date (YYYY-MM-DD)`, expires.at);
        ok = false;
      }
      if (!ok) continue;
      const approval: Approval = {
        kind: fp ? 'signoff' : 'waiver',
        by: values.by?.text ?? '',
        reason: values.reason?.text ?? '',
        location: entryAt,
      };
      if (fp) approval.fingerprint = fp.text;
      if (values.policy) approval.policy = values.policy.text;
      if (values.resource) approval.resource = values.resource.text;
      if (expires) {
        approval.expires = expires.text;
        approval.expiresLocation = expires.at;
      }
      if (values.signature) approval.signature = values.signature.text;
      approvals.push(approval);
    }
  }
  return { approvals, diagnostics };
}

/**
 * The first instant at which an approval no longer counts: the day after a plain date (an
 * approval is valid through the day it names, UTC), or the date-time itself.
 */
export function expiryTime(expires: string): number | undefined {
  // Literals in the function, not module constants, so that a mutation run can switch them.
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    const t = Date.parse(`${expires}T00:00:00Z`);
    // Date.parse accepts 2026-02-31; a real date survives the round trip.
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== expires) return undefined;
    return t + 24 * 60 * 60 * 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/.test(expires)) {
    const t = Date.parse(expires);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * A scalar's text as written: every field of approvals.yaml is text, so `000000000001` stays
 * that fingerprint (not the number 1), whatever its style or tag. A null is no text.
 */
function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return node.source ?? String(node.value);
}

function at(source: SourceText, node: Node | null | undefined, parent?: Node | null): Location {
  return source.location(nodeOffset(node) ?? nodeOffset(parent) ?? 0);
}
