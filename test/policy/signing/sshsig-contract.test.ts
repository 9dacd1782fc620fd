import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIN_RSA_BITS, parseSshPublicKey, sshFingerprint } from '../../../src/policy/signing/ssh-public-key.js';
import { parseSshSignature, verifySshSignature } from '../../../src/policy/signing/ssh-signature.js';
import { sshString } from '../../../src/policy/signing/ssh-wire.js';

// SSHSIG blobs built byte by byte (node:crypto keys, the PROTOCOL.sshsig layout), so that each
// field can be made wrong on its own: what is refused, what still verifies, and that a hostile
// blob is a reason and never an exception. ssh-signature.test.ts covers what ssh-keygen writes.

const NS = 'copperplate-approval';
const message = Buffer.from('copperplate-approval v1\nby: "ops@example.com"\n');
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const mpint = (magnitude: Buffer): Buffer => {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const m = magnitude.subarray(start);
  return sshString(m.length > 0 && (m[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), m]) : m);
};

interface Key {
  type: string;
  blob: Buffer;
  privateKey: KeyObject;
  sign: (data: Buffer, alg: string) => Buffer;
}

const CURVE = { 'ecdsa-sha2-nistp256': ['P-256', 'nistp256', 'sha256', 32], 'ecdsa-sha2-nistp384': ['P-384', 'nistp384', 'sha384', 48], 'ecdsa-sha2-nistp521': ['P-521', 'nistp521', 'sha512', 66] } as const;

