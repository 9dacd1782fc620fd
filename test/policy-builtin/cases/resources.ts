import { y, type PolicyCases } from './case.js';

/** A Pod whose container `app` (line 7, column 7) has the given `resources` (flow style, line 9). */
const withResources = (resources: string) => y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources: ${resources}
`;

const noResources = y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
`;

const full = '{ requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: "1", memory: 256Mi } }';

export const cpuRequests: PolicyCases = {
  policy: 'cpu-requests',
  valid: [
    { name: 'requests and limits', yaml: withResources(full) },
    { name: 'a limit alone (Kubernetes requests the limit)', yaml: withResources('{ limits: { cpu: 500m } }') },
  ],
  invalid: [
    { name: 'no resources: the app container only, not the init container', yaml: noResources, findings: [{ path: 'spec.containers[0]', line: 10, column: 7 }] },
    { name: 'requests without cpu', yaml: withResources('{ requests: { memory: 128Mi } }'), findings: [{ path: 'spec.containers[0].resources.requests', line: 9, column: 30 }] },
  ],
};

export const memoryRequests: PolicyCases = {
  policy: 'memory-requests',
  valid: [
    { name: 'requests and limits', yaml: withResources(full) },
    { name: 'a limit alone', yaml: withResources('{ limits: { memory: 256Mi } }') },
  ],
  invalid: [
    { name: 'resources without requests', yaml: withResources('{ limits: { cpu: 500m } }'), findings: [{ path: 'spec.containers[0].resources', line: 9, column: 18 }] },
  ],
};

export const memoryLimits: PolicyCases = {
  policy: 'memory-limits',
  valid: [{ name: 'requests and limits', yaml: withResources(full) }],
  invalid: [
    { name: 'requests only', yaml: withResources('{ requests: { cpu: 100m, memory: 128Mi } }'), findings: [{ path: 'spec.containers[0].resources', line: 9, column: 18 }] },
    { name: 'empty memory limit', yaml: withResources('{ limits: { cpu: "1", memory: "" } }'), findings: [{ path: 'spec.containers[0].resources.limits.memory', line: 9, column: 48 }] },
  ],
};

export const cpuLimits: PolicyCases = {
  policy: 'cpu-limits',
  valid: [{ name: 'requests and limits', yaml: withResources(full) }],
  invalid: [
    { name: 'memory limit only', yaml: withResources('{ limits: { memory: 256Mi } }'), findings: [{ path: 'spec.containers[0].resources.limits', line: 9, column: 28 }] },
    {
      name: 'native sidecars count, plain init containers do not',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: busybox:1.36
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
  containers:
    - name: app
      image: nginx:1.27
      resources: ${full}
`,
      findings: [{ path: 'spec.initContainers[1]', line: 9, column: 7 }],
    },
  ],
};
