import { cmp, diagnostic, locationOf, sortDiagnostics, type Diagnostic, type Location } from '../core/diagnostic.js';
import type { Finding, FindingSeverity } from '../core/finding.js';
import {
  formatPath,
  isRecord,
  resourceId,
  resourceKey,
  resourceLabel,
  type JsonPath,
  type Manifest,
} from '../core/manifest.js';
import { maskDeep, maskSecrets } from '../core/secret-value.js';
import { containersOf } from './containers.js';
import type { FormationInfo, KubernetesResource, PolicyContext, ReportInput } from './define-policy.js';
import { fingerprint } from './fingerprint.js';
import { runGuarded, settleWithin } from './guarded-call.js';
import { parseImage } from './image-ref.js';
import { frozenCopy, getPath, jsonEqual, parsePath } from './json-value.js';
import type { LoadedPolicy } from './loaded-policy.js';
import { matchesPolicy } from './policy-match.js';

export interface PolicyRunInput {
  formation?: FormationInfo;
  manifests: readonly Manifest[];
  /** The same formation's resources in the baseline; absent when the run has no baseline. */
  baseline?: readonly Manifest[];
}

export interface PolicyRunOptions {
  /** Time limit per policy and resource, in ms, for policies that set none (default 5000). */
  timeoutMs?: number;
  /** Secret values that must not appear in any message (masked as `••••••`). */
  mask?: readonly string[];
}

export const DEFAULT_POLICY_TIMEOUT_MS = 5000;

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'signoff']);

/** One call of `check` on one resource: what it reported and whether it may still report. */
interface Call {
  target: number;
  findings: Finding[];
  closed: boolean;
}

/**
 * Runs every policy over every resource it matches. A policy that throws, rejects or runs
 * past its time limit yields a `POLICY_ERROR` diagnostic naming it and the resource (never a
 * silent pass); findings it reported before failing are kept. Findings and diagnostics come
 * back in a stable order.
 */
