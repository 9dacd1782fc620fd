import { diagnostic, locationOf, type Diagnostic, type Location } from '../core/diagnostic.js';
import { compareDiagnostics, compareFindings } from '../core/report-order.js';
import type { Finding, FindingSeverity } from '../core/finding.js';
import { formatPath, resourceId, resourceKey, resourceLabel, type Manifest } from '../core/manifest.js';
import { maskAndClip, maskDeep } from '../core/secret-value.js';
import { containersOf } from './containers.js';
import type { ContainerRef, FormationInfo, KubernetesResource, PolicyContext } from './define-policy.js';
import { isShippedPolicy } from './builtin/index.js';
import { fingerprint } from './fingerprint.js';
import { runGuarded, settleWithin } from './guarded-call.js';
import { frozenCopy } from './json-value.js';
import type { InProcessPolicy, IsolatedPolicy, LoadedPolicy } from './loaded-policy.js';
import { normalizeReport, policyContext, type RawReport } from './policy-context.js';
import { describeError, policyFrame, stackOf } from './policy-error.js';
import { matchesPolicy } from './policy-match.js';
import { isWorkload } from './workload-shape.js';
import type { UnitData } from './policy-sandbox.js';
import { DEFAULT_POLICY_TIMEOUT_MS } from './policy-timeout.js';

export { DEFAULT_POLICY_TIMEOUT_MS };

export interface PolicyRunInput {
  formation?: FormationInfo;
  manifests: readonly Manifest[];
  /** The same formation's resources in the baseline; absent when the run has no baseline. */
  baseline?: readonly Manifest[];
}

export interface PolicyRunOptions {
  /** Time limit per policy for its whole run over this input, in ms, for policies that set none (default 5000). */
  timeoutMs?: number;
  /** Secret values that must not appear in any field a policy controls (masked as `••••••`). */
  mask?: readonly string[];
  /**
   * Keeps what the shipped policies report over an input without a baseline between runs:
   * they are copperplate's own functions of the input's resources and formation alone, so the
   * caller may key their calls by those (and by `policies`, each id with its `match`); the
   * reports are located and masked anew.
   */
  shippedMemo?: (policies: readonly Pick<LoadedPolicy, 'id' | 'match'>[], compute: () => ShippedCall[][]) => ShippedCall[][];
}

/** One call of a shipped policy's `check` on one resource: what it reported, and how it failed. */
export interface ShippedCall {
  target: number;
  reports: RawReport[];
  failure?: { text: string; stack?: string };
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'signoff']);

/** What one policy's run over the input produced. */
interface PolicyRun {
  policy: LoadedPolicy;
  targets: number[];
  timeoutMs: number;
  /** Adds a finding for `target`; throws (as the policy's error) on a path the resource cannot locate. */
  report: (target: number, raw: RawReport) => void;
  /** POLICY_ERROR naming the policy, and the resource when known. */
  fail: (target: number | undefined, what: string, stack?: string) => void;
}

/**
 * Runs every policy over every resource it matches. Each policy has one time budget for its
 * whole run over the input (SPEC §5.1). Project policy files run in the policy worker, which is
 * stopped for real; policies given as objects run here. A policy that throws, rejects or runs
 * past its limit yields one `POLICY_ERROR` naming it and the resource (never a silent pass);
 * findings it reported before failing are kept. Every field a policy controls is masked before
 * it is bounded. Findings and diagnostics come back in a stable order.
 */
