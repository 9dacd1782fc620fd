import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Formation } from './formation.js';
import { nearestValue, toPlain } from './value-tree.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Validates every formation's merged values against `formations/values.schema.json` (JSON
 * Schema 2020-12, all errors). Each error points at the provenance of the offending value.
 * ajv is loaded only when a project has such a schema.
 */
export async function checkValuesSchema(schemaFile: string, schemaText: string, formations: readonly Formation[]): Promise<Diagnostic[]> {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (e) {
    return [diagnostic('VALUES_SCHEMA_INVALID', `${schemaFile} is not valid JSON: ${(e as Error).message}`, { file: schemaFile, line: 1, column: 1 })];
  }
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const addFormats = (await import('ajv-formats')).default as unknown as (ajv: unknown) => void;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  let validate: ((data: unknown) => boolean) & { errors?: AjvError[] | null };
  try {
    validate = ajv.compile(schema as object) as typeof validate;
  } catch (e) {
    return [diagnostic('VALUES_SCHEMA_INVALID', `${schemaFile} is not a valid JSON Schema: ${(e as Error).message}`, { file: schemaFile, line: 1, column: 1 })];
  }
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
