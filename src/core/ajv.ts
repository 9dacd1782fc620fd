import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';
import { linearRegExp, type PatternDialect } from './linear-pattern.js';

const requireHere = createRequire(import.meta.url);

/** draft-07 for Kubernetes schemas (CRDs, `schemaLocations`); 2020-12 for a values schema. */
export type SchemaDraft = 'draft-07' | '2020-12';

/**
 * The one way copperplate makes an ajv: with ajv-formats, and patterns matched in linear time
 * (RE2 semantics, never JavaScript's backtracking RegExp). ajv is loaded on the first call:
 * a run with no CRDs, no schema locations and no (uncached) values schema never pays for it.
 * Through `require`, as the bundled CLI keeps ajv external and the cached standalone code of
 * a values schema requires ajv's runtime from the same place.
 */
export function createAjv(draft: SchemaDraft, patterns: PatternDialect, options: Options = {}): Ajv {
  const AjvClass = (requireHere(draft === '2020-12' ? 'ajv/dist/2020' : 'ajv') as { default: new (o: Options) => Ajv }).default;
  const addFormats = (requireHere('ajv-formats') as { default: (ajv: Ajv) => void }).default;
  const ajv = new AjvClass({ strict: false, ...options, code: { ...options.code, regExp: linearRegExp(patterns) as never } });
  addFormats(ajv);
  return ajv;
}

/** ajv's standalone code of a compiled validator (for a per-user cache). */
export function standaloneCode(ajv: Ajv, validate: unknown): string {
  return (requireHere('ajv/dist/standalone') as { default: (ajv: Ajv, fn: unknown) => string }).default(ajv, validate);
}

/** Loads the standalone code of a validator; its `require`s name ajv's runtime and ajv-formats. */
export function loadStandalone<F>(code: string): F | undefined {
  const module = { exports: {} as { default?: F } };
  new Function('require', 'module', 'exports', code)(requireHere, module, module.exports);
  return typeof module.exports.default === 'function' ? module.exports.default : undefined;
}

let version: string | undefined;
/** The installed ajv's version, part of every cache key of compiled code. */
export function ajvVersion(): string {
  version ??= (requireHere('ajv/package.json') as { version: string }).version;
  return version;
}
