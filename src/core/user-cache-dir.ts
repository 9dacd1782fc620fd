import * as path from 'node:path';

/**
 * The per-user cache: `$XDG_CACHE_HOME/copperplate` (default `~/.cache/copperplate`). Work
 * derived from file contents (parsed files, compiled values schemas, transpiled policies, V8's
 * compiled code) is kept there between runs, keyed by content: without it every run of a
 * pre-commit hook would do all of it again.
 */
export function userCacheDir(env: Readonly<Record<string, string | undefined>>, homeDir: string | undefined): string | undefined {
  const base = env['XDG_CACHE_HOME'] || (homeDir ? path.join(homeDir, '.cache') : undefined);
  return base === undefined ? undefined : path.join(base, 'copperplate');
}
