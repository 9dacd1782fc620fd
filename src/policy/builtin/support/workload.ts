import { isRecord } from '../../../core/manifest.js';
import type { ContainerRef, KubernetesResource, PolicyContext } from '../../define-policy.js';
import { getPath } from '../../json-value.js';
import { podSpecPath, podTemplatePath } from '../../workload-shape.js';

/** The pod spec object of a workload (found by shape), or undefined. */
export function podSpec(resource: KubernetesResource): Record<string, unknown> | undefined {
  const path = podSpecPath(resource);
  if (path === undefined) return undefined;
  const spec = getPath(resource, path);
  return isRecord(spec) ? spec : undefined;
}

/** Labels the workload's pods get (template labels; a Pod's own labels). */
export function podLabels(resource: KubernetesResource): Record<string, string> {
  const template = podTemplatePath(resource);
  if (template === undefined) return {};
  const labels = getPath(resource, [...template, 'metadata', 'labels']);
  return isRecord(labels) ? stringRecord(labels) : {};
}

/** Declared `spec.replicas` when it is a number; undefined when absent (defaults to 1). */
export function declaredReplicas(resource: KubernetesResource): number | undefined {
  const replicas = getPath(resource, ['spec', 'replicas']);
  return typeof replicas === 'number' ? replicas : undefined;
}

/**
 * Namespace a resource lands in: its own, else the formation's destination namespace. Two
 * resources without either are taken to share one (they are applied together with `-n`).
 */
export function namespaceOf(resource: KubernetesResource, ctx: Pick<PolicyContext, 'formation'>): string {
  const own = getPath(resource, ['metadata', 'namespace']);
  return typeof own === 'string' && own !== '' ? own : (ctx.formation?.destination.namespace ?? '');
}

/**
 * `Kind/name` for messages. Policies also run over resources that fail schema validation (a
 * missing name is reported there), so nothing here may assume `metadata` exists.
 */
export function resourceName(resource: KubernetesResource): string {
  const name = getPath(resource, ['metadata', 'name']);
  return `${String(resource.kind)} ${typeof name === 'string' ? name : '(unnamed)'}`;
}

/** `web` or `#0`, for messages about containers that have no name (schema reports that). */
export function containerName(c: ContainerRef): string {
  const name = (c.value as { name?: unknown }).name;
  if (typeof name === 'string' && name !== '') return name;
  const last = c.path[c.path.length - 1];
  return `#${String(last)}`;
}

/** `container`, `init container` or `ephemeral container`, for messages. */
export function containerNoun(c: ContainerRef): string {
  return c.type === 'initContainer' ? 'init container' : c.type === 'ephemeralContainer' ? 'ephemeral container' : 'container';
}

/** Native sidecars are init containers with `restartPolicy: Always`; they run like app containers. */
export function isAppContainer(c: ContainerRef): boolean {
  return c.type === 'container' || (c.type === 'initContainer' && (c.value as { restartPolicy?: unknown }).restartPolicy === 'Always');
}

function stringRecord(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}
