import { isRecord, type JsonPath, type Manifest } from '../core/manifest.js';

/** One version of a custom resource as a CRD declares it. */
export interface CrdVersion {
  group: string;
  kind: string;
  version: string;
  served: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  /** The raw openAPIV3Schema, when the CRD gives one. */
  schema?: unknown;
  /** The CRD that declared it, and where in it the schema sits (for CRD_SCHEMA_INVALID). */
  crd: Manifest;
  schemaPath: JsonPath;
  crdName: string;
  /** Legacy `spec.preserveUnknownFields: true`: the API server keeps unknown fields everywhere. */
  preserveUnknownFields: boolean;
}

export type CrdLookup =
  | { status: 'found'; version: CrdVersion }
  | { status: 'not-served'; crdName: string; served: string[] }
  | { status: 'unknown' };

/**
 * CustomResourceDefinitions from `crds/` and from the rendered stream, by group + kind.
 * Reads apiextensions.k8s.io/v1 (per-version schemas) and v1beta1 (top-level `validation`).
 * A CRD added later replaces an earlier one for the same group and kind.
 */
export class CrdRegistry {
  private readonly byGroupKind = new Map<string, Map<string, CrdVersion>>();

  static isCrd(object: Record<string, unknown>): boolean {
    return object['kind'] === 'CustomResourceDefinition' && typeof object['apiVersion'] === 'string' && object['apiVersion'].startsWith('apiextensions.k8s.io/');
  }

  add(manifest: Manifest): void {
    const o = manifest.object;
    if (!CrdRegistry.isCrd(o)) return;
    const spec = isRecord(o['spec']) ? o['spec'] : undefined;
    if (!spec) return;
    const group = typeof spec['group'] === 'string' ? spec['group'] : undefined;
    const names = isRecord(spec['names']) ? spec['names'] : undefined;
    const kind = names && typeof names['kind'] === 'string' ? names['kind'] : undefined;
    if (group === undefined || kind === undefined) return;
    const metadata = isRecord(o['metadata']) ? o['metadata'] : {};
    const crdName = typeof metadata['name'] === 'string' ? metadata['name'] : `${kind}.${group}`;
    const sharedSchema = isRecord(spec['validation']) ? spec['validation']['openAPIV3Schema'] : undefined;
    const preserveUnknownFields = spec['preserveUnknownFields'] === true;
    const versions = new Map<string, CrdVersion>();
    const list = Array.isArray(spec['versions']) ? spec['versions'] : [];
    list.forEach((v, i) => {
      if (!isRecord(v) || typeof v['name'] !== 'string') return;
      const perVersion = isRecord(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
      const entry: CrdVersion = {
        group,
        kind,
        version: v['name'],
        served: v['served'] !== false,
        deprecated: v['deprecated'] === true,
        crd: manifest,
        schemaPath: perVersion !== undefined ? ['spec', 'versions', i, 'schema', 'openAPIV3Schema'] : ['spec', 'validation', 'openAPIV3Schema'],
        crdName,
        preserveUnknownFields,
      };
      const schema = perVersion ?? sharedSchema;
      if (schema !== undefined) entry.schema = schema;
      if (typeof v['deprecationWarning'] === 'string') entry.deprecationWarning = v['deprecationWarning'];
      versions.set(v['name'], entry);
    });
    if (list.length === 0 && typeof spec['version'] === 'string') {
      const entry: CrdVersion = { group, kind, version: spec['version'], served: true, deprecated: false, crd: manifest, schemaPath: ['spec', 'validation', 'openAPIV3Schema'], crdName, preserveUnknownFields };
      if (sharedSchema !== undefined) entry.schema = sharedSchema;
      versions.set(spec['version'], entry);
    }
    this.byGroupKind.set(`${group}\u0000${kind}`, versions);
  }

  lookup(apiVersion: string, kind: string): CrdLookup {
    const slash = apiVersion.indexOf('/');
    if (slash === -1) return { status: 'unknown' };
    const versions = this.byGroupKind.get(`${apiVersion.slice(0, slash)}\u0000${kind}`);
    if (!versions) return { status: 'unknown' };
    const v = versions.get(apiVersion.slice(slash + 1));
    if (v?.served) return { status: 'found', version: v };
    const any = versions.values().next().value;
    return { status: 'not-served', crdName: any?.crdName ?? kind, served: [...versions.values()].filter((x) => x.served).map((x) => x.version) };
  }
}
