import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { compilePattern } from '../core/linear-pattern.js';
import { GO_UINT64, goYamlPlainScalar, type GoYamlScalar } from './go-scalar.js';
import { SecretFetchError } from './secret-fetch-error.js';
import { isSopsMap, toPlain, type SopsMap, type SopsScalar, type SopsTree } from './sops-tree.js';

export type SopsFormat = 'yaml' | 'json' | 'env';

export interface SopsAgeRecipient {
  recipient: string;
  enc: string;
}

export interface SopsKmsKey {
  arn: string;
  enc: string;
  context?: Record<string, string>;
}

/** The `sops:` metadata this implementation uses. */
export interface SopsMetadata {
  age: SopsAgeRecipient[];
  kms: SopsKmsKey[];
  /** Other recipient kinds present (pgp, gcp_kms, …), named in "no key" messages. */
  otherKeyTypes: string[];
  lastmodified: string | undefined;
  mac: string | undefined;
  version: string | undefined;
  unencryptedSuffix: string | undefined;
  encryptedSuffix: string | undefined;
  unencryptedRegex: string | undefined;
  encryptedRegex: string | undefined;
  macOnlyEncrypted: boolean;
}

export interface SopsDocument {
  format: SopsFormat;
  /** Values as stored (encrypted leaves are `ENC[…]` strings); key names are plaintext. */
  data: SopsMap;
  metadata: SopsMetadata;
}

export function sopsFormatOf(file: string): SopsFormat {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.env$/i.test(file) || /(^|\/)\.env(\.|$)/.test(file)) return 'env';
  return 'yaml';
}

/** Aliases a sops file may dereference: sops writes none, a hostile file may nest many. */
const MAX_SOPS_ALIASES = 100;

/**
 * Parses plaintext or encrypted file text into an ordered tree (any format), reading scalars as
 * sops' stores do: YAML through yaml.v3's resolution (see go-scalar.ts), JSON numbers as Go
 * float64, ENV values as strings. Keys must be strings, as sops requires.
 */
export function parseSopsTree(text: string, format: SopsFormat, display: string): SopsMap {
  if (format === 'env') return parseEnv(text);
  const invalid = (why: string): SecretFetchError => new SecretFetchError('SOPS_FILE_INVALID', `${display} ${why}`);
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the input, which may be ciphertext or a value
      throw invalid('is not valid JSON');
    }
  }
  // failsafe: every scalar keeps its source text, resolved below as Go resolves it
  const doc = parseDocument(text, { version: '1.2', schema: 'failsafe', uniqueKeys: true });
  if (doc.errors.length > 0) {
    // yaml's messages quote the source line, which may be ciphertext or a value: position only.
    const pos = doc.errors[0]!.linePos?.[0];
    throw invalid(`is not valid ${format.toUpperCase()}${pos ? ` (line ${pos.line})` : ''}`);
  }
  let aliases = 0;
  const read = (node: unknown, path: readonly string[]): SopsTree => {
    if (isAlias(node)) {
      if (++aliases > MAX_SOPS_ALIASES) throw invalid('uses YAML aliases beyond what a sops file holds');
      return read(node.resolve(doc), path);
    }
    if (isMap(node)) {
      const out: SopsMap = new Map();
      for (const pair of node.items) {
        const key = readKey(pair.key);
        if (key === undefined) throw invalid(`has a key that is not a string${path.length > 0 ? ` under ${path.join('.')}` : ''} (sops reads only string keys)`);
        out.set(key, read(pair.value, [...path, key]));
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => read(item, path));
    if (!isScalar(node)) return null;
    const source = String(node.value);
    const value = format === 'json' ? (node.type === 'PLAIN' ? jsonScalar(source) : source) : goYamlScalar(source, node.type === 'PLAIN', node.tag);
    if (value === TAG_MISMATCH) throw invalid(`holds a value that does not fit its YAML tag at ${path.join('.') || 'the top'}`);
    // metadata is read by name below; data must be what sops' tree walk accepts
    if (value === GO_UINT64 && path[0] !== 'sops') throw invalid(`holds an integer beyond int64 at ${path.join('.')}, which sops cannot process`);
    if (value === undefined) throw invalid(`holds a number out of float64 range at ${path.join('.')}`);
    return value === GO_UINT64 ? source : value;
  };
  const readKey = (node: unknown): string | undefined => {
    const resolved = isAlias(node) ? node.resolve(doc) : node;
    if (!isScalar(resolved)) return undefined;
    const key = goYamlScalar(String(resolved.value), resolved.type === 'PLAIN', resolved.tag);
    return typeof key === 'string' ? key : undefined;
  };
  const tree = read(doc.contents, []);
  if (!isSopsMap(tree)) throw invalid('does not hold a mapping at the top');
  return tree;
}

