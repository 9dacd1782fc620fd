import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSshSignature, verifySshSignature } from '../../../src/policy/signing/ssh-signature.js';
import { sshString } from '../../../src/policy/signing/ssh-wire.js';
import { KEY_TYPES, makeKey, sshSign, sshVerify, type TestKey } from '../../support/ssh-keys.js';
import { tempDir } from '../../support/temp-project.js';

const require = createRequire(import.meta.url);
const NS = 'copperplate-approval';
const message = Buffer.from('copperplate-approval v1\nby: "ops@example.com"\n');

let tmp: ReturnType<typeof tempDir>;
const keys = new Map<string, TestKey>();

beforeAll(() => {
  tmp = tempDir('copperplate-sshsig-');
  for (const t of KEY_TYPES) keys.set(t.name, makeKey(tmp.dir, t.name));
});
afterAll(() => tmp.remove());

function parsed(armored: string) {
  const r = parseSshSignature(armored);
  if ('problem' in r) throw new Error(r.problem);
  return r.signature;
}

describe('SSHSIG made by ssh-keygen -Y sign', () => {
  it.each(KEY_TYPES.map((t) => [t.name, t.sshType] as const))('%s: verifies, and fails for any other message', (name, sshType) => {
    const key = keys.get(name)!;
    const sig = parsed(sshSign(tmp.dir, key.private, message));
    expect(sig.publicKey.type).toBe(sshType);
    expect(sig.namespace).toBe(NS);
    expect(sig.hashAlgorithm).toBe('sha512');
    expect(sig.publicKey.fingerprint).toBe(execFingerprint(key.pub));
    expect(verifySshSignature(sig, message, NS)).toBeUndefined();
    const tampered = Buffer.from(message);
    tampered[tampered.length - 3]! ^= 1;
    expect(verifySshSignature(sig, tampered, NS)).toMatch(/does not match/);
    expect(verifySshSignature(sig, message, 'file')).toMatch(/namespace/);
  });

  it.each(KEY_TYPES.map((t) => [t.name] as const))('%s: with -O hashalg=sha256', (name) => {
    const sig = parsed(sshSign(tmp.dir, keys.get(name)!.private, message, NS, ['-O', 'hashalg=sha256']));
    expect(sig.hashAlgorithm).toBe('sha256');
    expect(verifySshSignature(sig, message, NS)).toBeUndefined();
  });

  it('reports the namespace a signature was made for', () => {
    const sig = parsed(sshSign(tmp.dir, keys.get('ed25519')!.private, message, 'git'));
    expect(verifySshSignature(sig, message, NS)).toBe('signed for namespace "git", not "copperplate-approval"');
  });

  it('a flipped bit anywhere in the signature never verifies and never throws', () => {
    for (const name of ['ed25519', 'ecdsa-p256', 'rsa']) {
      const armored = sshSign(tmp.dir, keys.get(name)!.private, message);
      const bytes = blobOf(armored);
      for (let i = 0; i < bytes.length; i++) {
        const copy = Buffer.from(bytes);
        copy[i]! ^= 0x01;
        const r = parseSshSignature(armor(copy));
        if ('problem' in r) continue;
        expect(verifySshSignature(r.signature, message, NS), `${name} byte ${i}`).toBeDefined();
      }
    }
  });
});

describe('node:crypto throwing', () => {
  // algorithmCheck passes node:crypto only signatures it answers with false (it throws for a
  // digest with an Ed25519 key, which is never asked): a throw stands for a future node:crypto
  // that refuses some hostile input louder, and must refuse the signature, not end the run
  it.each(KEY_TYPES.map((t) => [t.name] as const))('%s: the signature is refused, nothing is thrown', (name) => {
    const sig = parsed(sshSign(tmp.dir, keys.get(name)!.private, message));
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const verify = crypto.verify;
    crypto.verify = () => {
      throw new Error('hostile input');
    };
    syncBuiltinESMExports();
    try {
      expect(verifySshSignature(sig, message, NS)).toBeTypeOf('string');
    } finally {
      crypto.verify = verify;
      syncBuiltinESMExports();
    }
    expect(verifySshSignature(sig, message, NS)).toBeUndefined();
  });
});

