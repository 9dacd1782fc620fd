import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheFile, runCachedScript, type CachedScript } from '../core/code-cache.js';
import { CopperplateError } from '../core/copperplate-error.js';
import type { FieldSpec } from './field-check.js';
import type { SchemaError } from './schema-error.js';

/**
 * Built-in Kubernetes kinds. Types, required fields, enums and formats are checked by the
 * ajv-compiled validators that `kubernetes-models` ships (one module per definition, loaded on
 * first use); the field names for strict unknown-field checks come from `schemas/k8s/`, which
 * `scripts/update-schemas.mjs` derives from the same package's declarations. Nothing is read
 * before a kind is first seen, so importing this module costs nothing.
 */
interface IndexFile {
  source: string;
  /** The Kubernetes release the bundled schemas describe. */
  kubernetes: string;
  kinds: Record<string, Record<string, string>>;
  shards: Record<string, string>;
}

type CompiledValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export const OBJECT_META = 'IoK8sApimachineryPkgApisMetaV1ObjectMeta';

const dataDir = fileURLToPath(new URL('../../schemas/k8s/', import.meta.url));
/**
 * The same validators bundled by `npm run build` (scripts/build-bundle.mjs): the common kinds
 * in one file, every other definition an ES module of its own sharing chunks: ~10 files
 * instead of ~170 CommonJS modules for a kind. Absent when running from source before a build;
 * then they come from the package itself.
 */
const bundledDir = fileURLToPath(new URL('../../dist/k8s-validators/', import.meta.url));
const requireHere = createRequire(import.meta.url);

let index: IndexFile | undefined;
const shards = new Map<string, Record<string, Record<string, FieldSpec>>>();
const validators = new Map<string, CompiledValidator>();
let modelsDir: string | undefined;
let machineryDir: string | undefined;
/** common.cjs of the bundled validators (exports by definition), once loaded. */
let bundledCommon: CachedScript | undefined;
/** The definitions of common.cjs validated in this process (what its code cache holds once saved). */
const commonUsed = new Set<string>();
let bundled: boolean | undefined;

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new CopperplateError('SCHEMA_DATA_MISSING', `cannot read bundled Kubernetes schema data ${path.basename(file)}`, { cause });
  }
}

function loadIndex(): IndexFile {
  index ??= readJson<IndexFile>(path.join(dataDir, 'index.json'));
  return index;
}

/** The Kubernetes release (`1.33`) whose fields the bundled schemas know. */
export function builtinKubernetesVersion(): string {
  return loadIndex().kubernetes;
}

/** The definition id of a built-in kind, or undefined when kubernetes-models has none. */
export function builtinDefinition(apiVersion: string, kind: string): string | undefined {
  return loadIndex().kinds[apiVersion]?.[kind];
}

/** Kinds known for an apiVersion (for suggestions). */
export function builtinKinds(apiVersion: string): string[] {
  return Object.keys(loadIndex().kinds[apiVersion] ?? {});
}

/** Field names of a definition, loading its shard on first use. */
export function definitionFields(definition: string): Record<string, FieldSpec> | undefined {
  const shard = loadIndex().shards[definition];
  if (shard === undefined) return undefined;
  let defs = shards.get(shard);
  if (!defs) {
    defs = readJson<Record<string, Record<string, FieldSpec>>>(path.join(dataDir, 'fields', `${shard}.json`));
    shards.set(shard, defs);
  }
  return defs[definition];
}

/**
 * The compiled validator of a definition (kubernetes-models, or its apimachinery package).
 * With `cacheDir` (the per-user cache), V8's compiled code of the common kinds is kept there
 * (`saveValidatorCode`): that code is ~0.7 MB, and compiling it took most of a cold check.
 */
export function definitionValidator(definition: string, cacheDir?: string): (data: unknown) => SchemaError[] {
  let v = validators.get(definition);
  if (!v) {
    v = loadValidator(definition, cacheDir);
    validators.set(definition, v);
  }
  const fn = v;
  return (data) => (fn(data) ? [] : (fn.errors ?? []));
}

/** Keeps V8's code of the common validators used so far for the next run, when it has some the cache lacks. */
export function saveValidatorCode(): void {
  bundledCommon?.save(commonUsed);
}

function loadValidator(definition: string, cacheDir: string | undefined): CompiledValidator {
  bundled ??= fs.existsSync(bundledDir);
  if (bundled) {
    bundledCommon ??= runCachedScript(path.join(bundledDir, 'common.cjs'), cacheDir === undefined ? undefined : codeCacheFile(cacheDir, 'k8s-validators'));
    const common = bundledCommon.exports as Readonly<Record<string, CompiledValidator>>;
    if (Object.hasOwn(common, definition)) commonUsed.add(definition);
    // require() of an ES module (Node ≥ 20.19) keeps validation synchronous
    const validate = Object.hasOwn(common, definition)
      ? common[definition]
      : (requireHere(path.join(bundledDir, `${definition}.mjs`)) as { default?: { validate?: CompiledValidator } }).default?.validate;
    if (typeof validate !== 'function') throw new CopperplateError('SCHEMA_DATA_MISSING', `kubernetes-models has no validator for ${definition}`);
    return validate;
  }
  modelsDir ??= path.dirname(requireHere.resolve('kubernetes-models/package.json'));
  let file = path.join(modelsDir, '_schemas', `${definition}.js`);
  if (definition.startsWith('IoK8sApimachinery')) {
    machineryDir ??= path.dirname(createRequire(path.join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'));
    file = path.join(machineryDir, '_schemas', `${definition}.js`);
  }
  // The CommonJS build is loaded with require so that validation stays synchronous.
  const mod = requireHere(file) as { validate?: CompiledValidator };
  if (typeof mod.validate !== 'function') throw new CopperplateError('SCHEMA_DATA_MISSING', `kubernetes-models has no validator for ${definition}`);
  return mod.validate;
}
