import { y, type PolicyCases } from './case.js';

/** A Pod whose single container `app` has the given securityContext (flow style, line 9). */
const podWithSc = (sc: string) => y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: ${sc}
`;

/** A Pod whose single container has no securityContext: its container sits at line 7, column 7. */
const plainPod = y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

const hostFlag = (field: string) => y`
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      ${field}: true
      containers:
        - name: agent
          image: acme/agent:1.0
`;

const hostFlagCases = (policy: string, field: string, column: number): PolicyCases => ({
  policy,
  valid: [
    { name: 'not set', yaml: plainPod },
    { name: 'explicitly false', yaml: hostFlag(field).replace(`${field}: true`, `${field}: false`) },
  ],
  invalid: [{ name: 'true in a DaemonSet', yaml: hostFlag(field), findings: [{ path: `spec.template.spec.${field}`, line: 10, column }] }],
});

export const hostNetwork = hostFlagCases('host-network', 'hostNetwork', 20);
export const hostPid = hostFlagCases('host-pid', 'hostPID', 16);
export const hostIpc = hostFlagCases('host-ipc', 'hostIPC', 16);

export const privilegedContainer: PolicyCases = {
  policy: 'privileged-container',
  valid: [
    { name: 'no securityContext', yaml: plainPod },
    { name: 'privileged: false', yaml: podWithSc('{ privileged: false }') },
  ],
  invalid: [
    { name: 'privileged: true', yaml: podWithSc('{ privileged: true }'), findings: [{ path: 'spec.containers[0].securityContext.privileged', line: 9, column: 38 }] },
    {
      name: 'privileged init container',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: setup
      image: busybox:1.36
      securityContext:
        privileged: true
  containers:
    - name: app
      image: nginx:1.27
`,
      findings: [{ path: 'spec.initContainers[0].securityContext.privileged', line: 10, column: 21 }],
    },
  ],
};

