import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentCache } from '../../src/core/content-cache.js';
import { nodeFs } from '../../src/core/project-fs.js';
import { FormationLoader, listFormations, loadStencils } from '../../src/render/index.js';
import { fixturesDir } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function cacheIn(buildId: string | undefined): { cache: ContentCache; dir: string } {
  const t = tempDir();
  cleanup.push(t.remove);
  return { cache: new ContentCache(t.dir, buildId), dir: t.dir };
}

function entries(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
}

/** What loading a project gives: its stencils, and every formation resolved with its diagnostics. */
function load(root: string, cache?: ContentCache) {
  const stencils = loadStencils(root, nodeFs, cache);
  const loader = new FormationLoader(root, nodeFs, '1.31', cache);
  const formations = listFormations(root, nodeFs).map((name) => loader.resolve(name, stencils.stencils));
  return { stencils, formations };
}

const projects = fs
  .readdirSync(fixturesDir)
  .filter((d) => /^(render|error)-/.test(d) && fs.existsSync(path.join(fixturesDir, d, 'stencils')))
  .map((d) => [d, path.join(fixturesDir, d)] as const);

describe('ContentCache.memo', () => {
  it('stores structured-clone data (Map and Set too) and reads it back instead of computing', () => {
    const { cache, dir } = cacheIn('build-a');
    let computed = 0;
    const compute = () => {
      computed++;
      return { map: new Map([['a', { n: 1 }]]), set: new Set(['x']), list: [1, 'two', null] };
    };
    const first = cache.memo('kind', ['input'], compute);
    const second = cache.memo('kind', ['input'], compute);
    expect(computed).toBe(1);
    expect(second).toEqual(first);
    expect(entries(dir)).toHaveLength(1);
    // another input, or another build, is another entry
    cache.memo('kind', ['other input'], compute);
    new ContentCache(dir, 'build-b').memo('kind', ['input'], compute);
    expect(computed).toBe(3);
  });

  it('computes again over a corrupt entry, and replaces it', () => {
    const { cache, dir } = cacheIn('build-a');
    cache.memo('kind', ['input'], () => ({ v: 1 }));
    const [entry] = entries(dir);
    fs.writeFileSync(path.join(dir, entry!), 'not a serialized value');
    expect(cache.memo('kind', ['input'], () => ({ v: 1 }))).toEqual({ v: 1 });
    expect(cache.memo('kind', ['input'], () => ({ v: 2 }))).toEqual({ v: 1 });
  });

  it('only computes without a build identity (code that may change under the same version)', () => {
    const { cache, dir } = cacheIn(undefined);
    let computed = 0;
    cache.memo('kind', ['input'], () => computed++);
    cache.memo('kind', ['input'], () => computed++);
    expect(computed).toBe(2);
    expect(entries(dir)).toEqual([]);
  });

  it('a cache directory that cannot be written costs nothing but the cache', () => {
    const { dir } = cacheIn('x');
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expect(new ContentCache(path.join(file, 'below'), 'build').memo('kind', [1], () => 'value')).toBe('value');
  });
});

describe('stencils and formation files through the cache', () => {
  it.each(projects)('%s: the same stencils, formations and diagnostics, parsed or read back', (_name, root) => {
    const plain = load(root);
    const { cache, dir } = cacheIn('test-build');
    expect(load(root, cache)).toEqual(plain);
    expect(entries(dir).length).toBeGreaterThan(0);
    // from the cache: the same again
    expect(load(root, cache)).toEqual(plain);
  });
});
