import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { loadProject } from '../../src/engine/project.js';
import { renderProject } from '../../src/engine/render-project.js';
import { caseOverrides, readCase, renderArgv } from '../support/fixture-case.js';
import { fixtureCases } from '../support/paths.js';
import { runCli, STACK_TRACE } from '../support/run-cli.js';

/**
 * `test/fixtures/error-<case>/expected.json`: the exit code and every diagnostic of the run,
 * by code, severity, file, line, column and formation (never by wording). `suggests` names a
 * value the diagnostic's hint must offer.
 */
interface Expected {
  exit: number;
  diagnostics: (Pick<Diagnostic, 'code' | 'severity' | 'file' | 'line' | 'column' | 'formation'> & { suggests?: string })[];
}

const KEYS = ['code', 'severity', 'file', 'line', 'column', 'formation'] as const;

function project(d: Partial<Diagnostic>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (d[k] !== undefined) out[k] = d[k];
  return out;
}

function key(d: Record<string, unknown>): string {
  return JSON.stringify(KEYS.map((k) => d[k] ?? null));
}

const cases = await fixtureCases('error-');

describe('error fixtures (test/fixtures/error-*)', () => {
  it('cover every diagnostic code of the renderer', () => {
    const codes = new Set(
      cases.flatMap(({ dir }) => (JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected).diagnostics.map((d) => d.code)),
    );
    for (const code of [
      'PLACEHOLDER_SYNTAX',
      'PLACEHOLDER_UNDEFINED',
      'PLACEHOLDER_TYPE',
      'YAML_SYNTAX',
      'DUPLICATE_KEY',
      'FORMATION_INVALID',
      'EXTENDS_NOT_FOUND',
      'EXTENDS_CYCLE',
      'GLOB_NO_MATCH',
      'SET_INVALID',
      'FORMATION_NOT_FOUND',
      'VALUES_SCHEMA',
      'VALUE_UNUSED',
      'MANIFEST_NOT_OBJECT',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  describe.each(cases)('$name', ({ dir }) => {
    const c = readCase(dir);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;

    it('reports exactly the expected diagnostics (library)', async () => {
      const p = await loadProject({ root: dir });
      const result = await renderProject(p, { ...(c.formations ? { formations: c.formations } : {}), overrides: caseOverrides(dir, c) });
      const actual = result.diagnostics.map(project).sort((a, b) => (key(a) < key(b) ? -1 : 1));
      const want = expected.diagnostics.map(project).sort((a, b) => (key(a) < key(b) ? -1 : 1));
      expect(actual).toStrictEqual(want);
      for (const d of expected.diagnostics.filter((x) => x.suggests)) {
        const match = result.diagnostics.find((a) => key(project(a)) === key(project(d)));
        expect(match?.hint, `hint of ${d.code} at ${d.line}:${d.column}`).toContain(d.suggests);
      }
      for (const d of result.diagnostics) expect(d.message.length).toBeGreaterThan(0);
      // a formation with an error renders no document at all (the others may)
      for (const f of result.formations) if (f.diagnostics.some((d) => d.severity === 'error')) expect(f.documents).toEqual([]);
    });

    it('exits with the expected code; an error leaves stdout empty and names file:line:column', async () => {
      const r = await runCli(renderArgv(dir, c), dir);
      expect(r.code).toBe(expected.exit);
      if (expected.exit === 2) expect(r.stdout).toBe('');
      else expect(r.stdout).toContain('# Source: ');
      for (const d of expected.diagnostics) {
        if (d.file !== undefined && d.line !== undefined) expect(r.stderr).toContain(`${d.file}:${d.line}:${d.column}`);
        expect(r.stderr).toContain(d.code);
      }
      expect(r.stderr).not.toMatch(STACK_TRACE);
    });
  });
});
