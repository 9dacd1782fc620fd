import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { invalidPatterns } from '../core/linear-pattern.js';
import { isRecord, type JsonPath, type Manifest } from '../core/manifest.js';
import { CrdRegistry } from './crd-registry.js';

/**
 * A document in `crds/` that cannot give a schema is an error, never skipped: a CRD the
 * registry silently ignored would turn every resource of its kind into "no schema" and pass.
 * `CRD_INVALID` at the part that is wrong; `PATTERN_INVALID` for a `pattern` that RE2 (the
 * Kubernetes API server's engine) cannot compile, which is therefore never run.
 */
export function checkCrd(m: Manifest): Diagnostic[] {
  const out: Diagnostic[] = [];
  const invalid = (path: JsonPath, message: string) => out.push(diagnostic('CRD_INVALID', message, m.locate(path, { key: true })));
  const o = m.object;
  if (!CrdRegistry.isCrd(o)) {
    invalid(o['kind'] === undefined ? [] : ['kind'], 'crds/ holds CustomResourceDefinitions (apiextensions.k8s.io) only');
    return out;
  }
  const spec = o['spec'];
  if (!isRecord(spec)) {
    invalid(['spec'], 'a CustomResourceDefinition needs a `spec` mapping');
    return out;
  }
  if (typeof spec['group'] !== 'string' || spec['group'] === '') invalid(['spec', 'group'], '`spec.group` must name the API group');
  const names = spec['names'];
  if (!isRecord(names) || typeof names['kind'] !== 'string' || names['kind'] === '') invalid(['spec', 'names', 'kind'], '`spec.names.kind` must name the kind');
  const versions = spec['versions'];
  if (versions !== undefined && !Array.isArray(versions)) invalid(['spec', 'versions'], '`spec.versions` must be a list');
  const list = Array.isArray(versions) ? versions : [];
  if (list.length === 0 && typeof spec['version'] !== 'string') invalid(['spec', 'versions'], 'a CustomResourceDefinition needs at least one version');
  const schemas: JsonPath[] = [];
  list.forEach((v, i) => {
    if (!isRecord(v) || typeof v['name'] !== 'string') {
      invalid(['spec', 'versions', i], 'every version needs a `name`');
      return;
    }
    if (v['schema'] === undefined) return;
    const schema = isRecord(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
    if (!isRecord(schema)) invalid(['spec', 'versions', i, 'schema'], '`schema.openAPIV3Schema` must be a mapping');
    else schemas.push(['spec', 'versions', i, 'schema', 'openAPIV3Schema']);
  });
  const validation = spec['validation'];
  if (isRecord(validation) && validation['openAPIV3Schema'] !== undefined) {
    if (!isRecord(validation['openAPIV3Schema'])) invalid(['spec', 'validation', 'openAPIV3Schema'], '`openAPIV3Schema` must be a mapping');
    else schemas.push(['spec', 'validation', 'openAPIV3Schema']);
  }
  for (const at of schemas) {
    for (const p of invalidPatterns(valueAt(o, at), 're2', at)) {
      out.push(diagnostic('PATTERN_INVALID', `pattern \`${p.pattern}\` is not an RE2 regular expression (${p.reason}); the API server rejects it, and it is not run`, m.locate(p.path)));
    }
  }
  return out;
}

function valueAt(object: unknown, path: JsonPath): unknown {
  let node = object;
  for (const seg of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[seg] : undefined;
  return node;
}
