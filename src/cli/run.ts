import { Command, CommanderError, Option } from 'commander';
import { CopperplateError } from '../core/copperplate-error.js';
import { toolVersion } from '../engine/version.js';
import type { CliIO } from './cli-io.js';
import { CommandContext } from './command-context.js';
import { approveCommand } from './commands/approve.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { renderCommand } from './commands/render.js';
import { validateCommand } from './commands/validate.js';

/**
 * The CLI: parses `argv` (without node and script), runs one command, returns the exit code
 * (0 nothing blocking, 1 blocking findings, 2 could not do the job). Never exits the process.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CommandContext(io);
  const program = new Command('copperplate')
    .description('Typed Kubernetes manifests from stencils and formations, checked by your policies.')
    .version(toolVersion(), '--version')
    .option('--project <dir>', 'project directory (default: nearest ancestor with copperplate.yaml or stencils/)')
    .option('-q, --quiet', 'print only errors')
    .addOption(new Option('--color <when>', 'colour output').choices(['auto', 'always', 'never']).default('auto'))
    .option('--debug', 'add stack traces to internal errors (never secrets)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s) };
  // addCommand does not pass the output settings on: without this, a subcommand's help and
  // usage errors would bypass `io` and go to the real process streams
  for (const make of [renderCommand, checkCommand, validateCommand, diffCommand, explainCommand, approveCommand, initCommand]) {
    program.addCommand(make(ctx).exitOverride().showHelpAfterError().configureOutput(output));
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error
      return e.exitCode === 0 ? 0 : 2;
    }
    const debug = argv.includes('--debug');
    const code = e instanceof CopperplateError ? e.code : 'INTERNAL_ERROR';
    const message = e instanceof CopperplateError ? e.message : 'unexpected internal error';
    io.stderr(`copperplate: error ${code}: ${message}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 2;
  }
  return ctx.exitCode;
}
