import type { Location } from './diagnostic.js';

export type JsonPath = readonly (string | number)[];

export interface ResourceId {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where a path of a manifest came from. */
export interface SourcePointer extends Location {
  /** False when the path does not exist and this points at its nearest existing ancestor. */
  exact: boolean;
  /** The formation layer (or --set) that supplied the value, when it came from a formation. */
  valueSource?: Location;
}

/**
 * One Kubernetes resource as policies and schema validation see it: plain JSON data (secrets
 * appear as their redacted stand-ins, never as values) plus a way back to the source.
 */
export interface Manifest {
  formation?: string;
  /** Project-relative path of the stencil (or of the input file for `validate`). */
  file: string;
  /** Index of the YAML document within `file`. */
  index: number;
  object: Record<string, unknown>;
  /** `key: true` points at the mapping key of the last segment instead of its value. */
  locate(path: JsonPath, options?: LocateOptions): SourcePointer;
}

export interface LocateOptions {
  key?: boolean;
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `spec.template.spec.containers[0].image`; keys that are not identifiers are bracketed. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function resourceId(object: Record<string, unknown>): ResourceId {
  const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
  const id: ResourceId = {
    apiVersion: typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '',
    kind: typeof object['kind'] === 'string' ? object['kind'] : '',
    name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
  };
  if (typeof metadata['namespace'] === 'string') id.namespace = metadata['namespace'];
  return id;
}

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Pairing key across versions of a resource: group, kind, namespace, name. */
export function resourceKey(id: ResourceId): string {
  return `${apiGroup(id.apiVersion)}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** `Kind/namespace/name` or `Kind/name`, for messages and approvals. */
export function resourceLabel(id: ResourceId): string {
  return id.namespace ? `${id.kind}/${id.namespace}/${id.name}` : `${id.kind}/${id.name}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
