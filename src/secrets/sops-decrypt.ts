import { createHash, timingSafeEqual } from 'node:crypto';
import { SecretFetchError } from './secret-fetch-error.js';
import { decryptValue, fromSopsBytes, sopsBytes } from './sops-cipher.js';
import { shouldBeEncrypted, type SopsDocument } from './sops-file.js';
import { isSopsMap, type SopsMap, type SopsTree } from './sops-tree.js';

/** sops' additional data for a value: its mapping keys joined with `:`, plus a trailing `:`. */
export function sopsAad(path: readonly string[]): string {
  return `${path.join(':')}:`;
}

/**
 * Decrypts every value and verifies the file MAC (SHA-512 over the plaintext values in
 * document order, upper-case hex, stored encrypted with `lastmodified` as additional data),
 * as sops does before it shows anything. `display` names the file in messages.
 */
export function decryptSopsDocument(doc: SopsDocument, dataKey: Uint8Array, display: string): SopsMap {
  const hash = createHash('sha512');
  const meta = doc.metadata;

  const walk = (node: SopsTree, path: string[]): SopsTree => {
    if (isSopsMap(node)) {
      const out: SopsMap = new Map();
      for (const [k, v] of node) out.set(k, walk(v, [...path, k]));
      return out;
    }
    // List items share their parent's path: sops adds no index to the additional data.
    if (Array.isArray(node)) return node.map((item) => walk(item, path));
    const encrypted = shouldBeEncrypted(meta, path) && node !== '' && node !== null;
    if (!encrypted) {
      if (!meta.macOnlyEncrypted) hash.update(sopsBytes(node));
      return node;
    }
    const where = path.join('.');
    if (typeof node !== 'string') {
      throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${where} should be encrypted but is not`);
    }
    let plain;
    try {
      plain = decryptValue(node, dataKey, sopsAad(path));
    } catch {
      throw new SecretFetchError('SOPS_DECRYPT_FAILED', `${display}: value at ${where} fails authentication (tampered or not encrypted)`);
    }
    hash.update(plain.bytes);
    return fromSopsBytes(plain.bytes, plain.type);
  };

  const data = walk(doc.data, []) as SopsMap;
  const computed = hash.digest('hex').toUpperCase();
  if (!meta.mac || !meta.lastmodified) {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display} has no MAC${meta.lastmodified ? '' : ' or lastmodified'}`);
  }
  let stored: Buffer;
  try {
    stored = decryptValue(meta.mac, dataKey, meta.lastmodified).bytes;
  } catch {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display}: the MAC fails authentication (mac or lastmodified edited)`);
  }
  const expected = Buffer.from(computed);
  if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
    throw new SecretFetchError('SOPS_MAC_MISMATCH', `${display}: MAC mismatch, the file was modified after encryption`, {
      hint: 'values were added, removed, reordered or changed outside sops',
    });
  }
  return data;
}
