import { formatPath, isRecord, type JsonPath } from '../core/manifest.js';

/** The shape of an ajv error (kubernetes-models' compiled validators produce the same). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: unknown;
}

export type SchemaIssueCode = 'SCHEMA_INVALID' | 'SCHEMA_UNKNOWN_FIELD';

/** One problem at one path of a resource, before it becomes a Finding. */
export interface SchemaIssue {
  code: SchemaIssueCode;
  path: JsonPath;
  message: string;
  remediation?: string;
  /** For unknown fields: whether a declared field is close enough to be the one meant. */
  hasSuggestion?: boolean;
}

/** Turns a JSON pointer into a path, reading array indexes as numbers where the data has arrays. */
export function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = isRecord(node) ? node[seg] : undefined;
    }
  }
  return out;
}

export function unknownFieldIssue(path: JsonPath, field: string, suggestions: readonly string[]): SchemaIssue {
  const issue: SchemaIssue = {
    code: 'SCHEMA_UNKNOWN_FIELD',
    path,
    message: `${formatPath(path)}: unknown field "${field}"${suggestions.length ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?)` : ''}`,
    hasSuggestion: suggestions.length > 0,
  };
  if (suggestions.length) issue.remediation = `did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`;
  return issue;
}

/**
 * Ajv errors → one issue per problem. A failed oneOf/anyOf (int-or-string, quantity) is
 * reported once, naming what the alternatives accept, instead of once per alternative.
 */
export function issuesFromErrors(errors: readonly SchemaError[], data: unknown, prefix: JsonPath, suggest: (field: string, parentSchema: unknown) => string[]): SchemaIssue[] {
  const combined = new Set<string>();
  for (const e of errors) if (e.keyword === 'oneOf' || e.keyword === 'anyOf') combined.add(e.instancePath);
  const underCombined = (p: string) => {
    for (const c of combined) if (p === c || p.startsWith(`${c}/`)) return c;
    return undefined;
  };
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  const push = (issue: SchemaIssue) => {
    const k = `${issue.code}\u0000${formatPath(issue.path)}\u0000${issue.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    issues.push(issue);
  };
  for (const c of [...combined].sort()) {
    const at = errors.filter((e) => e.instancePath === c);
    const path = [...prefix, ...pointerToPath(c, data)];
    push({ code: 'SCHEMA_INVALID', path, message: `${label(path)}: ${describeAlternatives(at)}` });
  }
  for (const e of errors) {
    if (underCombined(e.instancePath) !== undefined) continue;
    if ((e.keyword === 'format' || e.keyword === 'pattern') && isStandIn(valueAt(data, e.instancePath))) continue;
    const base = [...prefix, ...pointerToPath(e.instancePath, data)];
    switch (e.keyword) {
      case 'additionalProperties': {
        const field = String(e.params['additionalProperty']);
        push(unknownFieldIssue([...base, field], field, suggest(field, e.parentSchema)));
        break;
      }
      case 'required': {
        const field = String(e.params['missingProperty']);
        push({ code: 'SCHEMA_INVALID', path: [...base, field], message: `${label(base)}: missing required field "${field}"` });
        break;
      }
      default:
        push({ code: 'SCHEMA_INVALID', path: base, message: `${label(base)}: ${describe(e, valueAt(data, e.instancePath))}` });
    }
  }
  return issues;
}

function label(path: JsonPath): string {
  return path.length ? formatPath(path) : '(resource)';
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  if (pointer === '') return node;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(seg)] : isRecord(node) ? node[seg] : undefined;
  }
  return node;
}

export function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'an integer';
    default:
      return `a ${type}`;
  }
}

function describe(e: SchemaError, value: unknown): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type': {
      const t = p['type'];
      const types = Array.isArray(t) ? t.map(String) : String(t).split(',');
      return `must be ${types.map(article).join(' or ')}, not ${typeOfValue(value)}`;
    }
    case 'enum':
      return `must be one of ${Array.isArray(p['allowedValues']) ? p['allowedValues'].map((v) => JSON.stringify(v)).join(', ') : 'the allowed values'}`;
    case 'const':
      return `must be ${JSON.stringify(p['allowedValue'])}`;
    case 'format':
      return `must be ${formatLabel(String(p['format']))}`;
    default:
      return e.message ?? `fails the "${e.keyword}" rule`;
  }
}

// Redacted secrets (`(secret:NAME)`, SPEC §4) stand in for values whose format cannot be
// known without resolving them, such as base64 Secret data.
const STAND_IN = /\(secret:[A-Za-z_][A-Za-z0-9_.-]*\)/;

function isStandIn(value: unknown): boolean {
  return typeof value === 'string' && STAND_IN.test(value);
}

const FORMAT_LABELS: Record<string, string> = {
  byte: 'base64-encoded data',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time',
  quantity: 'a quantity such as 500m, 1Gi or 2',
};

function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? `a valid ${format}`;
}

function describeAlternatives(errors: readonly SchemaError[]): string {
  const formats = errors.filter((e) => e.keyword === 'format').map((e) => String(e.params['format']));
  if (formats.includes('quantity')) return 'must be a quantity such as 500m, 1Gi or 2';
  const types = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'type') continue;
    const t = e.params['type'];
    for (const one of Array.isArray(t) ? t.map(String) : String(t).split(',')) types.add(one);
  }
  if (types.size) return `must be ${[...types].sort().map(article).join(' or ')}${formats.length ? ` (${formats.join(', ')})` : ''}`;
  if (formats.length) return `must be ${formats.map(formatLabel).join(' or ')}`;
  return 'does not match any of the allowed forms';
}
