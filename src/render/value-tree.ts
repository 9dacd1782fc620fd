import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import type { Location } from '../core/diagnostic.js';
import type { SourceText } from '../core/source-text.js';
import { aliasTarget } from '../core/yaml-limits.js';
import { legacyOctal } from './legacy-octal.js';

/**
 * A formation value with provenance: every node remembers the layer file:line:column (or
 * `--set`) that set it. Trees are immutable once built, because layers are shared between
 * the formations that extend them; merging builds new map nodes.
 */
export type ValueNode =
  | { kind: 'map'; entries: ReadonlyMap<string, ValueNode>; at: Location }
  | { kind: 'seq'; items: readonly ValueNode[]; at: Location }
  | {
      kind: 'scalar';
      value: string | number | boolean | null;
      at: Location;
      /**
       * How a number or boolean was written (`1.10`, `0x1F`, `1e3`, `yes`), so that text use
       * keeps it (SPEC §2.2 rule 5); typed use takes `value`.
       */
      text?: string;
    };

/** `doc` resolves aliases (`*name`) and `<<` merge keys; without it they read as null. */
export function valueFromYaml(node: unknown, source: SourceText, fallback: Location, doc?: Document): ValueNode {
  // an alias takes the anchored value, with the provenance of where that value is written
  if (isAlias(node) && doc) return valueFromYaml(aliasTarget(node, doc), source, fallback, doc);
  const at = spanOf(node, source) ?? fallback;
  if (isMap(node)) {
    const entries = new Map<string, ValueNode>();
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (doc && isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === Scalar.PLAIN) {
        merges.push(...(isSeq(pair.value) ? pair.value.items : [pair.value]));
        continue;
      }
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyAt = (isScalar(pair.key) && spanOf(pair.key, source)) || at;
      const child = valueFromYaml(pair.value, source, keyAt, doc);
      // a mapping or list was set by its key; a scalar by its value
      entries.set(key, child.kind === 'scalar' ? child : { ...child, at: keyAt });
    }
    // merged keys never override the mapping's own keys, nor those of an earlier source
    for (const m of merges) {
      const merged = valueFromYaml(m, source, at, doc);
      if (merged.kind === 'map') for (const [k, v] of merged.entries) if (!entries.has(k)) entries.set(k, v);
    }
    return { kind: 'map', entries, at };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => valueFromYaml(item, source, at, doc)), at };
  if (isScalar(node)) {
    const v = legacyOctal(node) ?? node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
    const scalar: ValueNode = { kind: 'scalar', value, at };
    if ((typeof value === 'number' || typeof value === 'boolean') && typeof node.source === 'string' && node.source !== '') scalar.text = node.source;
    return scalar;
  }
  return { kind: 'scalar', value: null, at };
}

/** A scalar as text: how a number or boolean was written, else its value as a string. */
export function scalarText(node: ValueNode & { kind: 'scalar' }): string {
  return node.text ?? (node.value === null ? 'null' : String(node.value));
}

/** Where a YAML node is written: its start and the end of its value. */
function spanOf(node: unknown, source: SourceText): Location | undefined {
  const range = node && typeof node === 'object' ? (node as Node).range : undefined;
  return range ? source.location(range[0], range[1]) : undefined;
}

/** Deep merge: mappings merge, everything else is replaced by the later value. */
export function mergeValues(base: ValueNode | undefined, over: ValueNode): ValueNode {
  if (!base || base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [k, v] of over.entries) entries.set(k, mergeValues(entries.get(k), v));
  return { kind: 'map', entries, at: over.at };
}

export function lookupValue(root: ValueNode | undefined, path: readonly string[]): ValueNode | undefined {
  let node = root;
  for (const seg of path) {
    if (!node || node.kind !== 'map') return undefined;
    node = node.entries.get(seg);
  }
  return node;
}

/** The deepest node along `path` (for "where was this set" when the exact path is missing). */
export function nearestValue(root: ValueNode | undefined, path: readonly (string | number)[]): ValueNode | undefined {
  return root && descendValue(root, path).node;
}

/** The deepest node along `path`, and whether it is the node at `path` itself. */
export function descendValue(root: ValueNode, path: readonly (string | number)[]): { node: ValueNode; exact: boolean } {
  let node = root;
  for (const seg of path) {
    const next: ValueNode | undefined = node.kind === 'map' ? node.entries.get(String(seg)) : node.kind === 'seq' && typeof seg === 'number' ? node.items[seg] : undefined;
    if (!next) return { node, exact: false };
    node = next;
  }
  return { node, exact: true };
}

const plainCache = new WeakMap<ValueNode, unknown>();

/** Plain JSON value of a node (cached: nodes are immutable). Callers must not mutate it. */
export function toPlain(node: ValueNode): unknown {
  if (node.kind === 'scalar') return node.value;
  const hit = plainCache.get(node);
  if (hit !== undefined) return hit;
  let out: unknown;
  if (node.kind === 'seq') out = node.items.map(toPlain);
  else {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of node.entries) defineKey(obj, k, toPlain(v));
    out = obj;
  }
  plainCache.set(node, out);
  return out;
}

/** Assigns without triggering the `__proto__` setter, so a key named `__proto__` stays data. */
export function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Every path (dotted) of the tree's nodes, for "did you mean" suggestions. */
export function valuePaths(root: ValueNode | undefined, prefix = '', out: string[] = []): string[] {
  if (root?.kind !== 'map') return out;
  for (const [k, v] of root.entries) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    valuePaths(v, p, out);
  }
  return out;
}
