import { isRecord, type JsonPath } from '../core/manifest.js';

/** Value at `path`, or undefined when any segment is missing. */
export function getPath(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[seg];
    } else {
      if (!isRecord(node) || !Object.hasOwn(node, seg)) return undefined;
      node = node[seg];
    }
  }
  return node;
}

/**
 * JSON with object keys sorted, so that equal data gives equal text whatever its key order.
 * `undefined` members are dropped like JSON.stringify does; a top-level undefined is `null`.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** Deep copy, frozen, so that one policy cannot change what the next one sees. */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
