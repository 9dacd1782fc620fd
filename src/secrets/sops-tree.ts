/**
 * A sops document's data: mappings keep document order, which the sops MAC depends on. Scalars
 * keep the Go type sops reads them as: `bigint` is a Go `int`, `number` a Go `float64` (every
 * JSON number is one), since the MAC hashes each as Go formats it.
 */
export type SopsScalar = string | bigint | number | boolean | null;
export type SopsTree = SopsScalar | SopsMap | SopsTree[];
export type SopsMap = Map<string, SopsTree>;

export function isSopsMap(value: SopsTree | undefined): value is SopsMap {
  return value instanceof Map;
}

/** Splits `a.b.0.c` into segments; undefined when a segment is empty. */
export function parseDottedPath(text: string): string[] | undefined {
  const segments = text.split('.');
  return segments.every((s) => s !== '') ? segments : undefined;
}

/** Follows segments through mappings (by key) and lists (by decimal index). */
export function lookupSopsPath(tree: SopsTree, segments: readonly string[]): SopsTree | undefined {
  let node: SopsTree | undefined = tree;
  for (const seg of segments) {
    if (isSopsMap(node)) node = node.get(seg);
    else if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(seg)) node = node[Number(seg)];
    else return undefined;
  }
  return node;
}

/** The keys at the deepest existing level of a failed lookup, for "did you mean" hints. */
export function keysNear(tree: SopsTree, segments: readonly string[]): string[] {
  let node: SopsTree | undefined = tree;
  for (const seg of segments) {
    const next: SopsTree | undefined = isSopsMap(node) ? node.get(seg) : Array.isArray(node) ? node[Number(seg)] : undefined;
    if (next === undefined) break;
    node = next;
  }
  if (isSopsMap(node)) return [...node.keys()];
  if (Array.isArray(node)) return node.map((_, i) => String(i));
  return [];
}

/** Converts to plain JS values (objects for mappings), for reading metadata. */
export function toPlain(tree: SopsTree): unknown {
  if (isSopsMap(tree)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of tree) out[k] = toPlain(v);
    return out;
  }
  if (Array.isArray(tree)) return tree.map(toPlain);
  return tree;
}
