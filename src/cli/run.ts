import { Command, CommanderError, Option } from 'commander';
import { CopperplateError } from '../core/copperplate-error.js';
import { toolVersion } from '../engine/version.js';
import type { CliIO } from './cli-io.js';
import { CommandContext } from './command-context.js';

type CommandFactory = (ctx: CommandContext) => Command;

/**
 * Each command's module, imported only when that command runs (or for help): a pre-commit
 * hook must not pay for the modules of `render --out` or `diff`. Listed in help order.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandFactory>>> = {
  render: async () => (await import('./commands/render.js')).renderCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  approve: async () => (await import('./commands/approve.js')).approveCommand,
  precommit: async () => (await import('./commands/precommit.js')).precommitCommand,
  hook: async () => (await import('./commands/hook.js')).hookCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
};

/** Global options that take a value (the token after them is not the command name). */
const VALUED_GLOBALS = new Set(['--project', '--color']);

/** The command `argv` names, when it names one; otherwise every command is loaded (help, typos). */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (VALUED_GLOBALS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return Object.hasOwn(COMMANDS, a) ? a : undefined;
  }
  return undefined;
}

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
  const only = commandName(argv);
  // `copperplate --version` needs no command at all
  const versionOnly = only === undefined && argv.length === 1 && argv[0] === '--version';
  const names = versionOnly ? [] : only === undefined ? Object.keys(COMMANDS) : [only];
  const factories = await Promise.all(names.map((n) => COMMANDS[n]!()));
  for (const make of factories) {
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
