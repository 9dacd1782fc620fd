import { isRecord, type JsonPath, type ResourceId } from './manifest.js';

/** One changed field of a resource against its baseline. */
export interface ValueChange {
  kind: 'added' | 'removed' | 'changed';
  /** Formatted path, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  segments: JsonPath;
  from?: unknown;
  to?: unknown;
  /** Where the new value is (the old one for removals), when known. */
  file?: string;
  line?: number;
  column?: number;
}

/** A resource that differs from its baseline (`diff`, and reports of runs with a baseline). */
export interface ResourceDiff {
  status: 'added' | 'removed' | 'changed';
  resource: ResourceId;
  /** `Kind/namespace/name`. */
  label: string;
  formation?: string;
  file: string;
  line: number;
  column: number;
  /** Field-level changes; empty for added and removed resources. */
  changes: ValueChange[];
}

/** A list whose items are mappings with distinct `name`s: paired by name across versions, not by index. */
export function isNamedList(list: readonly unknown[]): boolean {
  if (list.length === 0) return false;
  const names = new Set<string>();
  for (const item of list) {
    if (!isRecord(item) || typeof item['name'] !== 'string' || names.has(item['name'])) return false;
    names.add(item['name']);
  }
  return true;
}
