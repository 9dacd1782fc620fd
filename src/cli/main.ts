import { nodeIO } from './node-io.js';
import { run } from './run.js';

/** The `copperplate` process: this process's arguments and streams; the exit code is set, not forced. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), nodeIO());
}
