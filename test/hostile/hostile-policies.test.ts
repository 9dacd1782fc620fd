import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { CANARY, hostileProject, runBin } from './hostile-support.js';

/**
 * Policies from a pull request that never end or write to the console, run through the built
 * bin as CI runs it: the process ends on its own with exit 2 and one POLICY_ERROR per stopped
 * policy, stdout holds only the JSON report, and what policies printed is on stderr.
 */
const policy = (body: string, top = '') => `import { definePolicy } from 'copperplate/policy';
${top}
export default definePolicy({
  id: 'hostile',
  title: 'hostile',
  severity: 'error',
  timeoutMs: 300,
  ${body}
});
`;

const cases: { name: string; file: string; code: number; policyError: boolean }[] = [
  { name: 'a synchronous endless loop', file: policy('check() { for (;;) {} },'), code: 2, policyError: true },
  { name: 'a loop after an await', file: policy('async check() { await Promise.resolve(); for (;;) {} },'), code: 2, policyError: true },
  { name: 'a promise that never settles', file: policy('check() { return new Promise<void>(() => {}); },'), code: 2, policyError: true },
  { name: 'a loop at module top level', file: policy('check() {},', 'for (;;) {}'), code: 2, policyError: true },
  { name: 'process.exit', file: policy('check() { process.exit(0); },'), code: 2, policyError: true },
  { name: 'a timer that keeps the worker alive', file: policy('check() { setInterval(() => {}, 1000); },'), code: 0, policyError: false },
  {
    name: 'console output and a direct stdout write',
    file: policy(`check(resource, ctx) {
    console.log('{"policy":"console.log"}', process.env.CI_DEPLOY_TOKEN);
    console.info('info line');
    process.stdout.write('raw stdout write\\n');
  },`),
    code: 0,
    policyError: false,
  },
];

const made: { remove: () => void }[] = [];
afterAll(() => {
  for (const p of made) p.remove();
});

describe('hostile policies: the run ends, stdout stays the report', () => {
  it.each(cases)('$name', async (c) => {
    const project = hostileProject({ 'policies/hostile.ts': c.file });
    made.push(project);
    const r = await runBin(['check', '--format', 'json'], project.dir);
    expect(r.code).toBe(c.code);
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; message: string }[] };
    const errors = report.diagnostics.filter((d) => d.code === 'POLICY_ERROR');
    expect(errors).toHaveLength(c.policyError ? 1 : 0);
    if (c.policyError) expect(errors[0]?.message).toMatch(/hostile/);
    expect(r.stdout).not.toContain('console.log');
    expect(r.stdout).not.toContain('raw stdout write');
    if (c.name.startsWith('console')) {
      expect(r.stderr).toContain('{"policy":"console.log"} undefined');
      expect(r.stderr).toContain('raw stdout write');
    }
    for (const canary of Object.values(CANARY)) expect(r.stdout + r.stderr).not.toContain(canary);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  }, 40_000);

  it('render: policy output goes to stderr, the manifest stream stays clean', async () => {
    const project = hostileProject({ 'policies/hostile.ts': policy("check() { console.log('kind: Injected'); },").replace("severity: 'error'", "severity: 'warning'") });
    made.push(project);
    const r = await runBin(['render', 'prod'], project.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Injected');
    expect(r.stdout).toContain('kind: ConfigMap');
    expect(r.stderr).toContain('kind: Injected');
  }, 40_000);
});
