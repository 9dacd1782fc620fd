/**
 * The files `copperplate init` writes: a small project that renders and passes `check` with
 * the recommended built-ins, showing layers, typed values and a project policy.
 */
export function scaffoldFiles(): Record<string, string> {
  return {
    'copperplate.yaml': `kubernetesVersion: "1.31"
builtinPolicies: [recommended]
approvals: approvals.yaml
`,
    'approvals.yaml': `# Sign-offs and waivers. Protect this file with CODEOWNERS: whoever may edit it may approve.
[]
`,
    'stencils/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${app}
  namespace: \${formation.namespace}
  labels:
    app: \${app}
    team: \${team}
spec:
  replicas: \${replicas}
  selector:
    matchLabels:
      app: \${app}
  template:
    metadata:
      labels:
        app: \${app}
        team: \${team}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: \${app}
          image: "\${image.repository}:\${image.tag}"
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: \${app}
  namespace: \${formation.namespace}
spec:
  selector:
    app: \${app}
  ports:
    - port: 80
      targetPort: 8080
`,
    'formations/_base.yaml': `values:
  app: hello
  team: platform
  image:
    repository: ghcr.io/example/hello
    tag: "1.0.0"
`,
    'formations/staging.yaml': `extends: [_base.yaml]
environment: staging
destination:
  context: staging
  namespace: hello-staging
values:
  replicas: 1
`,
    'formations/production.yaml': `extends: [_base.yaml]
environment: production
destination:
  context: production
  namespace: hello
values:
  replicas: 3
`,
    'policies/require-team-label.ts': `import { definePolicy } from 'copperplate/policy';

/** Every workload names the team that owns it, so alerts reach someone. */
export default definePolicy({
  id: 'require-team-label',
  title: 'Workloads carry a team label',
  severity: 'error',
  remediation: 'Add metadata.labels.team.',
  match: { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'] },
  check(resource, ctx) {
    if (!resource.metadata.labels?.['team']) ctx.report({ message: 'missing label team', path: ['metadata', 'labels'] });
  },
});
`,
  };
}
