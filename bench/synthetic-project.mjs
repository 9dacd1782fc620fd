// Generates the benchmark project: F formations × S stencils × 2 documents, each formation
// with its own values, plus the same resources as F Kustomize overlays over one base.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeSyntheticProject(dir, { formations = 100, stencils = 30 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const w = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  w('copperplate.yaml', 'kubernetesVersion: "1.31"\nbuiltinPolicies: [recommended]\n');
  for (let s = 0; s < stencils; s++) {
    w(`stencils/app-${s}.yaml`, stencil(`app-${s}`, s));
  }
  w('formations/_base.yaml', 'values:\n  registry: ghcr.io/acme\n  cpu: 100m\n  memory: 128Mi\n');
  for (let f = 0; f < formations; f++) {
    const apps = Array.from({ length: stencils }, (_, s) => `    app-${s}: { replicas: ${1 + ((f + s) % 5)}, tag: "1.${f}.${s}" }`).join('\n');
    w(`formations/f${f}.yaml`, `extends: [_base.yaml]\nenvironment: env-${f % 3}\ndestination:\n  context: cluster-${f}\n  namespace: ns-${f}\nvalues:\n  apps:\n${apps}\n`);
  }
  // Kustomize: one base with the same 60 documents, one overlay per formation patching the
  // per-formation values (namespace, replicas, image tag).
  const base = path.join(dir, 'kustomize', 'base');
  const resources = [];
  for (let s = 0; s < stencils; s++) {
    const file = `app-${s}.yaml`;
    resources.push(file);
    w(path.relative(dir, path.join(base, file)), kustomizeBase(`app-${s}`, s));
  }
  w(path.relative(dir, path.join(base, 'kustomization.yaml')), `resources:\n${resources.map((r) => `  - ${r}`).join('\n')}\n`);
  for (let f = 0; f < formations; f++) {
    const replicas = Array.from({ length: stencils }, (_, s) => `  - name: app-${s}\n    count: ${1 + ((f + s) % 5)}`).join('\n');
    const images = Array.from({ length: stencils }, (_, s) => `  - name: ghcr.io/acme/app-${s}\n    newTag: "1.${f}.${s}"`).join('\n');
    w(
      `kustomize/overlays/f${f}/kustomization.yaml`,
      `resources:\n  - ../../base\nnamespace: ns-${f}\nlabels:\n  - pairs:\n      environment: env-${f % 3}\nreplicas:\n${replicas}\nimages:\n${images}\n`,
    );
  }
  return { resources: formations * stencils * 2 };
}

function stencil(name, s) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: \${formation.namespace}
  labels:
    app: ${name}
    environment: \${formation.environment}
spec:
  replicas: \${apps.${name}.replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      containers:
        - name: ${name}
          image: "\${registry}/${name}:\${apps.${name}.tag}"
          ports: [{ containerPort: ${8000 + s} }]
          resources:
            requests:
              cpu: \${cpu}
              memory: \${memory}
            limits:
              memory: \${memory}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: \${formation.namespace}
spec:
  selector: { app: ${name} }
  ports: [{ port: 80, targetPort: ${8000 + s} }]
`;
}

function kustomizeBase(name, s) {
  return stencil(name, s)
    .replaceAll('${formation.namespace}', 'default')
    .replaceAll('${formation.environment}', 'base')
    .replace(`\${apps.${name}.replicas}`, '1')
    .replace(`"\${registry}/${name}:\${apps.${name}.tag}"`, `ghcr.io/acme/${name}:0.0.0`)
    .replaceAll('${cpu}', '100m')
    .replaceAll('${memory}', '128Mi');
}
