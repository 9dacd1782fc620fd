import { definePolicy } from '../define-policy.js';
import { podSpec } from './support/workload.js';
import { podSpecPath } from '../workload-shape.js';

export const hostPid = definePolicy({
  id: 'host-pid',
  title: "Pods must not share the host's process namespace",
  severity: 'error',
  description: "The pod spec does not set `hostPID: true`: such a pod can see and signal every process on the node.",
  remediation: "Remove `hostPID: true`.",
  match: { workloads: true },
  check(resource, ctx) {
    const path = podSpecPath(resource);
    if (path !== undefined && podSpec(resource)?.['hostPID'] === true) {
      ctx.report({ message: "pod shares the host's process namespace (`hostPID: true`)", path: [...path, 'hostPID'] });
    }
  },
});
