import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineFileFor, redactedCopyFile } from '../../src/engine/redacted-copy.js';
import { tempDir } from '../support/temp-project.js';

// Which file a `--baseline-dir` manifest is read from: the redacted copy `render --out` left
// next to it, for `<formation>.yaml` only.

const out = tempDir();
afterAll(() => out.remove());
const at = (name: string) => path.join(out.dir, name);
fs.mkdirSync(path.join(out.dir, '.copperplate', 'dir.redacted'), { recursive: true });
// `undefined`: a name the code must never fall back to
for (const formation of ['prod', 'a.b', 'undefined', 'line\nbreak']) fs.writeFileSync(redactedCopyFile(out.dir, formation), 'redacted');

describe('baselineFileFor', () => {
  it('the copy lives under .copperplate, named after the formation, without a manifest extension', () => {
    expect(redactedCopyFile('/out', 'prod')).toBe(path.join('/out', '.copperplate', 'prod.redacted'));
  });

  // test names hold no temporary path: a mutation run finds its tests by name
  it.each<[string, string | undefined]>([
    // (the manifests themselves need not be there)
    ['prod.yaml', 'prod'],
    ['a.b.yaml', 'a.b'],
    ['other.yaml', undefined],
    ['prod.yml', undefined],
    ['prod.yaml.orig', undefined],
    ['prod', undefined],
    ['.yaml', undefined],
    // a directory where the copy would be is no copy
    ['dir.yaml', undefined],
  ])('%s → the copy of formation %s, else the file itself', (name, formation) => {
    expect(baselineFileFor(at(name))).toBe(formation === undefined ? at(name) : redactedCopyFile(out.dir, formation));
  });

  it('a formation whose name holds a line break has its copy read too', () => {
    expect(baselineFileFor(at('line\nbreak.yaml'))).toBe(redactedCopyFile(out.dir, 'line\nbreak'));
  });
});
