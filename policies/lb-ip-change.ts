/**
 * Changing a Service's load-balancer address needs a named sign-off.
 *
 * DNS records, firewall rules and partners' allow-lists point at that address, so moving it
 * (or changing who may reach it) is an operations change, not just a code change. Compared with
 * the baseline (`--baseline`, or HEAD in the pre-commit hook): `spec.loadBalancerIP`,
 * `spec.loadBalancerSourceRanges` and the load-balancer IP annotations of MetalLB, Azure, GKE,
 * kube-vip and the like. Adding an address to an existing Service counts as a change; a new
 * Service does not. Approve with `copperplate approve <fingerprint> --by … --reason …`; the
 * approval covers exactly that from → to, so the next change needs a new one.
 *
 * This project policy replaces the built-in of the same id.
 */
import { definePolicy } from 'copperplate/policy';

/** `metallb.universe.tf/loadBalancerIPs`, `networking.gke.io/load-balancer-ip-addresses`, `…/load-balancer-ip`, … */
const ADDRESS_ANNOTATION = /\/(load-?balancer-?ips?(-addresses)?|azure-load-balancer-ipv[46]|load-balancer-source-ranges)$/i;

export default definePolicy({
  id: 'lb-ip-change',
  title: "A Service's load-balancer address changes",
  severity: 'signoff',
  remediation: 'Check DNS and firewall rules for the new address, then get a sign-off: copperplate approve <fingerprint>.',
  match: { kinds: ['Service'] },
  check(service, ctx) {
    const previous = ctx.previous;
    if (previous === undefined) return; // a new Service (or no baseline): nothing moves

    const annotations = new Set([
      ...Object.keys(previous.metadata.annotations ?? {}),
      ...Object.keys(service.metadata.annotations ?? {}),
    ]);
    const paths = [
      ['spec', 'loadBalancerIP'],
      ['spec', 'loadBalancerSourceRanges'],
      ...[...annotations].filter((key) => ADDRESS_ANNOTATION.test(key)).sort().map((key) => ['metadata', 'annotations', key]),
    ];

    for (const path of paths) {
      if (!ctx.changed(path)) continue;
      const from = ctx.get(path, previous) ?? null;
      const to = ctx.get(path) ?? null;
      ctx.report({
        message: `Service ${service.metadata.name}: ${path.at(-1)} changes from ${JSON.stringify(from)} to ${JSON.stringify(to)}`,
        path,
        from,
        to,
      });
    }
  },
});
