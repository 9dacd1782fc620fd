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

/** Freezes `value` and everything in it, in place. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Segments of a textual path: `a.b[0]["x.y"]` → ['a', 'b', 0, 'x.y'] (the inverse of
 * formatPath). Throws a TypeError on malformed text, which a policy run reports as its error.
 */
export function parsePath(path: string | JsonPath): JsonPath {
  if (typeof path !== 'string') {
    if (!Array.isArray(path) || path.some((s) => typeof s !== 'string' && typeof s !== 'number')) {
      throw new TypeError('a path must be an array of strings and numbers, or a text like spec.containers[0].image');
    }
    return path;
  }
  const out: (string | number)[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = path[i + 1] === '"' ? closingQuote(path, i + 1) + 1 : path.indexOf(']', i);
      if (close <= i || path[close] !== ']') throw new TypeError(`malformed path ${JSON.stringify(path)}`);
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) out.push(JSON.parse(inner) as string);
      else throw new TypeError(`malformed path ${JSON.stringify(path)}`);
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    out.push(path.slice(i, end));
    i = end;
  }
  return out;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
