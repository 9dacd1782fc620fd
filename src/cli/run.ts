import { Command, CommanderError, Option } from 'commander';
import { CopperplateError } from '../core/copperplate-error.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { toolVersion } from '../engine/version.js';
import type { CliIO } from './cli-io.js';
import { CommandContext } from './command-context.js';
import { Output, usageOutput } from './output.js';

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
  approvals: async () => (await import('./commands/approvals.js')).approvalsCommand,
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
    .option('--debug', 'add stack traces to internal errors (never secrets)');
  // addCommand does not pass the output settings on: without this, a subcommand's help would
  // bypass `io`; commander's own error text is replaced by a USAGE diagnostic (see below)
  const output = usageOutput(io);
  program.exitOverride().configureOutput(output);
  const only = commandName(argv);
  // `copperplate --version` needs no command at all
  const versionOnly = only === undefined && argv.length === 1 && argv[0] === '--version';
  const names = versionOnly ? [] : only === undefined ? Object.keys(COMMANDS) : [only];
  const factories = await Promise.all(names.map((n) => COMMANDS[n]!()));
  for (const make of factories) {
    program.addCommand(make(ctx).exitOverride().configureOutput(output));
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    const out = new Output(io, { color: colorFlag(argv) });
    if (e instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error
      if (e.exitCode === 0) return 0;
      const message = e.code === 'commander.help' ? 'no command given' : e.message.replace(/^error: /, '');
      out.diagnostics([diagnostic('USAGE', message, undefined, { hint: `see \`copperplate ${only === undefined ? '' : `${only} `}--help\`` })]);
      return 2;
    }
    const debug = argv.includes('--debug');
    const d: Diagnostic =
      e instanceof CopperplateError ? diagnostic(e.code, e.message) : diagnostic('INTERNAL_ERROR', 'unexpected internal error', undefined, { hint: 'run again with --debug for the stack trace' });
    out.diagnostics([d]);
    if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 2;
  }
  return ctx.exitCode;
}

/** `--color` as given, for errors raised before commander has parsed it. */
function colorFlag(argv: readonly string[]): 'auto' | 'always' | 'never' {
  const i = argv.indexOf('--color');
  const value = i === -1 ? undefined : argv[i + 1];
  return value === 'always' || value === 'never' ? value : 'auto';
}