describe('rsa-sha2-256 (which ssh-keygen -Y sign does not make, but -Y verify accepts)', () => {
  it('is verified, like ssh-keygen verifies it', () => {
    const key = keys.get('rsa')!;
    const armored = signRsaSha256(key, message);
    const sig = parsed(armored);
    expect(sig.algorithm).toBe('rsa-sha2-256');
    expect(verifySshSignature(sig, message, NS)).toBeUndefined();
    expect(sshVerify(tmp.dir, `ops@example.com ${key.publicKey}\n`, 'ops@example.com', armored, message)).toBe(true);
  });
});

describe('malformed signatures are reasons, not exceptions', () => {
  it.each([
    ['empty', '', /not an armored SSH signature/],
    ['PGP armor', '-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----', /not an armored/],
    ['bad base64', '-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----', /base64/],
    ['wrong magic', armor(Buffer.from('SSHSIX\0\0\0\x01')), /magic/],
    ['truncated', armor(Buffer.from('SSHSIG\0\0\0\x01\0\0\0\x33abc')), /malformed/],
    ['version 2', armor(Buffer.concat([Buffer.from('SSHSIG'), Buffer.from([0, 0, 0, 2])])), /version 2/],
    ['huge', `-----BEGIN SSH SIGNATURE-----\n${'A'.repeat(100_000)}\n-----END SSH SIGNATURE-----`, /too long/],
  ])('%s', (_name, text, reason) => {
    const r = parseSshSignature(text);
    expect('problem' in r && r.problem).toMatch(reason);
  });

  it('a DSA or certificate key inside the signature is named as unsupported', () => {
    const blob = Buffer.concat([
      Buffer.from('SSHSIG'),
      Buffer.from([0, 0, 0, 1]),
      sshString(Buffer.concat([sshString('ssh-ed25519-cert-v01@openssh.com'), sshString('x')])),
      sshString(NS),
      sshString(''),
      sshString('sha512'),
      sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.alloc(64))])),
    ]);
    const r = parseSshSignature(armor(blob));
    expect('problem' in r && r.problem).toMatch(/certificates .* are not supported/);
  });
});

function execFingerprint(pub: string): string {
  const blob = Buffer.from(fs.readFileSync(pub, 'utf8').split(/\s+/)[1]!, 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function blobOf(armored: string): Buffer {
  return Buffer.from(armored.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function armor(blob: Buffer): string {
  const b64 = blob.toString('base64').replace(/.{1,70}/g, '$&\n');
  return `-----BEGIN SSH SIGNATURE-----\n${b64}-----END SSH SIGNATURE-----\n`;
}

/** An SSHSIG with an rsa-sha2-256 inner signature, written from PROTOCOL.sshsig with node:crypto. */
function signRsaSha256(key: TestKey, data: Buffer): string {
  const privateKey = createPrivateKey(sshToPem(key.private));
  const signed = Buffer.concat([Buffer.from('SSHSIG'), sshString(NS), sshString(''), sshString('sha256'), sshString(createHash('sha256').update(data).digest())]);
  const inner = Buffer.concat([sshString('rsa-sha2-256'), sshString(sign('sha256', signed, privateKey))]);
  const pubBlob = Buffer.from(key.publicKey.split(' ')[1]!, 'base64');
  return armor(Buffer.concat([Buffer.from('SSHSIG'), Buffer.from([0, 0, 0, 1]), sshString(pubBlob), sshString(NS), sshString(''), sshString('sha256'), sshString(inner)]));
}

/** The key as PEM (ssh-keygen converts its own OpenSSH-format private key in a copy). */
function sshToPem(file: string): string {
  const copy = `${file}-pem`;
  fs.copyFileSync(file, copy);
  fs.chmodSync(copy, 0o600);
  execFileSync('ssh-keygen', ['-p', '-N', '', '-m', 'PEM', '-f', copy], { stdio: 'pipe' });
  return fs.readFileSync(copy, 'utf8');
}