const TAG_MISMATCH = Symbol('tag mismatch');

/**
 * A YAML scalar as yaml.v3 decodes it: quoted and block scalars and `!`/`!!str` are strings, a
 * plain one is resolved (go-scalar.ts); `!!int`, `!!float` (an int read as a float64), `!!bool`
 * and `!!null` must resolve to their type. Other tags (`!!binary`, `!!timestamp`, custom ones)
 * are refused: sops never writes them.
 */
function goYamlScalar(source: string, plain: boolean, tag: string | undefined): GoYamlScalar | typeof TAG_MISMATCH {
  const short = tag?.replace(/^tag:yaml\.org,2002:/, '!!');
  if (short === '!!str' || short === '!' || (short === undefined && !plain)) return source;
  const value = goYamlPlainScalar(source);
  switch (short) {
    case undefined:
      return value;
    case '!!int':
      return typeof value === 'bigint' || value === GO_UINT64 ? value : TAG_MISMATCH;
    case '!!float':
      return typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : TAG_MISMATCH;
    case '!!bool':
      return typeof value === 'boolean' ? value : TAG_MISMATCH;
    case '!!null':
      return value === null ? null : TAG_MISMATCH;
    default:
      return TAG_MISMATCH;
  }
}

/** A JSON literal as Go's encoding/json decodes it into `interface{}`: numbers are float64. */
function jsonScalar(source: string): SopsScalar | undefined {
  if (source === 'true' || source === 'false') return source === 'true';
  if (source === 'null') return null;
  if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(source)) return undefined;
  const n = Number(source);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses a sops-encrypted file; throws SOPS_FILE_INVALID when it is not one. */
export function parseSopsFile(text: string, format: SopsFormat, display: string): SopsDocument {
  const tree = parseSopsTree(text, format, display);
  let rawMeta: unknown;
  if (format === 'env') {
    rawMeta = unflattenEnvMetadata(tree);
    for (const k of [...tree.keys()]) if (k.startsWith('sops_')) tree.delete(k);
  } else {
    rawMeta = tree.has('sops') ? toPlain(tree.get('sops')!) : undefined;
    tree.delete('sops');
  }
  if (typeof rawMeta !== 'object' || rawMeta === null || Array.isArray(rawMeta)) {
    throw new SecretFetchError('SOPS_FILE_INVALID', `${display} is not a sops-encrypted file (no sops metadata)`, {
      hint: 'encrypt it with `sops --encrypt`',
    });
  }
  return { format, data: tree, metadata: readMetadata(rawMeta as Record<string, unknown>, format, display) };
}

/**
 * The metadata as sops' stores read it (stores.Metadata.ToInternal): at most one encryption rule
 * (`unencrypted_suffix` `_unencrypted` when none), `lastmodified` an RFC 3339 time,
 * `mac_only_encrypted` a boolean as each format spells one.
 */
function readMetadata(m: Record<string, unknown>, format: SopsFormat, display: string): SopsMetadata {
  const invalid = (why: string): SecretFetchError => new SecretFetchError('SOPS_FILE_INVALID', `${display}: ${why}`);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
  const age = list(m['age'])
    .map((a) => ({ recipient: str(a['recipient']) ?? '', enc: str(a['enc']) ?? '' }))
    .filter((a) => a.enc !== '');
  const kms: SopsKmsKey[] = [];
  for (const k of list(m['kms'])) {
    const arn = str(k['arn']);
    const enc = str(k['enc']);
    if (!arn || !enc) continue;
    const key: SopsKmsKey = { arn, enc };
    const ctx = k['context'];
    if (typeof ctx === 'object' && ctx !== null && !Array.isArray(ctx)) {
      key.context = Object.fromEntries(Object.entries(ctx).map(([a, b]) => [a, String(b)]));
    }
    kms.push(key);
  }
  const otherKeyTypes = ['pgp', 'gcp_kms', 'azure_kv', 'hc_vault'].filter((t) => list(m[t]).length > 0);
  for (const key of ['unencrypted_comment_regex', 'encrypted_comment_regex']) {
    // which values these leave in plaintext depends on YAML comments, which are not kept here
    if (str(m[key]) !== undefined) throw invalid(`uses ${key}, which copperplate cannot verify; use a suffix or a key regex rule`);
  }
  const rules = {
    unencryptedSuffix: str(m['unencrypted_suffix']),
    encryptedSuffix: str(m['encrypted_suffix']),
    unencryptedRegex: str(m['unencrypted_regex']),
    encryptedRegex: str(m['encrypted_regex']),
  };
  const ruleCount = Object.values(rules).filter((r) => r !== undefined).length;
  if (ruleCount > 1) throw invalid('uses more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex and unencrypted_regex');
  if (ruleCount === 0) rules.unencryptedSuffix = '_unencrypted';
  const rawLastmodified = str(m['lastmodified']);
  const lastmodified = rawLastmodified === undefined ? undefined : goRfc3339(rawLastmodified);
  if (rawLastmodified !== undefined && lastmodified === undefined) throw invalid('lastmodified is not an RFC 3339 time');
  return {
    age,
    kms,
    otherKeyTypes,
    lastmodified,
    mac: str(m['mac']),
    version: str(m['version']),
    ...rules,
    macOnlyEncrypted: macOnlyEncrypted(m['mac_only_encrypted'], format, invalid),
  };
}

