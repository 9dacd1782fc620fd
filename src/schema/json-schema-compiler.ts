import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import { createAjv } from '../core/ajv.js';
import { isRecord } from '../core/manifest.js';
import type { SchemaError } from './schema-error.js';

/**
 * Compiles JSON Schemas from CRDs and from `schemaLocations` with ajv. Ajv is loaded on first
 * use only: a project with no CRDs and no schema locations never pays for it.
 */
export interface CompiledSchema {
  validate(data: unknown): SchemaError[];
}

let ajv: AjvInstance | undefined;

// Kubernetes' own formats. `duration` is a Go duration (30s, 1h5m), not ISO 8601.
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d*|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
const GO_DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$|^0$/;

function instance(): AjvInstance {
  if (ajv) return ajv;
  // Kubernetes patterns are RE2 (invalid ones are reported before compiling)
  const created = createAjv('draft-07', 're2', { allErrors: true, logger: false, verbose: true, validateSchema: false });
  created.addFormat('quantity', QUANTITY);
  created.addFormat('duration', GO_DURATION);
  created.addFormat('int-or-string', { validate: () => true });
  for (const name of ['cidr', 'mac', 'byte-string', 'k8s-short-name', 'k8s-long-name', 'dns1123subdomain', 'dns1123label', 'string']) {
    created.addFormat(name, { validate: () => true });
  }
  ajv = created;
  return created;
}

/** Compiles one schema; throws when the schema itself is unusable. */
export function compileSchema(schema: unknown): CompiledSchema {
  const fn: ValidateFunction = instance().compile(schema as object);
  return {
    validate(data) {
      return fn(data) ? [] : ((fn.errors ?? []) as SchemaError[]);
    },
  };
}

export interface ConvertOptions {
  /** Reject fields a schema does not declare (unless it preserves unknown fields). */
  strict: boolean;
}

/**
 * A Kubernetes structural schema (CRD openAPIV3Schema, or a kubeconform JSON schema) as a
 * JSON Schema ajv validates the way the API server does: `x-kubernetes-int-or-string` accepts
 * both, `nullable` accepts null, embedded resources accept apiVersion/kind/metadata, and, when
 * strict, objects reject undeclared fields unless `x-kubernetes-preserve-unknown-fields`.
 * Inside allOf/anyOf/oneOf/not nothing is made strict: those only constrain declared fields.
 */
export function toValidationSchema(node: unknown, options: ConvertOptions): unknown {
  return convert(node, options.strict);
}

const DROPPED = new Set(['description', '$schema', 'id', '$id', 'example', 'examples', 'externalDocs', 'default', 'title']);

function convert(node: unknown, strict: boolean): unknown {
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-') || DROPPED.has(k)) continue;
    switch (k) {
      case 'properties':
      case 'patternProperties':
      case 'definitions':
        out[k] = isRecord(v) ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, convert(s, strict)])) : v;
        break;
      case 'additionalProperties':
      case 'additionalItems':
        out[k] = isRecord(v) ? convert(v, strict) : v;
        break;
      case 'items':
        out[k] = Array.isArray(v) ? v.map((s) => convert(s, strict)) : convert(v, strict);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[k] = Array.isArray(v) ? v.map((s) => convert(s, false)) : v;
        break;
      case 'not':
        out[k] = convert(v, false);
        break;
      default:
        out[k] = v;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out['type'];
    if (out['anyOf'] === undefined && out['oneOf'] === undefined) out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    const props = isRecord(out['properties']) ? out['properties'] : {};
    out['properties'] = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...props };
  }
  if (out['nullable'] === true) {
    if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
    delete out['nullable'];
  } else if (out['nullable'] !== undefined) {
    delete out['nullable'];
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (strict && !preserve && out['additionalProperties'] === undefined && isRecord(out['properties'])) out['additionalProperties'] = false;
  return out;
}
