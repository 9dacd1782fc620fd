import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { Manifest } from '../../src/core/manifest.js';
import { memoryFs, nodeFs } from '../../src/core/project-fs.js';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { createSchemaValidator, type SchemaOptions } from '../../src/schema/index.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

function parse(text: string, file = 'stencils/app.yaml'): Manifest[] {
  const { manifests, diagnostics } = manifestsFromYaml(file, text);
  expect(diagnostics).toEqual([]);
  return manifests;
}

function run(text: string, options: Partial<SchemaOptions> = {}) {
  const validator = createSchemaValidator({ kubernetesVersion: '1.31', schemaLocations: [], strict: true, strictKinds: false, crds: [], fs: nodeFs, ...options });
  return validator.validate(parse(text));
}

/** code@path line:column severity, the parts tests pin down. */
function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.path} ${f.line}:${f.column} ${f.severity}`);
}

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('built-in kinds', () => {
  it('accepts a valid Deployment, Service and ConfigMap', () => {
    const { findings, diagnostics } = run(`${deployment('  replicas: 3')}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports:
    - { name: http, port: 80, targetPort: http }
    - { name: admin, port: 81, targetPort: 8080 }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data: { a: "1" }
`);
    expect(findings).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reports a wrong type at its line and column', () => {
    const { findings } = run(deployment('  replicas: "three"'));
    expect(brief(findings)).toEqual(['SCHEMA_INVALID@spec.replicas 6:13 error']);
    expect(findings[0]).toMatchObject({ policy: 'schema', resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, file: 'stencils/app.yaml' });
  });

  it('reports an unknown field with a did-you-mean', () => {
    const { findings } = run(deployment('  replica: 3'));
    expect(brief(findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@spec.replica 6:3 error']);
    expect(findings[0]?.message).toContain('"replicas"');
    expect(findings[0]?.remediation).toContain('"replicas"');
  });

  it('finds unknown fields deep inside the pod template and metadata', () => {
    const { findings } = run(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  lables: { app: web }
spec:
  selector: {}
  template:
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: Always
          resource: {}
`);
    expect(brief(findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@metadata.lables 5:3 error', 'SCHEMA_UNKNOWN_FIELD@spec.template.spec.containers[0].resource 14:11 error']);
    expect(findings[1]?.message).toContain('"resources"');
  });

  it('reports missing required fields at the nearest existing parent', () => {
    const { findings } = run(`apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
`);
    expect(findings.map((f) => f.path)).toEqual(['spec.selector', 'spec.template']);
    expect(findings.every((f) => f.code === 'SCHEMA_INVALID' && f.line === 5 && f.column === 3)).toBe(true);
  });

  it.each([
    ['http', true],
    [8080, true],
    ['true', false],
    ['[80]', false],
  ])('int-or-string targetPort %s → valid %s', (value, valid) => {
    const { findings } = run(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  ports:
    - port: 80
      targetPort: ${String(value)}
`);
    expect(brief(findings)).toEqual(valid ? [] : ['SCHEMA_INVALID@spec.ports[0].targetPort 7:19 error']);
  });

  it.each([
    ['cpu: 500m', true],
    ['memory: 1Gi', true],
    ['cpu: 2', true],
    ['cpu: 0.5', true],
    ['memory: 128974848e3', true],
    ['cpu: five', false],
    ['memory: 1 GB', false],
  ])('quantity %s → valid %s', (line, valid) => {
    const { findings } = run(`apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: c
      image: busybox
      resources:
        limits:
          ${line}
`);
    expect(findings.map((f) => f.code)).toEqual(valid ? [] : ['SCHEMA_INVALID']);
    if (!valid) expect(findings[0]).toMatchObject({ line: 10, column: line.indexOf(':') + 13 });
  });

  it('checks Secret data is base64 but accepts redacted secret stand-ins', () => {
    const { findings } = run(`apiVersion: v1
kind: Secret
metadata: { name: s }
data:
  password: "(secret:db_password)"
  ok: aGVsbG8=
  bad: "not base64!"
stringData:
  token: (secret:api_token)
`);
    expect(brief(findings)).toEqual(['SCHEMA_INVALID@data.bad 7:8 error']);
  });

  it('ignores status, which the cluster writes', () => {
    const { findings } = run(`apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, creationTimestamp: null }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: postgres }] }
