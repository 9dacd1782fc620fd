import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The key types the signing tests cover, as `ssh-keygen -t … -b …` makes them. */
export const KEY_TYPES = [
  { name: 'ed25519', args: ['-t', 'ed25519'], sshType: 'ssh-ed25519' },
  { name: 'ecdsa-p256', args: ['-t', 'ecdsa', '-b', '256'], sshType: 'ecdsa-sha2-nistp256' },
  { name: 'ecdsa-p384', args: ['-t', 'ecdsa', '-b', '384'], sshType: 'ecdsa-sha2-nistp384' },
  { name: 'ecdsa-p521', args: ['-t', 'ecdsa', '-b', '521'], sshType: 'ecdsa-sha2-nistp521' },
  { name: 'rsa', args: ['-t', 'rsa', '-b', '3072'], sshType: 'ssh-rsa' },
] as const;

export type KeyTypeName = (typeof KEY_TYPES)[number]['name'];

export interface TestKey {
  name: string;
  /** Private key file (no passphrase). */
  private: string;
  /** Public key file (`<private>.pub`). */
  pub: string;
  /** `keytype base64` as an allowed-signers line ends. */
  publicKey: string;
}

/** A new key made by the real ssh-keygen in `dir`. */
export function makeKey(dir: string, type: KeyTypeName, name: string = type): TestKey {
  const spec = KEY_TYPES.find((k) => k.name === type)!;
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', ...spec.args, '-N', '', '-C', name, '-f', file], { stdio: 'pipe' });
  const publicKey = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  return { name, private: file, pub: `${file}.pub`, publicKey };
}

/** `ssh-keygen -Y sign` of `data`: the armored signature. */
export function sshSign(dir: string, key: string, data: Uint8Array, namespace = 'copperplate-approval', extra: string[] = []): string {
  const file = path.join(dir, `msg-${process.hrtime.bigint()}`);
  fs.writeFileSync(file, data);
  execFileSync('ssh-keygen', ['-Y', 'sign', '-n', namespace, '-f', key, ...extra, file], { stdio: 'pipe' });
  const sig = fs.readFileSync(`${file}.sig`, 'utf8');
  fs.rmSync(file);
  fs.rmSync(`${file}.sig`);
  return sig;
}

/** `ssh-keygen -Y verify` (at `at`, default its own clock): true when it prints a good signature. */
export function sshVerify(dir: string, allowedSigners: string, principal: string, signature: string, data: Uint8Array, at?: Date): boolean {
  const allowed = path.join(dir, `allowed-${process.hrtime.bigint()}`);
  const sig = `${allowed}.sig`;
  fs.writeFileSync(allowed, allowedSigners);
  fs.writeFileSync(sig, signature);
  const r = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', principal, '-n', 'copperplate-approval', '-s', sig, ...(at ? ['-O', `verify-time=${sshTimeOf(at)}`] : [])], { input: data });
  fs.rmSync(allowed);
  fs.rmSync(sig);
  return r.status === 0;
}

function sshTimeOf(at: Date): string {
  return `${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
