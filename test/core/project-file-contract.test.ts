import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDiagnostic, isWithin, readBounded, readProjectFile } from '../../src/core/project-file.js';
import { memoryFs, nodeFs, type ProjectFs } from '../../src/core/project-fs.js';
import { tempDir, writeFiles } from '../support/temp-project.js';

// Path confinement case by case, beyond project-file.test.ts: where "inside" ends, which file
// system answers for allowed outside directories, a project reached through a link, size bounds
// at the byte, and what a refusal names.

describe('isWithin: a directory and what is below it, nothing else', () => {
  it.each<[string, string, boolean]>([
    ['/p', '/p', true],
    ['/p', '/p/a', true],
    ['/p', '/p/a/b', true],
    ['/p', '/p/..a', true],
    ['/p', '/p/a..', true],
    ['/p', '/pa', false],
    ['/p', '/', false],
    ['/p', '/q/p', false],
    ['/p/a', '/p', false],
    ['/p/a', '/p/b', false],
    ['/', '/anything', true],
  ])('isWithin(%j, %j) is %s', (dir, p, within) => {
    expect(isWithin(dir, p)).toBe(within);
  });
});

describe('readBounded: the size bound is in UTF-8 bytes, inclusive', () => {
  const files = memoryFs({ '/p/four.txt': 'éé', '/p/five.txt': 'éé!' });
  it.each<[string, number, object]>([
    ['/p/four.txt', 4, { text: 'éé' }],
    ['/p/four.txt', 3, { problem: 'too-large' }],
    ['/p/five.txt', 5, { text: 'éé!' }],
    ['/p/none.txt', 5, { problem: 'missing' }],
  ])('%s within %d bytes', (p, max, result) => {
    expect(readBounded(files, p, max)).toEqual(result);
  });
});

