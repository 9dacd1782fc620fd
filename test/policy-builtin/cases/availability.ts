import { y, type PolicyCases } from './case.js';

/** Deployment `web` in `shop`: replicas at line 7 col 13, template labels at line 12 col 15, container at line 15 col 11. */
const deployment = (replicas: number, podSpecExtra = '') => y`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web, tier: front }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2
${podSpecExtra}`;

const probes = `          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          readinessProbe: { httpGet: { path: /ready, port: 8080 } }
`;

const networkPolicy = (podSelector: string, namespace = 'shop') => y`
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: ${namespace}
spec:
  podSelector: ${podSelector}
  policyTypes: [Ingress]
`;

const pdb = (selector: string) => y`
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector: ${selector}
`;

export const livenessProbe: PolicyCases = {
  policy: 'liveness-probe',
  valid: [
    { name: 'probe set', yaml: deployment(1, probes) },
    {
      name: 'Jobs are not checked',
      yaml: y`
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: acme/migrate:1.0
`,
    },
  ],
  invalid: [{ name: 'no probe: the container', yaml: deployment(1), findings: [{ path: 'spec.template.spec.containers[0]', line: 15, column: 11 }] }],
};

export const readinessProbe: PolicyCases = {
  policy: 'readiness-probe',
  valid: [{ name: 'probe set', yaml: deployment(1, probes) }],
  invalid: [
    {
      name: 'liveness only',
      yaml: deployment(1, '          livenessProbe: { tcpSocket: { port: 8080 } }\n'),
      findings: [{ path: 'spec.template.spec.containers[0]', line: 15, column: 11 }],
    },
  ],
};

