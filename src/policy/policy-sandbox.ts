import { existsSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FormationInfo, KubernetesResource } from './define-policy.js';
import type { FromWorker, ToWorker, WorkerData } from './policy-protocol.js';
import { POLICY_LOAD_TIMEOUT_MS } from './policy-timeout.js';

/** What policies wrote to the console, kept up to this many characters. */
const MAX_OUTPUT = 1024 * 1024;
/** How long an idle worker gets to hand over its console output and exit when the run ends. */
const CLOSE_GRACE_MS = 1000;
/** A stopped worker's heap is bounded too: a policy that allocates forever ends its worker, not the run. */
const WORKER_HEAP_MB = 1024;

export type SandboxAnswer<K extends FromWorker['kind']> =
  | { kind: 'done'; reply: Extract<FromWorker, { kind: K }> }
  /** Stopped after the time limit; `target` is the resource that was being checked (-1: none). */
  | { kind: 'timeout'; target: number }
  /** The worker ended on its own (`process.exit` in a policy, out of memory). */
  | { kind: 'died'; target: number; exitCode: number };

export interface UnitData {
  resources: KubernetesResource[];
  previous: (KubernetesResource | undefined)[];
  formation: FormationInfo | undefined;
}

/**
 * Project policies run here: in one worker thread per run, started once and reused for every
 * formation (SPEC §5.1). Every request has a time limit enforced from this thread, so a policy
 * that loops (synchronously, after an `await`, at module top level) or never settles is
 * stopped for real: the worker is terminated and, for the requests that follow, started again
 * with the policy files that loaded. What policies write to the console is captured (never
 * this process's stdout) and handed to the caller by `close`.
 */
export class PolicySandbox {
  readonly #options: { cacheDir?: string | undefined };
  #worker: Worker | undefined;
  #progress = new SharedArrayBuffer(4);
  /** Files that loaded, in order: loaded again into a restarted worker so indices stay valid. */
  readonly #loaded: string[] = [];
  #unit: UnitData | undefined;
  #unitSent = false;
  #waiting: ((answer: { reply?: FromWorker; exitCode?: number }) => void) | undefined;
  /** Settles when the current worker has started (false: it ended first). */
  #ready: Promise<boolean> = Promise.resolve(false);
  #output = '';
  #outputDropped = false;
  readonly #streams: Promise<void>[] = [];
  #closed = false;
  /** Whether a request was ever sent: before that, no policy code ran and nothing was written. */
  #used = false;

  constructor(options: { cacheDir?: string | undefined } = {}) {
    this.#options = options;
  }

  /** Starts the worker now (it loads jiti while the caller renders). */
  start(): this {
    this.#ensureWorker();
    return this;
  }

  async load(file: string, timeoutMs: number): Promise<SandboxAnswer<'loaded'>> {
    const answer = await this.#request<'loaded'>({ kind: 'load', file }, timeoutMs);
    if (answer.kind === 'done' && !answer.reply.error) this.#loaded.push(file);
    return answer;
  }

