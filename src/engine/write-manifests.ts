import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { isSplitFileName, manifestStream, splitFiles } from '../render/index.js';
import type { RenderedFormation } from './render-project.js';

/** `formation`: one file per formation; `resource`: one file per resource (SPEC §7 `--split`). */
export type SplitMode = 'formation' | 'resource';

/**
 * Writes `<dir>/<formation>.yaml` for each formation, or with `split: 'resource'`
 * `<dir>/<formation>/<NNN>-<kind>-<name>.yaml` for each resource, atomically (temp file +
 * rename). Files holding resolved secrets are created 0600 and refused inside a git work tree,
 * where one `git add .` would commit them.
 */
export async function writeManifests(
  dir: string,
  formations: readonly RenderedFormation[],
  options: { reveal: boolean; allowInWorktree: boolean; split?: SplitMode },
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
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (e) {
    // e.g. a path under a file: a diagnostic, never a crash
    return { files: [], diagnostics: [diagnostic('OUT_WRITE_FAILED', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`)] };
  }
  const files: string[] = [];
  const mode = hasSecrets ? 0o600 : 0o644;
  for (const f of formations) {
    const planned =
      split === 'resource'
        ? { dir: path.join(dir, f.formation.name), files: splitFiles(f.documents, options.reveal) }
        : { dir, files: [{ name: `${f.formation.name}.yaml`, text: manifestStream(f.documents, options.reveal) }] };
    await fs.promises.mkdir(planned.dir, { recursive: true });
    for (const file of planned.files) {
      const target = path.join(planned.dir, file.name);
      const failed = await writeAtomically(planned.dir, target, file.text, mode);
      if (failed) return { files, diagnostics: [failed] };
      files.push(target);
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

/** Temp file + rename, so a reader never sees half a file; undefined when written. */
async function writeAtomically(dir: string, target: string, text: string, mode: number): Promise<Diagnostic | undefined> {
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.promises.writeFile(temp, text, { mode, flag: 'wx' });
    await fs.promises.chmod(temp, mode);
    await fs.promises.rename(temp, target);
    return undefined;
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    return diagnostic('OUT_WRITE_FAILED', `cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * The work tree holding `dir`, looked up both as written and with symlinks resolved: a link
 * from outside into a repository must not let secrets in.
 */
function gitWorktreeOf(dir: string): string | undefined {
  const lexical = path.resolve(dir);
  return worktreeAbove(lexical) ?? worktreeAbove(realPathOfExisting(lexical));
}

function worktreeAbove(start: string): string | undefined {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Real path of `p`, resolving symlinks in its longest existing prefix (DIR may not exist yet). */
function realPathOfExisting(p: string): string {
  const rest: string[] = [];
  for (let d = p; ; d = path.dirname(d)) {
    try {
      return path.join(fs.realpathSync(d), ...rest.reverse());
    } catch {
      if (path.dirname(d) === d) return p;
      rest.push(path.basename(d));
    }
  }
}
