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
  // one path, extended and shortened in place, copied only into an issue: a manifest has
  // hundreds of fields and almost never an unknown one
  walk(value, spec, [...path], fields, out);
}

function walk(value: unknown, spec: FieldSpec, path: (string | number)[], fields: DefinitionFields, out: SchemaIssue[]): void {
  if (spec === 0 || spec === 1) return;
  if (typeof spec === 'string') {
    const props = fields(spec);
    if (props) walkObject(value, props, path, fields, out);
    return;
  }
  if ('a' in spec) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], spec.a, path, fields, out);
        path.pop();
      }
    }
    return;
  }
  if ('m' in spec) {
    if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        path.push(key);
        walk(value[key], spec.m, path, fields, out);
        path.pop();
      }
    }
    return;
  }
  walkObject(value, spec.o, path, fields, out);
}

function walkObject(value: unknown, props: Record<string, FieldSpec>, path: (string | number)[], fields: DefinitionFields, out: SchemaIssue[]): void {
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const sub = props[key];
    if (sub === undefined) {
      out.push(unknownFieldIssue([...path, key], key, suggest(key, Object.keys(props))));
    } else if (sub !== 0 && sub !== 1) {
      path.push(key);
      walk(value[key], sub, path, fields, out);
      path.pop();
    }
  }
}
