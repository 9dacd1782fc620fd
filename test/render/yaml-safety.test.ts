import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fixturesDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

/**
 * The YAML-1.1 fixture's values are strings that YAML 1.1 readers (kubectl, client-go) would
 * misread if written plain. Rendered and read back by either reader, each must be the very
 * same string (or number) the formation gave.
 */
describe('YAML 1.1 safety of substituted values', () => {
  const dir = path.join(fixturesDir, 'render-yaml11-safety');
  const formation = parse(fs.readFileSync(path.join(dir, 'formations', 'dev.yaml'), 'utf8')) as {
    values: { s: Record<string, unknown>; n: Record<string, unknown> };
  };

  it.each(['1.1', '1.2'] as const)('a YAML %s reader gets every value back unchanged', async (version) => {
    const r = await runCli(['--project', dir, 'render', 'dev', '--secrets', 'redact', '--no-check'], dir);
    expect(r.code).toBe(0);
    const [doc] = parseAllDocuments(r.stdout, { version });
    const data = (doc!.toJS() as { data: Record<string, unknown> }).data;
    const expected = { ...formation.values.s, ...formation.values.n };
    let compared = 0;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in data)) continue;
      expect(data[key], key).toStrictEqual(value);
      compared++;
    }
    expect(compared).toBeGreaterThan(35);
    expect(typeof data['on']).toBe('string');
    expect(data['quoted_from_text']).toBe('yes');
    expect(data['interpolated_yes']).toBe('yes');
  });
});
