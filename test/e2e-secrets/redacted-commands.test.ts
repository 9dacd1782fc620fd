import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-project.js';
import { CanaryBackends, cli, expectNoneOf, readTree, write } from './support/canary-backends.js';

const backends = new CanaryBackends();
let project: { dir: string; remove: () => void };
let scratch: { dir: string; remove: () => void };
/** `render --out` with real secrets: what a deploy job leaves behind, later used as a baseline. */
let resolvedBaseline: string;
/** `render --secrets redact --out`. */
let redactedBaseline: string;

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;

beforeAll(async () => {
  await backends.start();
  project = backends.project();
  // A project policy with a finding on the Secret, so that every report has something to say
  // about the secret fields (the message quotes what the policy sees: the stand-in).
  write(
    project.dir,
    'policies/secret-fields.ts',
    `import { definePolicy } from 'copperplate/policy';
export default definePolicy({
  id: 'secret-fields',
  title: 'Secret fields are reviewed',
  severity: 'warning',
  match: { kinds: ['Secret'] },
  check(resource, ctx) {
    const data = (resource as { stringData?: Record<string, string> }).stringData ?? {};
    for (const key of Object.keys(data).sort()) ctx.report({ message: 'field ' + key + ' = ' + data[key], path: ['stringData', key] });
  },
});
`,
  );
  // A change-aware policy: what it is given as the previous version must be stand-ins too,
  // even when the baseline is a deploy job's resolved render.
  write(
    project.dir,
    'policies/secret-changes.ts',
    `import { definePolicy } from 'copperplate/policy';
export default definePolicy({
  id: 'secret-changes',
  title: 'Changed secret fields are reported',
  severity: 'warning',
  match: { kinds: ['Secret'] },
  check(resource, ctx) {
    if (!ctx.previous) return;
    const data = (resource as { stringData?: Record<string, string> }).stringData ?? {};
    for (const key of Object.keys(data).sort()) {
      const path = ['stringData', key];
      if (ctx.changed(path)) ctx.report({ message: key + ' was ' + String(ctx.get(path, ctx.previous)), path, from: ctx.get(path, ctx.previous), to: data[key] });
    }
  },
});
`,
  );
  scratch = tempDir('copperplate-e2e-redacted-');
  resolvedBaseline = path.join(scratch.dir, 'resolved');
  redactedBaseline = path.join(scratch.dir, 'redacted');
  const resolved = await cli(['render', 'prod', '--out', resolvedBaseline], project.dir, backends.env());
  expect(resolved.code).toBe(0);
  expect(fs.readFileSync(path.join(resolvedBaseline, 'prod.yaml'), 'utf8')).toContain('CANARY-');
  const redacted = await cli(['render', 'prod', '--secrets', 'redact', '--out', redactedBaseline], project.dir, backends.env());
  expect(redacted.code).toBe(0);
});
afterAll(async () => {
  scratch.remove();
  project.remove();
  await backends.stop();
});
beforeEach(() => backends.reset());

/** Redact mode contacts nothing, even with every backend reachable. */
function expectNoBackendContacted(): void {
  expect(backends.vault.requests).toEqual([]);
  expect(backends.kms.requests).toEqual([]);
}

