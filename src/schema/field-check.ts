import { isRecord, type JsonPath } from '../core/manifest.js';
import { suggest } from '../core/suggest.js';
import { unknownFieldIssue, type SchemaIssue } from './schema-error.js';

/**
 * What a field holds, as written by scripts/update-schemas.mjs: 0 a scalar, 1 anything
 * (RawExtension, JSON: embedded data is not checked), a definition id, `{a}` a list of,
 * `{m}` a map of, `{o}` an inline object with these fields.
 */
export type FieldSpec = 0 | 1 | string | { a: FieldSpec } | { m: FieldSpec } | { o: Record<string, FieldSpec> };

export type DefinitionFields = (definition: string) => Record<string, FieldSpec> | undefined;

/** Reports every field of `value` that its definition does not declare, with suggestions. */
export function checkFields(value: unknown, spec: FieldSpec, path: JsonPath, fields: DefinitionFields, out: SchemaIssue[]): void {
  if (spec === 0 || spec === 1) return;
  if (typeof spec === 'string') {
    const props = fields(spec);
    if (props) checkObject(value, props, path, fields, out);
    return;
  }
  if ('a' in spec) {
    if (Array.isArray(value)) value.forEach((item, i) => checkFields(item, spec.a, [...path, i], fields, out));
    return;
  }
  if ('m' in spec) {
    if (isRecord(value)) for (const [k, v] of Object.entries(value)) checkFields(v, spec.m, [...path, k], fields, out);
    return;
  }
  checkObject(value, spec.o, path, fields, out);
}

function checkObject(value: unknown, props: Record<string, FieldSpec>, path: JsonPath, fields: DefinitionFields, out: SchemaIssue[]): void {
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const sub = props[key];
    if (sub === undefined) {
      out.push(unknownFieldIssue([...path, key], key, suggest(key, Object.keys(props))));
    } else if (sub !== 0 && sub !== 1) {
      checkFields(value[key], sub, [...path, key], fields, out);
    }
  }
}
