import { createHash, timingSafeEqual } from 'node:crypto';
import { SecretFetchError } from './secret-fetch-error.js';
import { decodeSopsValue, decryptValue, sopsBytes } from './sops-cipher.js';
import { shouldBeEncrypted, type SopsDocument } from './sops-file.js';
import { isSopsMap, type SopsMap, type SopsTree } from './sops-tree.js';

/** sops' additional data for a value: its mapping keys joined with `:`, plus a trailing `:`. */
export function sopsAad(path: readonly string[]): string {
  return `${path.join(':')}:`;
}

/**
 * What sops feeds the hash first when `mac_only_encrypted` is set (sops.go,
 * MACOnlyEncryptedInitialization: the SHA-256 of `sops`), so that a MAC over the encrypted
 * values only never equals the MAC over all values: turning the flag on or off breaks the MAC.
 */
const MAC_ONLY_ENCRYPTED_INIT = createHash('sha256').update('sops').digest();

/**
 * Decrypts every value and verifies the file MAC as sops does before it shows anything
 * (Tree.Decrypt): SHA-512 over the values in document order, each as sops' ToBytes writes its
 * typed value (decrypted ones as their recorded type reads them), nulls and comments skipped;
 * with `mac_only_encrypted`, over the encrypted values only, after a fixed prefix. The MAC is
 * stored encrypted with `lastmodified` (as Go formats it) as additional data, upper-case hex,
 * compared as text as sops does (a lower-case MAC is a mismatch).
 * `display` names the file in messages.
 */
export function decryptSopsDocument(doc: SopsDocument, dataKey: Uint8Array, display: string): SopsMap {
  const meta = doc.metadata;
  const hash = createHash('sha512');
  if (meta.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  let commentAt: string | undefined;

  const walk = (node: SopsTree, path: string[]): SopsTree => {
    if (isSopsMap(node)) {
      const out: SopsMap = new Map();
      for (const [k, v] of node) out.set(k, walk(v, [...path, k]));
      return out;
    }
    // List items share their parent's path: sops adds no index to the additional data.
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    if (node === null) return null;
    const where = path.join('.');
    if (!shouldBeEncrypted(meta, path)) {
      if (!meta.macOnlyEncrypted) hash.update(sopsBytes(node));
      return node;
    }
    if (typeof node !== 'string') {
      throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${where} should be encrypted but is not`);
    }
    // sops' cipher leaves an empty value as it is, and its bytes add nothing to the hash
    if (node === '') return node;
    let decoded;
    try {
      const plain = decryptValue(node, dataKey, sopsAad(path));
      decoded = decodeSopsValue(plain.bytes, plain.type);
    } catch {
      throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${where} fails authentication (tampered or not encrypted)`);
    }
    if (decoded === undefined) {
      throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${where} does not read as the type recorded with it`);
    }
    if ('comment' in decoded) {
      commentAt ??= where;
      return node;
    }
    hash.update(decoded.hashed);
    return decoded.value;
  };

  const data = walk(doc.data, []) as SopsMap;
  // sops compares the texts: its MAC is written `%X`, upper-case hex
  const computed = Buffer.from(hash.digest('hex').toUpperCase());
  if (!meta.mac || !meta.lastmodified) {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display} has no MAC${meta.lastmodified ? '' : ' or lastmodified'}`);
  }
  let stored: Buffer;
  try {
    stored = decryptValue(meta.mac, dataKey, meta.lastmodified).bytes;
  } catch {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display}: the MAC fails authentication (mac or lastmodified edited)`);
  }
  if (stored.length !== computed.length || !timingSafeEqual(stored, computed)) {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display}: MAC mismatch, the file was modified after encryption`, {
      hint: 'values were added, removed, reordered or changed outside sops',
    });
  }
  if (commentAt !== undefined) {
    throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${commentAt} is an encrypted comment, not a value`);
  }
  return data;
}