export async function runPolicies(
  input: PolicyRunInput,
  policies: readonly LoadedPolicy[],
  options: PolicyRunOptions = {},
): Promise<{ findings: Finding[]; diagnostics: Diagnostic[] }> {
  const masks = [...new Set(options.mask ?? [])].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  const mask = (text: string): string => maskAndClip(text, masks);
  const manifests = input.manifests;
  const objects = manifests.map((m) => m.object as KubernetesResource);
  const previousByKey = new Map<string, KubernetesResource>();
  for (const b of input.baseline ?? []) {
    const key = resourceKey(resourceId(b.object));
    if (!previousByKey.has(key)) previousByKey.set(key, b.object as KubernetesResource);
  }
  const previousOf = objects.map((o) => previousByKey.get(resourceKey(resourceId(o))));
  // The worker gets its own copy of the engine's objects (postMessage clones them) and built-ins
  // only read; a policy an embedder passes as an object gets frozen copies, made once for all
  // such policies: it must not change what another policy (or the engine) sees.
  const unit: UnitData = { resources: objects, previous: previousOf, formation: input.formation };
  let frozen: UnitData | undefined;
  // most policies match workloads: each resource's shape is looked at once, not once per policy
  const workloads: (boolean | undefined)[] = [];
  const frozenUnit = (): UnitData =>
    (frozen ??= {
      resources: Object.freeze(objects.map((o) => frozenCopy(o))) as KubernetesResource[],
      previous: previousOf.map((p) => (p === undefined ? undefined : frozenCopy(p))),
      formation: input.formation,
    });
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const targetsOf = (policy: LoadedPolicy): number[] => {
    const targets: number[] = [];
    objects.forEach((o, i) => {
      if (matchesPolicy(policy.match, o, input.formation, () => (workloads[i] ??= isWorkload(o)))) targets.push(i);
    });
    return targets;
  };
  // the shipped policies' calls, all at once: kept between runs by the caller when it can
  const shipped = policies.filter((p): p is InProcessPolicy => !('isolated' in p) && isShippedPolicy(p));
  const callShipped = (): ShippedCall[][] => {
    const contexts = new ShippedContexts(unit);
    return shipped.map((policy) => callsOf(policy, targetsOf(policy), contexts));
  };
  const shippedCalls = new Map<LoadedPolicy, ShippedCall[]>();
  if (shipped.length > 0) {
    const calls = options.shippedMemo && !input.baseline ? options.shippedMemo(shipped, callShipped) : callShipped();
    shipped.forEach((policy, i) => shippedCalls.set(policy, calls[i] ?? []));
  }

  for (const policy of policies) {
    const formationOf = (target: number | undefined): string | undefined =>
      input.formation?.name ?? (target === undefined ? undefined : manifests[target]?.formation);
    const policyId = mask(policy.id);
    const run: PolicyRun = {
      policy,
      timeoutMs: policy.timeoutMs ?? options.timeoutMs ?? DEFAULT_POLICY_TIMEOUT_MS,
      targets: [],
      report: (target, raw) => {
        const manifest = manifests[target] as Manifest;
        const pointer = manifest.locate(raw.path);
        const severity: FindingSeverity = raw.severity !== undefined && SEVERITIES.has(raw.severity) ? (raw.severity as FindingSeverity) : policy.severity;
        const formation = formationOf(target);
        const f: Finding = {
          policy: policyId,
          severity,
          message: mask(raw.message),
          resource: resourceId(manifest.object),
          path: mask(formatPath(raw.path)),
          ...locationOf(pointer),
        };
        if (raw.code !== undefined) f.code = mask(raw.code);
        if (formation !== undefined) f.formation = formation;
        if (pointer.valueSource) f.valueSource = pointer.valueSource;
        if (policy.remediation !== undefined) f.remediation = mask(policy.remediation);
        if (raw.from !== undefined) f.from = maskDeep(raw.from, mask);
        if (raw.to !== undefined) f.to = maskDeep(raw.to, mask);
        if (severity === 'signoff') {
          f.fingerprint = fingerprint({ policy: f.policy, formation, resource: f.resource, path: f.path, from: f.from, to: f.to });
        }
        findings.push(f);
      },
      fail: (target, what, stack) => {
        const manifest = target === undefined ? undefined : manifests[target];
        const label = manifest ? resourceLabel(resourceId(manifest.object)) : undefined;
        const resourceAt: Location | undefined = manifest
          ? (({ exact: _exact, valueSource: _vs, ...at }) => at)(manifest.locate([]))
          : undefined;
        // A crash points at the policy's own line when its stack shows it; the resource is named.
        const frame = policyFrame(stack, policy.file);
        const at = frame ?? resourceAt ?? (policy.builtin ? undefined : { file: policy.file, line: 1, column: 1 });
        diagnostics.push(
          diagnostic('POLICY_ERROR', mask(`policy ${policy.id} failed${label ? ` on ${label}` : ''}: ${what}`), at, {
            formation: formationOf(target),
            hint:
              frame && resourceAt
                ? `while checking ${label} (${resourceAt.file}:${resourceAt.line}); a failing policy blocks the run until it is fixed or disabled`
                : `the policy is defined in ${policy.file}; a failing policy blocks the run until it is fixed or disabled`,
          }),
        );
      },
    };
    const calls = shippedCalls.get(policy);
    if (calls) {
      replayShipped(calls, run);
      continue;
    }
    run.targets = targetsOf(policy);
    if (run.targets.length === 0) continue;
    if ('isolated' in policy) await runIsolated(policy, run, unit);
    else await runInProcess(policy, run, frozenUnit());
  }

  // in report order whichever policy finished first, for callers that use the run directly (copperplate/testing)
  return { findings: findings.sort(compareFindings), diagnostics: diagnostics.sort(compareDiagnostics) };
}

