const POLICY_EXTENSIONS = /\.(?:ts|mts|js|mjs)$/;
const NOT_POLICIES = /\.d\.[mc]?ts$|\.(?:test|spec)\.[mc]?[jt]s$/;

/**
 * Whether a file under policies/ (path relative to it, `/`-separated) is a policy file. Type
 * declarations, tests (`*.test.ts`, written with copperplate/testing) and anything under a
 * `_`- or `.`-prefixed name (shared helpers such as `_lib/`) are not.
 */
export function isPolicyFile(relPath: string): boolean {
  if (!POLICY_EXTENSIONS.test(relPath) || NOT_POLICIES.test(relPath)) return false;
  return relPath.split('/').every((seg) => seg !== '' && !seg.startsWith('_') && !seg.startsWith('.'));
}
