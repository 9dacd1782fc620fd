import { isSecretValue, revealSecret, secretStandIn, type SecretValue } from '../core/secret-value.js';
import { doubleQuoted, isPlainSafe, needsEscape } from '../core/yaml-scalar.js';

/**
 * Block-style YAML writer for rendered manifests. Written by hand (instead of the `yaml`
 * package's stringify) for two reasons: speed on thousands of documents, and one quoting rule
 * that YAML 1.1 readers (Kubernetes tooling) and YAML 1.2 readers agree on: a string is plain
 * only when no resolver of either version could read it as anything but that string.
 */
export function emitYaml(value: unknown, reveal: boolean): string {
  if (isMapping(value)) return hasKeys(value) ? emitMap(value, '', reveal, false) : '{}\n';
  if (Array.isArray(value)) return value.length > 0 ? emitSeq(value, '', reveal) : '[]\n';
  return `${scalar(value, '', reveal)}\n`;
}

// Each part returns its text, joined with `+`: V8 builds such strings without copying them
// until the whole document is written.

function emitMap(map: Record<string, unknown>, indent: string, reveal: boolean, inline: boolean): string {
  let out = '';
  let first = true;
  for (const key of Object.keys(map)) {
    // the first key of a mapping that is a sequence item shares the "- " line
    if (!(first && inline)) out += indent;
    first = false;
    const text = keyText(key);
    // YAML 1.1 readers (PyYAML, Go) refuse an implicit key longer than 1,024 characters
    out += text.length > MAX_IMPLICIT_KEY ? `? ${text}\n${indent}:` : `${text}:`;
    out += emitValue(map[key], indent, reveal);
  }
  return out;
}

function emitValue(value: unknown, indent: string, reveal: boolean): string {
  if (isMapping(value)) return hasKeys(value) ? `\n${emitMap(value, `${indent}  `, reveal, false)}` : ' {}\n';
  if (Array.isArray(value)) return value.length > 0 ? `\n${emitSeq(value, `${indent}  `, reveal)}` : ' []\n';
  return ` ${scalar(value, indent, reveal)}\n`;
}

function emitSeq(seq: readonly unknown[], indent: string, reveal: boolean): string {
  let out = '';
  for (const item of seq) {
    out += `${indent}-`;
    if (isMapping(item) && hasKeys(item)) out += ` ${emitMap(item, `${indent}  `, reveal, true)}`;
    else out += emitValue(item, indent, reveal);
  }
  return out;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  // a Date is a scalar (its ISO text), not an object without keys
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isSecretValue(v) && !(v instanceof Date);
}

function hasKeys(map: Record<string, unknown>): boolean {
  for (const key in map) if (Object.hasOwn(map, key)) return true;
  return false;
}

const MAX_IMPLICIT_KEY = 1024;

/** Keys repeat in every document (`apiVersion`, `metadata`…): their text is worked out once. */
const keyTexts = new Map<string, string>();
const KEY_TEXTS_MAX = 4096;

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = isPlainSafe(key) ? key : doubleQuoted(key);
    if (keyTexts.size >= KEY_TEXTS_MAX) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}

function scalar(value: unknown, indent: string, reveal: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return numberText(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (isSecretValue(value)) return stringText(reveal ? revealSecret(value) : standIn(value), indent);
  if (value instanceof Date) return doubleQuoted(value.toISOString());
  return stringText(String(value), indent);
}

function standIn(value: SecretValue): string {
  return value.names.map(secretStandIn).join('');
}

/** Integers in full (never `1e+06`); other numbers in the shortest form both YAML versions read. */
function numberText(n: number): string {
  // String() and BigInt agree on safe integers; beyond, BigInt gives every digit of the double
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  // String() writes an exponent with its sign (1e+21, 1e-7); YAML 1.1 wants a dot in the mantissa
  return s.replace(/^(-?\d+)e/, '$1.0e');
}

function stringText(s: string, indent: string): string {
  if (isPlainSafe(s)) return s;
  // a block scalar of nothing but whitespace lines reads back as "" in some readers
  if (s.includes('\n') && /\S/.test(s) && isBlockSafe(s)) return blockLiteral(s, indent);
  return doubleQuoted(s);
}

function isBlockSafe(s: string): boolean {
  // control characters (other than tab/newline) and CR need escapes; lines that start with a
  // space at the very start need an indentation indicator, which we add; a line of nothing
  // but blanks is read as an empty line by some readers and as text by others
  return !needsEscape(s) && !/(?:^|\n)[ \t]+(?:\n|$)/.test(s);
}

function blockLiteral(s: string, indent: string): string {
  const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = chomp === '+' ? s.slice(0, -1) : chomp === '' ? s.slice(0, -1) : s;
  const pad = `${indent}  `;
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}