status: {}
`);
    expect(findings).toEqual([]);
  });

  it('leaves embedded raw data (RawExtension) unchecked', () => {
    const { findings } = run(`apiVersion: apps/v1
kind: ControllerRevision
metadata: { name: r }
revision: 1
data:
  anything: { goes: [1, 2] }
`);
    expect(findings).toEqual([]);
  });

  it('targeting a release newer than the bundled schemas, an unknown field is a warning unless it looks like a typo', () => {
    const text = deployment('  replica: 3\n  rolloutGate: { wait: true }');
    expect(brief(run(text, { kubernetesVersion: '1.34' }).findings)).toEqual([
      'SCHEMA_UNKNOWN_FIELD@spec.replica 6:3 error',
      'SCHEMA_UNKNOWN_FIELD@spec.rolloutGate 7:3 warning',
    ]);
    expect(brief(run(text).findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@spec.replica 6:3 error', 'SCHEMA_UNKNOWN_FIELD@spec.rolloutGate 7:3 error']);
  });

  it('does not report unknown fields when strict is off', () => {
    const { findings } = run(deployment('  replica: 3'), { strict: false });
    expect(findings).toEqual([]);
  });

  it('validates each resource of a List at its own position', () => {
    const { findings } = run(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: ok }
    data: { a: b }
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: bad }
    dat: { a: b }
`);
    expect(brief(findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@dat 11:5 error']);
    expect(findings[0]?.resource).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'bad' });
    expect(findings[0]?.message).toContain('"data"');
  });

  it('validates a List the YAML reader already expanded', () => {
    const manifests = parse(`apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a }, data: { x: 1 } }
`);
    expect(manifests).toHaveLength(1);
    const validator = createSchemaValidator({ kubernetesVersion: '1.31', schemaLocations: [], strict: true, strictKinds: false, crds: [], fs: nodeFs });
    expect(brief(validator.validate(manifests).findings)).toEqual(['SCHEMA_INVALID@data.x 4:74 error']);
  });

  it('reports a missing apiVersion or kind', () => {
    const { findings } = run('kind: ConfigMap\nmetadata: { name: a }\n');
    expect(findings.map((f) => `${f.code}@${f.path}`)).toEqual(['SCHEMA_INVALID@apiVersion']);
  });
});

describe('kinds without a schema', () => {
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { size: 1 }\n';

  it('is a warning by default and an error with strictKinds', () => {
    expect(brief(run(widget).findings)).toEqual(['SCHEMA_NOT_FOUND@kind 2:7 warning']);
    expect(brief(run(widget, { strictKinds: true }).findings)).toEqual(['SCHEMA_NOT_FOUND@kind 2:7 error']);
  });

  it('suggests a built-in kind for a misspelt one', () => {
    const { findings } = run('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: a }\n');
    expect(findings[0]?.code).toBe('SCHEMA_NOT_FOUND');
    expect(findings[0]?.message).toContain('"Deployment"');
  });
});

