import { Command, Option } from 'commander';
import { diff } from '../../engine/diff.js';
import { renderDiff } from '../../policy/index.js';
import { addBaselineFlags, baselineSource, type BaselineFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';

interface DiffFlags extends BaselineFlags, ValueFlags, RefFlags {
  format: 'text' | 'json';
}

/** `diff FORMATION --baseline REF`: what would change, per resource and field; secrets stay stand-ins. */
export function diffCommand(ctx: CommandContext): Command {
  const cmd = new Command('diff')
    .description('per-resource semantic diff of a formation against a baseline (secrets masked)')
    .argument('<formation>', 'formation to compare')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addValueFlags(cmd);
  addRefFlag(cmd);
  addBaselineFlags(cmd);
  return cmd.action(
    ctx.action(async (name: string, flags: DiffFlags, command: Command) => {
      const out = ctx.output(command);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const project = await ctx.project(command, flags.ref);
      const result = await diff(project, { ...ctx.host(), formation: name, overrides, ...baselineSource(flags, ctx.io.cwd) });
      out.diagnostics(result.report.diagnostics, project.root);
      if (result.report.exitCode !== 0) return result.report.exitCode;
      if (flags.format === 'json') ctx.io.stdout(`${JSON.stringify({ formation: name, resources: result.resources }, null, 2)}\n`);
      else ctx.io.stdout(result.resources.length === 0 ? `no changes in formation ${name}\n` : renderDiff(result.resources));
      return 0;
    }),
  );
}
