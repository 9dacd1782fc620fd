import { run } from '../../src/cli/run.js';
import { memoryIO } from './memory-io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `copperplate ...argv` started in `cwd`. */
export async function runCli(argv: readonly string[], cwd: string, env?: Record<string, string | undefined>): Promise<CliResult> {
  const io = memoryIO(env === undefined ? { cwd } : { cwd, env });
  const code = await run(argv, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** What a stack trace looks like in text; bad input must never produce one. */
export const STACK_TRACE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;