export const podAntiAffinity: PolicyCases = {
  policy: 'pod-anti-affinity',
  valid: [
    { name: 'a single replica', yaml: deployment(1) },
    {
      name: 'preferred anti-affinity',
      yaml: deployment(
        3,
        '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm: { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } } }\n',
      ),
    },
    {
      name: "a required term listing the pod's own namespace, next to a term that does not qualify",
      yaml: deployment(
        3,
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - { topologyKey: topology.kubernetes.io/zone, labelSelector: { matchLabels: { app: web } } }\n' +
          '            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } }, namespaces: [shop] }\n',
      ),
    },
    {
      name: 'a namespaceSelector widens the term to the pod\'s namespace',
      yaml: deployment(3, '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } }, namespaces: [other], namespaceSelector: {} }\n'),
    },
    {
      name: 'topology spread constraints',
      yaml: deployment(3, '      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: { matchLabels: { app: web } } }\n'),
    },
  ],
  invalid: [
    { name: 'three replicas, no spreading', yaml: deployment(3), findings: [{ path: 'spec.replicas', line: 7, column: 13 }] },
    {
      name: 'node affinity is not anti-affinity',
      yaml: deployment(2, '      affinity:\n        nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] }\n'),
      findings: [{ path: 'spec.replicas', line: 7, column: 13 }],
    },
    {
      name: "a term whose namespaces exclude the pod's own",
      yaml: deployment(3, '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: web } }, namespaces: [other] }\n'),
      findings: [{ path: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces', line: 20, column: 112 }],
    },
    {
      name: 'a term per zone, not per node',
      yaml: deployment(3, '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - { topologyKey: topology.kubernetes.io/zone, labelSelector: { matchLabels: { app: web } } }\n'),
      findings: [{ path: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', line: 20, column: 30 }],
    },
    {
      name: "a term whose selector does not match the pod's labels; a spread constraint per zone does not count",
      yaml: deployment(
        3,
        '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - { topologyKey: kubernetes.io/hostname, labelSelector: { matchLabels: { app: api } } }\n' +
          '      topologySpreadConstraints:\n        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }\n',
      ),
      findings: [{ path: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector', line: 20, column: 69 }],
    },
    {
      name: 'an Argo Rollout (a workload by shape) without anti-affinity',
      yaml: deployment(3).replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout'),
      findings: [{ path: 'spec.replicas', line: 7, column: 13 }],
    },
  ],
};

export const podDisruptionBudget: PolicyCases = {
  policy: 'pod-disruption-budget',
  valid: [
    { name: 'a single replica', yaml: deployment(1) },
    { name: 'a PDB selecting the pods by matchLabels', yaml: deployment(3) + pdb('{ matchLabels: { app: web } }') },
    { name: 'a PDB selecting the pods by matchExpressions', yaml: deployment(3) + pdb('{ matchExpressions: [{ key: tier, operator: In, values: [front, back] }] }') },
  ],
  invalid: [
    { name: 'no PDB', yaml: deployment(3), findings: [{ path: 'spec.replicas', line: 7, column: 13 }] },
    { name: 'a PDB for other pods', yaml: deployment(3) + pdb('{ matchLabels: { app: api } }'), findings: [{ path: 'spec.replicas', line: 7, column: 13 }] },
  ],
};

export const networkPolicyCoverage: PolicyCases = {
  policy: 'network-policy-coverage',
  valid: [
    { name: 'a default-deny policy selecting every pod', yaml: deployment(1) + networkPolicy('{}') },
    { name: 'a policy selecting the pods', yaml: deployment(1) + networkPolicy('{ matchLabels: { app: web } }') },
    {
      name: 'namespace from the formation when the resources have none',
      yaml: (deployment(1) + networkPolicy('{}')).replaceAll('  namespace: shop\n', ''),
      formation: { name: 'prod', environment: 'production', destination: { namespace: 'shop' } },
    },
    { name: 'host-network pods are skipped', yaml: deployment(1, '      hostNetwork: true\n') },
  ],
  invalid: [
    { name: 'no NetworkPolicy: the template labels', yaml: deployment(1), findings: [{ path: 'spec.template.metadata.labels', line: 12, column: 15 }] },
    { name: 'a policy in another namespace', yaml: deployment(1) + networkPolicy('{}', 'other'), findings: [{ path: 'spec.template.metadata.labels', line: 12, column: 15 }] },
    {
      name: 'a policy selecting other pods',
      yaml: deployment(1) + networkPolicy('{ matchExpressions: [{ key: app, operator: NotIn, values: [web] }] }'),
      findings: [{ path: 'spec.template.metadata.labels', line: 12, column: 15 }],
    },
  ],
};

const service = (selector: string) => y`
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: ${selector}
  ports: [{ port: 80, targetPort: 8080 }]
---
`;

export const danglingService: PolicyCases = {
  policy: 'dangling-service',
  valid: [
    { name: 'selects the Deployment pods', yaml: service('{ app: web }') + deployment(1) },
    { name: 'no selector (manual Endpoints)', yaml: service('{}') },
  ],
  invalid: [{ name: 'selects nothing', yaml: service('{ app: wbe }') + deployment(1), findings: [{ path: 'spec.selector', line: 7, column: 13 }] }],
};

export const selectorMismatch: PolicyCases = {
  policy: 'selector-mismatch',
  valid: [
    { name: 'selector is a subset of the template labels', yaml: deployment(1) },
    {
      name: 'matchExpressions that hold',
      yaml: deployment(1).replace('matchLabels: { app: web }', 'matchExpressions: [{ key: tier, operator: Exists }]'),
    },
  ],
  invalid: [
    {
      name: 'selector label missing from the template',
      yaml: deployment(1).replace('matchLabels: { app: web }', 'matchLabels: { app: web, track: stable }'),
      findings: [{ path: 'spec.selector', line: 9, column: 5 }],
    },
  ],
};

export const noDefaultNamespace: PolicyCases = {
  policy: 'no-default-namespace',
  valid: [
    { name: 'own namespace', yaml: deployment(1) },
    { name: 'no namespace', yaml: deployment(1).replace('  namespace: shop\n', '') },
  ],
  invalid: [
    {
      name: 'namespace: default',
      yaml: deployment(1).replace('namespace: shop', 'namespace: default'),
      findings: [{ path: 'metadata.namespace', line: 5, column: 14 }],
    },
  ],
};
