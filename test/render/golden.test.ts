import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readCase, renderArgv } from '../support/fixture-case.js';
import { fixtureCases, normalizePaths, repoRoot } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';

const cases = await fixtureCases('render-');

/** Every document as plain JS, read by a YAML 1.1 or 1.2 reader. */
function readStream(text: string, version: '1.1' | '1.2'): unknown[] {
  return parseAllDocuments(text, { version, uniqueKeys: true }).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS({ maxAliasCount: -1 });
  });
}

describe('golden renders (test/fixtures/render-*)', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  describe.each(cases)('$name', ({ dir }) => {
    const c = readCase(dir);

    it('renders the expected stream', async () => {
      const r = await runCli(renderArgv(dir, c), dir);
      expect(r.stderr).not.toMatch(/\berror\b\s+[A-Z][A-Z_]{2,}/);
      expect(r.code).toBe(0);
      const output = normalizePaths(r.stdout, { [dir]: '<project>', [repoRoot]: '<repo>' });
      await expect(output).toMatchFileSnapshot(path.join(dir, 'expected.yaml'));
    });

    it('reads the same under YAML 1.1 and 1.2', async () => {
      const r = await runCli(renderArgv(dir, c), dir);
      expect(r.code).toBe(0);
      const v11 = readStream(r.stdout, '1.1');
      const v12 = readStream(r.stdout, '1.2');
      expect(v11.length).toBeGreaterThan(0);
      expect(v11).toStrictEqual(v12);
    });

    it('is byte-identical across runs', async () => {
      const a = await runCli(renderArgv(dir, c), dir);
      const b = await runCli(renderArgv(dir, c), dir);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stderr).toBe(b.stderr);
      expect(a.stderr).not.toMatch(STACK_TRACE);
    });
  });
});
