import { definePolicy } from '../define-policy.js';
import { podSpec, podSpecPath, WORKLOAD_KINDS } from './support/workload.js';

export const hostNetwork = definePolicy({
  id: 'host-network',
  title: "Pods must not share the host's network namespace",
  severity: 'error',
  description: "The pod spec does not set `hostNetwork: true`: such a pod sees every interface of the node and bypasses NetworkPolicies.",
  remediation: "Remove `hostNetwork: true`; expose the pod through a Service instead.",
  match: { kinds: WORKLOAD_KINDS },
  check(resource, ctx) {
    const path = podSpecPath(resource.kind);
    if (path !== undefined && podSpec(resource)?.['hostNetwork'] === true) {
      ctx.report({ message: "pod shares the host's network namespace (`hostNetwork: true`)", path: [...path, 'hostNetwork'] });
    }
  },
});