describe('check: secrets redacted in every report format', () => {
  it.each(FORMATS)('--format %s to stdout', async (format) => {
    const r = await cli(['check', '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('secret-fields');
    expect(r.stdout).toContain('(secret:vault_kv2)');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });

  it('--format F=FILE for every format at once: no canary in any written report', async () => {
    const reports = path.join(scratch.dir, 'reports');
    const argv = ['check', ...FORMATS.map((f) => `--format=${f}=${path.join(reports, `report.${f}`)}`)];
    const r = await cli(argv, project.dir, backends.env());
    expect(r.code).toBe(0);
    const files = readTree(reports);
    expect(Object.keys(files).sort()).toEqual(FORMATS.map((f) => `report.${f}`).sort());
    for (const text of Object.values(files)) expect(text).toContain('secret-fields');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr, ...files });
    expectNoBackendContacted();
  });

  it('works with no credentials and no servers at all', async () => {
    const r = await cli(['check'], project.dir, {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('secret-fields');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });

  it.each(FORMATS)('--baseline-dir of a resolved render, --format %s: the old values stay hidden', async (format) => {
    const r = await cli(['check', '--baseline-dir', resolvedBaseline, '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    // the policies were given stand-ins on both sides: to them, nothing changed
    expect(r.stdout).not.toContain(' was ');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });
});

describe('diff: secrets masked', () => {
  it.each(['text', 'json'])('--baseline-dir of a redacted render, --format %s: no changes, no canary', async (format) => {
    const r = await cli(['diff', 'prod', '--baseline-dir', redactedBaseline, '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    if (format === 'text') expect(r.stdout).toContain('no changes');
    else expect(JSON.parse(r.stdout)).toEqual({ formation: 'prod', resources: [] });
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });

  it.each(['text', 'json'])('--baseline-dir of a resolved render, --format %s: the same up to the secrets, so no changes', async (format) => {
    const r = await cli(['diff', 'prod', '--baseline-dir', resolvedBaseline, '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    if (format === 'text') expect(r.stdout).toContain('no changes');
    else expect(JSON.parse(r.stdout)).toEqual({ formation: 'prod', resources: [] });
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });

  it('check --baseline-dir: a secret whose text around it changed is reported, the old value masked', async () => {
    const edited = path.join(scratch.dir, 'edited');
    fs.mkdirSync(edited, { recursive: true });
    const text = fs.readFileSync(path.join(resolvedBaseline, 'prod.yaml'), 'utf8');
    expect(text).toContain('postgres://shop:CANARY-');
    fs.writeFileSync(path.join(edited, 'prod.yaml'), text.replace('postgres://shop:', 'postgres://legacy:'));
    const r = await cli(['check', '--baseline-dir', edited, '--format', 'json'], project.dir, backends.env());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { policy: string; message: string; from?: unknown; to?: unknown }[] };
    expect(report.findings.filter((f) => f.policy === 'secret-changes')).toEqual([
      expect.objectContaining({ message: 'dsn was ••••••', from: '••••••', to: 'postgres://shop:(secret:vault_kv2)@db:5432/shop' }),
    ]);
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    const diff = await cli(['diff', 'prod', '--baseline-dir', edited, '--format', 'json'], project.dir, backends.env());
    const changes = (JSON.parse(diff.stdout) as { resources: { changes: { path: string; from: unknown; to: unknown }[] }[] }).resources.flatMap((d) => d.changes);
    expect(changes).toEqual([expect.objectContaining({ path: 'stringData.dsn', from: '••••••', to: 'postgres://shop:(secret:vault_kv2)@db:5432/shop' })]);
    expectNoneOf(backends.forbidden(), { stdout: diff.stdout, stderr: diff.stderr });
  });

  it('a real change next to the secrets is still shown', async () => {
    const r = await cli(['diff', 'prod', '--baseline-dir', resolvedBaseline, '--set', 'greeting=bonjour'], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bonjour');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });
});

describe('explain: stand-ins, never values', () => {
  it.each([
    ['text', []],
    ['json', []],
    ['text', ['Secret/shop-credentials']],
    ['json', ['Secret/shop-credentials', 'stringData']],
  ] as const)('--format %s %j', async (format, narrow) => {
    const r = await cli(['explain', 'prod', ...narrow, '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(secret:awskms)');
    expect(r.stdout).toContain('secrets.file');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });
});

describe('validate: the redacted render checks clean', () => {
  it.each(FORMATS)('--format %s', async (format) => {
    const file = path.join(redactedBaseline, 'prod.yaml');
    const r = await cli(['validate', file, '--format', format], project.dir, backends.env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('secret-fields');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
    expectNoBackendContacted();
  });

  it('--baseline-file of a resolved render: change-aware policies see stand-ins on both sides', async () => {
    const file = path.join(redactedBaseline, 'prod.yaml');
    const r = await cli(['validate', file, '--baseline-file', path.join(resolvedBaseline, 'prod.yaml'), '--format', 'json'], project.dir, backends.env());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { policy: string }[] };
    expect(report.findings.filter((f) => f.policy === 'secret-changes')).toEqual([]);
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });

  it('from stdin', async () => {
    const { memoryIO } = await import('../support/memory-io.js');
    const { run } = await import('../../src/cli/run.js');
    const io = memoryIO({ cwd: project.dir, env: backends.env(), stdin: fs.readFileSync(path.join(redactedBaseline, 'prod.yaml'), 'utf8') });
    expect(await run(['validate', '-', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ summary: { resources: 2, errors: 0 } });
    expectNoneOf(backends.forbidden(), { stdout: io.out, stderr: io.err });
  });
});
