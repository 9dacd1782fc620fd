import { createHash, randomBytes } from 'node:crypto';
import { Document, Scalar } from 'yaml';
import { encryptValue, sopsBytes, sopsType } from './sops-cipher.js';
import { sopsAad } from './sops-decrypt.js';
import { parseSopsTree, shouldBeEncrypted, type SopsFormat } from './sops-file.js';
import { isSopsMap, type SopsMap, type SopsTree } from './sops-tree.js';

export interface SopsEncryptOptions {
  format: SopsFormat;
  /** age recipients (`age1…`); the data key is wrapped for each. */
  ageRecipients: readonly string[];
  /**
   * AWS KMS keys that already wrap `dataKey` (KMS GenerateDataKey: `enc` is the base64
   * CiphertextBlob); recorded in the metadata as sops does.
   */
  kms?: readonly { arn: string; enc: string; context?: Readonly<Record<string, string>> }[];
  /** The data key to use (with `kms`); default: 32 random bytes. */
  dataKey?: Uint8Array;
  /** Written as `sops.lastmodified` (and bound to the MAC); default: now. */
  now?: Date;
  /** Keys ending in this stay plaintext (sops' default `_unencrypted`). */
  unencryptedSuffix?: string;
}

/** The sops format version this encryptor writes files compatible with. */
const SOPS_VERSION = '3.8.1';

/**
 * A small sops encryptor (age recipients, or KMS keys with the data key they wrap) for the demo
 * project and tests: AES-256-GCM per value with the key path as additional data, the MAC over
 * the plaintext values, the data key wrapped per age recipient as an armored age file. YAML
 * comments are not kept.
 */
export async function encryptSops(plaintext: string, options: SopsEncryptOptions): Promise<string> {
  const kms = options.kms ?? [];
  if (options.ageRecipients.length === 0 && kms.length === 0) throw new Error('encryptSops needs an age recipient or a KMS key');
  if (kms.length > 0 && options.dataKey === undefined) throw new Error('encryptSops needs the dataKey that the KMS keys wrap');
  if (options.dataKey !== undefined && options.dataKey.length !== 32) throw new Error('a sops data key has 32 bytes');
  const tree = parseSopsTree(plaintext, options.format, 'input');
  if (tree.has('sops') || [...tree.keys()].some((k) => k.startsWith('sops_'))) throw new Error('input is already sops-encrypted');
  const dataKey = options.dataKey ?? randomBytes(32);
  const suffix = options.unencryptedSuffix ?? '_unencrypted';
  const hash = createHash('sha512');
  const walk = (node: SopsTree, path: string[]): SopsTree => {
    if (isSopsMap(node)) {
      const out: SopsMap = new Map();
      for (const [k, v] of node) out.set(k, walk(v, [...path, k]));
      return out;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    hash.update(sopsBytes(node));
    if (!shouldBeEncrypted({ unencryptedSuffix: suffix }, path) || node === '' || node === null) return node;
    return encryptValue(sopsBytes(node), sopsType(node), dataKey, sopsAad(path));
  };
  const data = walk(tree, []) as SopsMap;
  const lastmodified = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const mac = encryptValue(Buffer.from(hash.digest('hex').toUpperCase()), 'str', dataKey, lastmodified);

  const age = options.ageRecipients.length > 0 ? await import('age-encryption') : undefined;
  const recipients: { recipient: string; enc: string }[] = [];
  for (const recipient of options.ageRecipients) {
    if (!age) break;
    const e = new age.Encrypter();
    e.addRecipient(recipient);
    recipients.push({ recipient, enc: age.armor.encode(await e.encrypt(dataKey)) });
  }
  const kmsMeta = kms.map((k) => ({ arn: k.arn, ...(k.context ? { context: { ...k.context } } : {}), created_at: lastmodified, enc: k.enc, aws_profile: '' }));
  const meta = { kms: kmsMeta, age: recipients, lastmodified, mac, unencrypted_suffix: suffix, version: SOPS_VERSION };

  switch (options.format) {
    case 'yaml': {
      const doc = new Document(new Map<string, unknown>([...data, ['sops', meta]]));
      const lm = doc.getIn(['sops', 'lastmodified'], true);
      if (lm instanceof Scalar) lm.type = 'QUOTE_DOUBLE';
      return doc.toString({ lineWidth: 0, indentSeq: true });
    }
    case 'json':
      return `${json(new Map<string, SopsTree>([...data, ['sops', toTree(meta)]]), '')}\n`;
    case 'env': {
      const lines: string[] = [];
      for (const [k, v] of data) {
        if (isSopsMap(v) || Array.isArray(v)) throw new Error('ENV files hold only top-level scalars');
        lines.push(`${k}=${String(v ?? '')}`);
      }
      kmsMeta.forEach((k, i) => {
        lines.push(`sops_kms__list_${i}__map_arn=${k.arn}`, `sops_kms__list_${i}__map_enc=${k.enc}`);
        for (const [ck, cv] of Object.entries(k.context ?? {})) lines.push(`sops_kms__list_${i}__map_context__map_${ck}=${cv}`);
      });
      recipients.forEach((r, i) => {
        lines.push(`sops_age__list_${i}__map_enc=${r.enc.replaceAll('\n', '\\n')}`);
        lines.push(`sops_age__list_${i}__map_recipient=${r.recipient}`);
      });
      lines.push(`sops_lastmodified=${lastmodified}`, `sops_mac=${mac}`, `sops_unencrypted_suffix=${suffix}`, `sops_version=${SOPS_VERSION}`);
      return `${lines.join('\n')}\n`;
    }
  }
}

function toTree(value: unknown): SopsTree {
  if (Array.isArray(value)) return value.map(toTree);
  if (typeof value === 'object' && value !== null) return new Map(Object.entries(value).map(([k, v]) => [k, toTree(v)]));
  return value as SopsTree;
}

/** JSON that keeps mapping order (JSON.stringify of objects would move integer-like keys). */
function json(node: SopsTree, indent: string): string {
  const inner = `${indent}    `;
  if (isSopsMap(node)) {
    if (node.size === 0) return '{}';
    const parts = [...node].map(([k, v]) => `${inner}${JSON.stringify(k)}: ${json(v, inner)}`);
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    return `[\n${node.map((v) => `${inner}${json(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  return JSON.stringify(node);
}
