import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { memoryFs, type ProjectFs } from '../core/project-fs.js';

/** Files of a project a render reads; everything else in the repository is never loaded. */
const PROJECT_FILE = /^(copperplate\.yaml|approvals\.yaml|(stencils|formations|crds)\/.*\.(ya?ml|json)|secrets\/.*)$/;

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0] ?? '';
    throw new CopperplateError('GIT_FAILED', `git ${args[0]} failed in ${cwd}: ${stderr || 'is this a git repository?'}`, { cause: e });
  }
}

/** Top of the git work tree containing `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}

/** Reads blobs in one `git cat-file --batch` call (one process, not one per file). */
function readBlobs(top: string, entries: readonly { path: string; object: string }[]): ProjectFs {
  const files = new Map<string, string>();
  if (entries.length > 0) {
    const out = git(top, ['cat-file', '--batch'], `${entries.map((e) => e.object).join('\n')}\n`);
    let offset = 0;
    for (const entry of entries) {
      const headerEnd = out.indexOf(0x0a, offset);
      const header = out.subarray(offset, headerEnd).toString();
      const size = Number(header.split(' ')[2]);
      const start = headerEnd + 1;
      files.set(path.join(top, entry.path), out.subarray(start, start + size).toString('utf8'));
      offset = start + size + 1;
    }
  }
  return memoryFs(files);
}

function projectEntries(top: string, root: string, lines: readonly { path: string; object: string }[]) {
  const prefix = path.relative(top, root).split(path.sep).join('/');
  return lines.filter((l) => {
    const rel = prefix === '' ? l.path : l.path.startsWith(`${prefix}/`) ? l.path.slice(prefix.length + 1) : undefined;
    return rel !== undefined && PROJECT_FILE.test(rel);
  });
}

/** The project as committed at `ref` (for `--baseline REF`). */
export function gitTreeFs(root: string, ref: string): ProjectFs {
  const top = gitTopLevel(root);
  if (!top) throw new CopperplateError('GIT_FAILED', `--baseline ${ref} needs a git repository, and ${root} is not in one`);
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: top, stdio: 'ignore' });
  } catch (e) {
    throw new CopperplateError('BASELINE_NOT_FOUND', `baseline ${ref} is not a commit in ${top}`, { cause: e });
  }
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', ref]).toString('utf8');
  const lines = listing
    .split('\0')
    .filter(Boolean)
    .map((l) => {
      const [meta, p] = l.split('\t') as [string, string];
      const [, type, object] = meta.split(' ') as [string, string, string];
      return { path: p, object, type };
    })
    .filter((l) => l.type === 'blob');
  return readBlobs(top, projectEntries(top, root, lines));
}

/** The project as staged in the git index (for `precommit`). */
export function gitIndexFs(root: string): ProjectFs {
  const top = gitTopLevel(root);
  if (!top) throw new CopperplateError('GIT_FAILED', `${root} is not in a git repository`);
  const listing = git(top, ['ls-files', '-s', '-z']).toString('utf8');
  const lines = listing
    .split('\0')
    .filter(Boolean)
    .map((l) => {
      const [meta, p] = l.split('\t') as [string, string];
      const [, object] = meta.split(' ') as [string, string];
      return { path: p, object };
    });
  return readBlobs(top, projectEntries(top, root, lines));
}
