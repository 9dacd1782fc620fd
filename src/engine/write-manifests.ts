import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { gitRevParse } from './git-fs.js';
import { isSplitFileName, manifestStream, splitFiles } from '../render/index.js';
import { redactedCopyFile } from './redacted-copy.js';
import type { RenderedFormation } from './render-project.js';

/** `formation`: one file per formation; `resource`: one file per resource (SPEC §7 `--split`). */
export type SplitMode = 'formation' | 'resource';

/**
 * Writes `<dir>/<formation>.yaml` for each formation, or with `split: 'resource'`
 * `<dir>/<formation>/<NNN>-<kind>-<name>.yaml` for each resource, atomically (temp file +
 * rename). Everything it creates is private whatever the umask: directories 0700, files 0600
 * (a manifest may carry secrets). Resolved secrets are refused inside a git work tree, where one
 * `git add .` would commit them. When `signal` aborts (the CLI aborts it on SIGINT/SIGTERM), it
 * stops writing and removes its temp files (they may hold secrets) before it returns the
 * diagnostic OUT_INTERRUPTED; files already renamed into place stay. A
 * formation holding resolved secrets also gets its redacted copy (redacted-copy.ts), which
 * `--baseline-dir` reads.
 */
export async function writeManifests(
  dir: string,
  formations: readonly Pick<RenderedFormation, 'name' | 'documents'>[],
  options: { reveal: boolean; allowInWorktree: boolean; split?: SplitMode; signal?: AbortSignal },
): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const split = options.split ?? 'formation';
  const hasSecrets = options.reveal && formations.some((f) => f.documents.some((d) => d.secrets.size > 0));
  if (hasSecrets && !options.allowInWorktree) {
    const worktree = gitWorktreeOf(dir);
    if (worktree) {
      return {
        files: [],
        diagnostics: [
          diagnostic('OUT_IN_WORKTREE', `refusing to write resolved secrets into ${dir}, inside the git work tree ${worktree}`, undefined, {
            hint: 'choose a directory outside the repository, or pass --allow-secrets-in-worktree',
          }),
        ],
      };
    }
  }
  const files: string[] = [];
  const interrupted = () => ({
    files,
    diagnostics: [diagnostic('OUT_INTERRUPTED', `interrupted after ${files.length} file(s); no temporary file is left in ${dir}`)],
  });
  for (const f of formations) {
    const planned =
      split === 'resource'
        ? { dir: path.join(dir, f.name), files: splitFiles(f.documents, options.reveal) }
        : { dir, files: [{ name: `${f.name}.yaml`, text: manifestStream(f.documents, options.reveal) }] };
    const failed = await makePrivateDir(planned.dir);
    if (failed) return { files, diagnostics: [failed] };
    for (const file of planned.files) {
      if (options.signal?.aborted) return interrupted();
      const target = path.join(planned.dir, file.name);
      const failed = await writeAtomically(planned.dir, target, file.text, options.signal);
      if (options.signal?.aborted) {
        // the file was written whole (renamed) or not at all (its temp file removed)
        if (!failed) files.push(target);
        return interrupted();
      }
      if (failed) return { files, diagnostics: [failed] };
      files.push(target);
    }
    // the formation as a baseline sees it (secrets as stand-ins); a stale copy would be read instead
    const copy = redactedCopyFile(dir, f.name);
    if (options.reveal && f.documents.some((d) => d.secrets.size > 0)) {
      const failed = (await makePrivateDir(path.dirname(copy))) ?? (await writeAtomically(path.dirname(copy), copy, manifestStream(f.documents, false), options.signal));
      if (options.signal?.aborted) return interrupted();
      if (failed) return { files, diagnostics: [failed] };
    } else {
      await fs.promises.rm(copy, { force: true });
    }
    if (split === 'resource') {
      // files of an earlier render that this one no longer has would be applied with the directory
      const written = new Set(planned.files.map((file) => file.name));
      for (const name of await fs.promises.readdir(planned.dir)) {
        if (isSplitFileName(name) && !written.has(name)) await fs.promises.rm(path.join(planned.dir, name), { force: true });
      }
    }
  }
  return { files, diagnostics: [] };
}

/** Creates `dir` and its missing parents 0700 (mkdir's mode is subject to the umask); undefined when done. */
async function makePrivateDir(dir: string): Promise<Diagnostic | undefined> {
  try {
    const first = await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    if (first !== undefined) {
      for (let d = dir; ; d = path.dirname(d)) {
        await fs.promises.chmod(d, 0o700);
        if (d === first || path.dirname(d) === d) break;
      }
    }
    return undefined;
  } catch (e) {
    // e.g. a path under a file: a diagnostic, never a crash
    return diagnostic('OUT_WRITE_FAILED', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Temp file (0600) + rename, so a reader never sees half a file; undefined when written. */
async function writeAtomically(dir: string, target: string, text: string, signal: AbortSignal | undefined): Promise<Diagnostic | undefined> {
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.promises.writeFile(temp, text, { mode: 0o600, flag: 'wx', ...(signal ? { signal } : {}) });
    await fs.promises.chmod(temp, 0o600);
    await fs.promises.rename(temp, target);
    return undefined;
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    return diagnostic('OUT_WRITE_FAILED', `cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * The work tree that would hold `dir`, as git sees it (`rev-parse`), from the nearest existing
 * ancestor (DIR may not exist yet): git honours GIT_DIR and GIT_WORK_TREE (a repository set up
 * with `--git-dir`/`--work-tree` has no `.git` to find), a `.git` file, core.worktree and
 * symlinks (the kernel resolves them to where the files would land).
 */
function gitWorktreeOf(dir: string): string | undefined {
  const [inside, top] = gitRevParse(existingAncestor(path.resolve(dir)), ['--is-inside-work-tree', '--show-toplevel']) ?? [];
  return inside === 'true' ? (top ?? dir) : undefined;
}

function existingAncestor(p: string): string {
  for (let d = p; ; d = path.dirname(d)) {
    if (fs.existsSync(d) || path.dirname(d) === d) return d;
  }
}