describe('readProjectFile: confinement and what a refusal says', () => {
  let project: ReturnType<typeof tempDir>;
  let outside: ReturnType<typeof tempDir>;
  let linkRoot: string;
  beforeAll(() => {
    project = tempDir('cp-confine-');
    outside = tempDir('cp-confine-out-');
    writeFiles(project.dir, { 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 2\n', 'exact.yaml': 'x'.repeat(1024) });
    writeFiles(outside.dir, { 'allowed/s.yaml': 's: 3\n' });
    linkRoot = path.join(outside.dir, 'project-link');
    fs.symlinkSync(project.dir, linkRoot);
  });
  afterAll(() => {
    project.remove();
    outside.remove();
  });

  it('a project reached through a symbolic link reads its own files', () => {
    expect(readProjectFile(nodeFs, linkRoot, path.join(linkRoot, 'sub/b.yaml'))).toEqual({ ok: true, text: 'b: 2\n', abs: path.join(linkRoot, 'sub/b.yaml') });
  });

  it('a relative path is resolved against the root', () => {
    expect(readProjectFile(nodeFs, project.dir, 'sub/b.yaml')).toMatchObject({ ok: true, text: 'b: 2\n', abs: path.join(project.dir, 'sub/b.yaml') });
  });

  it('an allowed outside directory is read from the machine even for an in-memory project', () => {
    const mem = memoryFs({ '/mem/a.yaml': 'a: 1\n' });
    const allow = { allowOutside: [path.join(outside.dir, 'allowed')] };
    expect(readProjectFile(mem, '/mem', path.join(outside.dir, 'allowed/s.yaml'), allow)).toMatchObject({ ok: true, text: 's: 3\n' });
    expect(readProjectFile(mem, '/mem', '/mem/a.yaml', allow)).toMatchObject({ ok: true, text: 'a: 1\n' });
  });

  it('the size bound is inclusive, and its default is 8 MiB', () => {
    expect(readProjectFile(nodeFs, project.dir, path.join(project.dir, 'exact.yaml'), { maxBytes: 1024 })).toMatchObject({ ok: true });
    expect(readProjectFile(nodeFs, project.dir, path.join(project.dir, 'exact.yaml'), { maxBytes: 1023 })).toMatchObject({ ok: false, code: 'FILE_UNREADABLE', missing: false });
    const mem = memoryFs({ '/m/big.yaml': 'x'.repeat(8 * 1024 * 1024 + 1), '/m/max.yaml': 'x'.repeat(8 * 1024 * 1024) });
    expect(readProjectFile(mem, '/m', '/m/max.yaml')).toMatchObject({ ok: true });
    expect(readProjectFile(mem, '/m', '/m/big.yaml')).toMatchObject({ ok: false, code: 'FILE_UNREADABLE', missing: false });
  });

  it.each<[string, string, { code: string; missing: boolean; names: string }]>([
    ['a missing file in memory', '/m/none.yaml', { code: 'FILE_UNREADABLE', missing: true, names: 'none.yaml' }],
    ['a path outside', '/etc/passwd', { code: 'PATH_OUTSIDE_PROJECT', missing: false, names: '../etc/passwd' }],
    ['the parent of the root', '/', { code: 'PATH_OUTSIDE_PROJECT', missing: false, names: '..' }],
  ])('%s: code, missing, and the path as the project names it', (_name, p, expected) => {
    const read = readProjectFile(memoryFs({}), '/m', p);
    expect(read).toMatchObject({ ok: false, code: expected.code, missing: expected.missing });
    expect(!read.ok && read.message.startsWith(`${expected.names} `)).toBe(true);
  });

  it('the root itself is named "." and a display name replaces the path', () => {
    const root = readProjectFile(memoryFs({}), '/m', '/m');
    expect(!root.ok && root.message.startsWith('. ')).toBe(true);
    const shown = readProjectFile(memoryFs({}), '/m', '/etc/passwd', { display: 'approvals: /etc/passwd' });
    expect(!shown.ok && shown.message.startsWith('approvals: /etc/passwd ')).toBe(true);
  });

  it('a refusal outside the project names the allowed directories only when there are some', () => {
    const plain = readProjectFile(memoryFs({}), '/m', '/etc/passwd');
    const allowed = readProjectFile(memoryFs({}), '/m', '/etc/passwd', { allowOutside: ['/run/secrets'] });
    expect(plain.ok || allowed.ok).toBe(false);
    if (plain.ok || allowed.ok) return;
    expect(plain.message).not.toContain('allow');
    expect(allowed.message).toContain('allowOutsidePaths');
  });
});

describe('readProjectFile: each problem a file system reports', () => {
  const reporting = (problem: 'missing' | 'not-regular' | 'too-large' | 'unreadable'): ProjectFs => ({ readFile: () => undefined, listFiles: () => [], readRegular: () => ({ problem }) });

  it.each<['missing' | 'not-regular' | 'too-large' | 'unreadable', boolean, RegExp]>([
    ['missing', true, /^f\.yaml /],
    ['not-regular', false, /^f\.yaml /],
    ['too-large', false, /^f\.yaml .*\b3 MiB\b/],
    ['unreadable', false, /^f\.yaml /],
  ])('%s: FILE_UNREADABLE, missing %s, the message names the file (and the limit)', (problem, missing, message) => {
    const read = readProjectFile(reporting(problem), '/m', '/m/f.yaml', { maxBytes: 3 * 1024 * 1024 });
    expect(read.ok ? 'read' : [read.code, read.missing]).toEqual(['FILE_UNREADABLE', missing]);
    expect(read.ok ? '' : read.message).toMatch(message);
  });

  it('a file system with links but no isLink: an absent file is missing, named', () => {
    const linked: ProjectFs = { readFile: () => undefined, listFiles: () => [], realPath: () => undefined };
    const read = readProjectFile(linked, '/m', '/m/f.yaml');
    expect(read.ok ? 'read' : [read.code, read.missing, read.message.startsWith('f.yaml ')]).toEqual(['FILE_UNREADABLE', true, true]);
  });

  it('a dangling link is named as one, and is not "missing"', () => {
    const dangling: ProjectFs = { readFile: () => undefined, listFiles: () => [], realPath: () => undefined, isLink: () => true };
    const read = readProjectFile(dangling, '/m', '/m/f.yaml');
    expect(read.ok ? 'read' : [read.code, read.missing, read.message.startsWith('f.yaml ')]).toEqual(['FILE_UNREADABLE', false, true]);
  });

  it('an allowed outside directory must be absolute: a relative one opens nothing', () => {
    const read = readProjectFile(memoryFs({}), '/m', path.resolve('secrets/token'), { allowOutside: ['secrets'] });
    expect(read.ok ? 'read' : read.code).toBe('PATH_OUTSIDE_PROJECT');
  });
});

describe('fileDiagnostic: the refusal at the place that named the file', () => {
  const at = { file: 'formations/prod.yaml', line: 3, column: 7 };
  it('outside the project: the code, the place, the formation, and a hint', () => {
    const read = readProjectFile(memoryFs({}), '/m', '/etc/passwd');
    if (read.ok) throw new Error('read');
    const d = fileDiagnostic(read, at, 'prod');
    expect([d.code, d.severity, d.file, d.line, d.column, d.formation]).toEqual(['PATH_OUTSIDE_PROJECT', 'error', 'formations/prod.yaml', 3, 7, 'prod']);
    expect(d.hint).toMatch(/inside the project/);
  });

  it('unreadable: no hint', () => {
    const read = readProjectFile(memoryFs({}), '/m', '/m/none.yaml');
    if (read.ok) throw new Error('read');
    const d = fileDiagnostic(read, at);
    expect([d.code, d.line, d.column, d.formation]).toEqual(['FILE_UNREADABLE', 3, 7, undefined]);
    expect(d.hint).toBeUndefined();
  });
});
