import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshKeygenSigner } from '../../src/engine/ssh-keygen-signer.js';
import { approvalPayload, checkApprovalSignature, parseAllowedSigners } from '../../src/policy/index.js';
import { makeKey, sshVerify, type TestKey } from '../support/ssh-keys.js';
import { tempDir } from '../support/temp-project.js';

const entry = { fingerprint: '3f9c2a1b7d4e', policy: 'lb-ip-change', resource: 'prod/Service/shop/web', by: 'ops@example.com', reason: 'OPS-1' };
const payload = approvalPayload(entry);
const env = { PATH: process.env.PATH };

let tmp: ReturnType<typeof tempDir>;
let key: TestKey;
let agentKey: TestKey;
let agent: ChildProcess | undefined;
let sock: string;

beforeAll(async () => {
  tmp = tempDir('copperplate-signer-');
  key = makeKey(tmp.dir, 'ed25519', 'ops');
  agentKey = makeKey(tmp.dir, 'ecdsa-p256', 'agent-only');
  sock = path.join(tmp.dir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !fs.existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
  execFileSync('ssh-add', ['-q', agentKey.private], { env: { ...env, SSH_AUTH_SOCK: sock }, stdio: 'pipe' });
  // from here on only the agent holds the private half
  fs.rmSync(agentKey.private);
});
afterAll(() => {
  agent?.kill();
  tmp.remove();
});

const allowed = (k: TestKey) => parseAllowedSigners('allowed_signers', `ops@example.com ${k.publicKey}`).signers;

describe('sshKeygenSigner', () => {
  it('signs with a private key file; we and ssh-keygen -Y verify accept the signature', async () => {
    const signature = await sshKeygenSigner(key.private, { env })(payload);
    expect(checkApprovalSignature(entry, signature, allowed(key), new Date())).toMatchObject({ valid: true });
    expect(sshVerify(tmp.dir, `ops@example.com ${key.publicKey}\n`, 'ops@example.com', signature, payload)).toBe(true);
  });

  it("signs with the agent's key when given its .pub file", async () => {
    const signature = await sshKeygenSigner(agentKey.pub, { env: { ...env, SSH_AUTH_SOCK: sock } })(payload);
    expect(checkApprovalSignature(entry, signature, allowed(agentKey), new Date())).toMatchObject({ valid: true });
  });

  it.each([
    ['ssh-keygen is missing', () => sshKeygenSigner(key.private, { env, program: 'ssh-keygen-not-installed' }), /ssh-keygen-not-installed was not found on PATH/],
    ['the key file is missing', () => sshKeygenSigner(path.join(tmp.dir, 'nope'), { env }), /key file .*nope does not exist/],
    ['a .pub without its key in an agent', () => sshKeygenSigner(agentKey.pub, { env }), /ssh-keygen could not sign with .*agent-only\.pub: ./],
  ])('%s: APPROVAL_SIGN_FAILED', async (_name, make, message) => {
    await expect(make()(payload)).rejects.toMatchObject({ code: 'APPROVAL_SIGN_FAILED', message: expect.stringMatching(message) });
  });
});
