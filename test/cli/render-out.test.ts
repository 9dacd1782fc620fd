import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { memoryIO } from '../support/memory-io.js';
import { repoRoot } from '../support/paths.js';
import { tempDir, writeFiles } from '../support/temp-project.js';

// `render --out DIR` with resolved secrets (issue 10): what it creates is private whatever the
// umask, the work-tree test asks git, and a signal while writing leaves no temp file behind.

const SECRET = 's3cr3t-canary-7f1e';
const BIN = path.join(repoRoot, 'bin', 'copperplate.js');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function temp(): string {
  const t = tempDir('copperplate-out-');
  cleanups.push(t.remove);
  return t.dir;
}

/** A project of `count` formations, each rendering one Secret of `size` characters from `file:`. */
function secretProject(dir: string, count = 2, size = 100): void {
  const formations = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`formations/f${String(i).padStart(3, '0')}.yaml`, 'environment: dev\nsecrets:\n  token: file:token.txt\n']),
  );
  writeFiles(dir, {
    'copperplate.yaml': 'kubernetesVersion: "1.31"\n',
    'stencils/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  token: ${secrets.token}\n',
    'token.txt': (SECRET + 'x'.repeat(size)).slice(0, Math.max(size, SECRET.length)),
    ...formations,
  });
}

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env['PATH'] ?? '', NO_COLOR: '1', HOME: process.env['HOME'] ?? '/', ...extra });
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const tempFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp')) : []);

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'bundle', 'copperplate.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('render --out: modes whatever the umask (built bin)', () => {
  it.each(['formation', 'resource'])('under umask 000, --split %s: created directories 0700, files 0600', (split) => {
    const project = temp();
    secretProject(project);
    const parent = temp();
    fs.chmodSync(parent, 0o755);
    const out = path.join(parent, 'a', 'b', 'out');
    const r = spawnSync('sh', ['-c', `umask 000 && exec "${process.execPath}" "${BIN}" render --all --no-check --split ${split} --out "${out}"`], { cwd: project, encoding: 'utf8', env: env() });
    expect(r.stderr).not.toContain(SECRET);
    expect(r.status).toBe(0);
    for (const d of [path.dirname(path.dirname(out)), path.dirname(out), out]) expect(mode(d), d).toBe(0o700);
    const files = fs.readdirSync(out, { recursive: true }).map((f) => path.join(out, String(f)));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(mode(f), f).toBe(fs.statSync(f).isDirectory() ? 0o700 : 0o600);
    // a directory that was there keeps its mode
    expect(mode(parent)).toBe(0o755);
  });
});

describe('render --out: "inside the git work tree" is what git says', () => {
  const render = (project: string, out: string, extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, 'render', '--all', '--no-check', '--out', out], { cwd: project, encoding: 'utf8', env: env(extra) });

  it('a repository set up with --git-dir/--work-tree (GIT_DIR, GIT_WORK_TREE): refused inside its work tree, allowed outside', () => {
    const project = temp();
    secretProject(project);
    const base = temp();
    const work = path.join(base, 'work');
    fs.mkdirSync(work);
    execFileSync('git', ['--git-dir', path.join(base, 'repo.git'), '--work-tree', work, 'init', '-q']);
    const gitEnv = { GIT_DIR: path.join(base, 'repo.git'), GIT_WORK_TREE: work };
    const refused = render(project, path.join(work, 'deploy', 'out'), gitEnv);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('OUT_IN_WORKTREE');
    expect(refused.stderr).toContain(work);
    expect(refused.stderr + refused.stdout).not.toContain(SECRET);
    expect(fs.existsSync(path.join(work, 'deploy'))).toBe(false);
    const outside = render(project, path.join(base, 'elsewhere'), gitEnv);
    expect(outside.stderr).toMatch(/^wrote /);
    expect(outside.status).toBe(0);
  });

  it('a work tree whose .git is a file (git init --separate-git-dir), and a symlink into a work tree, are refused', () => {
    const project = temp();
    secretProject(project);
    const base = temp();
    const work = path.join(base, 'work');
    fs.mkdirSync(work);
    execFileSync('git', ['init', '-q', '--separate-git-dir', path.join(base, 'repo.git'), work]);
    expect(fs.statSync(path.join(work, '.git')).isFile()).toBe(true);
    const viaFile = render(project, path.join(work, 'out'));
    expect([viaFile.status, viaFile.stderr.includes('OUT_IN_WORKTREE')]).toEqual([2, true]);
    fs.symlinkSync(work, path.join(base, 'link'));
    const viaLink = render(project, path.join(base, 'link', 'out'));
    expect([viaLink.status, viaLink.stderr.includes('OUT_IN_WORKTREE')]).toEqual([2, true]);
    expect(fs.existsSync(path.join(work, 'out'))).toBe(false);
  });

  it('a directory named .git that git does not take for a repository does not count', () => {
    const project = temp();
    secretProject(project);
    const base = temp();
    fs.mkdirSync(path.join(base, '.git'));
    const r = render(project, path.join(base, 'out'));
    expect(r.stderr).toMatch(/^wrote /);
    expect(r.status).toBe(0);
  });
});

describe('render --out: SIGINT/SIGTERM while writing (built bin)', () => {
  // 150 formations of 200 KB each: the signal is sent as soon as the first temp file appears,
  // long before the last file is written
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: temp files removed, exit %i, files written so far are whole', async (signal, code) => {
    const project = temp();
    secretProject(project, 150, 200_000);
    const out = path.join(temp(), 'out');
    fs.mkdirSync(out);
    const child = spawn(process.execPath, [BIN, 'render', '--all', '--no-check', '--out', out], { cwd: project, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let sawTemp = false;
    const watcher = fs.watch(out, (_event, name) => {
      if (!sawTemp && String(name).endsWith('.tmp')) {
        sawTemp = true;
        child.kill(signal);
      }
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
    watcher.close();
    expect(sawTemp).toBe(true);
    expect(exit).toEqual({ code, signal: null });
    expect(stderr).toContain('OUT_INTERRUPTED');
    expect(stdout + stderr).not.toContain(SECRET);
    expect(tempFiles(out)).toEqual([]);
    // the manifests (a formation's redacted copy for baselines lives in .copperplate/)
    const written = fs.readdirSync(out).filter((f) => f.endsWith('.yaml'));
    expect(written.length).toBeLessThan(150);
    for (const f of written) expect(fs.readFileSync(path.join(out, f), 'utf8')).toMatch(/^---\n[\s\S]*token: s3cr3t-canary-7f1ex+\n$/);
  }, 60_000);
});

describe('render --out interrupted (in-process)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s before the first file: nothing written, OUT_INTERRUPTED, exit %i', async (signal, code) => {
    const project = temp();
    secretProject(project);
    const out = path.join(temp(), 'out');
    const io = memoryIO({ cwd: project, interrupt: signal });
    expect(await run(['render', '--all', '--no-check', '--out', out], io)).toBe(code);
    expect(io.err).toContain('OUT_INTERRUPTED');
    expect(io.out + io.err).not.toContain(SECRET);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
