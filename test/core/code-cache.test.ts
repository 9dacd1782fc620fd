import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeCacheFile, runCachedScript } from '../../src/core/code-cache.js';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function temp(): string {
  const t = tempDir();
  cleanup.push(t.remove);
  return t.dir;
}

const built = pathToFileURL(path.join(repoRoot, 'dist', 'core', 'code-cache.js')).href;

beforeAll(() => {
  if (!fs.existsSync(new URL(built))) throw new Error('dist/ is missing: run `npm run build` first');
});

/**
 * Runs `file` with the cache in a process of its own (a code cache is only consumed by a V8
 * that has not compiled the same text already), saving with `tags`; answers what it saw.
 */
function runIn(file: string, cacheFile: string, tags: string[]): { covered: string[]; value: unknown } {
  const script = `
    import { runCachedScript } from ${JSON.stringify(built)};
    const s = runCachedScript(${JSON.stringify(file)}, ${JSON.stringify(cacheFile)});
    const value = s.exports.run(20);
    const covered = [...s.covered];
    s.save(${JSON.stringify(tags)});
    process.stdout.write(JSON.stringify({ covered, value }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { covered: string[]; value: unknown };
}

/** A CommonJS file whose function is compiled lazily, on its first call. */
function writeModule(dir: string, body = 'n * 2'): string {
  const file = path.join(dir, 'mod.cjs');
  fs.writeFileSync(file, `'use strict';\nexports.run = function run(n) { return ${body}; };\nexports.name = __filename;\n`);
  return file;
}

describe('runCachedScript', () => {
  it('without a cache file: the module as require gives it, and save does nothing', () => {
    const dir = temp();
    const file = writeModule(dir);
    const s = runCachedScript(file, undefined);
    expect((s.exports as { run(n: number): number }).run(4)).toBe(8);
    s.save(['a']);
    expect(fs.readdirSync(dir)).toEqual(['mod.cjs']);
  });

  it('gives the module its CommonJS scope (exports, require, __filename) and stores nothing until saved', () => {
    const dir = temp();
    const file = path.join(dir, 'scope.cjs');
    fs.writeFileSync(file, "module.exports = { file: __filename, dir: __dirname, sep: require('node:path').sep };\n");
    const cacheFile = path.join(dir, 'cache', 'scope');
    const s = runCachedScript(file, cacheFile);
    expect(s.exports).toEqual({ file, dir, sep: path.sep });
    expect(s.covered.size).toBe(0);
    expect(fs.existsSync(cacheFile)).toBe(false);
    s.save();
    expect(fs.readFileSync(cacheFile).subarray(0, 20).toString('latin1')).toBe('copperplate-v8-code\n');
  });

  it('the next process uses the cache (with the tags saved); a process that adds nothing does not write it again', () => {
    const dir = temp();
    const file = writeModule(dir);
    const cacheFile = path.join(dir, 'cache', 'mod');
    expect(runIn(file, cacheFile, ['a'])).toEqual({ covered: [], value: 40 });
    const written = fs.statSync(cacheFile).mtimeMs;
    const bytes = fs.readFileSync(cacheFile);
    expect(runIn(file, cacheFile, ['a'])).toEqual({ covered: ['a'], value: 40 });
    expect(fs.statSync(cacheFile).mtimeMs).toBe(written);
    expect(fs.readFileSync(cacheFile).equals(bytes)).toBe(true);
    // a tag the cache lacks: written again, with both
    runIn(file, cacheFile, ['b']);
    expect(runIn(file, cacheFile, []).covered).toEqual(['a', 'b']);
  });

  it('a changed file of the same length never runs with the old cache; it is replaced', () => {
    const dir = temp();
    const file = writeModule(dir, 'n * 2');
    const cacheFile = path.join(dir, 'cache', 'mod');
    runIn(file, cacheFile, ['a']);
    writeModule(dir, 'n * 3');
    expect(runIn(file, cacheFile, ['a'])).toEqual({ covered: [], value: 60 });
    expect(runIn(file, cacheFile, []).covered).toEqual(['a']);
  });

  it.each([
    ['a flipped byte in the code', (b: Buffer) => b.fill(b.at(-1)! ^ 0xff, b.length - 1)],
    ['a cut file', (b: Buffer) => b.subarray(0, b.length - 100)],
    ['a header that is not JSON', (b: Buffer) => Buffer.concat([Buffer.from('copperplate-v8-code\n{no\n'), b])],
    ['another format', () => Buffer.from('hello')],
  ])('%s: the cache is not used, the module runs, and the next save replaces it', (_what, damage) => {
    const dir = temp();
    const file = writeModule(dir);
    const cacheFile = path.join(dir, 'cache', 'mod');
    runIn(file, cacheFile, ['a']);
    fs.writeFileSync(cacheFile, damage(fs.readFileSync(cacheFile)));
    expect(runIn(file, cacheFile, ['a'])).toEqual({ covered: [], value: 40 });
    expect(runIn(file, cacheFile, []).covered).toEqual(['a']);
  });

  it('a cache that cannot be written costs nothing but the cache', () => {
    const dir = temp();
    const file = writeModule(dir);
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const s = runCachedScript(file, path.join(dir, 'blocker', 'mod'));
    expect(() => s.save(['a'])).not.toThrow();
    expect((s.exports as { run(n: number): number }).run(1)).toBe(2);
  });

  it('names the cache file after this V8 and architecture', () => {
    const file = codeCacheFile('/cache', 'cli-render');
    expect(path.dirname(file)).toBe(path.join('/cache', 'v8'));
    expect(path.basename(file)).toBe(`cli-render-${process.versions.v8}-${process.arch}`);
  });
});
