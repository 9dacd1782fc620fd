import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { CANARY, CanaryBackends, cli, expectNoneOf, write } from './support/canary-backends.js';

const backends = new CanaryBackends();
const projects: { remove: () => void }[] = [];

beforeAll(async () => {
  await backends.start();
});
afterAll(async () => {
  for (const p of projects) p.remove();
  await backends.stop();
});
beforeEach(() => backends.reset());

const MASK = '••••••';

/**
 * A project whose policy gets at a resolved value behind copperplate's back: policies only
 * see stand-ins, so it reads the `file:` secret from disk itself (as a careless policy that
 * "checks the token format" might) and echoes it.
 */
function projectWithPolicy(body: (tokenFile: string) => string): string {
  const project = backends.project();
  projects.push(project);
  const tokenFile = JSON.stringify(path.join(project.dir, 'ci', 'token.txt'));
  write(
    project.dir,
    'policies/echo.ts',
    `import { readFileSync } from 'node:fs';
import { definePolicy } from 'copperplate/policy';
${body(tokenFile)}
`,
  );
  return project.dir;
}

const echoing = (severity: string) => (tokenFile: string) => `
export default definePolicy({
  id: 'token-format',
  title: 'CI tokens look right',
  severity: '${severity}',
  match: { kinds: ['Secret'] },
  check(resource, ctx) {
    const token = readFileSync(${tokenFile}, 'utf8').trim();
    const seen = (resource as { stringData: Record<string, string> }).stringData['file'];
    ctx.report({ message: 'token ' + token + ' is not a JWT (the manifest holds ' + seen + ')', path: ['stringData', 'file'], from: token, to: { token } });
  },
});`;

describe('a policy that echoes a resolved secret during render', () => {
  it.each([false, true])('warning severity: the render goes through, the message is masked on stderr (--debug %s)', async (debug) => {
    const dir = projectWithPolicy(echoing('warning'));
    const r = await cli([...(debug ? ['--debug'] : []), 'render', 'prod'], dir, backends.env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`file: ${CANARY.file}`);
    expect(r.stderr).toContain('token-format');
    expect(r.stderr).toContain(`token ${MASK} is not a JWT`);
    // what the policy was given is the stand-in, not the value
    expect(r.stderr).toContain('(the manifest holds (secret:file))');
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
  });

  it('error severity: exit 1, nothing on stdout, the message masked', async () => {
    const dir = projectWithPolicy(echoing('error'));
    const r = await cli(['render', 'prod'], dir, backends.env());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`token ${MASK} is not a JWT`);
    expectNoneOf(backends.forbidden(), { stderr: r.stderr });
  });

  it('a policy that throws with the value in its error: POLICY_ERROR, exit 2, masked', async () => {
    const dir = projectWithPolicy(
      (tokenFile) => `
export default definePolicy({
  id: 'token-crash',
  title: 'crashes with the token',
  severity: 'error',
  match: { kinds: ['Secret'] },
  check() {
    throw new Error('bad token ' + readFileSync(${tokenFile}, 'utf8').trim());
  },
});`,
    );
    for (const argv of [['render', 'prod'], ['--debug', 'render', 'prod']]) {
      const r = await cli(argv, dir, backends.env());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('POLICY_ERROR');
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expectNoneOf(backends.forbidden(), { stderr: r.stderr });
    }
  });

  it('check (redacted): the same policy echoes a value copperplate never resolved; only the stand-in is copperplate\'s', async () => {
    const dir = projectWithPolicy(echoing('warning'));
    const r = await cli(['check', '--format', 'json'], dir, {});
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { policy: string; message: string }[] };
    const finding = report.findings.find((f) => f.policy === 'token-format');
    expect(finding?.message).toMatch(/\(the manifest holds \(secret:file\)\)$/);
    // nothing about the other backends' values, which the policy cannot read
    expectNoneOf(
      Object.values(CANARY).filter((c) => c !== CANARY.file),
      { stdout: r.stdout, stderr: r.stderr },
    );
  });
});