function makeKey(type: 'ssh-ed25519' | 'ssh-rsa' | keyof typeof CURVE, bits = 2048): Key {
  if (type === 'ssh-ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    return { type, blob: Buffer.concat([sshString(type), sshString(x)]), privateKey, sign: (d) => sign(null, d, privateKey) };
  }
  if (type === 'ssh-rsa') {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const jwk = publicKey.export({ format: 'jwk' });
    const blob = Buffer.concat([sshString(type), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
    return { type, blob, privateKey, sign: (d, alg) => sign(alg === 'rsa-sha2-256' ? 'sha256' : 'sha512', d, privateKey) };
  }
  const [crv, id, hash, size] = CURVE[type];
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: crv });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  const blob = Buffer.concat([sshString(type), sshString(id), sshString(point)]);
  const sig = (d: Buffer) => {
    const rs = sign(hash, d, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return Buffer.concat([mpint(rs.subarray(0, size)), mpint(rs.subarray(size))]);
  };
  return { type, blob, privateKey, sign: sig };
}

interface Fields {
  magic?: Buffer;
  version?: number;
  keyBlob?: Buffer;
  namespace?: string;
  reserved?: Buffer;
  hash?: string;
  alg?: string;
  /** Replaces the signature bytes. */
  sigBytes?: (real: Buffer) => Buffer;
  /** Appended inside the inner signature string. */
  innerTrailer?: Buffer;
  /** Appended to the whole blob. */
  trailer?: Buffer;
  signedMessage?: Buffer;
}

function blobOf(key: Key, f: Fields = {}): Buffer {
  const namespace = f.namespace ?? NS;
  const reserved = f.reserved ?? Buffer.alloc(0);
  const hash = f.hash ?? 'sha512';
  const alg = f.alg ?? (key.type === 'ssh-rsa' ? 'rsa-sha2-512' : key.type);
  const digest = createHash(hash === 'sha256' ? 'sha256' : 'sha512').update(f.signedMessage ?? message).digest();
  const signed = Buffer.concat([Buffer.from('SSHSIG'), sshString(namespace), sshString(reserved), sshString(hash), sshString(digest)]);
  const real = key.sign(signed, alg);
  const sigBytes = f.sigBytes ? f.sigBytes(real) : real;
  const inner = Buffer.concat([sshString(alg), sshString(sigBytes), f.innerTrailer ?? Buffer.alloc(0)]);
  return Buffer.concat([
    f.magic ?? Buffer.from('SSHSIG'),
    u32(f.version ?? 1),
    sshString(f.keyBlob ?? key.blob),
    sshString(namespace),
    sshString(reserved),
    sshString(hash),
    sshString(inner),
    f.trailer ?? Buffer.alloc(0),
  ]);
}

const armor = (blob: Buffer): string => `-----BEGIN SSH SIGNATURE-----\n${blob.toString('base64').match(/.{1,70}/g)!.join('\n')}\n-----END SSH SIGNATURE-----\n`;

/** The problem of parsing, else of verifying, else 'verified'. */
function outcome(armored: string, ns = NS, signedText: Buffer = message): string {
  const parsed = parseSshSignature(armored);
  if ('problem' in parsed) return `parse: ${parsed.problem}`;
  return verifySshSignature(parsed.signature, signedText, ns) ?? 'verified';
}

const keys = new Map<string, Key>();
const key = (type: Parameters<typeof makeKey>[0]): Key => {
  if (!keys.has(type)) keys.set(type, makeKey(type));
  return keys.get(type)!;
};
const TYPES = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'] as const;

describe('SSHSIG built field by field', () => {
  it.each(TYPES)('%s: a well-made signature verifies, with either hash, and only over its message', (type) => {
    const k = key(type);
    expect(outcome(armor(blobOf(k)))).toBe('verified');
    expect(outcome(armor(blobOf(k, { hash: 'sha256' })))).toBe('verified');
    expect(outcome(armor(blobOf(k)), NS, Buffer.from('other'))).toMatch(/does not match/);
    const parsed = parseSshSignature(armor(blobOf(k, { reserved: Buffer.from('r') })));
    expect('signature' in parsed && parsed.signature).toMatchObject({ namespace: NS, hashAlgorithm: 'sha512', reserved: Buffer.from('r') });
    expect('signature' in parsed && parsed.signature.publicKey.fingerprint).toBe(sshFingerprint(k.blob));
  });

  it.each<[string, Fields, RegExp]>([
    ['bad magic', { magic: Buffer.from('SSHSIH') }, /^parse: .*magic/],
    ['version 2', { version: 2 }, /^parse: .*version 2/],
    ['version 0', { version: 0 }, /^parse: .*version 0/],
    ['hash sha1', { hash: 'sha1' }, /^parse: .*hash algorithm sha1/],
    ['hash SHA512', { hash: 'SHA512' }, /^parse: .*hash algorithm SHA512/],
    ['trailing bytes', { trailer: Buffer.from([0]) }, /^parse: malformed SSH signature \(trailing bytes\)/],
    ['trailing bytes in the inner signature', { innerTrailer: Buffer.from([0]) }, /^parse: malformed SSH signature \(trailing bytes\)/],
    ['a namespace with a newline', { namespace: 'copperplate-approval\n' }, /^parse: malformed SSH signature \(a name holds/],
    ['another namespace', { namespace: 'git' }, /^signed for namespace "git", not "copperplate-approval"/],
    ['an algorithm of another key type', { alg: 'ssh-rsa' }, /signature cannot come from/],
    ['a truncated Ed25519 signature', { sigBytes: (r) => r.subarray(0, 63) }, /malformed Ed25519/],
    ['a long Ed25519 signature', { sigBytes: (r) => Buffer.concat([r, Buffer.from([0])]) }, /malformed Ed25519/],
    ['a flipped Ed25519 signature bit', { sigBytes: (r) => Buffer.from(r.map((b, i) => (i === 5 ? b ^ 1 : b))) }, /does not match/],
  ])('ed25519, %s', (_name, fields, expected) => {
    expect(outcome(armor(blobOf(key('ssh-ed25519'), fields)))).toMatch(expected);
  });

  it('a signature over another message in the blob does not verify', () => {
    expect(outcome(armor(blobOf(key('ssh-ed25519'), { signedMessage: Buffer.from('x') })))).toMatch(/does not match/);
  });

  it('the embedded key must be one copperplate reads', () => {
    const k = key('ssh-ed25519');
    expect(outcome(armor(blobOf(k, { keyBlob: Buffer.concat([sshString('ssh-dss'), sshString('x')]) })))).toBe('parse: DSA keys are not supported');
    expect(outcome(armor(blobOf(k, { keyBlob: Buffer.from([0, 0]) })))).toMatch(/^parse: malformed public key \(truncated\)/);
  });
});

describe('armor', () => {
  const good = () => armor(blobOf(key('ssh-ed25519')));
  it.each<[string, (a: string) => string, RegExp]>([
    ['as written', (a) => a, /^verified$/],
    ['blanks around and CRLF inside', (a) => `\n  ${a.replace(/\n/g, '\r\n')}  \n`, /^verified$/],
    ['no BEGIN line', (a) => a.replace('-----BEGIN SSH SIGNATURE-----', ''), /^parse: not an armored SSH signature/],
    ['no END line', (a) => a.replace('-----END SSH SIGNATURE-----', ''), /^parse: not an armored SSH signature/],
    ['a character outside base64', (a) => a.replace(/\n(.)/, '\n$$'), /^parse: the signature is not valid base64/],
    ['a length not a multiple of 4', (a) => a.replace(/\n(.)/, '\n'), /^parse: the signature is not valid base64/],
    ['padding inside', (a) => a.replace(/\n(.)(.)/, '\n=$2'), /^parse: the signature is not valid base64/],
    ['three padding characters', (a) => a.replace(/\n-----END/, '===\n-----END'), /^parse: the signature is not valid base64/],
  ])('%s', (_name, edit, expected) => {
    expect(outcome(edit(good()))).toMatch(expected);
  });

  it('is bounded: 16 KiB of armor is read, one more character is not', () => {
    const a = good().trimEnd();
    const padded = (n: number) => a + ' '.repeat(n - a.length);
    expect(outcome(padded(16 * 1024))).toBe('verified');
    expect(outcome(padded(16 * 1024 + 1))).toMatch(/^parse: the signature is too long/);
  });

  it('an empty body is a truncated blob, never an exception', () => {
    expect(outcome('-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----')).toMatch(/^parse: malformed SSH signature \(truncated\)/);
  });
});

describe('RSA and ECDSA signature encodings', () => {
  it('RSA: SHA-1 (ssh-rsa) is refused, SHA-2 accepted, an oversized signature is malformed', () => {
    const k = key('ssh-rsa');
    expect(outcome(armor(blobOf(k, { alg: 'rsa-sha2-256' })))).toBe('verified');
    expect(outcome(armor(blobOf(k, { alg: 'rsa-sha2-512' })))).toBe('verified');
    expect(outcome(armor(blobOf(k, { alg: 'ssh-rsa' })))).toMatch(/SHA-1 \(ssh-rsa\) are not accepted/);
    expect(outcome(armor(blobOf(k, { alg: 'ssh-ed25519' })))).toMatch(/a ssh-ed25519 signature cannot come from a ssh-rsa key/);
    expect(outcome(armor(blobOf(k, { sigBytes: (r) => Buffer.concat([Buffer.from([0]), r]) })))).toMatch(/malformed RSA signature/);
  });

  it('RSA: a signature with its leading zero bytes stripped (as OpenSSH may write it) verifies', () => {
    const k = key('ssh-rsa');
    // find a message whose signature starts with a zero byte (1 in 256)
    for (let i = 0; i < 4096; i++) {
      const m = Buffer.from(`message ${i}`);
      const digest = createHash('sha512').update(m).digest();
      const signed = Buffer.concat([Buffer.from('SSHSIG'), sshString(NS), sshString(Buffer.alloc(0)), sshString('sha512'), sshString(digest)]);
      const real = k.sign(signed, 'rsa-sha2-512');
      if (real[0] !== 0) continue;
      expect(outcome(armor(blobOf(k, { signedMessage: m, sigBytes: (r) => r.subarray(1) })), NS, m)).toBe('verified');
      expect(outcome(armor(blobOf(k, { signedMessage: m })), NS, m)).toBe('verified');
      return;
    }
    throw new Error('no signature with a leading zero byte found');
  });

  it.each(['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'] as const)('%s: malformed (r, s) pairs are refused, never thrown', (type) => {
    const k = key(type);
    const size = CURVE[type][3];
    const big = Buffer.alloc(size + 1, 1);
    expect(outcome(armor(blobOf(k, { sigBytes: () => Buffer.concat([mpint(Buffer.alloc(0)), mpint(Buffer.from([1]))]) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: () => Buffer.concat([mpint(Buffer.from([1])), mpint(Buffer.alloc(0))]) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: () => Buffer.concat([sshString(big), mpint(Buffer.from([1]))]) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: (r) => Buffer.concat([r, Buffer.from([0])]) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: (r) => r.subarray(0, 6) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: () => Buffer.concat([sshString(Buffer.from([0x80])), mpint(Buffer.from([1]))]) })))).toMatch(/malformed ECDSA signature/);
    expect(outcome(armor(blobOf(k, { sigBytes: () => Buffer.concat([mpint(Buffer.from([1])), mpint(Buffer.from([1]))]) })))).toMatch(/does not match/);
    expect(outcome(armor(blobOf(k, { alg: 'ecdsa-sha2-nistp256' === type ? 'ecdsa-sha2-nistp384' : 'ecdsa-sha2-nistp256' })))).toMatch(/cannot come from/);
  });

  it('ECDSA: r and s shorter than the curve size (leading zeros) verify', () => {
    const k = key('ecdsa-sha2-nistp256');
    for (let i = 0; i < 4096; i++) {
      const m = Buffer.from(`message ${i}`);
      const parsed = parseSshSignature(armor(blobOf(k, { signedMessage: m })));
      if (!('signature' in parsed)) throw new Error(parsed.problem);
      // r is the first mpint: a length below 32 means it had a leading zero byte
      if (parsed.signature.bytes.readUInt32BE(0) >= 32) continue;
      expect(verifySshSignature(parsed.signature, m, NS)).toBeUndefined();
      return;
    }
    throw new Error('no short r found');
  });
});

describe('SSH public keys', () => {
  const ed = () => key('ssh-ed25519');
  const point = (type: keyof typeof CURVE) => {
    const r = key(type).blob;
    return r.subarray(r.length - (1 + 2 * CURVE[type][3]));
  };

  it.each<[string, () => Buffer, RegExp | string]>([
    ['an Ed25519 key of 31 bytes', () => Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(31, 1))]), 'malformed ssh-ed25519 key (an Ed25519 key is 32 bytes)'],
    ['an Ed25519 key with trailing bytes', () => Buffer.concat([ed().blob, Buffer.from([0])]), 'malformed ssh-ed25519 key (trailing bytes)'],
    ['a key type with a control byte', () => sshString('ssh-\u0001'), 'malformed public key (a name holds non-printable bytes)'],
    ['an RSA key with an empty exponent', () => Buffer.concat([sshString('ssh-rsa'), sshString(Buffer.alloc(0)), mpint(Buffer.alloc(256, 0xff))]), 'malformed ssh-rsa key (empty RSA parameter)'],
    ['an RSA key with an empty modulus', () => Buffer.concat([sshString('ssh-rsa'), mpint(Buffer.from([1, 0, 1])), sshString(Buffer.alloc(0))]), 'malformed ssh-rsa key (empty RSA parameter)'],
    ['a curve name of another curve', () => Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp384'), sshString(point('ecdsa-sha2-nistp256'))]), 'malformed ecdsa-sha2-nistp256 key (curve does not match ecdsa-sha2-nistp256)'],
    ['a compressed point', () => Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(Buffer.concat([Buffer.from([2]), point('ecdsa-sha2-nistp256').subarray(1, 33)]))]), 'malformed ecdsa-sha2-nistp256 key (not an uncompressed curve point)'],
    ['a point of the wrong length', () => Buffer.concat([sshString('ecdsa-sha2-nistp384'), sshString('nistp384'), sshString(point('ecdsa-sha2-nistp256'))]), 'malformed ecdsa-sha2-nistp384 key (not an uncompressed curve point)'],
    ['a point with another prefix byte', () => Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(Buffer.concat([Buffer.from([5]), point('ecdsa-sha2-nistp256').subarray(1)]))]), 'malformed ecdsa-sha2-nistp256 key (not an uncompressed curve point)'],
    ['a point off the curve', () => Buffer.concat([sshString('ecdsa-sha2-nistp256'), sshString('nistp256'), sshString(Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]))]), 'invalid ecdsa-sha2-nistp256 key'],
    ['a certificate', () => sshString('ssh-ed25519-cert-v01@openssh.com'), /^SSH certificates \(ssh-ed25519-cert-v01@openssh.com\) are not supported/],
    ['a FIDO key', () => sshString('sk-ssh-ed25519@openssh.com'), /^security-key \(FIDO\) keys \(sk-ssh-ed25519@openssh.com\) are not supported/],
    ['a DSA key', () => sshString('ssh-dss'), 'DSA keys are not supported'],
    ['an unknown type', () => sshString('ssh-foo'), 'unsupported key type ssh-foo'],
    ['an empty blob', () => Buffer.alloc(0), 'malformed public key (truncated)'],
  ])('%s', (_name, blob, problem) => {
    const r = parseSshPublicKey(blob());
    expect('problem' in r).toBe(true);
    if ('problem' in r) {
      if (typeof problem === 'string') expect(r.problem).toBe(problem);
      else expect(r.problem).toMatch(problem);
    }
  });

  it.each(TYPES)('%s: read with its type, blob and ssh-keygen fingerprint', (type) => {
    const k = key(type);
    const r = parseSshPublicKey(k.blob);
    if ('problem' in r) throw new Error(r.problem);
    expect(r.key.type).toBe(type);
    expect(r.key.blob.equals(k.blob)).toBe(true);
    expect(r.key.fingerprint).toBe(`SHA256:${createHash('sha256').update(k.blob).digest('base64').replace(/=+$/, '')}`);
    expect(r.key.fingerprint).not.toMatch(/=$/);
  });

  it(`an RSA key needs ${MIN_RSA_BITS} bits: 2047 is too small, 2048 is enough`, () => {
    const small = parseSshPublicKey(makeKey('ssh-rsa', 2047).blob);
    expect('problem' in small && small.problem).toBe('RSA key of 2047 bits is too small (at least 2048)');
    expect('key' in parseSshPublicKey(key('ssh-rsa').blob)).toBe(true);
  });
});