export async function runPolicies(
  input: PolicyRunInput,
  policies: readonly LoadedPolicy[],
  options: PolicyRunOptions = {},
): Promise<{ findings: Finding[]; diagnostics: Diagnostic[] }> {
  const masks = [...new Set(options.mask ?? [])].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const mask = (text: string): string => (masks.length === 0 ? text : maskSecrets(text, masks));
  const manifests = input.manifests;
  // Policies get frozen copies: one policy must not change what another (or the engine) sees.
  const objects = manifests.map((m) => frozenCopy(m.object) as KubernetesResource);
  const resources: readonly KubernetesResource[] = Object.freeze(objects);
  const previousByKey = new Map<string, KubernetesResource>();
  for (const b of input.baseline ?? []) {
    const key = resourceKey(resourceId(b.object));
    if (!previousByKey.has(key)) previousByKey.set(key, frozenCopy(b.object) as KubernetesResource);
  }
  const previousOf = objects.map((o) => previousByKey.get(resourceKey(resourceId(o))));
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];

  for (const policy of policies) {
    const timeoutMs = policy.timeoutMs ?? options.timeoutMs ?? DEFAULT_POLICY_TIMEOUT_MS;
    const targets: number[] = [];
    objects.forEach((o, i) => {
      if (matchesPolicy(policy.match, o, input.formation)) targets.push(i);
    });

    const formationOf = (target: number): string | undefined => input.formation?.name ?? manifests[target]?.formation;

    const fail = (target: number, what: string, err?: unknown): void => {
      const manifest = manifests[target] as Manifest;
      const label = resourceLabel(resourceId(manifest.object));
      const { exact: _exact, valueSource: _vs, ...resourceAt } = manifest.locate([]);
      // A crash points at the policy's own line when its stack shows it; the resource is named.
      const frame = err === undefined ? undefined : policyFrame(err, policy.file);
      diagnostics.push(
        diagnostic('POLICY_ERROR', mask(`policy ${policy.id} failed on ${label}: ${what}`), frame ?? resourceAt, {
          formation: formationOf(target),
          hint: frame
            ? `while checking ${label} (${resourceAt.file}:${resourceAt.line}); a failing policy blocks the run until it is fixed or disabled`
            : `the policy is defined in ${policy.file}; a failing policy blocks the run until it is fixed or disabled`,
        }),
      );
    };

    const toFinding = (target: number, r: ReportInput): Finding => {
      if (!isRecord(r)) throw new TypeError('ctx.report() needs an object { message, path? }');
      const manifest = manifests[target] as Manifest;
      const path: JsonPath = r.path === undefined ? [] : parsePath(r.path);
      const pointer = manifest.locate(path);
      const severity: FindingSeverity = r.severity !== undefined && SEVERITIES.has(r.severity) ? r.severity : policy.severity;
      const formation = formationOf(target);
      const f: Finding = {
        policy: policy.id,
        severity,
        message: mask(String(r.message)),
        resource: resourceId(manifest.object),
        path: formatPath(path),
        ...locationOf(pointer),
      };
      if (typeof r.code === 'string' && r.code !== '') f.code = r.code;
      if (formation !== undefined) f.formation = formation;
      if (pointer.valueSource) f.valueSource = pointer.valueSource;
      if (policy.remediation !== undefined) f.remediation = mask(policy.remediation);
      if (r.from !== undefined) f.from = maskDeep(r.from, mask);
      if (r.to !== undefined) f.to = maskDeep(r.to, mask);
      if (severity === 'signoff') {
        f.fingerprint = fingerprint({ policy: policy.id, formation, resource: f.resource, path: f.path, from: f.from, to: f.to });
      }
      return f;
    };

    const contextFor = (call: Call): PolicyContext => {
      const resource = objects[call.target] as KubernetesResource;
      const previous = previousOf[call.target];
      return {
        previous,
        changed: (path) => {
          const segments = parsePath(path);
          return previous === undefined || !jsonEqual(getPath(resource, segments), getPath(previous, segments));
        },
        get: (path, from) => getPath(from === undefined ? resource : from, parsePath(path)),
        resources,
        formation: input.formation,
        containers: (r) => containersOf(r),
        image: (ref) => parseImage(ref),
        report: (r) => {
          if (!call.closed) call.findings.push(toFinding(call.target, r));
        },
      };
    };

    const finish = (call: Call): void => {
      call.closed = true;
      for (const f of call.findings) findings.push(f);
    };

    // Many resources run in one guarded batch (a watchdog per call would cost more than most
    // checks). When the watchdog fires, the resource that was running is at fault only if the
    // batch started with it; otherwise it gets a fresh batch and so a full time limit of its own.
    // Async checks run their synchronous part in the batch; their promises are awaited
    // together after it, each with its own time limit.
    const pending: { call: Call; promise: PromiseLike<unknown> }[] = [];
    let next = 0;
    while (next < targets.length) {
      const batchStart = next;
      let current = next;
      let running: Call | undefined;
      const outcome = runGuarded(() => {
        for (; current < targets.length; current++) {
          const call: Call = { target: targets[current] as number, findings: [], closed: false };
          running = call;
          let result: unknown;
          try {
            result = policy.check(objects[call.target] as KubernetesResource, contextFor(call));
          } catch (err) {
            finish(call);
            fail(call.target, describeError(err), err);
            continue;
          }
          if (isThenable(result)) pending.push({ call, promise: result });
          else finish(call);
        }
      }, timeoutMs);
      if (outcome === 'timeout') {
        const call = running as Call | undefined;
        if (call) call.closed = true;
        if (current === batchStart) {
          fail(targets[current] as number, `did not finish within ${timeoutMs} ms`);
          next = current + 1;
        } else {
          next = current;
        }
        continue;
      }
      next = current;
    }
    const settled = await Promise.all(pending.map((p) => settleWithin(p.promise, timeoutMs)));
    settled.forEach((outcome, i) => {
      const { call } = pending[i] as (typeof pending)[number];
      finish(call);
      if (outcome.kind === 'error') fail(call.target, describeError(outcome.error), outcome.error);
      else if (outcome.kind === 'timeout') fail(call.target, `did not finish within ${timeoutMs} ms`);
    });
  }

  return { findings: sortFindings(findings), diagnostics: sortDiagnostics(diagnostics) };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The first stack frame in the policy's file, as a location in that (project-relative) file. */
function policyFrame(err: unknown, file: string): Location | undefined {
  if (!(err instanceof Error) || typeof err.stack !== 'string' || file === '') return undefined;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`[/\\\\]${escaped}:(\\d+):(\\d+)`).exec(err.stack);
  return m ? { file, line: Number(m[1]), column: Number(m[2]) } : undefined;
}

function describeError(err: unknown): string {
  let text: string;
  if (err instanceof Error) text = `${err.name}: ${err.message}`;
  else {
    try {
      text = `threw ${String(err)}`;
    } catch {
      text = 'threw a value that cannot be printed';
    }
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** Formation, file, position, then policy and path: the order people read a report in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.formation ?? '', b.formation ?? '') ||
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.policy, b.policy) ||
      cmp(a.code ?? '', b.code ?? '') ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message),
  );
}