/** A project policy file's policy, in the worker: one request, stopped from here when late. */
async function runIsolated(policy: IsolatedPolicy, run: PolicyRun, unit: UnitData): Promise<void> {
  const { sandbox, index } = policy.isolated;
  sandbox.setUnit(unit);
  const answer = await sandbox.run(index, run.targets, run.timeoutMs);
  const known = (target: number): number | undefined => (target >= 0 ? target : undefined);
  if (answer.kind === 'timeout') {
    run.fail(known(answer.target), `did not finish within ${run.timeoutMs} ms and was stopped`);
    return;
  }
  if (answer.kind === 'died') {
    run.fail(known(answer.target), `ended the policy worker (exit code ${answer.exitCode})`);
    return;
  }
  for (const { target, report } of answer.reply.reports) {
    try {
      run.report(target, report);
    } catch (err) {
      run.fail(target, describeError(err));
    }
  }
  for (const { target, error } of answer.reply.errors) run.fail(known(target), error.text, error.stack);
}

/**
 * A shipped policy's calls: copperplate's own synchronous, read-only code (its tests run it on
 * frozen resources), so it runs on the engine's objects and without a watchdog (the vm timeout
 * starts a thread per call: more than most built-ins take over a whole formation). Plain data,
 * so that a caller can keep it between runs.
 */
function callsOf(policy: InProcessPolicy, targets: readonly number[], shared: ShippedContexts): ShippedCall[] {
  const calls: ShippedCall[] = [];
  for (const target of targets) {
    const resource = shared.unit.resources[target] as KubernetesResource;
    const reports: RawReport[] = [];
    shared.reports = reports;
    const call: ShippedCall = { target, reports };
    try {
      policy.check(resource, shared.context(target));
    } catch (error) {
      const stack = stackOf(error);
      call.failure = stack === undefined ? { text: describeError(error) } : { text: describeError(error), stack };
    }
    if (reports.length > 0 || call.failure) calls.push(call);
  }
  return calls;
}

/** A shipped policy's findings from its calls. A throw, or a report at a path the resource does not have, is its POLICY_ERROR. */
function replayShipped(calls: readonly ShippedCall[], run: PolicyRun): void {
  for (const { target, reports, failure } of calls) {
    // what it reported before failing is kept
    for (const raw of reports) {
      try {
        run.report(target, raw);
      } catch (err) {
        run.fail(target, describeError(err));
      }
    }
    if (failure) run.fail(target, failure.text, failure.stack);
  }
}

