import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';
import { GIT_ENV, tempRepo, type TempRepo } from './git-repo.js';

const BIN = path.join(repoRoot, 'bin', 'copperplate.js');
/** The hook runs this repository's built bin (a real install would find node_modules/.bin/copperplate). */
const COMMAND = `"${process.execPath}" "${BIN}"`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'run.js'))) throw new Error('build first: npx tsc -p tsconfig.build.json');
});

function repo(): TempRepo {
  const r = tempRepo();
  cleanups.push(r.remove);
  return r;
}

const hookFile = (r: TempRepo, dir = '.git/hooks') => path.join(r.dir, dir, 'pre-commit');
const isExecutable = (file: string) => (fs.statSync(file).mode & 0o111) !== 0;

/** Runs the installed hook the way git does (from the top of the work tree). */
function runHook(r: TempRepo, file = hookFile(r)) {
  return spawnSync(file, [], { cwd: r.dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

describe('copperplate hook install', () => {
  it('writes an executable .git/hooks/pre-commit and is idempotent', async () => {
    const r = repo();
    const first = await runCli(['hook', 'install', '--command', COMMAND], r.dir);
    expect(first.code).toBe(0);
    const text = fs.readFileSync(hookFile(r), 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain(`${COMMAND} precommit`);
    expect(isExecutable(hookFile(r))).toBe(true);
    const again = await runCli(['hook', 'install', '--command', COMMAND], r.dir);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(hookFile(r), 'utf8')).toBe(text);
    expect(fs.existsSync(path.join(r.dir, '.git', 'hooks', 'pre-commit.local'))).toBe(false);
  });

  it('by default finds copperplate in node_modules/.bin, then on PATH, and fails closed without it', async () => {
    const r = repo();
    expect((await runCli(['hook', 'install'], r.dir)).code).toBe(0);
    const text = fs.readFileSync(hookFile(r), 'utf8');
    expect(text).toContain('"$top/node_modules/.bin/copperplate" precommit');
    expect(text).toContain('command -v copperplate');
    expect(text).not.toContain('npx');
    // git and sh, but no copperplate on PATH
    const gitDir = path.dirname(spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim());
    const bare = spawnSync(hookFile(r), [], { cwd: r.dir, env: { PATH: `${gitDir}:/usr/bin:/bin`, ...GIT_ENV }, encoding: 'utf8' });
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain('--no-verify');
    // a devDependency install: node_modules/.bin/copperplate
    fs.mkdirSync(path.join(r.dir, 'node_modules', '.bin'), { recursive: true });
    const shim = path.join(r.dir, 'node_modules', '.bin', 'copperplate');
    fs.writeFileSync(shim, `#!/bin/sh\necho "shim $*" > "${path.join(r.dir, 'ran.txt')}"\n`, { mode: 0o755 });
    const found = runHook(r);
    expect(found.status).toBe(0);
    expect(fs.readFileSync(path.join(r.dir, 'ran.txt'), 'utf8').trim()).toBe('shim precommit');
  });

  it('keeps an existing hook: moved to pre-commit.local and run first; its failure blocks the commit', async () => {
    const r = repo();
    const marker = path.join(r.dir, 'local-ran.txt');
    const foreign = `#!/bin/sh\necho ran > "${marker}"\nexit "\${LOCAL_EXIT:-0}"\n`;
    fs.writeFileSync(hookFile(r), foreign, { mode: 0o755 });
    const result = await runCli(['hook', 'install', '--command', COMMAND], r.dir);
    expect(result.code).toBe(0);
    const local = path.join(r.dir, '.git', 'hooks', 'pre-commit.local');
    expect(fs.readFileSync(local, 'utf8')).toBe(foreign);
    expect(runHook(r).status).toBe(0);
    expect(fs.existsSync(marker)).toBe(true);
    const failing = spawnSync(hookFile(r), [], { cwd: r.dir, env: { ...process.env, ...GIT_ENV, LOCAL_EXIT: '3' }, encoding: 'utf8' });
    expect(failing.status).toBe(3);
    // installing again changes nothing: the local hook is not moved over itself
    const again = await runCli(['hook', 'install', '--command', COMMAND], r.dir);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(local, 'utf8')).toBe(foreign);
  });

  it('refuses (exit 2) when a foreign hook and pre-commit.local both exist, changing nothing', async () => {
    const r = repo();
    fs.writeFileSync(hookFile(r), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    fs.writeFileSync(path.join(r.dir, '.git', 'hooks', 'pre-commit.local'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const result = await runCli(['hook', 'install'], r.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HOOK_LOCAL_EXISTS');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(fs.readFileSync(hookFile(r), 'utf8')).toBe('#!/bin/sh\nexit 0\n');
  });

  it('updates only its own block: lines a user added around it are kept', async () => {
    const r = repo();
    await runCli(['hook', 'install'], r.dir);
    fs.appendFileSync(hookFile(r), 'echo "my own line"\n');
    const result = await runCli(['hook', 'install', '--command', COMMAND], r.dir);
    expect(result.code).toBe(0);
    const text = fs.readFileSync(hookFile(r), 'utf8');
    expect(text).toContain(`${COMMAND} precommit`);
    expect(text).toContain('echo "my own line"');
    expect(text.match(/>>> copperplate/g)).toHaveLength(1);
  });

  it.each(['.githooks', 'tools/hooks'])('honours a relative core.hooksPath (%s)', async (hooksPath) => {
    const r = repo();
    r.git('config', 'core.hooksPath', hooksPath);
    fs.mkdirSync(path.join(r.dir, 'sub'));
    const result = await runCli(['hook', 'install', '--command', COMMAND], path.join(r.dir, 'sub'));
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(r.dir, hooksPath, 'pre-commit'))).toBe(true);
    expect(fs.existsSync(hookFile(r))).toBe(false);
  });

  it('honours an absolute core.hooksPath', async () => {
    const r = repo();
    const hooks = tempDir();
    cleanups.push(hooks.remove);
    r.git('config', 'core.hooksPath', hooks.dir);
    expect((await runCli(['hook', 'install'], r.dir)).code).toBe(0);
    expect(fs.existsSync(path.join(hooks.dir, 'pre-commit'))).toBe(true);
  });

  it('outside a git repository is an error (exit 2)', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const result = await runCli(['hook', 'install'], t.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HOOK_NOT_GIT');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('end to end: init, hook install, git commit', () => {
  function commit(r: TempRepo, ...args: string[]) {
    const cache = path.join(r.dir, '.git', 'copperplate-cache');
    return spawnSync('git', ['commit', '-q', '-m', 'change', ...args], {
      cwd: r.dir,
      env: { ...process.env, ...GIT_ENV, XDG_CACHE_HOME: cache, NO_COLOR: '1' },
      encoding: 'utf8',
    });
  }

  it('a staged :latest image blocks the commit with the finding; an unstaged bad edit does not; the fix commits', async () => {
    const r = repo();
    expect((await runCli(['init'], r.dir)).code).toBe(0);
    expect((await runCli(['hook', 'install', '--command', COMMAND], r.dir)).code).toBe(0);
    r.git('add', '.');
    const initial = commit(r);
    expect(initial.stderr + initial.stdout).not.toMatch(STACK_TRACE);
    expect(initial.status).toBe(0);

    const stencil = 'stencils/app.yaml';
    const good = r.read(stencil);
    const bad = good.replace('image: "${image.repository}:${image.tag}"', 'image: "nginx:latest"');
    expect(bad).not.toBe(good);
    r.write(stencil, bad);
    r.git('add', stencil);
    const blocked = commit(r);
    expect(blocked.status).not.toBe(0);
    const output = blocked.stdout + blocked.stderr;
    expect(output).toContain('no-latest-tag');
    expect(output).toMatch(/stencils\/app\.yaml:\d+:\d+/);
    expect(output).not.toMatch(STACK_TRACE);
    expect(r.git('log', '--oneline').trim().split('\n')).toHaveLength(1);

    // fixed in the index, broken again in the work tree only: the commit goes through
    const fixed = good.replace('  labels:\n    app: ${app}\n', '  labels:\n    app: ${app}\n    tier: web\n');
    r.write(stencil, fixed);
    r.git('add', stencil);
    r.write(stencil, bad);
    const ok = commit(r);
    expect(ok.stdout + ok.stderr).not.toMatch(STACK_TRACE);
    expect(ok.status).toBe(0);
    expect(r.git('log', '--oneline').trim().split('\n')).toHaveLength(2);
    expect(r.git('show', `HEAD:${stencil}`)).toBe(fixed);

    // `git commit FILE` commits the work-tree file through a temporary index: the hook sees it
    const viaPath = commit(r, stencil);
    expect(viaPath.status).not.toBe(0);
    expect(viaPath.stdout + viaPath.stderr).toContain('no-latest-tag');
  });
});

describe('end to end: a project below the top of the repository', () => {
  it('the hook passes --project and blocks a bad staged stencil of that project only', async () => {
    const r = repo();
    fs.mkdirSync(path.join(r.dir, 'deploy'));
    expect((await runCli(['init', 'deploy'], r.dir)).code).toBe(0);
    expect((await runCli(['hook', 'install', '--command', COMMAND], path.join(r.dir, 'deploy'))).code).toBe(0);
    expect(fs.readFileSync(hookFile(r), 'utf8')).toContain(`--project "$top/"'deploy' precommit`);
    r.git('add', '.');
    const env = { ...process.env, ...GIT_ENV, XDG_CACHE_HOME: path.join(r.dir, '.git', 'c') };
    expect(spawnSync('git', ['commit', '-q', '-m', 'init'], { cwd: r.dir, env, encoding: 'utf8' }).status).toBe(0);
    r.write('deploy/stencils/app.yaml', r.read('deploy/stencils/app.yaml').replace('image: "${image.repository}:${image.tag}"', 'image: "nginx:latest"'));
    r.write('README.md', 'unrelated\n');
    r.git('add', '.');
    const blocked = spawnSync('git', ['commit', '-q', '-m', 'bad'], { cwd: r.dir, env, encoding: 'utf8' });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('no-latest-tag');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares the copperplate hook for the pre-commit framework', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks).toContainEqual(expect.objectContaining({ id: 'copperplate', language: 'node', entry: 'copperplate precommit', pass_filenames: false }));
  });
});