describe('removed and deprecated APIs', () => {
  const cronJob = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: CronJob
metadata: { name: nightly }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: c, image: busybox }]
`;

  it('batch/v1beta1 CronJob on 1.31 is an error naming batch/v1', () => {
    const { findings } = run(cronJob('batch/v1beta1'));
    expect(brief(findings)).toEqual(['API_REMOVED@apiVersion 1:13 error']);
    expect(findings[0]?.message).toContain('batch/v1 ');
    expect(findings[0]?.message).toContain('1.25');
  });

  it('batch/v1beta1 CronJob on 1.24 is a warning naming 1.25, and is still validated', () => {
    const { findings } = run(cronJob('batch/v1beta1').replace('schedule:', 'schedul:'), { kubernetesVersion: '1.24' });
    expect(brief(findings)).toEqual([
      'API_DEPRECATED@apiVersion 1:13 warning',
      'SCHEMA_INVALID@spec.schedule 5:3 error',
      'SCHEMA_UNKNOWN_FIELD@spec.schedul 5:3 error',
    ]);
    expect(findings[0]?.message).toContain('1.25');
    expect(findings[0]?.message).toContain('batch/v1 ');
  });

  it('batch/v1 CronJob before 1.21 is not served', () => {
    expect(brief(run(cronJob('batch/v1'), { kubernetesVersion: '1.20' }).findings)).toEqual(['API_NOT_AVAILABLE@apiVersion 1:13 error']);
    expect(run(cronJob('batch/v1')).findings).toEqual([]);
  });

  it.each([
    ['extensions/v1beta1', 'Ingress', '1.22', 'API_REMOVED', 'networking.k8s.io/v1 Ingress'],
    ['extensions/v1beta1', 'Ingress', '1.20', 'API_DEPRECATED', 'networking.k8s.io/v1 Ingress'],
    ['extensions/v1beta1', 'Ingress', '1.18', 'API_DEPRECATED', 'networking.k8s.io/v1beta1 Ingress'],
    ['extensions/v1beta1', 'Deployment', '1.16', 'API_REMOVED', 'apps/v1 Deployment'],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.31', 'API_REMOVED', 'no replacement'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.25', 'API_REMOVED', 'policy/v1 PodDisruptionBudget'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26', 'API_REMOVED', 'autoscaling/v2 HorizontalPodAutoscaler'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.25', 'API_DEPRECATED', 'removed in Kubernetes 1.26'],
    ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.27', 'API_REMOVED', 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29', 'API_REMOVED', 'flowcontrol.apiserver.k8s.io/v1 FlowSchema'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.31', 'API_DEPRECATED', 'removed in Kubernetes 1.32'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.32', 'API_REMOVED', 'flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27', 'API_REMOVED', 'storage.k8s.io/v1 CSIStorageCapacity'],
    ['v1', 'Endpoints', '1.34', 'API_DEPRECATED', 'discovery.k8s.io/v1 EndpointSlice'],
    ['networking.k8s.io/v1', 'ServiceCIDR', '1.31', 'API_NOT_AVAILABLE', '1.33'],
  ])('%s %s on %s → %s naming %s', (apiVersion, kind, version, code, named) => {
    const { findings } = run(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x }\n`, { kubernetesVersion: version });
    const f = findings.find((x) => x.code === code);
    expect(f, JSON.stringify(findings)).toBeDefined();
    expect(f?.severity).toBe(code === 'API_DEPRECATED' ? 'warning' : 'error');
    expect(f?.line).toBe(1);
    expect(f?.message).toContain(named);
  });

  it('does not flag an API before its deprecation', () => {
    const { findings } = run(cronJob('batch/v1beta1'), { kubernetesVersion: '1.20' });
    expect(findings).toEqual([]);
  });
});

