import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, memoryFs, nodeFs, relativePath } from '../../src/core/project-fs.js';
import { tempDir, writeFiles } from '../support/temp-project.js';

// The file systems a project is read from: what the machine's lists and reads (special files,
// links, hidden and vendored directories, size bounds), and the in-memory one.

const tmp = tempDir();
afterAll(() => tmp.remove());
const root = tmp.dir;
const at = (p: string) => path.join(root, p);
writeFiles(root, {
  'b.yaml': 'b: 1\n',
  'a/z.yaml': 'z\n',
  'a/deep/y.yaml': 'y\n',
  '.hidden/x.yaml': 'x\n',
  'a/.git/config': '[core]\n',
  'node_modules/pkg/index.js': '\n',
  'a/node_modules/x.js': '\n',
  'notes.md': 'é\n',
});
fs.symlinkSync(at('a'), at('link-to-dir'));
fs.symlinkSync(at('b.yaml'), at('link-to-file.yaml'));
fs.symlinkSync(at('gone.yaml'), at('dangling.yaml'));
execFileSync('mkfifo', [at('fifo')]);
fs.symlinkSync(at('loop'), at('loop'));

describe('nodeFs.listFiles', () => {
  it('every file below, sorted, with / separators; hidden and node_modules directories left out, links to files and dangling links and FIFOs listed, links to directories not followed', () => {
    expect(nodeFs.listFiles(root)).toEqual(['a/deep/y.yaml', 'a/z.yaml', 'b.yaml', 'dangling.yaml', 'fifo', 'link-to-file.yaml', 'loop', 'notes.md']);
  });

  it('a directory below lists relative to itself; a missing one lists nothing', () => {
    expect(nodeFs.listFiles(at('a'))).toEqual(['deep/y.yaml', 'z.yaml']);
    expect(nodeFs.listFiles(at('missing'))).toEqual([]);
    expect(nodeFs.listFiles(at('b.yaml'))).toEqual([]);
  });
});

describe('nodeFs reads', () => {
  it.each<[string, object]>([
    ['b.yaml', { text: 'b: 1\n' }],
    ['notes.md', { text: 'é\n' }],
    ['link-to-file.yaml', { text: 'b: 1\n' }],
    ['missing.yaml', { problem: 'missing' }],
    ['b.yaml/below', { problem: 'missing' }],
    ['dangling.yaml', { problem: 'missing' }],
    ['a', { problem: 'not-regular' }],
    ['fifo', { problem: 'not-regular' }],
  ])('readRegular(%s)', (name, expected) => {
    expect(nodeFs.readRegular!(at(name), MAX_FILE_BYTES)).toEqual(expected);
  });

  it('the size bound is inclusive, in bytes', () => {
    expect(nodeFs.readRegular!(at('notes.md'), 3)).toEqual({ text: 'é\n' });
    expect(nodeFs.readRegular!(at('notes.md'), 2)).toEqual({ problem: 'too-large' });
  });

  it('readFile: the text, or undefined for whatever cannot be read', () => {
    expect(nodeFs.readFile(at('b.yaml'))).toBe('b: 1\n');
    expect(nodeFs.readFile(at('missing.yaml'))).toBeUndefined();
    expect(nodeFs.readFile(at('fifo'))).toBeUndefined();
  });

  it('a file that cannot be opened is unreadable, not missing (a link loop)', () => {
    expect(nodeFs.readRegular!(at('loop'), MAX_FILE_BYTES)).toEqual({ problem: 'unreadable' });
    expect(nodeFs.realPath!(at('loop'))).toBeUndefined();
  });

  it('every read closes its file', () => {
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 50; i++) {
      nodeFs.readRegular!(at('b.yaml'), MAX_FILE_BYTES);
      nodeFs.readRegular!(at('a'), MAX_FILE_BYTES);
      nodeFs.readRegular!(at('b.yaml'), 1);
    }
    expect(open() - before).toBeLessThan(10);
  });

  it('realPath follows links, undefined when nothing is there; isLink says whether the path itself is a link', () => {
    expect(nodeFs.realPath!(at('link-to-file.yaml'))).toBe(fs.realpathSync(at('b.yaml')));
    expect(nodeFs.realPath!(at('dangling.yaml'))).toBeUndefined();
    expect(nodeFs.realPath!(at('missing.yaml'))).toBeUndefined();
    expect([at('link-to-file.yaml'), at('dangling.yaml'), at('b.yaml'), at('missing.yaml')].map((p) => nodeFs.isLink!(p))).toEqual([true, true, false, false]);
  });
});

describe('memoryFs', () => {
  const files = memoryFs({ '/p/b.yaml': 'b', '/p/a/c.yaml': 'c', '/pq/x.yaml': 'x', 'rel/k.yaml': 'k' });

  it('reads a path as given or normalized', () => {
    expect(['/p/b.yaml', '/p/./a/../b.yaml', 'rel/k.yaml', '/p/none.yaml'].map((p) => files.readFile(p))).toEqual(['b', 'b', 'k', undefined]);
  });

  it('lists the files below a directory, sorted, relative to it, with or without a trailing slash', () => {
    expect(files.listFiles('/p')).toEqual(['a/c.yaml', 'b.yaml']);
    expect(files.listFiles('/p/')).toEqual(['a/c.yaml', 'b.yaml']);
    expect(files.listFiles('/p/a')).toEqual(['c.yaml']);
    expect(files.listFiles('/none')).toEqual([]);
  });

  it('takes a Map too', () => {
    expect(memoryFs(new Map([['/m/x', 'y']])).readFile('/m/x')).toBe('y');
  });
});

describe('relativePath', () => {
  it.each([
    ['/p', '/p/a/b.yaml', 'a/b.yaml'],
    ['/p', '/p', '.'],
    ['/p', '/q/x', '../q/x'],
  ])('relativePath(%s, %s) is %s', (from, to, rel) => {
    expect(relativePath(from, to)).toBe(rel);
  });
});