/**
 * One context per resource for every shipped policy of a run (they run one after another and
 * only read): a report goes to the reports of the call in progress, and a workload's
 * containers are listed once.
 */
class ShippedContexts {
  reports: RawReport[] = [];
  readonly #contexts: PolicyContext[] = [];
  readonly #containers = new WeakMap<object, ContainerRef[]>();
  constructor(readonly unit: UnitData) {}

  context(target: number): PolicyContext {
    let ctx = this.#contexts[target];
    if (ctx === undefined) {
      const base = policyContext({
        resource: this.unit.resources[target] as KubernetesResource,
        previous: this.unit.previous[target],
        resources: this.unit.resources,
        formation: this.unit.formation,
        report: (r) => this.reports.push(normalizeReport(r)),
      });
      ctx = { ...base, containers: (r) => this.#containersOf(r) };
      this.#contexts[target] = ctx;
    }
    return ctx;
  }

  #containersOf(resource: object): ContainerRef[] {
    if (typeof resource !== 'object' || resource === null) return containersOf(resource);
    let refs = this.#containers.get(resource);
    if (refs === undefined) {
      refs = containersOf(resource);
      this.#containers.set(resource, refs);
    }
    return refs;
  }
}

/** One call of `check` on one resource: what it reported and whether it may still report. */
interface Call {
  target: number;
  findings: RawReport[];
  closed: boolean;
}

/**
 * A policy given as an object, in this thread. Its synchronous part over all resources runs
 * under one watchdog (it interrupts even an endless loop); its promises get what is left of the
 * budget.
 */
async function runInProcess(policy: InProcessPolicy, run: PolicyRun, unit: UnitData): Promise<void> {
  const started = Date.now();
  const pending: { call: Call; promise: PromiseLike<unknown> }[] = [];
  const finish = (call: Call): void => {
    if (call.closed) return;
    call.closed = true;
    for (const raw of call.findings) run.report(call.target, raw);
  };
  let running: Call | undefined;
  const outcome = runGuarded(() => {
    for (const target of run.targets) {
      const call: Call = { target, findings: [], closed: false };
      running = call;
      const resource = unit.resources[target] as KubernetesResource;
      let result: unknown;
      try {
        const ctx = policyContext({
          resource,
          previous: unit.previous[target],
          resources: unit.resources,
          formation: unit.formation,
          report: (r) => {
            // a malformed report is the policy's error, thrown where it reported
            if (!call.closed) call.findings.push(normalizeReport(r));
          },
        });
        result = policy.check(resource, ctx);
      } catch (err) {
        finish(call);
        run.fail(target, describeError(err), stackOf(err));
        continue;
      }
      if (isThenable(result)) pending.push({ call, promise: result });
      else finish(call);
    }
    running = undefined;
  }, run.timeoutMs);
  if (outcome === 'timeout') {
    const late = running as Call | undefined;
    if (late) late.closed = true;
    for (const p of pending) p.call.closed = true;
    run.fail(late?.target, `did not finish within ${run.timeoutMs} ms and was stopped`);
    return;
  }
  const left = Math.max(0, run.timeoutMs - (Date.now() - started));
  const settled = await Promise.all(pending.map((p) => settleWithin(p.promise, left)));
  let timedOut: Call | undefined;
  settled.forEach((outcome, i) => {
    const { call } = pending[i] as (typeof pending)[number];
    if (outcome.kind === 'timeout') {
      call.closed = true;
      timedOut ??= call;
      return;
    }
    finish(call);
    if (outcome.kind === 'error') run.fail(call.target, describeError(outcome.error), stackOf(outcome.error));
  });
  // reported once per policy, naming the first resource that was still open
  if (timedOut) run.fail(timedOut.target, `did not finish within ${run.timeoutMs} ms`);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

