import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { SshFormatError, SshReader } from './ssh-wire.js';

/** The public-key algorithms whose SSH signatures copperplate verifies. */
export type SshKeyType = 'ssh-ed25519' | 'ecdsa-sha2-nistp256' | 'ecdsa-sha2-nistp384' | 'ecdsa-sha2-nistp521' | 'ssh-rsa';

export interface SshPublicKey {
  type: SshKeyType;
  /** The key's wire encoding: what SSHSIG embeds and what allowed-signers lines carry (base64). */
  blob: Buffer;
  key: KeyObject;
  /** `SHA256:…` as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

/** Smaller RSA moduli are refused: NIST retired them, and a forged approval is the risk. */
export const MIN_RSA_BITS = 2048;

const CURVES = {
  'ecdsa-sha2-nistp256': { id: 'nistp256', jwk: 'P-256', size: 32 },
  'ecdsa-sha2-nistp384': { id: 'nistp384', jwk: 'P-384', size: 48 },
  'ecdsa-sha2-nistp521': { id: 'nistp521', jwk: 'P-521', size: 66 },
} as const;

/**
 * Reads an SSH public key blob. Unsupported or malformed keys give a reason for a person
 * (certificates and FIDO `sk-` keys are named as such), never an exception.
 */
export function parseSshPublicKey(blob: Buffer): { key: SshPublicKey } | { problem: string } {
  let type = '';
  try {
    const r = new SshReader(blob);
    type = r.text();
    const jwk = jwkOf(type, r);
    if (typeof jwk === 'string') return { problem: jwk };
    r.end();
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    if (type === 'ssh-rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
      return { problem: `RSA key of ${key.asymmetricKeyDetails?.modulusLength ?? 0} bits is too small (at least ${MIN_RSA_BITS})` };
    }
    return { key: { type: type as SshKeyType, blob, key, fingerprint: sshFingerprint(blob) } };
  } catch (err) {
    if (err instanceof SshFormatError) return { problem: `malformed ${type || 'public'} key (${err.message})` };
    // node:crypto refuses points off the curve and other impossible keys
    return { problem: `invalid ${type || 'public'} key` };
  }
}

/** `SHA256:<unpadded base64>` of a key blob, the form ssh-keygen prints and users compare. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function jwkOf(type: string, r: SshReader): Record<string, string> | string {
  if (type === 'ssh-ed25519') {
    const x = r.string();
    if (x.length !== 32) throw new SshFormatError('an Ed25519 key is 32 bytes');
    return { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') };
  }
  if (type === 'ssh-rsa') {
    const e = r.mpint();
    const n = r.mpint();
    if (e.length === 0 || n.length === 0) throw new SshFormatError('empty RSA parameter');
    return { kty: 'RSA', e: e.toString('base64url'), n: n.toString('base64url') };
  }
  if (type in CURVES) {
    const curve = CURVES[type as keyof typeof CURVES];
    if (r.text() !== curve.id) throw new SshFormatError(`curve does not match ${type}`);
    const point = r.string();
    if (point.length !== 1 + 2 * curve.size || point[0] !== 0x04) throw new SshFormatError('not an uncompressed curve point');
    return {
      kty: 'EC',
      crv: curve.jwk,
      x: point.subarray(1, 1 + curve.size).toString('base64url'),
      y: point.subarray(1 + curve.size).toString('base64url'),
    };
  }
  if (type.includes('-cert-v01@openssh.com')) return `SSH certificates (${type}) are not supported: list the plain public key`;
  if (type.startsWith('sk-')) return `security-key (FIDO) keys (${type}) are not supported`;
  if (type === 'ssh-dss') return 'DSA keys are not supported';
  return `unsupported key type ${type}`;
}
