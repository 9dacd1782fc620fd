import type { Container } from 'kubernetes-types/core/v1.d.ts';
import { isRecord } from '../core/manifest.js';
import type { ContainerRef } from './define-policy.js';
import { getPath } from './json-value.js';
import { podSpecPath } from './workload-shape.js';

const LISTS: readonly [string, ContainerRef['type']][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** Every container of a workload (found by shape), init containers first (their run order), with their paths. */
export function containersOf(resource: unknown): ContainerRef[] {
  const specPath = podSpecPath(resource);
  if (!specPath) return [];
  const spec = getPath(resource, specPath);
  if (!isRecord(spec)) return [];
  const out: ContainerRef[] = [];
  for (const [key, type] of LISTS) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    list.forEach((value: unknown, i) => {
      if (isRecord(value)) out.push({ value: value as unknown as Container, path: [...specPath, key, i], type });
    });
  }
  return out;
}
