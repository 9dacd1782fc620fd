#!/usr/bin/env node
// Schema validation throughput: 6,000 rendered resources (Deployment, Service, ConfigMap,
// HorizontalPodAutoscaler, Ingress) validated in one process, after a build (`npx tsc -p
// tsconfig.build.json`). Prints `schema: N resources in X ms (Y resources/s)`.
// Parsing the YAML is not timed; the first validation of each kind (lazy loading) is.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const COUNT = Number(process.argv[2] ?? 6000);

function resource(i) {
  const name = `app-${i}`;
  switch (i % 5) {
    case 0:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: { app: ${name}, tier: web }
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.${i % 10}
          ports: [{ name: http, containerPort: 8080 }]
          env:
            - { name: MODE, value: production }
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: "1", memory: 512Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
`;
    case 1:
      return `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec:
  type: ClusterIP
  selector: { app: ${name} }
  ports:
    - { name: http, port: 80, targetPort: http }
`;
    case 2:
      return `apiVersion: v1
kind: ConfigMap
metadata: { name: ${name}, namespace: shop }
data:
  LOG_LEVEL: info
  FEATURE_X: "true"
  config.yaml: |
    listen: :8080
`;
    case 3:
      return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${name}, namespace: shop }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`;
    default:
      return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${name}, namespace: shop }
spec:
  ingressClassName: nginx
  tls: [{ hosts: [${name}.example.com], secretName: ${name}-tls }]
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: ${name}, port: { name: http } } }
`;
  }
}

/** Runs the measurement; `bench/run.mjs` may call it and format the result itself. */
export async function benchSchema(count = COUNT) {
  const t0 = performance.now();
  const { createSchemaValidator } = await import('../dist/schema/index.js');
  const importMs = performance.now() - t0;
  const { manifestsFromYaml } = await import('../dist/core/yaml-document.js');
  const { nodeFs } = await import('../dist/core/project-fs.js');
  const docs = [];
  for (let i = 0; i < count; i++) docs.push(resource(i));
  const { manifests } = manifestsFromYaml('bench/rendered.yaml', docs.join('---\n'));
  const validator = createSchemaValidator({ kubernetesVersion: '1.31', schemaLocations: [], strict: true, strictKinds: false, crds: [], fs: nodeFs });
  const start = performance.now();
  const { findings } = validator.validate(manifests);
  const ms = performance.now() - start;
  if (findings.length !== 0) throw new Error(`benchmark resources should be valid, got ${findings.length} findings: ${findings[0]?.message}`);
  return { resources: manifests.length, ms, perSecond: Math.round((manifests.length / ms) * 1000), importMs };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchSchema();
  process.stdout.write(`schema: ${r.resources} resources in ${r.ms.toFixed(0)} ms (${r.perSecond} resources/s)\n`);
  process.stdout.write(`schema: import ${r.importMs.toFixed(1)} ms\n`);
}
