import { y, type PolicyCases } from './case.js';

const service = (ip: string, ranges = '[10.0.0.0/8, 192.168.0.0/16]', annotations = '{}') => y`
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: ${annotations}
spec:
  type: LoadBalancer
  loadBalancerIP: ${ip}
  loadBalancerSourceRanges: ${ranges}
  selector: { app: web }
  ports: [{ port: 443 }]
`;

export const lbIpChange: PolicyCases = {
  policy: 'lb-ip-change',
  valid: [
    { name: 'no baseline resource (a new Service)', yaml: service('203.0.113.10') },
    { name: 'unchanged', yaml: service('203.0.113.10'), previous: service('203.0.113.10') },
    {
      name: 'source ranges reordered, annotation list respaced: same addresses',
      builtinOnly: true,
      yaml: service('203.0.113.10', '[192.168.0.0/16, 10.0.0.0/8]', '{ metallb.universe.tf/loadBalancerIPs: "198.51.100.1,198.51.100.2" }'),
      previous: service('203.0.113.10', '[10.0.0.0/8, 192.168.0.0/16]', '{ metallb.universe.tf/loadBalancerIPs: "198.51.100.2, 198.51.100.1" }'),
    },
    {
      name: 'other fields and unrelated annotations change',
      yaml: service('203.0.113.10', '[10.0.0.0/8, 192.168.0.0/16]', '{ team: b }').replace('port: 443', 'port: 8443'),
      previous: service('203.0.113.10', '[10.0.0.0/8, 192.168.0.0/16]', '{ team: a }'),
    },
    {
      name: 'a different Service (another namespace) is not a baseline',
      yaml: service('203.0.113.10'),
      previous: service('203.0.113.99').replace('namespace: shop', 'namespace: other'),
    },
  ],
  invalid: [
    {
      name: 'spec.loadBalancerIP changes',
      yaml: service('203.0.113.20'),
      previous: service('203.0.113.10'),
      findings: [{ path: 'spec.loadBalancerIP', line: 9, column: 19, from: '203.0.113.10', to: '203.0.113.20' }],
    },
    {
      name: 'source ranges change',
      yaml: service('203.0.113.10', '[10.0.0.0/8]'),
      previous: service('203.0.113.10'),
      findings: [
        { path: 'spec.loadBalancerSourceRanges', line: 10, column: 29, from: ['10.0.0.0/8', '192.168.0.0/16'], to: ['10.0.0.0/8'] },
      ],
    },
    {
      name: 'an IP newly added to an existing Service is a change (from null)',
      yaml: service('203.0.113.10', '[10.0.0.0/8, 192.168.0.0/16]', '{ networking.gke.io/load-balancer-ip-addresses: my-ip }'),
      previous: service('203.0.113.10'),
      findings: [
        { path: 'metadata.annotations["networking.gke.io/load-balancer-ip-addresses"]', line: 6, column: 64, from: null, to: 'my-ip' },
      ],
    },
    {
      name: 'an IP removed is a change (to null), located at the nearest existing parent',
      yaml: y`
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  ports: [{ port: 443 }]
`,
      previous: service('203.0.113.10', '[10.0.0.0/8]'),
      findings: [
        { path: 'spec.loadBalancerIP', line: 7, column: 3, from: '203.0.113.10', to: null },
        { path: 'spec.loadBalancerSourceRanges', line: 7, column: 3, from: ['10.0.0.0/8'], to: null },
      ],
    },
    {
      name: 'cloud and controller annotations, and any …/load-balancer-ip',
      yaml: y`
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-ipv4: 20.0.0.2
    kube-vip.io/loadbalancerIPs: 192.0.2.2
    example.com/load-balancer-ip: 192.0.2.9
spec:
  type: LoadBalancer
  ports: [{ port: 443 }]
`,
      previous: y`
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-ipv4: 20.0.0.1
    kube-vip.io/loadbalancerIPs: 192.0.2.1
    example.com/load-balancer-ip: 192.0.2.8
spec:
  type: LoadBalancer
  ports: [{ port: 443 }]
`,
      findings: [
        { path: 'metadata.annotations["example.com/load-balancer-ip"]', line: 9, column: 35, from: '192.0.2.8', to: '192.0.2.9' },
        { path: 'metadata.annotations["kube-vip.io/loadbalancerIPs"]', line: 8, column: 34, from: '192.0.2.1', to: '192.0.2.2' },
        {
          path: 'metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"]',
          line: 7,
          column: 58,
          from: '20.0.0.1',
          to: '20.0.0.2',
        },
      ],
    },
  ],
};
