import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SopsScalar } from './sops-tree.js';

/** How sops writes one encrypted value. */
const ENC = /^ENC\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:([a-z]+)\]$/;

export type SopsValueType = 'str' | 'int' | 'float' | 'bool' | 'bytes' | 'comment';

export function isEncryptedValue(text: string): boolean {
  return ENC.test(text);
}

/**
 * AES-256-GCM with a 32-byte IV and the value's key path (`a:b:`) as additional data. Throws
 * (with a message that holds nothing of the input) when the format or the tag is wrong.
 */
export function decryptValue(text: string, key: Uint8Array, aad: string): { bytes: Buffer; type: SopsValueType } {
  const m = ENC.exec(text);
  if (!m) throw new Error('not a sops-encrypted value');
  const iv = Buffer.from(m[2]!, 'base64');
  const tag = Buffer.from(m[3]!, 'base64');
  if (iv.length === 0 || tag.length !== 16) throw new Error('malformed sops-encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  const bytes = Buffer.concat([decipher.update(Buffer.from(m[1]!, 'base64')), decipher.final()]);
  return { bytes, type: m[4] as SopsValueType };
}

export function encryptValue(plaintext: Buffer, type: SopsValueType, key: Uint8Array, aad: string): string {
  const iv = randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${tag.toString('base64')},type:${type}]`;
}

/** sops' `ToBytes`: the text a value is encrypted and MAC'd as (booleans `True`/`False`). */
export function sopsBytes(value: SopsScalar): Buffer {
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'number') return Buffer.from(goNumber(value));
  if (value === null) return Buffer.alloc(0);
  return Buffer.from(value, 'utf8');
}

export function sopsType(value: SopsScalar): SopsValueType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'str';
}

/** Inverse of sopsBytes given the recorded type. */
export function fromSopsBytes(bytes: Buffer, type: SopsValueType): SopsScalar {
  const text = bytes.toString('utf8');
  switch (type) {
    case 'int':
    case 'float': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'bool':
      return text === 'True' || text === 'true';
    default:
      return text;
  }
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) / Itoa: no exponent notation. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}
