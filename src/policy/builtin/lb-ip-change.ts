import type { JsonPath } from '../../core/manifest.js';
import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { getPath } from '../json-value.js';
import { resourceName } from './support/workload.js';

/** Annotations that pin a load balancer's address or who may reach it, by cloud / LB controller. */
const KNOWN_ANNOTATIONS = new Set([
  'metallb.universe.tf/loadBalancerIPs',
  'metallb.io/loadBalancerIPs',
  'service.beta.kubernetes.io/azure-load-balancer-ipv4',
  'service.beta.kubernetes.io/azure-load-balancer-ipv6',
  'service.beta.kubernetes.io/azure-pip-name',
  'service.beta.kubernetes.io/aws-load-balancer-eip-allocations',
  'service.beta.kubernetes.io/aws-load-balancer-private-ipv4-addresses',
  'service.beta.kubernetes.io/load-balancer-source-ranges',
  'networking.gke.io/load-balancer-ip-addresses',
  'kube-vip.io/loadbalancerIPs',
  'io.cilium/lb-ipam-ips',
  'lbipam.cilium.io/ips',
]);

/**
 * Any other `<prefix>/<name>` annotation whose name, ignoring case and dashes, says
 * load-balancer IP or source ranges (`…/load-balancer-ip`, `…/loadBalancerIPs`, …).
 */
function isLoadBalancerAnnotation(key: string): boolean {
  if (KNOWN_ANNOTATIONS.has(key)) return true;
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase().replaceAll('-', '').replaceAll('_', '');
  return name.includes('loadbalancerip') || name.includes('loadbalancersourcerange');
}

const SPEC_FIELDS: readonly JsonPath[] = [
  ['spec', 'loadBalancerIP'],
  ['spec', 'loadBalancerSourceRanges'],
];

/**
 * Order and spacing do not change which addresses a list names: `a, b` and `[b, a]` are the
 * same. Anything else compares by its JSON text.
 */
function canonical(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : undefined;
  if (items === undefined) return JSON.stringify(value);
  const set = [...new Set(items.map((s) => s.trim()).filter((s) => s !== ''))].sort();
  return set.length === 0 ? undefined : set.join(',');
}

function annotationsOf(resource: unknown): Record<string, unknown> {
  const annotations = getPath(resource, ['metadata', 'annotations']);
  return isRecord(annotations) ? annotations : {};
}

export const lbIpChange = definePolicy({
  id: 'lb-ip-change',
  title: "A Service's load-balancer address changes",
  severity: 'signoff',
  description:
    'Compares a Service with the baseline: `spec.loadBalancerIP`, `spec.loadBalancerSourceRanges` and load-balancer IP ' +
    'annotations (MetalLB, Azure, GKE, AWS EIPs, kube-vip, Cilium, any `…/load-balancer-ip`). A value that is added, ' +
    'changed or removed on an existing Service needs a sign-off; a new Service, or no baseline, does not. ' +
    'Lists compare as sets (order and spacing do not matter).',
  remediation:
    'If the new address is intended, get a sign-off (`copperplate approve <fingerprint>`); DNS, firewalls and clients that ' +
    'pin the old address must move with it.',
  match: { kinds: ['Service'] },
  check(resource, ctx) {
    const previous = ctx.previous;
    if (previous === undefined) return;
    const paths: JsonPath[] = [...SPEC_FIELDS];
    const before = annotationsOf(previous);
    const after = annotationsOf(resource);
    const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter(isLoadBalancerAnnotation));
    for (const key of [...keys].sort()) paths.push(['metadata', 'annotations', key]);
    for (const path of paths) {
      const from = getPath(previous, path);
      const to = getPath(resource, path);
      if (canonical(from) === canonical(to)) continue;
      const field = path.length === 3 ? `annotation ${String(path[2])}` : String(path[1]);
      ctx.report({
        message: `${resourceName(resource)}: ${field} changes from ${show(from)} to ${show(to)}`,
        path,
        from: from ?? null,
        to: to ?? null,
      });
    }
  },
});

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