describe('custom resources', () => {
  const crdFile = path.join(fixtures, 'schema-crds/crds/widget.yaml');
  const crds = parse(nodeFs.readFile(crdFile) ?? '', 'crds/widget.yaml');
  const widget = (spec: string, apiVersion = 'example.com/v1') => `apiVersion: ${apiVersion}
kind: Widget
metadata:
  name: w
  namespace: shop
spec:
${spec}
`;

  it('accepts a valid custom resource, honouring int-or-string, nullable, preserve-unknown-fields and embedded resources', () => {
    const { findings } = run(
      widget(`  size: 3
  color: red
  port: http
  note: null
  limits: { cpu: 500m, pods: 4 }
  config:
    anything: { nested: [1, 2, 3] }
  template:
    apiVersion: v1
    kind: ConfigMap
    metadata: { name: inner }
    data: { a: b }`),
      { crds },
    );
    expect(findings).toEqual([]);
    expect(run(widget('  size: 3\n  port: 8080'), { crds }).findings).toEqual([]);
  });

  it('reports type, enum, minimum, required and unknown-field errors at their positions', () => {
    const { findings } = run(
      widget(`  size: big
  color: purple
  port: true
  colour: red`),
      { crds },
    );
    expect(brief(findings)).toEqual([
      'SCHEMA_INVALID@spec.size 7:9 error',
      'SCHEMA_INVALID@spec.color 8:10 error',
      'SCHEMA_INVALID@spec.port 9:9 error',
      'SCHEMA_UNKNOWN_FIELD@spec.colour 10:3 error',
    ]);
    expect(findings[3]?.message).toContain('"color"');
    expect(brief(run(widget('  color: red'), { crds }).findings)).toEqual(['SCHEMA_INVALID@spec.size 7:3 error']);
    expect(brief(run(widget('  size: 0'), { crds }).findings)).toEqual(['SCHEMA_INVALID@spec.size 7:9 error']);
  });

  it('checks metadata of custom resources as ObjectMeta', () => {
    const { findings } = run(widget('  size: 1').replace('namespace: shop', 'namespace: shop\n  lables: {}'), { crds });
    expect(brief(findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@metadata.lables 6:3 error']);
  });

  it('finds CRDs in the validated stream too', () => {
    const crdText = nodeFs.readFile(crdFile) ?? '';
    const stream = `${crdText}---\n${widget('  size: 1\n  extra: 1')}`;
    const { findings } = run(stream);
    const line = crdText.split('\n').length + 8;
    expect(brief(findings)).toEqual([`SCHEMA_UNKNOWN_FIELD@spec.extra ${line}:3 error`]);
  });

  it('a deprecated CRD version warns with its deprecation warning; its preserve-unknown-fields spec accepts anything', () => {
    const { findings } = run(widget('  whatever: [1]', 'example.com/v1beta1'), { crds });
    expect(brief(findings)).toEqual(['API_DEPRECATED@apiVersion 1:13 warning']);
    expect(findings[0]?.message).toContain('use example.com/v1 Widget');
  });

  it('a version the CRD does not serve is an error', () => {
    const { findings } = run(widget('  size: 1', 'example.com/v1alpha1'), { crds });
    expect(brief(findings)).toEqual(['API_NOT_SERVED@apiVersion 1:13 error']);
    expect(findings[0]?.message).toContain('v1beta1, v1');
  });

  it('keeps CRD constraints on metadata.name and honours legacy spec.preserveUnknownFields', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gizmos.example.com }
spec:
  group: example.com
  names: { kind: Gizmo, plural: gizmos }
  scope: Namespaced
  preserveUnknownFields: true
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            metadata:
              type: object
              properties:
                name: { type: string, maxLength: 5 }
            spec:
              type: object
              properties:
                size: { type: integer }
`;
    const gizmo = (name: string, spec: string) => `---\napiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: ${name}\n  labels: { a: b }\nspec:\n${spec}\n`;
    expect(run(crd + gizmo('short', '  size: 1\n  extra: true')).findings).toEqual([]);
    expect(run(crd + gizmo('much-too-long', '  size: 1')).findings.map((f) => `${f.code}@${f.path}`)).toEqual(['SCHEMA_INVALID@metadata.name']);
    expect(run(crd + gizmo('short', '  size: one')).findings.map((f) => `${f.code}@${f.path}`)).toEqual(['SCHEMA_INVALID@spec.size']);
  });

  it('reads legacy apiextensions.k8s.io/v1beta1 CRDs (removed API, schema still used)', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: olds.example.com }
spec:
  group: example.com
  version: v1
  names: { kind: Old, plural: olds }
  scope: Namespaced
  validation:
    openAPIV3Schema:
      type: object
      properties:
        spec:
          type: object
          properties:
            level: { type: integer }
---
apiVersion: example.com/v1
kind: Old
metadata: { name: o }
spec: { levle: 1 }
`;
    const { findings } = run(crd);
    expect(findings.map((f) => `${f.code}@${f.path} ${f.resource.kind}`)).toEqual(['API_REMOVED@apiVersion CustomResourceDefinition', 'SCHEMA_UNKNOWN_FIELD@spec.levle Old']);
  });

  it('a CRD schema ajv cannot compile is reported on the CRD', () => {
    const broken = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: things.example.com }
spec:
  group: example.com
  names: { kind: Thing, plural: things }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: objekt }
---
apiVersion: example.com/v1
kind: Thing
metadata: { name: t }
`;
    const { findings } = run(broken);
    expect(findings.map((f) => `${f.code} ${f.resource.kind}`)).toEqual(['CRD_SCHEMA_INVALID CustomResourceDefinition']);
    expect(findings[0]?.line).toBe(14);
  });
});

describe('schemaLocations', () => {
  const dir = path.join(fixtures, 'schema-locations');

  it('uses a kubeconform directory before the bundled schemas', () => {
    // The fixture caps replicas at 50, which the bundled schema does not: proof it was used.
    const { findings } = run(deployment('  replicas: 100\n  replica: 1'), { schemaLocations: [dir] });
    expect(brief(findings)).toEqual(['SCHEMA_INVALID@spec.replicas 6:13 error', 'SCHEMA_UNKNOWN_FIELD@spec.replica 7:3 error']);
    expect(findings.find((f) => f.code === 'SCHEMA_UNKNOWN_FIELD')?.message).toContain('"replicas"');
  });

  it('supports kubeconform path templates', () => {
    const template = `${dir}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
    expect(brief(run(deployment('  replicas: 100'), { schemaLocations: [template] }).findings)).toEqual(['SCHEMA_INVALID@spec.replicas 6:13 error']);
    expect(run(deployment('  replicas: 100'), { schemaLocations: [template], kubernetesVersion: '1.30' }).findings).toEqual([]);
  });

  it('reads flat {kind}-{group}-{version}.json files and makes them strict', () => {
    const gadget = 'apiVersion: tools.example.io/v1\nkind: Gadget\nmetadata: { name: g }\nspec:\n  gears: 2\n  gear: 1\n';
    expect(brief(run(gadget, { schemaLocations: [path.join(dir, 'flat')] }).findings)).toEqual(['SCHEMA_UNKNOWN_FIELD@spec.gear 6:3 error']);
    expect(run(gadget, { schemaLocations: [path.join(dir, 'flat')], strict: false }).findings).toEqual([]);
  });

  it('reports an unreadable schema file as a diagnostic', () => {
    const fs = memoryFs({ '/schemas/v1.31.0-standalone-strict/configmap-v1.json': '{ not json' });
    const { diagnostics, findings } = run('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n', { schemaLocations: ['/schemas'], fs });
    expect(diagnostics.map((d) => d.code)).toEqual(['SCHEMA_LOCATION_INVALID']);
    expect(findings).toEqual([]);
  });

  it('warns about remote locations instead of downloading', () => {
    const { diagnostics } = run('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n', { schemaLocations: ['https://example.com/schemas'] });
    expect(diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['SCHEMA_LOCATION_UNSUPPORTED warning']);
  });
});