/**
 * `mac_only_encrypted` as sops decodes it into a Go bool: ENV (all text) is true only for
 * `true`; JSON takes only a JSON boolean; YAML a boolean or, as yaml.v3 allows for a bool
 * field, one of YAML 1.1's words (`yes`, `on`, …). Anything else makes sops refuse the file.
 */
function macOnlyEncrypted(value: unknown, format: SopsFormat, invalid: (why: string) => Error): boolean {
  if (format === 'env') return value === 'true';
  if (value === undefined || value === null || typeof value === 'boolean') return value === true;
  if (format === 'yaml' && typeof value === 'string') {
    if (['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].includes(value)) return true;
    if (['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].includes(value)) return false;
  }
  throw invalid('mac_only_encrypted is not a boolean');
}

/**
 * An RFC 3339 time as Go's time.Parse reads it and time.Format(time.RFC3339) writes it back
 * (fraction dropped, a zero offset as `Z`): sops binds the MAC to that text, not to the file's.
 */
function goRfc3339(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([-+])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[7] !== 'Z' && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const zero = m[7] === 'Z' || (m[9] === '00' && m[10] === '00');
  return `${text.slice(0, 19)}${zero ? 'Z' : m[7]}`;
}

/** sops' dotenv store: `KEY=value` lines, `#` comments, values taken verbatim. */
function parseEnv(text: string): SopsMap {
  const out: SopsMap = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new SecretFetchError('SOPS_FILE_INVALID', 'an ENV line has no KEY=');
    out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

/**
 * sops flattens its metadata into `sops_`-prefixed keys in ENV files: `sops_age__list_0__map_enc`
 * is `sops.age[0].enc`; multi-line values have `\n` escaped.
 */
function unflattenEnvMetadata(tree: SopsMap): Record<string, unknown> | undefined {
  let root: Record<string, unknown> | undefined;
  for (const [key, value] of tree) {
    if (!key.startsWith('sops_')) continue;
    root ??= {};
    const parts = key.slice('sops_'.length).split('__');
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const m = /^(?:list_(\d+)|map_(.+))$/.exec(part);
      const slot: string | number = i === 0 ? part : m?.[1] !== undefined ? Number(m[1]) : (m?.[2] ?? part);
      const last = i === parts.length - 1;
      const nextIsList = !last && /^list_\d+$/.test(parts[i + 1]!);
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = typeof value === 'string' ? value.replaceAll('\\n', '\n') : value;
      } else {
        container[slot] ??= nextIsList ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
}

/**
 * sops' rule for which leaves are encrypted (Tree.shouldBeEncrypted): the one rule the metadata
 * holds, tested against every key on the value's path; regexes with Go's (RE2) semantics, in
 * linear time. A regex Go cannot compile matches nothing, as in sops (it ignores the error).
 */
export function shouldBeEncrypted(metadata: Partial<Pick<SopsMetadata, 'encryptedSuffix' | 'encryptedRegex' | 'unencryptedRegex' | 'unencryptedSuffix'>>, path: readonly string[]): boolean {
  const matches = (re: string): boolean => {
    const compiled = compilePattern(re, 're2');
    return typeof compiled !== 'string' && path.some((p) => compiled.test(p));
  };
  if (metadata.encryptedSuffix !== undefined) return path.some((p) => p.endsWith(metadata.encryptedSuffix!));
  if (metadata.encryptedRegex !== undefined) return matches(metadata.encryptedRegex);
  if (metadata.unencryptedRegex !== undefined) return !matches(metadata.unencryptedRegex);
  const suffix = metadata.unencryptedSuffix;
  return suffix === undefined || !path.some((p) => p.endsWith(suffix));
}

export type { SopsTree };