  /** The resources the next runs check (sent once, on the first run that needs them). */
  setUnit(unit: UnitData): void {
    if (this.#unit === unit) return;
    this.#unit = unit;
    this.#unitSent = false;
  }

  run(index: number, targets: number[], timeoutMs: number): Promise<SandboxAnswer<'ran'>> {
    return this.#request<'ran'>({ kind: 'run', index, targets }, timeoutMs);
  }

  /** Stops the worker; returns what policies wrote to the console. */
  async close(): Promise<{ output: string; truncated: boolean }> {
    if (this.#closed) return { output: this.#output, truncated: this.#outputDropped };
    this.#closed = true;
    const worker = this.#worker;
    if (worker && this.#used) {
      // a worker that is idle flushes its output and exits; one a policy keeps busy is stopped
      let timer: NodeJS.Timeout | undefined;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
      worker.ref();
      worker.postMessage({ kind: 'close' } satisfies ToWorker);
      await Promise.race([exited, grace]);
      clearTimeout(timer);
    }
    await this.#stop();
    await Promise.all(this.#streams);
    return { output: this.#output, truncated: this.#outputDropped };
  }

  async #request<K extends FromWorker['kind']>(message: ToWorker, timeoutMs: number): Promise<SandboxAnswer<K>> {
    if (this.#closed) throw new Error('policy sandbox is closed');
    this.#used = true;
    if (!this.#worker) {
      // a restarted worker gets the files that loaded before (each under the same limit)
      this.#ensureWorker();
      for (const file of this.#loaded.splice(0)) {
        const again = await this.load(file, POLICY_LOAD_TIMEOUT_MS);
        // a file that no longer loads the same way would shift every later policy's index
        if (again.kind !== 'done' || again.reply.error) return { kind: 'died', target: -1, exitCode: 1 };
      }
    }
    const worker = this.#ensureWorker();
    // an idle worker does not keep the process alive; one that is starting or answering does
    worker.ref();
    // starting a worker is copperplate's time, not the policy's
    if (!(await this.#ready)) return { kind: 'died', target: -1, exitCode: 1 };
    if (message.kind === 'run' && !this.#unitSent && this.#unit) {
      this.#unitSent = true;
      const set = await this.#request<'unit-set'>({ kind: 'unit', ...this.#unit }, POLICY_LOAD_TIMEOUT_MS);
      if (set.kind !== 'done') return { kind: 'died', target: -1, exitCode: set.kind === 'died' ? set.exitCode : 1 };
    }
    const progress = new Int32Array(this.#progress);
    Atomics.store(progress, 0, -1);
    const answer = await new Promise<{ reply?: FromWorker; exitCode?: number } | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined;
        resolve(undefined);
      }, Math.max(1, timeoutMs));
      this.#waiting = (a) => {
        clearTimeout(timer);
        this.#waiting = undefined;
        resolve(a);
      };
      worker.postMessage(message);
    });
    this.#worker?.unref();
    if (answer?.reply) return { kind: 'done', reply: answer.reply as Extract<FromWorker, { kind: K }> };
    const target = Atomics.load(progress, 0);
    if (answer === undefined) {
      await this.#stop();
      return { kind: 'timeout', target };
    }
    return { kind: 'died', target, exitCode: answer.exitCode ?? 1 };
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const data: WorkerData = { policyEntry: policyEntryPath(), progress: this.#progress };
    if (this.#options.cacheDir !== undefined) data.cacheDir = this.#options.cacheDir;
    const compileCache = (module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
    if (compileCache !== undefined) data.compileCache = compileCache;
    const script = workerScript();
    const worker = new Worker(script.code, {
      eval: script.eval,
      workerData: data,
      // policies see no CI credentials in process.env, and their output is ours to route
      env: {},
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.#capture(chunk));
      this.#streams.push(new Promise((resolve) => stream.once('end', resolve).once('close', resolve)));
    }
    let started: (ok: boolean) => void = () => {};
    this.#ready = new Promise((resolve) => (started = resolve));
    worker.on('message', (reply: FromWorker) => {
      if (reply.kind === 'ready') started(true);
      else this.#waiting?.({ reply });
    });
    worker.on('error', () => {
      // reported through 'exit', which follows
    });
    worker.on('exit', (exitCode) => {
      started(false);
      if (this.#worker === worker) {
        this.#worker = undefined;
        this.#unitSent = false;
      }
      this.#waiting?.({ exitCode });
    });
    this.#worker = worker;
    this.#unitSent = false;
    return worker;
  }

  async #stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    this.#unitSent = false;
    await worker.terminate();
  }

  #capture(chunk: string): void {
    if (this.#output.length >= MAX_OUTPUT) {
      this.#outputDropped = true;
      return;
    }
    this.#output += chunk;
  }
}

/** This copy's `copperplate/policy` module: `.js` when running from dist, `.ts` from source. */
export function policyEntryPath(): string {
  const js = fileURLToPath(new URL('../policy-entry.js', import.meta.url));
  if (existsSync(js)) return js;
  const ts = fileURLToPath(new URL('../policy-entry.ts', import.meta.url));
  return existsSync(ts) ? ts : js;
}

/**
 * The worker module next to this one: the bundle's (dist/bundle/policy-worker.js, see
 * scripts/build-bundle.mjs), the library's (dist/policy/), or, running from source (tests), the
 * .ts through jiti.
 */
function workerScript(): { code: string; eval: boolean } {
  const built = fileURLToPath(new URL('./policy-worker.js', import.meta.url));
  if (existsSync(built)) return { code: built, eval: false };
  const ts = fileURLToPath(new URL('../policy/policy-worker.ts', import.meta.url));
  const jiti = createRequire(import.meta.url).resolve('jiti');
  return { code: `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(ts)}).import(${JSON.stringify(ts)})`, eval: true };
}
