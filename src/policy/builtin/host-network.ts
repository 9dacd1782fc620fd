import { definePolicy } from '../define-policy.js';
import { podSpec } from './support/workload.js';
import { podSpecPath } from '../workload-shape.js';

export const hostNetwork = definePolicy({
  id: 'host-network',
  title: "Pods must not share the host's network namespace",
  severity: 'error',
  description: "The pod spec does not set `hostNetwork: true`: such a pod sees every interface of the node and bypasses NetworkPolicies.",
  remediation: "Remove `hostNetwork: true`; expose the pod through a Service instead.",
  match: { workloads: true },
  check(resource, ctx) {
    const path = podSpecPath(resource);
    if (path !== undefined && podSpec(resource)?.['hostNetwork'] === true) {
      ctx.report({ message: "pod shares the host's network namespace (`hostNetwork: true`)", path: [...path, 'hostNetwork'] });
    }
  },
});
