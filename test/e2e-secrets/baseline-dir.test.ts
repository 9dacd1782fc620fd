import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-project.js';
import { CanaryBackends, cli, expectNoneOf, readTree, write } from './support/canary-backends.js';

/**
 * `--baseline-dir` of a deploy job's `render --out` (resolved secrets) after a pull request
 * changed the project so that the secrets' old places no longer hold placeholders: a value
 * replaced by a literal, a key removed, an env var dropped. No value that was a secret may reach
 * any output channel or a policy's `ctx.previous`.
 */
const backends = new CanaryBackends();
let project: { dir: string; remove: () => void };
let scratch: { dir: string; remove: () => void };
let resolved: string;

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: \${formation.namespace}
  annotations:
    shop/dsn: postgres://shop:\${secrets.vault_kv1}@db/shop
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - name: shop
          image: shop:1.2.3
          env:
            - { name: DB_PASSWORD, value: "\${secrets.vault_kv2}" }
            - { name: TOKEN, value: "\${secrets.file}" }
            - { name: MODE, value: prod }
`;

/** The pull request: every secret's old place now holds something else, or nothing. */
function pullRequest(dir: string): void {
  const credentials = fs
    .readFileSync(path.join(dir, 'stencils/credentials.yaml'), 'utf8')
    .replace(/^ {2}vault-kv2: .*$/m, '  vault-kv2: rotated-by-hand')
    .replace(/^ {2}sops: .*\n/m, '')
    .replace(/^ {2}dsn: .*$/m, '  dsn: postgres://shop:changeme@db:5432/shop');
  write(dir, 'stencils/credentials.yaml', credentials);
  write(
    dir,
    'stencils/app.yaml',
    APP.replace('postgres://shop:${secrets.vault_kv1}@db/shop', 'none')
      .replace('"${secrets.vault_kv2}"', 'plain')
      .replace(/^ {12}- \{ name: TOKEN.*\n/m, ''),
  );
  // a policy that tries every way out for what it is given as the previous version
  write(
    dir,
    'policies/leak-previous.ts',
    `import { definePolicy } from 'copperplate/policy';
export default definePolicy({
  id: 'leak-previous',
  title: 'Tries to leak the previous version',
  severity: 'warning',
  check(resource, ctx) {
    if (!ctx.previous) return;
    console.log('previous', JSON.stringify(ctx.previous));
    console.error('previous', JSON.stringify(ctx.previous));
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(ctx.previous);
    for (const s of strings) ctx.report({ message: 'was ' + s, path: ['metadata', 'name'], from: s, to: 'x' });
  },
});
`,
  );
}

beforeAll(async () => {
  await backends.start();
  project = backends.project();
  write(project.dir, 'stencils/app.yaml', APP);
  scratch = tempDir('copperplate-e2e-baseline-dir-');
  resolved = path.join(scratch.dir, 'deployed');
  const r = await cli(['render', 'prod', '--out', resolved], project.dir, backends.env());
  expect(r.code, r.stderr).toBe(0);
  const written = fs.readFileSync(path.join(resolved, 'prod.yaml'), 'utf8');
  for (const canary of ['CANARY-']) expect(written).toContain(canary);
  pullRequest(project.dir);
});
afterAll(async () => {
  scratch.remove();
  project.remove();
  await backends.stop();
});

describe('render --out keeps a redacted copy for baselines', () => {
  it('next to the manifests, without a secret, and out of reach of kubectl apply -R', () => {
    const files = readTree(resolved);
    expect(Object.keys(files).sort()).toEqual(['.copperplate/prod.redacted', 'prod.yaml']);
    expect(files['.copperplate/prod.redacted']).toContain('(secret:vault_kv2)');
    expectNoneOf(backends.forbidden(), { copy: files['.copperplate/prod.redacted']! });
  });

  it('removes the copy once the formation is rendered without resolved secrets', async () => {
    const dir = path.join(scratch.dir, 'stale');
    expect((await cli(['render', 'prod', '--out', dir], project.dir, backends.env())).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.copperplate/prod.redacted'))).toBe(true);
    expect((await cli(['render', 'prod', '--secrets', 'redact', '--out', dir], project.dir, backends.env())).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.copperplate/prod.redacted'))).toBe(false);
  });
});

describe('--baseline-dir of a resolved render after the placeholders moved', () => {
  it.each(FORMATS)('check --format %s: no old secret on stdout, stderr or to a policy', async (format) => {
    const r = await cli(['check', '--baseline-dir', resolved, '--format', format], project.dir, backends.env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('leak-previous');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });

  it('check with every report format written to files at once', async () => {
    const reports = path.join(scratch.dir, 'reports');
    const r = await cli(['check', '--baseline-dir', resolved, ...FORMATS.map((f) => `--format=${f}=${path.join(reports, `report.${f}`)}`)], project.dir, backends.env());
    expect(r.code, r.stderr).toBe(0);
    const files = readTree(reports);
    expect(Object.keys(files)).toHaveLength(FORMATS.length);
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr, ...files });
  });

  it.each(['text', 'json'])('diff --format %s: the changes are shown, the old secrets as stand-ins', async (format) => {
    const r = await cli(['diff', 'prod', '--baseline-dir', resolved, '--format', format], project.dir, backends.env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('rotated-by-hand');
    expect(r.stdout).toContain('(secret:vault_kv2)');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });
});

describe('validate --baseline-file of a resolved render', () => {
  it('reads its redacted copy: the policy sees stand-ins, never the old values', async () => {
    const current = path.join(scratch.dir, 'current.yaml');
    const rendered = await cli(['render', 'prod', '--secrets', 'redact'], project.dir, backends.env());
    expect(rendered.code, rendered.stderr).toBe(0);
    fs.writeFileSync(current, rendered.stdout);
    const r = await cli(['validate', current, '--baseline-file', path.join(resolved, 'prod.yaml'), '--format', 'json'], project.dir, backends.env());
    expect(r.stdout).toContain('leak-previous');
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });
});

describe('--baseline-dir without a redacted copy (written by another tool)', () => {
  it.each(['check', 'diff'])('%s: a Secret’s data is hidden whatever filled it, removed keys included', async (command) => {
    const bare = path.join(scratch.dir, 'bare');
    fs.mkdirSync(bare, { recursive: true });
    // only the Secret: a Deployment's env is placed by stencils, which this directory cannot tell
    const secretDoc = fs
      .readFileSync(path.join(resolved, 'prod.yaml'), 'utf8')
      .split(/^---\n/m)
      .find((d) => d.includes('kind: Secret'))!;
    fs.writeFileSync(path.join(bare, 'prod.yaml'), `---\n${secretDoc}`);
    const argv = command === 'check' ? ['check', '--baseline-dir', bare, '--format', 'json'] : ['diff', 'prod', '--baseline-dir', bare, '--format', 'json'];
    const r = await cli(argv, project.dir, backends.env());
    expect(r.code, r.stderr).toBe(0);
    expectNoneOf(backends.forbidden(), { stdout: r.stdout, stderr: r.stderr });
  });
});
