import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `case.json` of a fixture directory: which formations to render and with which overrides.
 * Absent: every formation (`--all`), no overrides.
 */
export interface FixtureCase {
  formations?: string[];
  set?: string[];
  /** Values files, relative to the fixture directory. */
  values?: string[];
}

export function readCase(dir: string): FixtureCase {
  const file = path.join(dir, 'case.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureCase) : {};
}

/** The `render` argv for a fixture case (redacted secrets, no schema/policy checks). */
export function renderArgv(dir: string, c: FixtureCase, extra: readonly string[] = []): string[] {
  return [
    '--project',
    dir,
    'render',
    ...(c.formations && c.formations.length > 0 ? c.formations : ['--all']),
    '--secrets',
    'redact',
    '--no-check',
    ...(c.set ?? []).flatMap((s) => ['--set', s]),
    ...(c.values ?? []).flatMap((v) => ['--values', v]),
    ...extra,
  ];
}

/** The library's overrides for a fixture case. */
export function caseOverrides(dir: string, c: FixtureCase): { set: string[]; valuesFiles: { file: string; text: string }[] } {
  return {
    set: c.set ?? [],
    valuesFiles: (c.values ?? []).map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') })),
  };
}
