import { definePolicy } from '../define-policy.js';
import { podSpec } from './support/workload.js';
import { podSpecPath } from '../workload-shape.js';

export const hostIpc = definePolicy({
  id: 'host-ipc',
  title: "Pods must not share the host's IPC namespace",
  severity: 'error',
  description: "The pod spec does not set `hostIPC: true`: such a pod can read the shared memory of processes on the node.",
  remediation: "Remove `hostIPC: true`.",
  match: { workloads: true },
  check(resource, ctx) {
    const path = podSpecPath(resource);
    if (path !== undefined && podSpec(resource)?.['hostIPC'] === true) {
      ctx.report({ message: "pod shares the host's IPC namespace (`hostIPC: true`)", path: [...path, 'hostIPC'] });
    }
  },
});
