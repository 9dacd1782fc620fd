import type { JsonPath } from '../../core/manifest.js';
import { isRecord } from '../../core/manifest.js';
import { definePolicy } from '../define-policy.js';
import { podSpecPath, runsToCompletion } from '../workload-shape.js';
import { existingPath } from './support/json-path.js';
import { labelSelectorMatches } from './support/label-selector.js';
import { declaredReplicas, namespaceOf, podLabels, podSpec, resourceName } from './support/workload.js';

/** The topology key whose domains are single nodes; kube-linter's default matches this one only. */
const NODE_TOPOLOGY_KEY = 'kubernetes.io/hostname';

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

interface Term {
  value: Record<string, unknown>;
  path: JsonPath;
}

interface TermProblem {
  message: string;
  path: JsonPath;
}

/**
 * Why an anti-affinity term does not keep this workload's own replicas apart on nodes, or
 * undefined when it does: it must apply in the pod's namespace, per node, to the pod's labels.
 */
function termProblem(term: Term, resource: Record<string, unknown>, namespace: string, labels: Record<string, string>): TermProblem | undefined {
  const { value, path } = term;
  const namespaces = value['namespaces'];
  // A namespaceSelector widens the term to more namespaces (`{}`: all of them); namespace labels
  // are not known offline, so a term with one is taken to cover the pod's own.
  const selectorWidens = isRecord(value['namespaceSelector']);
  if (Array.isArray(namespaces) && namespaces.length > 0 && !selectorWidens && !namespaces.includes(namespace)) {
    return {
      message: `applies to namespaces [${namespaces.map(String).join(', ')}], not the pod's own namespace "${namespace}"`,
      path: [...path, 'namespaces'],
    };
  }
  if (value['topologyKey'] !== NODE_TOPOLOGY_KEY) {
    const key = value['topologyKey'];
    return {
      message: `uses topologyKey ${typeof key === 'string' ? `"${key}"` : '(unset)'} instead of "${NODE_TOPOLOGY_KEY}"`,
      path: existingPath(resource, [...path, 'topologyKey'], path.length),
    };
  }
  // A missing labelSelector selects no pods at all in the scheduler.
  if (!labelSelectorMatches(value['labelSelector'], labels, false)) {
    return { message: "has a labelSelector that does not select the pod's own labels", path: existingPath(resource, [...path, 'labelSelector'], path.length) };
  }
  return undefined;
}

function antiAffinityTerms(spec: Record<string, unknown>, specPath: JsonPath): Term[] {
  const affinity = isRecord(spec['affinity']) ? spec['affinity'] : {};
  const anti = isRecord(affinity['podAntiAffinity']) ? affinity['podAntiAffinity'] : {};
  const base: JsonPath = [...specPath, 'affinity', 'podAntiAffinity'];
  const terms: Term[] = [];
  const required = anti[REQUIRED];
  if (Array.isArray(required)) {
    required.forEach((t: unknown, i) => {
      if (isRecord(t)) terms.push({ value: t, path: [...base, REQUIRED, i] });
    });
  }
  const preferred = anti[PREFERRED];
  if (Array.isArray(preferred)) {
    preferred.forEach((t: unknown, i) => {
      if (isRecord(t) && isRecord(t['podAffinityTerm'])) terms.push({ value: t['podAffinityTerm'], path: [...base, PREFERRED, i, 'podAffinityTerm'] });
    });
  }
  return terms;
}

export const podAntiAffinity = definePolicy({
  id: 'pod-anti-affinity',
  title: 'Replicas should be spread across nodes',
  severity: 'warning',
  description:
    'A workload with `spec.replicas` above 1 spreads its own pods over nodes: a pod anti-affinity term (required or ' +
    `preferred) with topologyKey \`${NODE_TOPOLOGY_KEY}\`, whose labelSelector selects the pod's own labels and whose ` +
    "`namespaces` (when given) include the pod's namespace; or a `topologySpreadConstraints` entry with that topologyKey " +
    "selecting the pod's labels. One finding per term that does not qualify.",
  remediation:
    `Add a preferred \`podAntiAffinity\` term (or \`topologySpreadConstraints\`) with topologyKey \`${NODE_TOPOLOGY_KEY}\` and a labelSelector matching the pod template labels.`,
  match: { workloads: true },
  check(resource, ctx) {
    const replicas = declaredReplicas(resource);
    const specPath = podSpecPath(resource);
    if (replicas === undefined || replicas <= 1 || specPath === undefined || runsToCompletion(resource)) return;
    const spec = podSpec(resource) ?? {};
    const labels = podLabels(resource);
    const spread = spec['topologySpreadConstraints'];
    const spreads =
      Array.isArray(spread) &&
      spread.some((c: unknown) => isRecord(c) && c['topologyKey'] === NODE_TOPOLOGY_KEY && labelSelectorMatches(c['labelSelector'], labels, false));
    if (spreads) return;
    const terms = antiAffinityTerms(spec, specPath);
    const name = resourceName(resource);
    if (terms.length === 0) {
      ctx.report({ message: `${name} runs ${replicas} replicas with no anti-affinity or topology spread`, path: ['spec', 'replicas'] });
      return;
    }
    const namespace = namespaceOf(resource, ctx);
    const problems: TermProblem[] = [];
    for (const term of terms) {
      const problem = termProblem(term, resource, namespace, labels);
      if (problem === undefined) return;
      problems.push(problem);
    }
    for (const p of problems) ctx.report({ message: `${name} runs ${replicas} replicas, but its anti-affinity term ${p.message}`, path: p.path });
  },
});
