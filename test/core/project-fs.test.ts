import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
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

// What the machine does rarely (a short read, an I/O error, a file changed while it is read, a
// directory listed in no particular order), made to happen: node:fs's functions replaced for the
// time of one call, as every importer of node:fs sees them (its ESM exports are synced with the
// CommonJS object). The stand-ins call the real functions, captured here.
const nodeFsObject = createRequire(import.meta.url)('node:fs') as Record<string, unknown>;
const real = { readSync: fs.readSync, fstatSync: fs.fstatSync, readdirSync: fs.readdirSync, openSync: fs.openSync };
function withNodeFs<T>(standIns: Partial<typeof real>, body: () => T): T {
  const saved = Object.fromEntries(Object.keys(standIns).map((k) => [k, nodeFsObject[k]]));
  Object.assign(nodeFsObject, standIns);
  syncBuiltinESMExports();
  try {
    for (const [k, f] of Object.entries(standIns)) expect((fs as Record<string, unknown>)[k]).toBe(f);
    return body();
  } finally {
    Object.assign(nodeFsObject, saved);
    syncBuiltinESMExports();
  }
}

describe('nodeFs.listFiles', () => {
  it('every file below, sorted, with / separators; hidden and node_modules directories left out, links to files and dangling links and FIFOs listed, links to directories not followed', () => {
    expect(nodeFs.listFiles(root)).toEqual(['a/deep/y.yaml', 'a/z.yaml', 'b.yaml', 'dangling.yaml', 'fifo', 'link-to-file.yaml', 'loop', 'notes.md']);
  });

  it('a directory below lists relative to itself; a missing one lists nothing', () => {
    expect(nodeFs.listFiles(at('a'))).toEqual(['deep/y.yaml', 'z.yaml']);
    expect(nodeFs.listFiles(at('missing'))).toEqual([]);
    expect(nodeFs.listFiles(at('b.yaml'))).toEqual([]);
  });

  it('a listing is sorted as whole paths, whatever order the directories are read in', () => {
    const t = tempDir();
    try {
      writeFiles(t.dir, { 'a.yaml': '', 'a/z.yaml': '', 'a-b.yaml': '', 'B.yaml': '', 'c/d/e.yaml': '', 'c/d.yaml': '' });
      const name = (e: string | fs.Dirent) => (typeof e === 'string' ? e : e.name);
      const descending = (dir: string, options: object) => (real.readdirSync(dir, options as { withFileTypes: true }) as (string | fs.Dirent)[]).sort((a, b) => (name(a) < name(b) ? 1 : -1));
      const listed = withNodeFs({ readdirSync: descending as typeof fs.readdirSync }, () => {
        // the stand-in lists every directory in descending order
        expect(fs.readdirSync(t.dir)).toEqual(['c', 'a.yaml', 'a-b.yaml', 'a', 'B.yaml']);
        return nodeFs.listFiles(t.dir);
      });
      expect(listed).toEqual(['B.yaml', 'a-b.yaml', 'a.yaml', 'a/z.yaml', 'c/d.yaml', 'c/d/e.yaml']);
    } finally {
      t.remove();
    }
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

describe('nodeFs reads a file that does not behave', () => {
  // at most `max` bytes per read, as a network or FUSE file system may give
  const shortReads = (max: number) => ({ readSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: null) => real.readSync(fd, buffer, offset, Math.min(length, max), position)) as typeof fs.readSync });

  it.each([1, 2, 5])('short reads of %i bytes still give the whole text', (max) => {
    expect(withNodeFs(shortReads(max), () => nodeFs.readRegular!(at('notes.md'), MAX_FILE_BYTES))).toEqual({ text: 'é\n' });
    expect(withNodeFs(shortReads(max), () => nodeFs.readRegular!(at('b.yaml'), 5))).toEqual({ text: 'b: 1\n' });
  });

  // the file's size is taken, then it changes before it is read (5 bytes, then `change`)
  const changedAfterStat = (change: (file: string) => void) => (maxBytes: number) => {
    const file = at('changing.yaml');
    fs.writeFileSync(file, 'c: 1\n');
    return withNodeFs({ fstatSync: ((fd: number) => { const stat = real.fstatSync(fd); change(file); return stat; }) as typeof fs.fstatSync }, () => nodeFs.readRegular!(file, maxBytes));
  };
  const grows = changedAfterStat((file) => fs.appendFileSync(file, 'more: 2\n'));
  const shrinks = changedAfterStat((file) => fs.truncateSync(file, 2));

  it('a file that grows or shrinks while it is read is unreadable, never read in part', () => {
    expect(grows(MAX_FILE_BYTES)).toEqual({ problem: 'unreadable' });
    expect(grows(6)).toEqual({ problem: 'unreadable' });
    expect(shrinks(MAX_FILE_BYTES)).toEqual({ problem: 'unreadable' });
    expect(shrinks(5)).toEqual({ problem: 'unreadable' });
  });

  it('a file at the size bound that grows is too large', () => {
    expect(grows(5)).toEqual({ problem: 'too-large' });
  });

  it('a file whose size is not what stat says (a /proc file) is unreadable, or too large past the bound', () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(nodeFs.readRegular!('/proc/self/status', MAX_FILE_BYTES)).toEqual({ problem: 'unreadable' });
    expect(nodeFs.readRegular!('/proc/self/status', 0)).toEqual({ problem: 'too-large' });
  });

  it('an I/O error after the open is unreadable, and the file is closed', () => {
    const opened: number[] = [];
    const read = withNodeFs(
      {
        openSync: ((...args: Parameters<typeof fs.openSync>) => { const fd = real.openSync(...args); opened.push(fd); return fd; }) as typeof fs.openSync,
        readSync: (() => { throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', errno: -5, syscall: 'read' }); }) as typeof fs.readSync,
      },
      () => nodeFs.readRegular!(at('b.yaml'), MAX_FILE_BYTES),
    );
    expect(read).toEqual({ problem: 'unreadable' });
    expect(opened).toHaveLength(1);
    expect(() => fs.fstatSync(opened[0]!)).toThrow(expect.objectContaining({ code: 'EBADF' }));
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
