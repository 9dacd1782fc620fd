import { readFileSync } from 'node:fs';
import { ajvVersion, createAjv, loadStandalone, standaloneCode } from '../core/ajv.js';
import { ContentCache } from '../core/content-cache.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { parseJsonText } from '../core/json-text.js';
import { invalidPatterns } from '../core/linear-pattern.js';
import { locateInDocument, parseYamlFile } from '../core/yaml-document.js';
import type { Formation } from './formation.js';
import { nearestValue, toPlain } from './value-tree.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** What the schema compiles to, or the diagnostic saying why it does not. */
type Compiled = { validate: ValidateFunction } | { problems: Diagnostic[] };

/**
 * Validates every formation's merged values against `formations/values.schema.json` (JSON
 * Schema 2020-12, all errors). Each error points at the provenance of the offending value.
 * ajv is loaded only when a project has such a schema, and with a `cacheDir` only when the
 * schema changed since the last run: compiling a schema is most of a small project's check.
 */
export async function checkValuesSchema(
  schemaFile: string,
  schemaText: string,
  formations: readonly Formation[],
  options: { cacheDir?: string | undefined } = {},
): Promise<Diagnostic[]> {
  const compiled = await compileValuesSchema(schemaFile, schemaText, options.cacheDir);
  if ('problems' in compiled) return compiled.problems;
  const { validate } = compiled;
  const out: Diagnostic[] = [];
  for (const f of formations) {
    if (validate(toPlain(f.values))) continue;
    for (const err of validate.errors ?? []) {
      const segments = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const extra = err.keyword === 'additionalProperties' ? String(err.params['additionalProperty']) : undefined;
      const path = extra ? [...segments, extra] : segments;
      const node = nearestValue(f.values, path.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
      const shown = path.length ? `values.${path.join('.')}` : 'values';
      const detail = err.keyword === 'additionalProperties' ? 'is not allowed by the values schema' : (err.message ?? 'is invalid');
      out.push(
        diagnostic('VALUES_SCHEMA', `${shown} ${detail} (${schemaFile})`, node?.at ?? { file: f.file, line: 1, column: 1 }, { formation: f.name }),
      );
    }
  }
  return out;
}

const AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** Compiled in this process (a baseline renders formation by formation): a few recent schemas. */
const compiledHere = new Map<string, Promise<Compiled>>();
const COMPILED_HERE_MAX = 8;

function compileValuesSchema(schemaFile: string, schemaText: string, cacheDir: string | undefined): Promise<Compiled> {
  const key = JSON.stringify([schemaFile, schemaText, cacheDir]);
  let compiled = compiledHere.get(key);
  if (!compiled) {
    compiled = compileOrLoad(schemaFile, schemaText, cacheDir);
    if (compiledHere.size >= COMPILED_HERE_MAX) compiledHere.delete(compiledHere.keys().next().value!);
    compiledHere.set(key, compiled);
  }
  return compiled;
}

async function compileOrLoad(schemaFile: string, schemaText: string, cacheDir: string | undefined): Promise<Compiled> {
  const cache = cacheDir === undefined ? undefined : new ContentCache(cacheDir);
  const cached = cache === undefined ? undefined : cacheFile(cache, schemaText);
  if (cached !== undefined) {
    const validate = loadCached(cached);
    if (validate) return { validate };
  }
  const json = parseJsonText(schemaFile, schemaText, 'VALUES_SCHEMA_INVALID');
  if ('diagnostic' in json) return { problems: [json.diagnostic] };
  const schema = json.value;
  const bad = invalidPatterns(schema, 'ecma');
  if (bad.length > 0) {
    // JSON is YAML: the YAML loader gives the pattern's position in the schema file
    const located = parseYamlFile(schemaFile, schemaText);
    const doc = located.documents[0]?.doc;
    return {
      problems: bad.map((p) =>
        diagnostic('PATTERN_INVALID', `pattern \`${p.pattern}\` cannot be run in linear time with RE2 semantics (${p.reason}); it is not run`, doc ? locateInDocument(located.source, doc, p.path) : { file: schemaFile, line: 1, column: 1 }),
      ),
    };
  }
  const ajv = createAjv('2020-12', 'ecma', { ...AJV_OPTIONS, ...(cached !== undefined ? { code: { source: true } } : {}) });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema as object) as ValidateFunction;
  } catch (e) {
    return { problems: [diagnostic('VALUES_SCHEMA_INVALID', `${schemaFile} is not a valid JSON Schema: ${(e as Error).message}`, { file: schemaFile, line: 1, column: 1 })] };
  }
  if (cache !== undefined && cached !== undefined) {
    // best effort: a validator ajv cannot write as standalone code (a function it cannot name in code) is not cached
    cache.write(cached, () => standaloneCode(ajv, validate as never));
  }
  return { validate };
}

/**
 * The cache entry of a schema: ajv's standalone code of the compiled validator, keyed by the
 * schema text, the ajv version and the options, so an edited schema or another ajv never
 * reads a stale entry.
 */
function cacheFile(cache: ContentCache, schemaText: string): string {
  return `${cache.entry('values-schema', [ajvVersion(), AJV_OPTIONS, 'ajv-formats', 're2js', schemaText])}.cjs`;
}

/** A cached validator, or undefined when there is none (or it does not load: then it is rebuilt). */
function loadCached(file: string): ValidateFunction | undefined {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return loadStandalone<ValidateFunction>(code);
  } catch {
    return undefined;
  }
}
