import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';

/** Output that cannot be written is a diagnostic (or, for a reader that left, a quiet end). */
const env = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function aFile(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const file = path.join(t.dir, 'a-file');
  fs.writeFileSync(file, 'x');
  return file;
}

describe('the built CLI and its standard streams', () => {
  it('`render | head -c 10`: the closed pipe ends the run quietly', async () => {
    // a stream far larger than a pipe's buffer, so the writer is still writing when the reader leaves
    const t = tempDir();
    cleanups.push(t.remove);
    fs.mkdirSync(path.join(t.dir, 'stencils'));
    fs.mkdirSync(path.join(t.dir, 'formations'));
    fs.writeFileSync(path.join(t.dir, 'stencils', 'big.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  big: ${big}\n');
    fs.writeFileSync(path.join(t.dir, 'formations', 'dev.yaml'), `environment: dev\nvalues:\n  big: ${'x'.repeat(4 * 1024 * 1024)}\n`);
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'copperplate.js'), 'render', 'dev', '--secrets', 'redact', '--no-check'], { cwd: t.dir, env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('stdout on a full disk (/dev/full) is WRITE_FAILED and exit 2', () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['bin/copperplate.js', 'render', 'staging', '--secrets', 'redact'], { cwd: repoRoot, env, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr).toContain('WRITE_FAILED');
      expect(r.status).toBe(2);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('files the user asked for', () => {
  it.each([
    ['a report to /dev/full', ['check', '--format', 'json=/dev/full'], 'WRITE_FAILED'],
    ['a report to an empty file name', ['check', '--format', 'json='], 'USAGE'],
    ['a report under a file', ['check', '--format', 'sarif=A_FILE/report.sarif'], 'WRITE_FAILED'],
    ['--out under a file', ['render', 'staging', '--secrets', 'redact', '--out', 'A_FILE/out'], 'OUT_WRITE_FAILED'],
    ['init onto a file', ['init', 'A_FILE'], 'WRITE_FAILED'],
  ])('%s: a diagnostic, exit 2, no stack', async (_name, argv, code) => {
    const file = aFile();
    const r = await runCli(['--project', repoRoot, ...argv.map((a) => a.replace('A_FILE', file))], repoRoot, env);
    expect(r.stderr + r.stdout).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('INTERNAL_ERROR');
    expect(r.stderr).toContain(code);
    expect(r.code).toBe(2);
  });
});
