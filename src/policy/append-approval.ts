import { Document, isSeq, parseDocument, Scalar, YAMLMap, type ScalarTag, type Tags, type YAMLSeq } from 'yaml';
import { stringTag } from 'yaml/util';
import { CopperplateError } from '../core/copperplate-error.js';
import { doubleQuoted, isPlainSafe } from '../core/yaml-scalar.js';
import type { ApprovalEntry } from '../core/approval.js';

const ORDER = ['fingerprint', 'policy', 'resource', 'by', 'reason', 'expires', 'signature'] as const;

/**
 * approvals.yaml with one more entry. The entry is built and serialized by the yaml library
 * (never by pasting text into YAML), so any text, multi-line, quotes, `#`, `: ` or a leading
 * `-` included, reads back as written. Existing text (comments, order, formatting) is kept
 * byte for byte: the entry is appended as one more item of the block list. When appending
 * cannot extend the list (a flow list `[]`, or a file whose end does not read back so), the
 * entry is added through yaml's Document API instead, which keeps comments and entries.
 */
export function appendApproval(text: string | undefined, entry: ApprovalEntry): string {
  const existing = text ?? '';
  const doc = parseDocument(existing, { customTags: portableStrings });
  const contents = doc.contents;
  // nothing but comments (as `copperplate init` writes it)
  const empty = contents === null;
  if (doc.errors.length > 0 || !(empty || isSeq(contents))) {
    throw new CopperplateError('APPROVALS_NOT_A_LIST', 'the approvals file is not a YAML list of entries; fix it before adding one');
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const list = isSeq(contents) ? contents : undefined;
  if (!list?.flow) {
    const indent = list ? listIndent(existing, list.range?.[0]) : '';
    const item = entryText(entry)
      .split('\n')
      .map((line) => (line === '' ? line : indent + line))
      .join(eol);
    const appended = (existing === '' || existing.endsWith('\n') ? existing : existing + eol) + item;
    if (!list || readsBack(appended, entry, list.items.length)) return appended;
  }
  // a parsed list holds parsed nodes; the new entry is a node made here
  (list as YAMLSeq<unknown>).add(entryNode(entry, true));
  return doc.toString({ lineWidth: 0 });
}

/** The entry as a one-item block list, serialized by yaml. */
function entryText(entry: ApprovalEntry): string {
  return new Document([entryNode(entry)], { customTags: portableStrings }).toString({ lineWidth: 0 });
}

function entryNode(entry: ApprovalEntry, flow = false): YAMLMap<Scalar, Scalar> {
  const map = new YAMLMap<Scalar, Scalar>();
  for (const key of ORDER) {
    const value = entry[key];
    if (value !== undefined) map.add({ key: new Scalar(key), value: key === 'signature' ? armor(String(value)) : textScalar(String(value), flow) });
  }
  return map;
}

/**
 * A scalar that YAML 1.1 and 1.2 readers read as this exact text (core/yaml-scalar's rule). In a
 * flow list every text is quoted: PyYAML ends a plain scalar there at `?`, `:` or a flow indicator.
 */
function textScalar(value: string, flow: boolean): Scalar {
  const node = new Scalar(value);
  if (flow || !isPlainSafe(value)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/**
 * yaml's own string writer, except that a double-quoted string is written by core/yaml-scalar
 * (yaml leaves DEL, C1, NEL and U+2028 raw, which YAML 1.1 readers refuse or read as breaks):
 * on one line, with JSON's escapes.
 */
const portableString: ScalarTag = {
  ...stringTag,
  stringify(item, ctx, onComment, onChompKeep) {
    if (item.type === Scalar.QUOTE_DOUBLE) return doubleQuoted(String(item.value));
    return stringTag.stringify?.(item, ctx, onComment, onChompKeep) ?? String(item.value);
  },
};

const portableStrings = (tags: Tags): Tags => tags.map((tag) => (tag === stringTag ? portableString : tag));

/** The armored signature keeps its lines, as ssh-keygen wrote them, in a literal block. */
function armor(text: string): Scalar {
  const node = new Scalar(`${text.trim().split(/\r?\n/).map((l) => l.trim()).join('\n')}\n`);
  node.type = Scalar.BLOCK_LITERAL;
  return node;
}

/** The indentation of a block list that starts at `start` (its first `-`), '' when none. */
function listIndent(text: string, start: number | undefined): string {
  if (start === undefined) return '';
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  return /^ *$/.test(indent) ? indent : '';
}

/** The appended text is still one list whose new last item is exactly the entry. */
function readsBack(text: string, entry: ApprovalEntry, before: number): boolean {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== before + 1) return false;
  const last: unknown = doc.contents.toJSON().at(-1);
  const expected = Object.fromEntries(ORDER.filter((k) => entry[k] !== undefined).map((k) => [k, k === 'signature' ? armor(String(entry[k])).value : String(entry[k])]));
  return JSON.stringify(last) === JSON.stringify(expected);
}
