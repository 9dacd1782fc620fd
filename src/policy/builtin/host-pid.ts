import { definePolicy } from '../define-policy.js';
import { podSpec, podSpecPath, WORKLOAD_KINDS } from './support/workload.js';

export const hostPid = definePolicy({
  id: 'host-pid',
  title: "Pods must not share the host's process namespace",
  severity: 'error',
  description: "The pod spec does not set `hostPID: true`: such a pod can see and signal every process on the node.",
  remediation: "Remove `hostPID: true`.",
  match: { kinds: WORKLOAD_KINDS },
  check(resource, ctx) {
    const path = podSpecPath(resource.kind);
    if (path !== undefined && podSpec(resource)?.['hostPID'] === true) {
      ctx.report({ message: "pod shares the host's process namespace (`hostPID: true`)", path: [...path, 'hostPID'] });
    }
  },
});
