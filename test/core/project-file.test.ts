import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { projectSourceReader, readProjectFile } from '../../src/core/project-file.js';
import { memoryFs, nodeFs } from '../../src/core/project-fs.js';
import { tempDir, writeFiles } from '../support/temp-project.js';

const CANARY = 'CANARY-outside-3c9d1e';
const outside = tempDir('cp-outside-');
const project = tempDir('cp-project-');
const root = project.dir;
writeFiles(outside.dir, { 'secret.yaml': `token: ${CANARY}\n`, 'dir/x.yaml': 'a: 1\n' });
writeFiles(root, { 'stencils/ok.yaml': 'a: 1\n', 'formations/base.yaml': 'b: 2\n', 'big.yaml': 'x'.repeat(2048) });
fs.symlinkSync(path.join(outside.dir, 'secret.yaml'), path.join(root, 'stencils/escape.yaml'));
fs.symlinkSync('../formations/base.yaml', path.join(root, 'stencils/inside-link.yaml'));
fs.symlinkSync(path.join(root, 'nowhere.yaml'), path.join(root, 'stencils/dangling.yaml'));
fs.symlinkSync('/dev/zero', path.join(root, 'stencils/zero.yaml'));
fs.symlinkSync('/proc/self/environ', path.join(root, 'stencils/environ.yaml'));
fs.mkdirSync(path.join(root, 'stencils/a-dir.yaml'));
execFileSync('mkfifo', [path.join(root, 'stencils/fifo.yaml')]);

afterAll(() => {
  outside.remove();
  project.remove();
});

describe('readProjectFile (SPEC §4: paths stay in the project)', () => {
  const cases: [string, string, { code?: string; text?: string; missing?: boolean }][] = [
    ['a regular project file', 'stencils/ok.yaml', { text: 'a: 1\n' }],
    ['a link to another project file', 'stencils/inside-link.yaml', { text: 'b: 2\n' }],
    ['../ out of the project', '../x/secret.yaml', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['an absolute path outside', path.join(outside.dir, 'secret.yaml'), { code: 'PATH_OUTSIDE_PROJECT' }],
    ['/proc/self/environ', '/proc/self/environ', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['/dev/zero', '/dev/zero', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['/dev/stdin', '/dev/stdin', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['a link out of the project', 'stencils/escape.yaml', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['a link to /proc/self/environ', 'stencils/environ.yaml', { code: 'PATH_OUTSIDE_PROJECT' }],
    ['a link to /dev/zero', 'stencils/zero.yaml', { code: 'PATH_OUTSIDE_PROJECT' }],
    // a dangling link was put there: an error even where an absent file would be fine (SPEC §10: no silent pass)
    ['a dangling link', 'stencils/dangling.yaml', { code: 'FILE_UNREADABLE', missing: false }],
    ['a missing file', 'stencils/none.yaml', { code: 'FILE_UNREADABLE', missing: true }],
    ['a directory', 'stencils/a-dir.yaml', { code: 'FILE_UNREADABLE', missing: false }],
    ['a FIFO (would block)', 'stencils/fifo.yaml', { code: 'FILE_UNREADABLE', missing: false }],
  ];
  it.each(cases)('%s', (_name, p, expected) => {
    const read = readProjectFile(nodeFs, root, path.resolve(root, p));
    if (expected.text !== undefined) {
      expect(read).toEqual({ ok: true, text: expected.text, abs: path.resolve(root, p) });
      return;
    }
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.code).toBe(expected.code);
    if (expected.missing !== undefined) expect(read.missing).toBe(expected.missing);
    expect(read.message).not.toContain(CANARY);
    // the message names the path as the project gave it, never where a link leads
    expect(read.message).not.toContain(outside.dir);
  });

  it('bounds the size', () => {
    const read = readProjectFile(nodeFs, root, path.join(root, 'big.yaml'), { maxBytes: 1024 });
    expect(read).toMatchObject({ ok: false, code: 'FILE_UNREADABLE', missing: false });
  });

  it('allowOutsidePaths opens absolute directories (after links too), nothing else', () => {
    const allow = { allowOutside: [path.join(outside.dir, 'dir')] };
    expect(readProjectFile(nodeFs, root, path.join(outside.dir, 'dir/x.yaml'), allow)).toMatchObject({ ok: true, text: 'a: 1\n' });
    expect(readProjectFile(nodeFs, root, path.join(outside.dir, 'secret.yaml'), allow)).toMatchObject({ code: 'PATH_OUTSIDE_PROJECT' });
    expect(readProjectFile(nodeFs, root, path.join(outside.dir, 'dir/../secret.yaml'), allow)).toMatchObject({ code: 'PATH_OUTSIDE_PROJECT' });
    // relative entries are not directories anyone can mean: ignored
    expect(readProjectFile(nodeFs, root, path.join(outside.dir, 'secret.yaml'), { allowOutside: ['../'] })).toMatchObject({ code: 'PATH_OUTSIDE_PROJECT' });
  });

  it('in-memory projects are held to the same root', () => {
    const mem = memoryFs({ '/p/a.yaml': 'a: 1\n', '/etc/x.yaml': CANARY });
    expect(readProjectFile(mem, '/p', '/p/a.yaml')).toMatchObject({ ok: true });
    expect(readProjectFile(mem, '/p', '/etc/x.yaml')).toMatchObject({ ok: false, code: 'PATH_OUTSIDE_PROJECT' });
  });

  it('code frames quote project files only', () => {
    const read = projectSourceReader(nodeFs, root);
    expect(read('stencils/ok.yaml')).toBe('a: 1\n');
    expect(read('stencils/escape.yaml')).toBeUndefined();
    expect(read('stencils/environ.yaml')).toBeUndefined();
    expect(read('../../proc/self/environ')).toBeUndefined();
  });
});
