import { definePolicy, type Policy } from '../define-policy.js';
import { podSpecPath } from '../workload-shape.js';
import { podSpec } from './support/workload.js';

/** A pod spec field that shares one of the node's namespaces with the pod when `true`. */
function hostNamespacePolicy(id: string, field: 'hostNetwork' | 'hostPID' | 'hostIPC', namespace: string, risk: string, remediation: string): Policy {
  return definePolicy({
    id,
    title: `Pods must not share the host's ${namespace} namespace`,
    severity: 'error',
    description: `The pod spec does not set \`${field}: true\`: such a pod ${risk}.`,
    remediation,
    match: { workloads: true },
    check(resource, ctx) {
      const path = podSpecPath(resource);
      if (path !== undefined && podSpec(resource)?.[field] === true) {
        ctx.report({ message: `pod shares the host's ${namespace} namespace (\`${field}: true\`)`, path: [...path, field] });
      }
    },
  });
}

export const hostNetwork = hostNamespacePolicy(
  'host-network',
  'hostNetwork',
  'network',
  'sees every interface of the node and bypasses NetworkPolicies',
  'Remove `hostNetwork: true`; expose the pod through a Service instead.',
);
export const hostPid = hostNamespacePolicy('host-pid', 'hostPID', 'process', 'can see and signal every process on the node', 'Remove `hostPID: true`.');
export const hostIpc = hostNamespacePolicy('host-ipc', 'hostIPC', 'IPC', 'can read the shared memory of processes on the node', 'Remove `hostIPC: true`.');
