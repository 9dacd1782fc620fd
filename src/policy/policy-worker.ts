import module, { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { isRecord } from '../core/manifest.js';
import type { KubernetesResource, Policy } from './define-policy.js';
import { deepFreeze } from './json-value.js';
import { normalizeReport, policyContext, type RawReport } from './policy-context.js';
import { describeError, stackOf } from './policy-error.js';
import type { Candidate, ErrorInfo, FromWorker, PolicyInfo, ToWorker, WorkerData } from './policy-protocol.js';
import { policyShapeProblems } from './policy-shape.js';

/**
 * The policy worker (SPEC §5.1): loads project policy files and runs their checks, one request
 * at a time, for the engine's `PolicySandbox`. It is stopped from outside (`terminate`)
 * whatever a policy does; it only reports what happened, as plain data.
 */
const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('policy-worker runs as a worker thread');
const progress = new Int32Array(data.progress);

// An error a policy leaves behind (a timer that throws later) must not end the worker in the
// middle of another policy's run: it is written to the captured output instead.
process.on('uncaughtException', (err) => console.error(`uncaught error in a policy: ${describeError(err)}`));
process.on('unhandledRejection', (err) => console.error(`unhandled rejection in a policy: ${describeError(err)}`));

// Node ≥ 22.1 keeps the compiled code of what this thread loads (jiti, mostly) between runs, in
// the engine's thread's directory (this thread's environment is empty)
(module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache?.(data.compileCache);
const { createJiti } = createRequire(import.meta.url)('jiti') as typeof import('jiti');
const jiti = createJiti(import.meta.url, {
  alias: { 'copperplate/policy': data.policyEntry },
  fsCache: data.cacheDir ?? false,
  moduleCache: false,
});

const policies: Policy<KubernetesResource>[] = [];
let unit: Extract<ToWorker, { kind: 'unit' }> = { kind: 'unit', resources: [], previous: [], formation: undefined };

port.postMessage({ kind: 'ready' } satisfies FromWorker);

port.on('message', (message: ToWorker) => {
  void handle(message).then(
    (reply) => {
      if (reply) port.postMessage(reply);
    },
    (err: unknown) => port.postMessage({ kind: 'ran', reports: [], errors: [{ target: -1, error: errorInfo(err) }] } satisfies FromWorker),
  );
});

async function handle(message: ToWorker): Promise<FromWorker | undefined> {
  switch (message.kind) {
    case 'load':
      return load(message.file);
    case 'unit':
      // this thread's own copy (postMessage cloned it), frozen: one policy must not change what another sees
      unit = deepFreeze(message);
      return { kind: 'unit-set' };
    case 'run':
      return run(message.index, message.targets);
    case 'close':
      // exit once what policies wrote has been handed to the engine's thread
      process.stdout.write('', () => process.stderr.write('', () => process.exit(0)));
      return undefined;
  }
}

async function load(file: string): Promise<FromWorker> {
  let mod: unknown;
  try {
    mod = await jiti.import(file);
  } catch (err) {
    return { kind: 'loaded', error: errorInfo(err), array: false, candidates: [] };
  }
  const exported = isRecord(mod) && 'default' in mod ? mod['default'] : mod;
  const list: unknown[] = Array.isArray(exported) ? exported : [exported];
  const candidates = list.map((value): Candidate => {
    const problems = policyShapeProblems(value);
    const id = isRecord(value) && typeof value['id'] === 'string' ? value['id'] : undefined;
    if (problems.length > 0) return id === undefined ? { problems } : { problems, id };
    const policy = value as Policy<KubernetesResource>;
    policies.push(policy);
    return { problems, id: policy.id, index: policies.length - 1, info: infoOf(policy) };
  });
  return { kind: 'loaded', array: Array.isArray(exported), candidates };
}

/** The fields the engine needs, copied into plain data (a module's object may have getters). */
function infoOf(policy: Policy<KubernetesResource>): PolicyInfo {
  const info: PolicyInfo = { id: String(policy.id), title: String(policy.title), severity: policy.severity };
  if (policy.remediation !== undefined) info.remediation = String(policy.remediation);
  if (policy.description !== undefined) info.description = String(policy.description);
  if (policy.docs !== undefined) info.docs = String(policy.docs);
  if (policy.match !== undefined) info.match = JSON.parse(JSON.stringify(policy.match)) as NonNullable<PolicyInfo['match']>;
  if (policy.timeoutMs !== undefined) info.timeoutMs = Number(policy.timeoutMs);
  return info;
}

async function run(index: number, targets: readonly number[]): Promise<FromWorker> {
  const policy = policies[index] as Policy<KubernetesResource>;
  const reports: { target: number; report: RawReport }[] = [];
  const errors: { target: number; error: ErrorInfo }[] = [];
  for (const target of targets) {
    Atomics.store(progress, 0, target);
    let open = true;
    const ctx = policyContext({
      resource: unit.resources[target] as KubernetesResource,
      previous: unit.previous[target],
      resources: unit.resources,
      formation: unit.formation,
      report: (r) => {
        if (open) reports.push({ target, report: normalizeReport(r) });
      },
    });
    try {
      const result = policy.check(unit.resources[target] as KubernetesResource, ctx);
      // one resource at a time, async ones too: a policy that is stopped is stopped on the
      // resource it was checking, and that is the one named
      if (isThenable(result)) await result;
    } catch (err) {
      errors.push({ target, error: errorInfo(err) });
    }
    open = false;
  }
  Atomics.store(progress, 0, -1);
  return { kind: 'ran', reports, errors };
}

function errorInfo(err: unknown): ErrorInfo {
  const stack = stackOf(err);
  return stack === undefined ? { text: describeError(err) } : { text: describeError(err), stack };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
