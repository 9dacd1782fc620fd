import { apiGroup, isRecord } from '../core/manifest.js';
import type { FormationInfo, PolicyMatch } from './define-policy.js';
import { isWorkload } from './workload-shape.js';

/**
 * Whether a resource passes every criterion of `match` (no criteria: every resource).
 * `workload` answers `isWorkload(object)` when the caller knows it already.
 */
export function matchesPolicy(match: PolicyMatch | undefined, object: Record<string, unknown>, formation?: FormationInfo, workload?: () => boolean): boolean {
  if (!match) return true;
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  if (match.kinds && !match.kinds.includes(kind)) return false;
  if (match.workloads !== undefined && (workload ? workload() : isWorkload(object)) !== match.workloads) return false;
  if (match.apiVersions) {
    const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
    if (!match.apiVersions.some((pattern) => apiVersionMatches(pattern, apiVersion))) return false;
  }
  const metadata = isRecord(object['metadata']) ? object['metadata'] : {};
  if (match.namespaces) {
    // A namespaced resource without metadata.namespace lands in the formation's namespace.
    const ns = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : formation?.destination.namespace;
    if (ns === undefined || !match.namespaces.includes(ns)) return false;
  }
  if (match.labels) {
    const labels = isRecord(metadata['labels']) ? metadata['labels'] : {};
    for (const [key, value] of Object.entries(match.labels)) if (labels[key] !== value) return false;
  }
  return true;
}

/** `apps/v1` exactly, `apps/*` any version of a group (`core/*` for the core group), `*` anything. */
export function apiVersionMatches(pattern: string, apiVersion: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) {
    const group = pattern.slice(0, -2);
    const actual = apiGroup(apiVersion);
    return actual === group || (group === 'core' && actual === '');
  }
  return pattern === apiVersion;
}
