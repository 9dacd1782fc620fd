import { isRecord, type JsonPath } from '../../../core/manifest.js';

/**
 * The longest prefix of `path` (at least `minLength` segments long) that exists in `root`.
 * Findings about a missing field point at its nearest existing parent (usually the container),
 * so that the reported path and the stencil location agree.
 */
export function existingPath(root: unknown, path: JsonPath, minLength = 0): JsonPath {
  let node = root;
  let depth = 0;
  for (const seg of path) {
    const next = typeof seg === 'number' ? (Array.isArray(node) ? node[seg] : undefined) : isRecord(node) && Object.hasOwn(node, seg) ? node[seg] : undefined;
    if (next === undefined || next === null) break;
    node = next;
    depth++;
  }
  return path.slice(0, Math.max(depth, Math.min(minLength, path.length)));
}

/** True for values a field counts as set with: not undefined, null or the empty string. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
