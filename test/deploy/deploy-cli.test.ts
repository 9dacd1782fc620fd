import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { tempRepo, type TempRepo } from '../precommit/git-repo.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempDir, tempProject } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const STENCILS = {
  'stencils/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: \${image}
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false }
          resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { memory: 64Mi } }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
`,
  'stencils/migrate.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: \${image}
          args: [migrate]
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false }
          resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { memory: 64Mi } }
`,
};

// A policy that only the first commit has: a run at that commit runs it, today's run does not.
const OLD_POLICY = `import { definePolicy } from 'copperplate/policy';
export default definePolicy({
  id: 'old-rule',
  title: 'Jobs were forbidden back then',
  severity: 'warning',
  match: { kinds: ['Job'] },
  check(resource, ctx) { ctx.report({ message: 'a Job' }); },
});
`;

/** Two commits: v1 (image :latest, with policies/old-rule.ts), then v2 (image 2.0, no policy). */
function repo(): { r: TempRepo; v1: string; v2: string } {
  const r = tempRepo();
  cleanups.push(r.remove);
  r.write('copperplate.yaml', 'stamp: true\n');
  for (const [file, text] of Object.entries(STENCILS)) r.write(file, text);
  r.write('formations/prod.yaml', 'destination: { namespace: shop }\nvalues:\n  image: ghcr.io/acme/web:latest\n');
  r.write('policies/old-rule.ts', OLD_POLICY);
  r.git('add', '.');
  r.git('commit', '-q', '--no-verify', '-m', 'v1');
  const v1 = r.git('rev-parse', 'HEAD').trim();
  r.write('formations/prod.yaml', 'destination: { namespace: shop }\nvalues:\n  image: ghcr.io/acme/web:2.0\n');
  fs.rmSync(path.join(r.dir, 'policies'), { recursive: true });
  r.git('add', '-A');
  r.git('commit', '-q', '--no-verify', '-m', 'v2');
  const v2 = r.git('rev-parse', 'HEAD').trim();
  return { r, v1, v2 };
}

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);
const byKind = (text: string, kind: string) => docs(text).find((d) => d['kind'] === kind) as Record<string, any>;

describe('stamp: true (SPEC §2.3)', () => {
  it('labels and annotates every resource with the formation, the commit and the stencil; byte-identical run to run', async () => {
    const { r, v2 } = repo();
    const a = await runCli(['render', 'prod', '--secrets', 'redact'], r.dir);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    for (const d of docs(a.stdout)) {
      expect(d['metadata']['labels']).toMatchObject({ 'app.kubernetes.io/managed-by': 'copperplate', 'copperplate.dev/formation': 'prod' });
      expect(d['metadata']['annotations']['copperplate.dev/revision']).toBe(v2);
    }
    expect(byKind(a.stdout, 'Job')['metadata']['annotations']['copperplate.dev/source']).toBe('stencils/migrate.yaml');
    expect(byKind(a.stdout, 'Deployment')['metadata']['labels']).toEqual({
      app: 'web',
      'app.kubernetes.io/managed-by': 'copperplate',
      'copperplate.dev/formation': 'prod',
    });
    const b = await runCli(['render', 'prod', '--secrets', 'redact'], r.dir);
    expect(b.stdout).toBe(a.stdout);
  });

  it('marks a render of a changed work tree -dirty, and leaves the revision out outside git', async () => {
    const { r, v2 } = repo();
    r.write('stencils/extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n');
    const dirty = await runCli(['render', 'prod', '--secrets', 'redact'], r.dir);
    expect(dirty.code).toBe(0);
    expect(byKind(dirty.stdout, 'Job')['metadata']['annotations']['copperplate.dev/revision']).toBe(`${v2}-dirty`);

    const plain = tempProject({ 'copperplate.yaml': 'stamp: true\n', ...STENCILS, 'formations/prod.yaml': 'values:\n  image: ghcr.io/acme/web:2.0\n' });
    cleanups.push(plain.remove);
    const outside = await runCli(['render', 'prod', '--secrets', 'redact'], plain.dir);
    expect(outside.code).toBe(0);
    const job = byKind(outside.stdout, 'Job');
    expect(job['metadata']['labels']['copperplate.dev/formation']).toBe('prod');
    expect(job['metadata']['annotations']).toEqual({ 'copperplate.dev/source': 'stencils/migrate.yaml' });
  });
});

