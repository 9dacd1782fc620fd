import vm from 'node:vm';

interface Holder {
  run: () => void;
}

let sandbox: { holder: Holder; context: vm.Context; script: vm.Script } | undefined;

function getSandbox(): NonNullable<typeof sandbox> {
  if (!sandbox) {
    const holder: Holder = { run: () => {} };
    sandbox = { holder, context: vm.createContext({ holder }), script: new vm.Script('holder.run()') };
  }
  return sandbox;
}

/**
 * Runs `fn` synchronously and interrupts it after `timeoutMs`, even in an endless loop.
 * Node's vm timeout starts a watchdog that terminates whatever JavaScript is running on this
 * thread, including functions from the main context called by the script, and the termination
 * cannot be caught by the running code. A watchdog costs about 50 µs, so callers batch many
 * short calls into one guarded run rather than guarding each one.
 */
export function runGuarded(fn: () => void, timeoutMs: number): 'done' | 'timeout' {
  const box = getSandbox();
  const previous = box.holder.run;
  box.holder.run = fn;
  try {
    box.script.runInContext(box.context, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
    return 'done';
  } catch (err) {
    if (isTimeout(err)) return 'timeout';
    throw err;
  } finally {
    box.holder.run = previous;
  }
}

function isTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

export type Settled = { kind: 'ok' } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

/** Awaits a policy's promise for at most `timeoutMs`. */
export function settleWithin(promise: PromiseLike<unknown>, timeoutMs: number): Promise<Settled> {
  return new Promise<Settled>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, timeoutMs));
    Promise.resolve(promise).then(
      () => {
        clearTimeout(timer);
        resolve({ kind: 'ok' });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'error', error });
      },
    );
  });
}
