import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CopperplateError } from '../core/copperplate-error.js';
import { shellQuote } from '../core/shell-quote.js';
import { git as runGit, gitTopLevel } from './git-fs.js';

const BEGIN = '# >>> copperplate pre-commit hook >>>';
const END = '# <<< copperplate pre-commit hook <<<';

/** The name an existing, foreign pre-commit hook is moved to; ours runs it first. */
export const LOCAL_HOOK = 'pre-commit.local';

export interface HookInstallOptions {
  /** The copperplate project root (inside the git work tree). */
  root: string;
  /**
   * Command that runs copperplate (e.g. `node /path/to/bin/copperplate.js`). Default: the
   * project's `node_modules/.bin/copperplate`, then the work tree's, then `copperplate` on PATH.
   */
  command?: string;
}

export interface HookInstallResult {
  /** Absolute path of the hook file. */
  hook: string;
  /** created: new file; chained: a foreign hook was moved to pre-commit.local; updated: our block rewritten; unchanged: already installed. */
  action: 'created' | 'chained' | 'updated' | 'unchanged';
  /** Where the previous hook now lives, when chained. */
  movedTo?: string;
}

function git(cwd: string, args: readonly string[]): string {
  return runGit(cwd, args).toString('utf8').trim();
}

/**
 * The managed block of the hook. It runs a chained `pre-commit.local` first, then
 * copperplate. It finds copperplate without npx (npm's start-up would double the hook's time):
 * a devDependency's bin in the project or at the top of the work tree, else a global install.
 */
export function preCommitHookBlock(options: { projectDir: string; command?: string }): string {
  const project = options.projectDir === '' ? '' : ` --project "$top/"${shellQuote(options.projectDir)}`;
  const lookup =
    options.command !== undefined
      ? [`  ${options.command}${project} precommit`]
      : [
          ...(options.projectDir === '' ? [] : [`  if [ -x "$top/"${shellQuote(`${options.projectDir}/node_modules/.bin/copperplate`)} ]; then`, `    "$top/"${shellQuote(`${options.projectDir}/node_modules/.bin/copperplate`)}${project} precommit; return $?`, '  fi']),
          '  if [ -x "$top/node_modules/.bin/copperplate" ]; then',
          `    "$top/node_modules/.bin/copperplate"${project} precommit; return $?`,
          '  fi',
          '  if command -v copperplate >/dev/null 2>&1; then',
          `    copperplate${project} precommit; return $?`,
          '  fi',
          '  echo "copperplate pre-commit hook: copperplate is not installed here (npm install --save-dev copperplate)," >&2',
          '  echo "  or skip this check once with: git commit --no-verify" >&2',
          '  return 2',
        ];
  return [
    BEGIN,
    '# Installed by `copperplate hook install` (re-run it to update this block; lines outside it are kept).',
    '# Checks the staged copperplate project; skip once with `git commit --no-verify`.',
    `if [ -x "$(dirname "$0")/${LOCAL_HOOK}" ]; then`,
    `  "$(dirname "$0")/${LOCAL_HOOK}" "$@" || exit $?`,
    'fi',
    'copperplate_precommit() {',
    '  top=$(git rev-parse --show-toplevel) || return 2',
    ...lookup,
    '}',
    'copperplate_precommit || exit $?',
    END,
  ].join('\n');
}

/** The hooks directory git uses for the work tree containing `dir` (honours core.hooksPath). */
export function hooksDir(dir: string): string {
  let out: string;
  try {
    out = git(dir, ['rev-parse', '--git-path', 'hooks']);
  } catch (e) {
    throw new CopperplateError('HOOK_NOT_GIT', `${dir} is not inside a git repository: run \`git init\` first`, { cause: e });
  }
  return path.resolve(dir, out);
}

/**
 * Whether committing in the repository that holds `dir` runs copperplate over the staged files:
 * an executable pre-commit hook that runs it (ours from `hook install`, or a husky or lefthook
 * script), or pre-commit's hook with copperplate in `.pre-commit-config.yaml`. Such a hook
 * reads the index, so a file changed in the work tree counts only once it is staged.
 */
export function precommitHookChecksIndex(dir: string): boolean {
  let hook: string;
  try {
    const file = path.join(hooksDir(dir), 'pre-commit');
    // git runs only an executable hook
    fs.accessSync(file, fs.constants.X_OK);
    hook = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (hook.includes('copperplate')) return true;
  const top = gitTopLevel(dir);
  try {
    return top !== undefined && fs.readFileSync(path.join(top, '.pre-commit-config.yaml'), 'utf8').includes('copperplate');
  } catch {
    return false;
  }
}

/**
 * Installs (or updates) the pre-commit hook. Idempotent. A hook that is not ours is kept: it
 * moves to `pre-commit.local`, which our hook runs first with the same arguments, so a hook
 * in any language keeps working and still blocks the commit when it fails.
 */
export function installPreCommitHook(options: HookInstallOptions): HookInstallResult {
  const dir = hooksDir(options.root);
  let top: string;
  try {
    top = git(options.root, ['rev-parse', '--show-toplevel']);
  } catch (e) {
    throw new CopperplateError('HOOK_NOT_GIT', `${options.root} is not inside a git work tree`, { cause: e });
  }
  const projectDir = path.relative(fs.realpathSync(top), fs.realpathSync(options.root)).split(path.sep).join('/');
  const block = preCommitHookBlock({ projectDir, ...(options.command !== undefined ? { command: options.command } : {}) });
  const hook = path.join(dir, 'pre-commit');
  fs.mkdirSync(dir, { recursive: true });

  let existing: string | undefined;
  try {
    existing = fs.readFileSync(hook, 'utf8');
  } catch {
    existing = undefined;
  }

  if (existing !== undefined && existing.includes(BEGIN) && existing.includes(END)) {
    const start = existing.indexOf(BEGIN);
    const end = existing.indexOf(END, start) + END.length;
    const next = existing.slice(0, start) + block + existing.slice(end);
    if (next === existing) {
      fs.chmodSync(hook, 0o755);
      return { hook, action: 'unchanged' };
    }
    writeHook(hook, next);
    return { hook, action: 'updated' };
  }

  const content = `#!/bin/sh\n${block}\n`;
  if (existing === undefined) {
    writeHook(hook, content);
    return { hook, action: 'created' };
  }
  const local = path.join(dir, LOCAL_HOOK);
  if (fs.existsSync(local)) {
    throw new CopperplateError(
      'HOOK_LOCAL_EXISTS',
      `${hook} is not copperplate's and ${LOCAL_HOOK} already exists next to it; merge them by hand, then re-run \`copperplate hook install\``,
    );
  }
  fs.renameSync(hook, local);
  // its mode is kept: a hook git did not run (not executable) stays inert behind ours too
  writeHook(hook, content);
  return { hook, action: 'chained', movedTo: local };
}

function writeHook(file: string, content: string): void {
  const tmp = `${file}.copperplate-${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o755 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o755);
}
