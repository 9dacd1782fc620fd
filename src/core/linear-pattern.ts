import { createRequire } from 'node:module';
import type { JsonPath } from './manifest.js';

/**
 * `pattern` keywords run with RE2 semantics in linear time, as the Kubernetes API server runs
 * them (Go's regexp), never with JavaScript's backtracking RegExp: `^(a+)+$` against 40 `a`s
 * and a `!` would otherwise run for minutes. re2js is a pure-JavaScript port of RE2 (no build
 * step, runs everywhere Node runs), loaded only when a schema has a pattern.
 */
interface Re2 {
  test(input: string): boolean;
}
interface Re2Module {
  RE2JS: { compile(pattern: string): Re2; translateRegExp(pattern: string): string };
}

const requireHere = createRequire(import.meta.url);
let re2: Re2Module['RE2JS'] | undefined;
const compiled = new Map<string, Re2 | string>();

/** Which regex dialect a schema's patterns are written in. */
export type PatternDialect = 're2' | 'ecma';

function engine(): Re2Module['RE2JS'] {
  re2 ??= (requireHere('re2js') as Re2Module).RE2JS;
  return re2;
}

/**
 * Compiles a pattern: CRD patterns are Go (RE2) syntax; JSON Schema (`values.schema.json`)
 * writes ECMA-262 syntax, which is translated to RE2 (`\u00e9` → `\x{00e9}`, `(?<n>…)`) first.
 * Answers the RE2 error message when RE2 cannot run the pattern (backreferences, lookaround).
 */
export function compilePattern(pattern: string, dialect: PatternDialect): Re2 | string {
  const key = `${dialect}\u0000${pattern}`;
  let hit = compiled.get(key);
  if (hit === undefined) {
    try {
      const RE2JS = engine();
      hit = RE2JS.compile(dialect === 'ecma' ? RE2JS.translateRegExp(pattern) : pattern);
    } catch (e) {
      hit = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
    }
    compiled.set(key, hit);
  }
  return hit;
}

/**
 * ajv's `code.regExp` for one dialect. A pattern RE2 rejects has been reported (see
 * `invalidPatterns`) before the schema is compiled; here it matches everything, so it is never
 * run and the run fails on the report instead. ajv keys its compiled patterns by `toString()`,
 * and ajv's standalone code (the values-schema cache) calls `code`, which must build the same.
 */
export function linearRegExp(dialect: PatternDialect): ((pattern: string) => Re2) & { code: string } {
  const make = (pattern: string): Re2 => {
    const re = compilePattern(pattern, dialect);
    return { test: typeof re === 'string' ? () => true : (s) => re.test(s), toString: () => `re2:${dialect}:${pattern}` } as Re2;
  };
  const translate = dialect === 'ecma' ? 'R.translateRegExp(p)' : 'p';
  return Object.assign(make, { code: `((p) => { const R = require("re2js").RE2JS; const r = R.compile(${translate}); return { test: (s) => r.test(s) }; })` });
}

/**
 * Every `pattern` (and `patternProperties` key) in a JSON Schema that RE2 cannot compile, with
 * its path in the schema (for a position) and RE2's reason.
 */
export function invalidPatterns(schema: unknown, dialect: PatternDialect, at: JsonPath = []): { path: JsonPath; pattern: string; reason: string }[] {
  const out: { path: JsonPath; pattern: string; reason: string }[] = [];
  const stack: { node: unknown; path: JsonPath }[] = [{ node: schema, path: at }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === 'pattern' && typeof value === 'string') {
        const re = compilePattern(value, dialect);
        if (typeof re === 'string') out.push({ path: [...path, key], pattern: value, reason: re });
      } else if (key === 'patternProperties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const p of Object.keys(value)) {
          const re = compilePattern(p, dialect);
          if (typeof re === 'string') out.push({ path: [...path, key, p], pattern: p, reason: re });
        }
      }
      // `properties` and `enum`/`default`/`example` hold data, not schemas, under some keys: a
      // property may be called `pattern`, so walk `properties` by its values only
      if (key === 'enum' || key === 'default' || key === 'example' || key === 'examples' || key === 'const') continue;
      if (key === 'properties' && value !== null && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value as Record<string, unknown>)) stack.push({ node: sub, path: [...path, key, name] });
        continue;
      }
      if (typeof value === 'object') stack.push({ node: value, path: [...path, key] });
    }
  }
  return out.sort((a, b) => (a.path.join('\u0000') < b.path.join('\u0000') ? -1 : 1));
}
