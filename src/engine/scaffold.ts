/** Where the package ships its editor schemas, relative to a project that installs it. */
const SCHEMAS = 'node_modules/copperplate/schemas';

/** The `# yaml-language-server: $schema=…` line of a file `depth` directories below the project root. */
function schemaLine(schema: 'config' | 'formation' | 'approvals', depth: number): string {
  const prefix = depth === 0 ? './' : '../'.repeat(depth);
  return `# yaml-language-server: $schema=${prefix}${SCHEMAS}/${schema}.schema.json`;
}

/**
 * The files `copperplate init` writes: a small project that renders and passes `check` with
 * the recommended built-ins, showing a shared layer, typed values (with a values schema) and
 * a project policy. Every YAML file copperplate reads names its JSON Schema for editors.
 */
export function scaffoldFiles(): Record<string, string> {
  return {
    'copperplate.yaml': `${schemaLine('config', 0)}
kubernetesVersion: "1.31"
builtinPolicies: [recommended]
approvals: approvals.yaml
`,
    // comments only (not \`[]\`): \`copperplate approve\` appends block-style entries below
    'approvals.yaml': `${schemaLine('approvals', 0)}
# Sign-offs and waivers: \`copperplate approve FINGERPRINT --by WHO --reason TEXT\` appends entries.
# Whoever may edit this file may approve: protect it with CODEOWNERS.
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
    'formations/_base.yaml': `${schemaLine('formation', 1)}
# A layer (files starting with _): values every formation extending it shares.
values:
  app: hello
  team: platform
  image:
    repository: ghcr.io/example/hello
    tag: "1.0.0"
`,
    'formations/staging.yaml': `${schemaLine('formation', 1)}
extends: [_base.yaml]
environment: staging
destination:
  context: staging
  namespace: hello-staging
values:
  replicas: 1
`,
    'formations/production.yaml': `${schemaLine('formation', 1)}
extends: [_base.yaml]
environment: production
destination:
  context: production
  namespace: hello
values:
  replicas: 3
`,
    'formations/values.schema.json': `${JSON.stringify(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'values of every formation (merged layers)',
        type: 'object',
        required: ['app', 'team', 'replicas', 'image'],
        properties: {
          app: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          team: { type: 'string', minLength: 1 },
          replicas: { type: 'integer', minimum: 1, maximum: 20 },
          image: {
            type: 'object',
            required: ['repository', 'tag'],
            additionalProperties: false,
            properties: { repository: { type: 'string' }, tag: { type: 'string', not: { const: 'latest' } } },
          },
        },
      },
      null,
      2,
    )}\n`,
    'policies/require-team-label.ts': `import { definePolicy } from 'copperplate/policy';

/** Every workload names the team that owns it, so alerts reach someone. */
export default definePolicy({
  id: 'require-team-label',
  title: 'Workloads carry a team label',
  severity: 'error',
  remediation: 'Add metadata.labels.team.',
  match: { workloads: true },   // anything that runs pods, Argo Rollouts and other CRDs included
  check(resource, ctx) {
    if (!resource.metadata.labels?.['team']) ctx.report({ message: 'missing label team', path: ['metadata', 'labels'] });
  },
});
`,
  };
}