export const privilegeEscalation: PolicyCases = {
  policy: 'privilege-escalation',
  valid: [
    { name: 'allowPrivilegeEscalation: false', yaml: podWithSc('{ allowPrivilegeEscalation: false }') },
    { name: 'privileged containers are left to privileged-container', yaml: podWithSc('{ privileged: true }') },
  ],
  invalid: [
    { name: 'explicitly true', yaml: podWithSc('{ allowPrivilegeEscalation: true }'), findings: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', line: 9, column: 52 }] },
    { name: 'securityContext without the field', yaml: podWithSc('{ runAsNonRoot: true }'), findings: [{ path: 'spec.containers[0].securityContext', line: 9, column: 24 }] },
    { name: 'no securityContext: the container', yaml: plainPod, findings: [{ path: 'spec.containers[0]', line: 7, column: 7 }] },
  ],
};

export const runAsNonRoot: PolicyCases = {
  policy: 'run-as-non-root',
  valid: [
    { name: 'container runAsNonRoot', yaml: podWithSc('{ runAsNonRoot: true }') },
    { name: 'container runAsUser above 0', yaml: podWithSc('{ runAsUser: 10001 }') },
    { name: 'non-root user and group', yaml: podWithSc('{ runAsUser: 10001, runAsGroup: 10001 }') },
    {
      name: 'pod-level runAsNonRoot inherited',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: 'Windows pods are skipped',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  os: { name: windows }
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
  ],
  invalid: [
    { name: 'nothing set: the container', yaml: plainPod, findings: [{ path: 'spec.containers[0]', line: 7, column: 7 }] },
    { name: 'runAsUser: 0 on the container', yaml: podWithSc('{ runAsUser: 0 }'), findings: [{ path: 'spec.containers[0].securityContext.runAsUser', line: 9, column: 37 }] },
    {
      name: 'runAsGroup: 0 on the container, even for a non-root user',
      yaml: podWithSc('{ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 0 }'),
      findings: [{ path: 'spec.containers[0].securityContext.runAsGroup', line: 9, column: 76 }],
    },
    {
      name: 'runAsGroup: 0 inherited from the pod; the container overrides it',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
    runAsGroup: 0
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27
      securityContext:
        runAsGroup: 3000
`,
      findings: [{ path: 'spec.securityContext.runAsGroup', line: 8, column: 17 }],
    },
    {
      name: 'container runAsNonRoot: false overrides the pod; pod runAsUser: 0 is inherited',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        runAsNonRoot: false
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  securityContext:
    runAsUser: 0
  containers:
    - name: b
      image: nginx:1.27
`,
      findings: [
        { path: 'spec.containers[0].securityContext.runAsNonRoot', line: 12, column: 23 },
        { path: 'spec.securityContext.runAsUser', line: 20, column: 16 },
      ],
    },
  ],
};

export const dangerousCapabilities: PolicyCases = {
  policy: 'dangerous-capabilities',
  valid: [
    { name: 'harmless capabilities added, ALL dropped', yaml: podWithSc('{ capabilities: { add: [NET_BIND_SERVICE, IPC_LOCK], drop: [ALL] } }') },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN and cap_net_raw, each at its list item',
      yaml: podWithSc('{ capabilities: { add: [CHOWN, SYS_ADMIN, cap_net_raw] } }'),
      findings: [
        { path: 'spec.containers[0].securityContext.capabilities.add[1]', line: 9, column: 55 },
        { path: 'spec.containers[0].securityContext.capabilities.add[2]', line: 9, column: 66 },
      ],
    },
  ],
};

export const dropAllCapabilities: PolicyCases = {
  policy: 'drop-all-capabilities',
  valid: [
    { name: 'drops ALL', yaml: podWithSc('{ capabilities: { drop: [ALL] } }') },
    { name: 'privileged containers are left to privileged-container', yaml: podWithSc('{ privileged: true }') },
  ],
  invalid: [
    { name: 'drops only some', yaml: podWithSc('{ capabilities: { drop: [NET_RAW] } }'), findings: [{ path: 'spec.containers[0].securityContext.capabilities.drop', line: 9, column: 48 }] },
    { name: 'no securityContext', yaml: plainPod, findings: [{ path: 'spec.containers[0]', line: 7, column: 7 }] },
  ],
};

export const readOnlyRootFilesystem: PolicyCases = {
  policy: 'read-only-root-filesystem',
  valid: [{ name: 'read-only', yaml: podWithSc('{ readOnlyRootFilesystem: true }') }],
  invalid: [
    { name: 'explicitly false', yaml: podWithSc('{ readOnlyRootFilesystem: false }'), findings: [{ path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', line: 9, column: 50 }] },
    { name: 'no securityContext', yaml: plainPod, findings: [{ path: 'spec.containers[0]', line: 7, column: 7 }] },
  ],
};

const volumesPod = (hostPath: string) => y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: cache
      emptyDir: {}
    - name: host
      hostPath:
        path: ${hostPath}
`;

export const hostPathVolume: PolicyCases = {
  policy: 'host-path-volume',
  valid: [
    { name: 'no volumes', yaml: plainPod },
    { name: 'runtime sockets are left to docker-socket-mount', yaml: volumesPod('/var/run/docker.sock') },
  ],
  invalid: [{ name: 'a host directory', yaml: volumesPod('/var/log'), findings: [{ path: 'spec.volumes[1].hostPath.path', line: 14, column: 15 }] }],
};

export const dockerSocketMount: PolicyCases = {
  policy: 'docker-socket-mount',
  valid: [{ name: 'another host path', yaml: volumesPod('/var/log') }],
  invalid: [
    { name: 'docker.sock', yaml: volumesPod('/var/run/docker.sock'), findings: [{ path: 'spec.volumes[1].hostPath.path', line: 14, column: 15 }] },
    { name: 'containerd.sock', yaml: volumesPod('/run/containerd/containerd.sock'), findings: [{ path: 'spec.volumes[1].hostPath.path', line: 14, column: 15 }] },
  ],
};

const portsPod = (ports: string) => y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
${ports}`;

export const hostPort: PolicyCases = {
  policy: 'host-port',
  valid: [{ name: 'container port only', yaml: portsPod('        - containerPort: 8080\n') }],
  invalid: [
    {
      name: 'hostPort on the second port',
      yaml: portsPod('        - containerPort: 8080\n        - containerPort: 9090\n          hostPort: 9090\n'),
      findings: [{ path: 'spec.containers[0].ports[1].hostPort', line: 12, column: 21 }],
    },
  ],
};

export const privilegedPorts: PolicyCases = {
  policy: 'privileged-ports',
  valid: [{ name: 'unprivileged port', yaml: portsPod('        - containerPort: 8080\n') }],
  invalid: [{ name: 'port 80', yaml: portsPod('        - containerPort: 80\n'), findings: [{ path: 'spec.containers[0].ports[0].containerPort', line: 10, column: 26 }] }],
};