describe('--ref REF: the project as it was at a commit (SPEC §7)', () => {
  it('render --ref HEAD~1 re-renders the previous commit, stamped with its commit, even from a dirty work tree', async () => {
    const { r, v1 } = repo();
    r.write('formations/prod.yaml', 'destination: { namespace: shop }\nvalues:\n  image: ghcr.io/acme/web:3.0-wip\n');
    const res = await runCli(['render', 'prod', '--ref', 'HEAD~1', '--secrets', 'redact', '--no-check'], r.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const deployment = byKind(res.stdout, 'Deployment');
    expect(deployment['spec']['template']['spec']['containers'][0]['image']).toBe('ghcr.io/acme/web:latest');
    expect(deployment['metadata']['annotations']['copperplate.dev/revision']).toBe(v1);
  });

  it('check --ref runs the checks and the policies of that commit', async () => {
    const { r } = repo();
    const old = await runCli(['check', '--ref', 'HEAD~1', '--format', 'json'], r.dir);
    expect(old.code).toBe(1);
    const report = JSON.parse(old.stdout) as { findings: { policy: string }[] };
    expect([...new Set(report.findings.map((f) => f.policy))].sort()).toEqual(['no-latest-tag', 'old-rule']);
    const today = await runCli(['check', '--format', 'json'], r.dir);
    expect(today.code).toBe(0);
    expect((JSON.parse(today.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });

  it('diff --baseline A --ref B compares two commits; explain --ref shows the old value', async () => {
    const { r } = repo();
    const forward = await runCli(['diff', 'prod', '--baseline', 'HEAD~1', '--ref', 'HEAD', '--format', 'json'], r.dir);
    expect(forward.code).toBe(0);
    const text = JSON.stringify(JSON.parse(forward.stdout));
    expect(text).toContain('ghcr.io/acme/web:latest');
    expect(text).toContain('ghcr.io/acme/web:2.0');
    const back = await runCli(['diff', 'prod', '--baseline', 'HEAD', '--ref', 'HEAD~1'], r.dir);
    expect(back.code).toBe(0);
    expect(back.stdout.indexOf('ghcr.io/acme/web:2.0')).toBeLessThan(back.stdout.indexOf('ghcr.io/acme/web:latest'));
    const same = await runCli(['diff', 'prod', '--baseline', 'HEAD~1', '--ref', 'HEAD~1'], r.dir);
    expect(same.stdout).toBe('no changes in formation prod\n');

    const explained = await runCli(['explain', 'prod', 'Deployment/web', '--ref', 'HEAD~1', '--format', 'json'], r.dir);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('"value": "ghcr.io/acme/web:latest"');
  });

  it('an unknown ref is exit 2 with REF_NOT_FOUND, never a stack trace', async () => {
    const { r } = repo();
    for (const argv of [['render', 'prod'], ['check'], ['diff', 'prod', '--baseline', 'HEAD'], ['explain', 'prod']]) {
      const res = await runCli([...argv, '--ref', 'no-such-tag'], r.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('REF_NOT_FOUND');
      expect(res.stderr).not.toMatch(STACK_TRACE);
      expect(res.stdout).toBe('');
    }
  });
});

describe('render --out DIR --split resource|formation (SPEC §7)', () => {
  it('writes DIR/<formation>/<NNN>-<kind>-<name>.yaml in apply order and removes files of an earlier render', async () => {
    const { r } = repo();
    const out = tempDir();
    cleanups.push(out.remove);
    fs.mkdirSync(path.join(out.dir, 'prod'));
    fs.writeFileSync(path.join(out.dir, 'prod', '004-service-gone.yaml'), 'stale\n');
    fs.writeFileSync(path.join(out.dir, 'prod', 'README.md'), 'kept\n');
    const res = await runCli(['render', 'prod', '--secrets', 'redact', '--out', out.dir, '--split', 'resource'], r.dir);
    expect(res.stderr).not.toMatch(/error/);
    expect(res.code).toBe(0);
    expect(fs.readdirSync(path.join(out.dir, 'prod')).sort()).toEqual(['001-configmap-web-config.yaml', '002-deployment-web.yaml', '003-job-migrate.yaml', 'README.md']);
    const job = fs.readFileSync(path.join(out.dir, 'prod', '003-job-migrate.yaml'), 'utf8');
    expect(job.startsWith('---\n# Source: stencils/migrate.yaml\n')).toBe(true);
    expect(docs(job).map((d) => d['kind'])).toEqual(['Job']);
  });

  it('--split formation (the default) writes DIR/<formation>.yaml', async () => {
    const { r } = repo();
    const out = tempDir();
    cleanups.push(out.remove);
    const res = await runCli(['render', 'prod', '--secrets', 'redact', '--out', out.dir, '--split', 'formation'], r.dir);
    expect(res.code).toBe(0);
    expect(fs.readdirSync(out.dir)).toEqual(['prod.yaml']);
    expect(docs(fs.readFileSync(path.join(out.dir, 'prod.yaml'), 'utf8')).map((d) => d['kind'])).toEqual(['ConfigMap', 'Deployment', 'Job']);
  });
});
