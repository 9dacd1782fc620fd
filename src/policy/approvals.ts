import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Approval, ApprovalEntry } from '../core/approval.js';
import { diagnostic, type Diagnostic, type Location } from '../core/diagnostic.js';
import { compareLocations } from '../core/location.js';
import type { JsonPath, LocateOptions } from '../core/manifest.js';
import { checkSchema } from '../core/schema-check.js';
import type { SourceText } from '../core/source-text.js';
import { nodeOffset, parseYamlFile } from '../core/yaml-document.js';
import { approvalsSchema } from './approvals-schema.js';

/**
 * Reads approvals.yaml: a YAML sequence of entries, checked against `approvalsSchema` (the
 * schema published for editors) and for what a schema cannot say (a real calendar date). Every
 * problem is an `APPROVAL_INVALID` diagnostic at its place; invalid entries are left out (so
 * they approve nothing).
 */
export function parseApprovals(file: string, text: string): { approvals: Approval[]; diagnostics: Diagnostic[] } {
  const parsed = parseYamlFile(file, text);
  const diagnostics = [...parsed.diagnostics];
  const approvals: Approval[] = [];
  for (const { doc } of parsed.documents) {
    const root = doc.contents;
    const data = asWritten(root);
    // the entries a schema problem is about (a problem of the whole file: all of them)
    const refused = new Set<number | undefined>();
    const locate = (path: JsonPath, options?: LocateOptions): Location => {
      refused.add(path[0] as number | undefined);
      return nodeAt(parsed.source, root, path, options);
    };
    diagnostics.push(...checkSchema(approvalsSchema, data, locate, 'APPROVAL_INVALID'));
    if (!isSeq(root) || refused.has(undefined)) continue;
    root.items.forEach((item, i) => {
      if (refused.has(i)) return;
      // what the schema accepted: each key a non-empty text
      const entry = (data as Record<keyof ApprovalEntry, string | undefined>[])[i]!;
      const entryAt = parsed.source.location(nodeOffset(item as Node) ?? 0);
      const approval: Approval = { kind: entry.fingerprint ? 'signoff' : 'waiver', by: entry.by!, reason: entry.reason!, location: entryAt };
      for (const key of ['fingerprint', 'policy', 'resource', 'expires', 'signature'] as const) {
        if (entry[key] !== undefined) approval[key] = entry[key];
      }
      if (entry.expires !== undefined) {
        approval.expiresLocation = nodeAt(parsed.source, root, [i, 'expires']);
        if (expiryTime(entry.expires) === undefined) {
          diagnostics.push(diagnostic('APPROVAL_INVALID', `"${entry.expires}" is not a date (YYYY-MM-DD)`, approval.expiresLocation));
          return;
        }
      }
      approvals.push(approval);
    });
  }
  return { approvals, diagnostics: diagnostics.sort(compareLocations) };
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
 * The document as the schema sees it, every scalar as the text written (trimmed): every field of
 * approvals.yaml is text, so `000000000001` stays that fingerprint (not the number 1), whatever
 * its style or tag. A null is no text. A key that is not a scalar, or null, is the key "".
 */
function asWritten(node: unknown): unknown {
  if (isSeq(node)) return node.items.map(asWritten);
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) out[keyText(pair.key)] = asWritten(pair.value);
    return out;
  }
  if (!isScalar(node) || node.value === null) return null;
  return (node.source ?? String(node.value)).trim();
}

function keyText(key: unknown): string {
  return isScalar(key) && key.value !== null ? String(key.value) : '';
}

/** Where a path of `asWritten` starts: an entry, a value (even an empty one), or with `key` its key. */
function nodeAt(source: SourceText, root: unknown, path: JsonPath, options: LocateOptions = {}): Location {
  let node = root as Node | null | undefined;
  let span = node?.range;
  for (const [i, seg] of path.entries()) {
    if (isSeq(node)) node = node.items[seg as number] as Node;
    else if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === seg);
      const keyNode = pair?.key as Node | null | undefined;
      node = (i === path.length - 1 && options.key ? keyNode : ((pair?.value as Node | null | undefined) ?? keyNode));
    }
    span = node?.range ?? span;
  }
  if (!span) return source.location(0);
  return span[1] > span[0] ? source.location(span[0], span[1]) : source.location(span[0]);
}
