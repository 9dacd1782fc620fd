import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO, InterruptSignal } from '../../src/cli/cli-io.js';

/**
 * The CLI's per-user cache (compiled values schemas, transpiled policies) for in-process runs:
 * homeDir is the working directory here, and ~/.cache must not land in a test's project or
 * the repository. Entries are keyed by content, so tests share it safely.
 */
export const TEST_CACHE_HOME = path.join(os.tmpdir(), 'copperplate-test-cache');

/** A CliIO that records what the CLI writes, for in-process CLI tests. */
export interface MemoryIO extends CliIO {
  /** Everything written to stdout so far. */
  readonly out: string;
  /** Everything written to stderr so far. */
  readonly err: string;
}

export function memoryIO(options: {
  cwd: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
  isTTY?: boolean;
  /** A signal that arrives as soon as interruptible work starts. */
  interrupt?: InterruptSignal;
}): MemoryIO {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd: options.cwd,
    // an empty environment by default, so that no developer setting (NO_COLOR, VAULT_ADDR…) leaks in
    env: { XDG_CACHE_HOME: TEST_CACHE_HOME, ...options.env },
    homeDir: options.cwd,
    isTTY: options.isTTY ?? false,
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    now: () => new Date('2026-01-15T12:00:00Z'),
    interruptible: async (work) => {
      const controller = new AbortController();
      if (options.interrupt) controller.abort();
      const result = await work(controller.signal);
      return options.interrupt ? { result, signal: options.interrupt } : { result };
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}
