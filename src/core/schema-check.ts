import { diagnostic, type Diagnostic, type DiagnosticCode, type Location } from './diagnostic.js';
import { formatPath, isRecord, type JsonPath, type LocateOptions } from './manifest.js';
import { suggest } from './suggest.js';

/**
 * The JSON Schema subset copperplate's own file formats are written in (copperplate.yaml,
 * formations, approvals.yaml). The same schema objects are published for editors; this checker
 * exists so that validating them costs no ajv start-up in a pre-commit hook. Supported keywords:
 * type, properties, additionalProperties, required, items, enum, pattern, propertyNames,
 * minLength, minimum, anyOf, if/then/else, description (the hint of a missing required key),
 * $schema/$id/title (ignored).
 */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | readonly ('object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null')[];
  properties?: Readonly<Record<string, SchemaNode>>;
  additionalProperties?: boolean | SchemaNode;
  required?: readonly string[];
  items?: SchemaNode;
  enum?: readonly unknown[];
  pattern?: string;
  propertyNames?: SchemaNode;
  minLength?: number;
  minimum?: number;
  anyOf?: readonly SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
  description?: string;
  markdownDescription?: string;
  $schema?: string;
  $id?: string;
  title?: string;
  default?: unknown;
  examples?: readonly unknown[];
}

export function checkSchema(
  schema: SchemaNode,
  data: unknown,
  locate: (path: JsonPath, options?: LocateOptions) => Location,
  code: DiagnosticCode,
  extra: { formation?: string } = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (path: JsonPath, message: string, hint?: string, options?: LocateOptions) =>
    out.push(diagnostic(code, path.length ? `${formatPath(path)}: ${message}` : message, locate(path, options), { formation: extra.formation, hint }));
  walk(schema, data, [], report);
  return out;
}

type Reporter = (path: JsonPath, message: string, hint?: string, options?: LocateOptions) => void;

/** `properties`: where a conditional branch (then/else) finds the descriptions of the keys it requires. */
function walk(schema: SchemaNode, data: unknown, path: JsonPath, report: Reporter, properties = schema.properties): boolean {
  if (schema.anyOf) {
    const ok = schema.anyOf.some((s) => walk(s, data, path, () => {}));
    if (!ok) {
      const branch = schema.anyOf.find((s) => typeMatches(s, data));
      if (branch) return walk(branch, data, path, report);
      report(path, `must be ${schema.anyOf.map(describeType).join(' or ')}`);
      return false;
    }
  }
  if (schema.type && !typeMatches(schema, data)) {
    report(path, `must be ${describeType(schema)}, not ${typeName(data)}`);
    return false;
  }
  let ok = true;
  if (schema.enum && !schema.enum.some((e) => e === data)) {
    report(path, `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    ok = false;
  }
  if (typeof data === 'string') {
    if (schema.minLength !== undefined && data.length < schema.minLength) {
      report(path, 'must not be empty');
      ok = false;
    } else if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(data)) {
      report(path, `${JSON.stringify(data)} is not valid here${schema.description ? ` (${schema.description})` : ''}`);
      ok = false;
    }
  }
  if (typeof data === 'number' && schema.minimum !== undefined && data < schema.minimum) {
    report(path, `must be at least ${schema.minimum}`);
    ok = false;
  }
  if (Array.isArray(data) && schema.items) {
    data.forEach((item, i) => {
      if (!walk(schema.items!, item, [...path, i], report)) ok = false;
    });
  }
  if (isRecord(data)) {
    for (const req of schema.required ?? []) {
      if (!(req in data)) {
        report(path, `missing required key \`${req}\``, properties?.[req]?.description);
        ok = false;
      }
    }
    const props = schema.properties ?? {};
    for (const [key, value] of Object.entries(data)) {
      if (schema.propertyNames && !walk(schema.propertyNames, key, [...path, key], report)) ok = false;
      const sub = props[key];
      if (sub) {
        if (!walk(sub, value, [...path, key], report)) ok = false;
      } else if (schema.additionalProperties === false) {
        const near = suggest(key, Object.keys(props));
        report([...path, key], `unknown key \`${key}\``, near.length ? `did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : `allowed keys: ${Object.keys(props).join(', ')}`, { key: true });
        ok = false;
      } else if (typeof schema.additionalProperties === 'object') {
        if (!walk(schema.additionalProperties, value, [...path, key], report)) ok = false;
      }
    }
  }
  if (schema.if) {
    const branch = walk(schema.if, data, path, () => {}) ? schema.then : schema.else;
    if (branch && !walk(branch, data, path, report, schema.properties)) ok = false;
  }
  return ok;
}

function typeMatches(schema: SchemaNode, data: unknown): boolean {
  if (!schema.type) return true;
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  return types.some((t) => {
    switch (t) {
      case 'object':
        return isRecord(data);
      case 'array':
        return Array.isArray(data);
      case 'integer':
        return typeof data === 'number' && Number.isInteger(data);
      case 'null':
        return data === null;
      default:
        return typeof data === t;
    }
  });
}

function describeType(schema: SchemaNode): string {
  if (!schema.type) return 'a valid value';
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
  return types.map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`)).join(' or ');
}

function typeName(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (isRecord(data)) return 'a mapping';
  return `a ${typeof data}`;
}
