import * as path from 'node:path';
import { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { usageOutput } from '../output.js';

/** `copperplate hook install`: the git pre-commit hook that runs `copperplate precommit`. */
export function hookCommand(ctx: CommandContext): Command {
  const install = new Command('install')
    .description('install the git pre-commit hook (honours core.hooksPath; an existing hook is kept as pre-commit.local and run first)')
    .option('--command <cmd>', 'command the hook runs copperplate with (default: node_modules/.bin/copperplate, else copperplate on PATH)')
    .action(
      ctx.action(async (flags: { command?: string }, command: Command) => {
        const out = ctx.output(command);
        const { findProjectRoot } = await import('../../engine/project.js');
        const { installPreCommitHook } = await import('../../engine/hook-install.js');
        const option = ctx.projectOption(command).root;
        const root = path.resolve(ctx.io.cwd, option ?? findProjectRoot(ctx.io.cwd) ?? ctx.io.cwd);
        const result = installPreCommitHook({ root, ...(flags.command !== undefined ? { command: flags.command } : {}) });
        const shown = path.relative(ctx.io.cwd, result.hook) || result.hook;
        const said: Record<typeof result.action, string> = {
          created: `installed the pre-commit hook at ${shown}`,
          updated: `updated the copperplate block of ${shown}`,
          unchanged: `the pre-commit hook at ${shown} is already installed`,
          chained: `installed the pre-commit hook at ${shown}; the previous hook moved to ${path.basename(result.movedTo ?? '')} and runs first`,
        };
        out.info(said[result.action]);
        return 0;
      }),
    );
  // addCommand passes no output settings on: route the subcommand's help through io too
  install.exitOverride().configureOutput(usageOutput(ctx.io));
  return new Command('hook').description('manage the git pre-commit hook').addCommand(install);
}
