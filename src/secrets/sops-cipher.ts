import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { goFormatFloat, goParseBool, goParseFloat, goParseInt } from './go-scalar.js';
import type { SopsScalar } from './sops-tree.js';

/** How sops writes one encrypted value. */
const ENC = /^ENC\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:([a-z0-9]+)\]$/;

/** The types sops' cipher writes (`int64` and unknown names are read, and refused, too). */
export type SopsValueType = 'str' | 'int' | 'float' | 'bool' | 'bytes' | 'comment';

export function isEncryptedValue(text: string): boolean {
  return ENC.test(text);
}

/**
 * AES-256-GCM with a 32-byte IV and the value's key path (`a:b:`) as additional data. Throws
 * (with a message that holds nothing of the input) when the format or the tag is wrong:
 * node:crypto refuses an empty IV, and `authTagLength` a tag of other than 16 bytes (without
 * it, GCM would verify a truncated tag).
 */
export function decryptValue(text: string, key: Uint8Array, aad: string): { bytes: Buffer; type: string } {
  const m = ENC.exec(text);
  if (!m) throw new Error('not a sops-encrypted value');
  const iv = Buffer.from(m[2]!, 'base64');
  const tag = Buffer.from(m[3]!, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  const bytes = Buffer.concat([decipher.update(Buffer.from(m[1]!, 'base64')), decipher.final()]);
  return { bytes, type: m[4]! };
}

export function encryptValue(plaintext: Buffer, type: SopsValueType, key: Uint8Array, aad: string): string {
  const iv = randomBytes(32);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString('base64')},iv:${iv.toString('base64')},tag:${tag.toString('base64')},type:${type}]`;
}

/**
 * sops' `ToBytes`: the text a value is encrypted and MAC'd as. A Go int (bigint) in decimal, a
 * float64 (number) by strconv.FormatFloat(v, 'f', -1, 64), booleans `True`/`False`. (sops
 * never hashes a null: its tree walk skips nil values.)
 */
export function sopsBytes(value: SopsScalar): Buffer {
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (typeof value === 'bigint') return Buffer.from(value.toString());
  if (typeof value === 'number') return Buffer.from(goFormatFloat(value));
  if (value === null) return Buffer.alloc(0);
  return Buffer.from(value);
}

export function sopsType(value: SopsScalar): SopsValueType {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  return 'str';
}

/**
 * A decrypted value as sops' cipher returns it: the typed value and the bytes its MAC covers,
 * or an encrypted comment (which the MAC skips).
 */
export type DecodedSopsValue = { value: SopsScalar; hashed: Buffer } | { comment: true };

/**
 * sops' cipher.Decrypt after AES-GCM: the plaintext converted per its recorded type with Go's
 * strconv (Atoi, ParseFloat, ParseBool). The `type:` field is not authenticated, so the MAC is
 * computed over sopsBytes of this typed value, not over the raw plaintext: `007` read as an int
 * hashes as `7`, `1` read as a bool as `True`. Undefined where sops fails: a text the type's
 * parser refuses, `int64` (which sops' ToBytes cannot hash) or an unknown type.
 */
export function decodeSopsValue(bytes: Buffer, type: string): DecodedSopsValue | undefined {
  const text = bytes.toString('utf8');
  const typed = (value: SopsScalar | undefined): DecodedSopsValue | undefined => (value === undefined ? undefined : { value, hashed: sopsBytes(value) });
  switch (type) {
    // Go's string(b) and []byte(s) keep the bytes as they are, valid UTF-8 or not
    case 'str':
    case 'bytes':
      return { value: text, hashed: bytes };
    case 'int': {
      const n = goParseInt(text, 10);
      return typed(typeof n === 'bigint' ? n : undefined);
    }
    case 'float':
      return typed(goParseFloat(text));
    case 'bool':
      return typed(goParseBool(text));
    case 'comment':
      return { comment: true };
    default:
      return undefined;
  }
}
