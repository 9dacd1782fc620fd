import { Command } from 'commander';
import { renderProject } from '../../engine/render-project.js';
import { addBaselineFlags, addReportFlags, type BaselineFlags, type ReportFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';
import { reportTargets, writeReports } from '../report-output.js';
import { checkRendered } from '../../engine/check-rendered.js';
import { baselineSource } from '../baseline-source.js';

interface CheckFlags extends ReportFlags, BaselineFlags, ValueFlags, RefFlags {
}

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
      if (!targets) return 2;
      const project = await ctx.project(command, flags.ref);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const rendered = await renderProject(project, { formations: names, overrides, ...ctx.secretsFor('redact', project) });
      const result = await checkRendered(project, rendered, {
        baseline: baselineSource(flags, ctx.io.cwd),
        now: ctx.io.now(),
        failOn: flags.failOn,
      });
      await writeReports(result, targets, out, {
        cwd: ctx.io.cwd,
        projectRoot: project.root,
        stream: 'stdout',
        ...(flags.template !== undefined ? { template: flags.template } : {}),
      });
      return result.exitCode;
    }),
  );
}
