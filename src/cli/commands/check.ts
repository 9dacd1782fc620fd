import { Command } from 'commander';
import { check } from '../../engine/api.js';
import { addBaselineFlags, addReportFlags, baselineSource, type BaselineFlags, type ReportFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';
import { reportTargets, writeReports } from '../report-output.js';

interface CheckFlags extends ReportFlags, BaselineFlags, ValueFlags, RefFlags {}

export function checkCommand(ctx: CommandContext): Command {
  const cmd = new Command('check')
    .description('render every selected formation (secrets redacted), validate schemas, run policies, report')
    .argument('[formation...]', 'formations to check (default: all)');
  addValueFlags(cmd);
  addRefFlag(cmd);
  addBaselineFlags(cmd);
  addReportFlags(cmd);
  return cmd.action(
    ctx.action(async (names: string[], flags: CheckFlags, command: Command) => {
      const out = ctx.output(command);
      const targets = reportTargets(flags.format, out);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!targets || !overrides) return 2;
      const project = await ctx.project(command, flags.ref);
      const result = await check(project, { ...ctx.host(), formations: names, overrides, failOn: flags.failOn, ...baselineSource(flags, ctx.io.cwd) });
      await writeReports(result, targets, out, { project, template: flags.template, stream: 'stdout' });
      return result.report.exitCode;
    }),
  );
}
