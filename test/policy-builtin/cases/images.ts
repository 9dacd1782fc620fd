import { y, type PolicyCases } from './case.js';

export const noLatestTag: PolicyCases = {
  policy: 'no-latest-tag',
  valid: [
    {
      name: 'explicit version tag',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: ghcr.io/acme/web:1.4.2
`,
    },
    {
      name: 'digest-pinned, with or without a latest tag; registry with a port',
      yaml: y`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
        - name: init
          image: busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111
      containers:
        - name: web
          image: nginx:latest@sha256:2222222222222222222222222222222222222222222222222222222222222222
        - name: side
          image: registry.local:5000/acme/side:2.0
`,
    },
    {
      name: 'kinds without containers are not looked at',
      yaml: y`
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  image: nginx:latest
`,
    },
  ],
  invalid: [
    {
      name: 'explicit :latest in a Deployment',
      yaml: y`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:latest
`,
      findings: [{ path: 'spec.template.spec.containers[0].image', line: 14, column: 18 }],
    },
    {
      name: 'untagged images (also behind a registry port) in init, app and ephemeral containers of a Pod',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: init
      image: busybox
  containers:
    - name: app
      image: "registry.local:5000/acme/app"
  ephemeralContainers:
    - name: debug
      image: ghcr.io/acme/debug:latest
`,
      findings: [
        { path: 'spec.initContainers[0].image', line: 8, column: 14 },
        { path: 'spec.containers[0].image', line: 11, column: 14 },
        { path: 'spec.ephemeralContainers[0].image', line: 14, column: 14 },
      ],
    },
    {
      name: 'CronJob',
      yaml: y`
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: job
              image: acme/report
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].image', line: 14, column: 22 }],
    },
    {
      name: 'workloads by shape: an Argo Rollout and an OpenShift DeploymentConfig',
      yaml: y`
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:latest
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: legacy
spec:
  replicas: 2
  selector: { app: legacy }
  template:
    metadata: { labels: { app: legacy } }
    spec:
      containers:
        - name: legacy
          image: quay.io/acme/legacy:latest
`,
      findings: [
        { path: 'spec.template.spec.containers[0].image', line: 13, column: 18 },
        { path: 'spec.template.spec.containers[0].image', line: 27, column: 18 },
      ],
    },
    {
      name: 'workloads by shape: a custom kind with a CronJob-like job template',
      yaml: y`
apiVersion: example.com/v1
kind: ScheduledTask
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: task
              image: acme/task
`,
      findings: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].image', line: 12, column: 22 }],
    },
  ],
};

export const imagePullPolicy: PolicyCases = {
  policy: 'image-pull-policy',
  valid: [
    {
      name: 'Always, or pinned by digest',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: nginx:1.27
      imagePullPolicy: Always
    - name: b
      image: nginx@sha256:1111111111111111111111111111111111111111111111111111111111111111
`,
    },
  ],
  invalid: [
    {
      name: 'IfNotPresent points at the field, a missing policy at the container',
      yaml: y`
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: nginx:1.27
      imagePullPolicy: IfNotPresent
    - name: b
      image: nginx:1.27
`,
      findings: [
        { path: 'spec.containers[0].imagePullPolicy', line: 9, column: 24 },
        { path: 'spec.containers[1]', line: 10, column: 7 },
      ],
    },
  ],
};
