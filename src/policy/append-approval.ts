import { isSeq, parseDocument, Scalar, stringify } from 'yaml';
import { CopperplateError } from '../core/copperplate-error.js';
import type { ApprovalEntry } from './approvals.js';

const ORDER = ['fingerprint', 'policy', 'resource', 'by', 'reason', 'expires', 'signature'] as const;

/**
 * approvals.yaml with one more entry. Existing text (comments, order, formatting) is kept
 * byte for byte and the entry is appended as a block sequence item, with every value quoted
 * where YAML would read it as something other than text (`123456789012`, `1e2…`, `yes`).
 */
export function appendApproval(text: string | undefined, entry: ApprovalEntry): string {
  const existing = text ?? '';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const doc = existing.trim() === '' ? undefined : parseDocument(existing);
  const contents = doc?.contents;
  if (doc && contents && !(isSeq(contents) && !contents.flow)) {
    if (!isSeq(contents) || doc.errors.length > 0) {
      throw new CopperplateError('APPROVALS_NOT_A_LIST', 'the approvals file is not a YAML list of entries; fix it before adding one');
    }
    // A flow list (`[]`) cannot be extended by appending text: rewrite the document.
    contents.items.push(doc.createNode(entryObject(entry)) as never);
    return doc.toString({ lineWidth: 0 });
  }
  let indent = '';
  if (contents && isSeq(contents) && contents.range) {
    const start = contents.range[0];
    const lineStart = existing.lastIndexOf('\n', start - 1) + 1;
    indent = existing.slice(lineStart, start).replace(/[^ ]/g, '');
    if (indent.length !== start - lineStart) indent = '';
  }
  const lines = ORDER.filter((k) => entry[k] !== undefined).map((k, i) => {
    const prefix = i === 0 ? `${indent}- ` : `${indent}  `;
    // the armored signature keeps its lines, as ssh-keygen wrote them, in a literal block
    if (k === 'signature') return `${prefix}${k}: |${eol}${armorLines(String(entry[k]), `${indent}    `, eol)}`;
    return `${prefix}${k}: ${scalar(String(entry[k]))}`;
  });
  let head = existing;
  if (head !== '' && !head.endsWith('\n')) head += eol;
  return head + lines.join(eol) + eol;
}

function entryObject(entry: ApprovalEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ORDER) if (entry[k] !== undefined) out[k] = String(entry[k]);
  return out;
}

/** One scalar on one line, quoted whenever YAML 1.1 or 1.2 could read it as non-text. */
function scalar(value: string): string {
  const node = new Scalar(value);
  if (value.includes('\n') || value.includes('\r')) node.type = Scalar.QUOTE_DOUBLE;
  return stringify(node, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
}

function armorLines(text: string, indent: string, eol: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => `${indent}${l.trim()}`)
    .join(eol);
}
