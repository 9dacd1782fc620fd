import { parseDocument } from 'yaml';
import { SecretFetchError } from './secret-fetch-error.js';
import { fromJs, isSopsMap, toPlain, type SopsMap, type SopsTree } from './sops-tree.js';

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

/** Parses plaintext or encrypted file text into an ordered tree (any format). */
export function parseSopsTree(text: string, format: SopsFormat, display: string): SopsMap {
  if (format === 'env') return parseEnv(text);
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true });
  if (doc.errors.length > 0) {
    // yaml's messages quote the source line, which may be ciphertext or a value: position only.
    const pos = doc.errors[0]!.linePos?.[0];
    throw new SecretFetchError('SOPS_FILE_INVALID', `${display} is not valid ${format.toUpperCase()}${pos ? ` (line ${pos.line})` : ''}`);
  }
  let plain: unknown;
  try {
    // sops writes no aliases; yaml's own bound stops a hostile file's expansion with a throw
    plain = doc.toJS({ mapAsMap: true, maxAliasCount: 100 });
  } catch {
    throw new SecretFetchError('SOPS_FILE_INVALID', `${display} uses YAML aliases beyond what a sops file holds`);
  }
  const tree = fromJs(plain);
  if (!isSopsMap(tree)) throw new SecretFetchError('SOPS_FILE_INVALID', `${display} does not hold a mapping at the top`);
  return tree;
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
  return { format, data: tree, metadata: readMetadata(rawMeta as Record<string, unknown>) };
}

function readMetadata(m: Record<string, unknown>): SopsMetadata {
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
  return {
    age,
    kms,
    otherKeyTypes,
    lastmodified: str(m['lastmodified']),
    mac: str(m['mac']),
    version: str(m['version']),
    unencryptedSuffix: str(m['unencrypted_suffix']),
    encryptedSuffix: str(m['encrypted_suffix']),
    unencryptedRegex: str(m['unencrypted_regex']),
    encryptedRegex: str(m['encrypted_regex']),
    macOnlyEncrypted: m['mac_only_encrypted'] === true || m['mac_only_encrypted'] === 'true',
  };
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

/** sops' rule for which leaves are encrypted, from the suffix / regex settings. */
export function shouldBeEncrypted(metadata: SopsMetadata, path: readonly string[]): boolean {
  const unencryptedSuffix = metadata.unencryptedSuffix ?? (metadata.encryptedSuffix || metadata.unencryptedRegex || metadata.encryptedRegex ? undefined : '_unencrypted');
  if (unencryptedSuffix !== undefined && path.some((p) => p.endsWith(unencryptedSuffix))) return false;
  if (metadata.encryptedSuffix !== undefined) return path.some((p) => p.endsWith(metadata.encryptedSuffix!));
  if (metadata.unencryptedRegex !== undefined) {
    const re = new RegExp(metadata.unencryptedRegex);
    if (path.some((p) => re.test(p))) return false;
  }
  if (metadata.encryptedRegex !== undefined) {
    const re = new RegExp(metadata.encryptedRegex);
    return path.some((p) => re.test(p));
  }
  return true;
}

export type { SopsTree };
