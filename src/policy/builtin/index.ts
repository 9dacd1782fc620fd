import type { Policy } from '../define-policy.js';
import { builtinPolicyDocs } from './docs-url.js';
import { hostPort, privilegedPorts } from './container-ports.js';
import { cpuLimits, cpuRequests, memoryLimits, memoryRequests } from './container-resources.js';
import { hostIpc, hostNetwork, hostPid } from './host-namespaces.js';
import { livenessProbe, readinessProbe } from './probes.js';
import { danglingService } from './dangling-service.js';
import { dangerousCapabilities } from './dangerous-capabilities.js';
import { dockerSocketMount } from './docker-socket-mount.js';
import { dropAllCapabilities } from './drop-all-capabilities.js';
import { hostPathVolume } from './host-path-volume.js';
import { imagePullPolicy } from './image-pull-policy.js';
import { lbIpChange } from './lb-ip-change.js';
import { networkPolicyCoverage } from './network-policy-coverage.js';
import { noDefaultNamespace } from './no-default-namespace.js';
import { noLatestTag } from './no-latest-tag.js';
import { podAntiAffinity } from './pod-anti-affinity.js';
import { podDisruptionBudget } from './pod-disruption-budget.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { privilegedContainer } from './privileged-container.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { selectorMismatch } from './selector-mismatch.js';

/** The low-noise checks common to kube-linter, Polaris and kube-score; the default pack. */
const RECOMMENDED: readonly Policy[] = [
  noLatestTag,
  lbIpChange,
  privilegedContainer,
  hostNetwork,
  hostPid,
  hostIpc,
  dangerousCapabilities,
  dockerSocketMount,
  selectorMismatch,
  privilegeEscalation,
  runAsNonRoot,
  cpuRequests,
  memoryRequests,
  memoryLimits,
  hostPathVolume,
  hostPort,
];

/** The checks users most often turn off; opt-in on top of `recommended`. */
const STRICT_ONLY: readonly Policy[] = [
  livenessProbe,
  readinessProbe,
  readOnlyRootFilesystem,
  dropAllCapabilities,
  cpuLimits,
  imagePullPolicy,
  podAntiAffinity,
  podDisruptionBudget,
  networkPolicyCoverage,
  danglingService,
  privilegedPorts,
  noDefaultNamespace,
];

/** Every built-in policy, in documentation order (recommended first), each with its `docs` anchor. */
export const builtinPolicies: readonly Policy[] = Object.freeze([...RECOMMENDED, ...STRICT_ONLY].map((p) => Object.freeze({ ...p, docs: builtinPolicyDocs(p.id) })));

/** Pack name → policy ids. `strict` includes everything in `recommended`. */
export const builtinPacks: Readonly<Record<'recommended' | 'strict', readonly string[]>> = Object.freeze({
  recommended: Object.freeze(RECOMMENDED.map((p) => p.id)),
  strict: Object.freeze(builtinPolicies.map((p) => p.id)),
});

const BY_ID = new Map(builtinPolicies.map((p) => [p.id, p]));

function isPack(name: string): name is keyof typeof builtinPacks {
  return Object.hasOwn(builtinPacks, name);
}

/**
 * The built-ins that `builtinPolicies:` config entries enable: pack names and single policy ids,
 * in any mix. The result is deduplicated and in `builtinPolicies` order whatever the order of
 * `names`; names that are neither a pack nor a built-in id come back in `unknown` (in input
 * order, once each) for the caller to report.
 */
export function resolveBuiltins(names: readonly string[]): { policies: Policy[]; unknown: string[] } {
  const enabled = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    if (isPack(name)) for (const id of builtinPacks[name]) enabled.add(id);
    else if (BY_ID.has(name)) enabled.add(name);
    else if (!unknown.includes(name)) unknown.push(name);
  }
  return { policies: builtinPolicies.filter((p) => enabled.has(p.id)), unknown };
}

/**
 * Whether `policy` runs a shipped check (the function itself, whatever object carries it): the
 * runner trusts that code to stay synchronous, bounded and read-only (see policy-runner.ts).
 */
export function isShippedPolicy(policy: Pick<Policy, 'id' | 'check'>): boolean {
  return BY_ID.get(policy.id)?.check === policy.check;
}