describe('reporting', () => {
  it('carries formation and valueSource from the manifest', () => {
    const [m] = parse(deployment('  replicas: "3"'));
    if (!m) throw new Error('no manifest');
    const manifest: Manifest = {
      ...m,
      formation: 'staging',
      locate: (p) => ({ ...m.locate(p), valueSource: { file: 'formations/staging.yaml', line: 4, column: 13 } }),
    };
    const validator = createSchemaValidator({ kubernetesVersion: '1.31', schemaLocations: [], strict: true, strictKinds: false, crds: [], fs: nodeFs });
    const [f] = validator.validate([manifest]).findings;
    expect(f).toMatchObject({ formation: 'staging', valueSource: { file: 'formations/staging.yaml', line: 4, column: 13 }, line: 6, column: 13 });
  });

  it('is deterministic', () => {
    const text = `${deployment('  replica: 3\n  replicas: x\n  paused: 1')}---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata: { name: c }\n`;
    const a = run(text);
    const b = run(text);
    expect(a).toEqual(b);
    expect(brief(a.findings)).toEqual([
      'SCHEMA_UNKNOWN_FIELD@spec.replica 6:3 error',
      'SCHEMA_INVALID@spec.replicas 7:13 error',
      'SCHEMA_INVALID@spec.paused 8:11 error',
      'API_REMOVED@apiVersion 19:13 error',
    ]);
  });

  it('reports an invalid kubernetesVersion once and falls back to the default', () => {
    const { diagnostics } = run('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n', { kubernetesVersion: 'latest' });
    expect(diagnostics.map((d) => d.code)).toEqual(['SCHEMA_VERSION_INVALID']);
  });
});
