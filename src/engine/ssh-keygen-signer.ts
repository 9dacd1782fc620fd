import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { APPROVAL_NAMESPACE } from '../policy/index.js';

/** Signs an approval payload; answers the armored SSH signature. Fails with a `CopperplateError`. */
export type ApprovalSigner = (payload: Uint8Array) => Promise<string>;

export interface SshKeygenSignerOptions {
  /** Environment of ssh-keygen: PATH to find it, SSH_AUTH_SOCK for the agent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default `ssh-keygen`. */
  program?: string;
}

/**
 * Signs with `ssh-keygen -Y sign -n copperplate-approval -f KEY`. KEY is a private key file, or
 * a public key (`.pub`) whose private half the ssh-agent holds: ssh-keygen asks the agent first,
 * as git's SSH signing does. The payload goes through a private temporary file, not stdin, so
 * that ssh-keygen can still ask for a key's passphrase on the terminal.
 */
export function sshKeygenSigner(key: string, options: SshKeygenSignerOptions = {}): ApprovalSigner {
  const program = options.program ?? 'ssh-keygen';
  return async (payload) => {
    if (!fs.existsSync(key)) throw new CopperplateError('APPROVAL_SIGN_FAILED', `cannot sign: key file ${key} does not exist`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copperplate-sign-'));
    const file = path.join(dir, 'approval');
    try {
      fs.writeFileSync(file, payload, { mode: 0o600 });
      await run(program, key, file, options.env);
      return fs.readFileSync(`${file}.sig`, 'utf8');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

function run(program: string, key: string, file: string, env: SshKeygenSignerOptions['env']): Promise<void> {
  const args = ['-Y', 'sign', '-n', APPROVAL_NAMESPACE, '-f', key, file];
  return new Promise((resolve, reject) => {
    // without an injected environment ssh-keygen inherits ours, as git does for the git commands
    const child = execFile(program, args, { ...(env ? { env: definedOnly(env) } : {}), encoding: 'utf8' }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new CopperplateError('APPROVAL_SIGN_FAILED', `cannot sign: ${program} was not found on PATH (install OpenSSH: the openssh-client package, or Git for Windows)`),
        );
      }
      const why = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('Signing file') && !l.startsWith('Write signature'))
        .join('; ');
      reject(new CopperplateError('APPROVAL_SIGN_FAILED', `ssh-keygen could not sign with ${key}: ${why || `exit code ${String(err.code)}`}`));
    });
    // nothing to read: a passphrase prompt goes to the terminal, not to stdin
    child.stdin?.end();
  });
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
