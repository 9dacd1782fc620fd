import type { Container } from 'kubernetes-types/core/v1.d.ts';
import { isRecord, type JsonPath } from '../core/manifest.js';
import type { ContainerRef } from './define-policy.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, JsonPath>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const LISTS: readonly [string, ContainerRef['type']][] = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/** Path of the pod spec within a workload, or undefined for kinds that have none. */
export function podSpecPath(kind: unknown): JsonPath | undefined {
  return typeof kind === 'string' && Object.hasOwn(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
}

/** Every container of a workload, init containers first (their run order), with their paths. */
export function containersOf(resource: unknown): ContainerRef[] {
  if (!isRecord(resource)) return [];
  const specPath = podSpecPath(resource['kind']);
  if (!specPath) return [];
  let spec: unknown = resource;
  for (const seg of specPath) spec = isRecord(spec) ? spec[seg as string] : undefined;
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
