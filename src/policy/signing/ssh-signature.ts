import { createHash, verify } from 'node:crypto';
import { parseSshPublicKey, type SshPublicKey } from './ssh-public-key.js';
import { SshFormatError, SshReader, sshString } from './ssh-wire.js';

/**
 * An SSH signature (OpenSSH PROTOCOL.sshsig), the format `ssh-keygen -Y sign` writes and git's
 * SSH commit signing uses, read and verified with node:crypto alone.
 */
export interface SshSignature {
  publicKey: SshPublicKey;
  namespace: string;
  /** Unused by OpenSSH today, but covered by the signature, so kept as found. */
  reserved: Buffer;
  hashAlgorithm: 'sha256' | 'sha512';
  /** The inner signature: its algorithm name and its bytes. */
  algorithm: string;
  bytes: Buffer;
}

const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const MAGIC = Buffer.from('SSHSIG', 'latin1');
/** An RSA-16384 signature armored is ~5 kB; anything much larger is not a signature. */
const MAX_ARMORED = 16 * 1024;

/** Reads an armored `-----BEGIN SSH SIGNATURE-----` block. */
export function parseSshSignature(armored: string): { signature: SshSignature } | { problem: string } {
  if (armored.length > MAX_ARMORED) return { problem: 'the signature is too long to be an SSH signature' };
  const text = armored.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
    return { problem: `not an armored SSH signature (expected ${BEGIN} … ${END})` };
  }
  const body = text.slice(BEGIN.length, text.length - END.length).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return { problem: 'the signature is not valid base64' };
  try {
    const r = new SshReader(Buffer.from(body, 'base64'));
    if (!r.raw(MAGIC.length).equals(MAGIC)) return { problem: 'not an SSHSIG signature (bad magic)' };
    const version = r.uint32();
    if (version !== 1) return { problem: `unsupported SSHSIG version ${version}` };
    const keyBlob = r.string();
    const namespace = r.text();
    const reserved = r.string();
    const hashAlgorithm = r.text();
    const inner = new SshReader(r.string());
    r.end();
    if (hashAlgorithm !== 'sha256' && hashAlgorithm !== 'sha512') return { problem: `unsupported hash algorithm ${hashAlgorithm}` };
    const algorithm = inner.text();
    const bytes = inner.string();
    inner.end();
    const parsed = parseSshPublicKey(keyBlob);
    if ('problem' in parsed) return parsed;
    return { signature: { publicKey: parsed.key, namespace, reserved, hashAlgorithm, algorithm, bytes } };
  } catch (err) {
    if (err instanceof SshFormatError) return { problem: `malformed SSH signature (${err.message})` };
    throw err;
  }
}

/**
 * Checks that `signature` signs `message` in `namespace` with the key it embeds. Returns why
 * not, or undefined when it verifies. Which keys are trusted is the caller's business
 * (allowed signers); this only proves possession of the embedded key.
 */
export function verifySshSignature(signature: SshSignature, message: Uint8Array, namespace: string): string | undefined {
  if (signature.namespace !== namespace) return `signed for namespace "${signature.namespace}", not "${namespace}"`;
  const digest = createHash(signature.hashAlgorithm).update(message).digest();
  const signed = Buffer.concat([
    MAGIC,
    sshString(signature.namespace),
    sshString(signature.reserved),
    sshString(signature.hashAlgorithm),
    sshString(digest),
  ]);
  const key = signature.publicKey;
  const check = algorithmCheck(key, signature.algorithm, signature.bytes);
  if (typeof check === 'string') return check;
  try {
    if (verify(check.hash, signed, { key: key.key, dsaEncoding: 'ieee-p1363' }, check.bytes)) return undefined;
  } catch {
    // node:crypto answers false for every signature algorithmCheck lets through (it throws only
    // for a digest with an Ed25519 key); should a hostile one make it throw, it is refused too
  }
  return 'the signature does not match the signed text (the entry was changed after signing, or signed by another key)';
}

/** The digest and signature bytes node:crypto needs for each SSH signature algorithm. */
function algorithmCheck(key: SshPublicKey, algorithm: string, bytes: Buffer): { hash: string | null; bytes: Buffer } | string {
  const mismatch = `a ${algorithm} signature cannot come from a ${key.type} key`;
  switch (key.type) {
    case 'ssh-ed25519':
      if (algorithm !== 'ssh-ed25519') return mismatch;
      if (bytes.length !== 64) return 'malformed Ed25519 signature';
      return { hash: null, bytes };
    case 'ssh-rsa': {
      const hash = algorithm === 'rsa-sha2-256' ? 'sha256' : algorithm === 'rsa-sha2-512' ? 'sha512' : undefined;
      if (!hash) return algorithm === 'ssh-rsa' ? 'RSA signatures with SHA-1 (ssh-rsa) are not accepted' : mismatch;
      const size = Math.ceil((key.key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
      if (bytes.length > size) return 'malformed RSA signature';
      // OpenSSH may strip leading zero bytes; OpenSSL wants the full modulus length.
      return { hash, bytes: Buffer.concat([Buffer.alloc(size - bytes.length), bytes]) };
    }
    default: {
      if (algorithm !== key.type) return mismatch;
      const size = { 'ecdsa-sha2-nistp256': 32, 'ecdsa-sha2-nistp384': 48, 'ecdsa-sha2-nistp521': 66 }[key.type];
      const hash = { 'ecdsa-sha2-nistp256': 'sha256', 'ecdsa-sha2-nistp384': 'sha384', 'ecdsa-sha2-nistp521': 'sha512' }[key.type];
      try {
        const r = new SshReader(bytes);
        const rs = [r.mpint(), r.mpint()];
        r.end();
        if (rs.some((n) => n.length === 0 || n.length > size)) return 'malformed ECDSA signature';
        return { hash, bytes: Buffer.concat(rs.map((n) => Buffer.concat([Buffer.alloc(size - n.length), n]))) };
      } catch (err) {
        if (err instanceof SshFormatError) return 'malformed ECDSA signature';
        throw err;
      }
    }
  }
}
