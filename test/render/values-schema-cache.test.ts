import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/engine/project.js';
import { renderProject } from '../../src/engine/render-project.js';
import { fixturesDir } from '../support/paths.js';
import { copyProject, tempDir } from '../support/temp-project.js';

const FIXTURE = path.join(fixturesDir, 'error-values-schema');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function temp(t: { dir: string; remove: () => void }): string {
  cleanup.push(t.remove);
  return t.dir;
}

async function diagnostics(root: string, cacheDir?: string) {
  const project = await loadProject({ root, ...(cacheDir !== undefined ? { cacheDir } : {}) });
  return (await renderProject(project)).diagnostics.filter((d) => d.code.startsWith('VALUES_SCHEMA'));
}

function entries(cacheDir: string): string[] {
  const dir = path.join(cacheDir, 'values-schema');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('values schema compiled once and cached by content', () => {
  it('a cached validator reports exactly what a freshly compiled one does', async () => {
    const root = temp(copyProject(FIXTURE));
    const uncached = await diagnostics(root);
    expect(uncached.length).toBeGreaterThan(1);

    const first = temp(tempDir());
    expect(await diagnostics(root, first)).toEqual(uncached);
    const [entry, ...more] = entries(first);
    expect(more).toEqual([]);

    // the same entry in another directory is loaded from disk, not compiled in this process
    const second = temp(tempDir());
    fs.mkdirSync(path.join(second, 'values-schema'));
    fs.copyFileSync(path.join(first, 'values-schema', entry!), path.join(second, 'values-schema', entry!));
    const marker = fs.readFileSync(path.join(second, 'values-schema', entry!), 'utf8') + '\n// loaded from the cache\n';
    fs.writeFileSync(path.join(second, 'values-schema', entry!), marker);
    expect(await diagnostics(root, second)).toEqual(uncached);
    expect(fs.readFileSync(path.join(second, 'values-schema', entry!), 'utf8')).toBe(marker);
  });

  it('an edited schema gets its own entry; a broken entry is rebuilt', async () => {
    const root = temp(copyProject(FIXTURE));
    const cacheDir = temp(tempDir());
    await diagnostics(root, cacheDir);
    const [entry] = entries(cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'values-schema', entry!), 'module.exports = ');
    const uncached = await diagnostics(root);
    const rebuiltDir = temp(tempDir());
    fs.cpSync(cacheDir, rebuiltDir, { recursive: true });
    expect(await diagnostics(root, rebuiltDir)).toEqual(uncached);
    expect(fs.readFileSync(path.join(rebuiltDir, 'values-schema', entry!), 'utf8')).toContain('validate');

    const schemaFile = path.join(root, 'formations', 'values.schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { properties: { replicas: { minimum: number } } };
    schema.properties.replicas.minimum = 0;
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    const edited = await diagnostics(root, rebuiltDir);
    expect(edited).toEqual(await diagnostics(root));
    expect(entries(rebuiltDir)).toHaveLength(2);
  });

  it('an invalid schema is reported the same with a cache, and nothing is cached', async () => {
    const root = temp(copyProject(FIXTURE));
    fs.writeFileSync(path.join(root, 'formations', 'values.schema.json'), '{ "type": "nonsense" }');
    const cacheDir = temp(tempDir());
    const cached = await diagnostics(root, cacheDir);
    expect(cached.map((d) => d.code)).toEqual(['VALUES_SCHEMA_INVALID']);
    expect(cached).toEqual(await diagnostics(root));
    expect(entries(cacheDir)).toEqual([]);
  });
});
