import { Command, Option } from 'commander';
import { approvalPayloadOf } from '../../engine/approval-payload-of.js';
import { approvals } from '../../engine/approvals-list.js';
import { formatApprovalList } from '../../report/index.js';
import { addBaselineFlags, baselineSource, type BaselineFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addValueFlags, valueOverrides, type ValueFlags } from '../options.js';

interface ApprovalsFlags extends BaselineFlags, ValueFlags {
  format: 'text' | 'json';
}

/**
 * `approvals`: every approvals entry with its status and signer; `approvals payload`: the
 * exact bytes a signature of one entry covers, on stdout and nothing else.
 */
export function approvalsCommand(ctx: CommandContext): Command {
  const cmd = new Command('approvals')
    .description('list approvals entries: counted, unused, expired, unsigned, bad signature, and who signed them')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addValueFlags(cmd);
  addBaselineFlags(cmd);
  cmd.action(
    ctx.action(async (flags: ApprovalsFlags, command: Command) => {
      const out = ctx.output(command);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const project = await ctx.project(command);
      const list = await approvals(project, { ...ctx.host(), overrides, ...baselineSource(flags, ctx.io.cwd) });
      // the run's own problems go to stderr; the listing (with its reasons) to stdout
      out.diagnostics(
        list.diagnostics.filter((d) => d.severity === 'error'),
        project.root,
      );
      if (list.exitCode !== 0) return list.exitCode;
      ctx.io.stdout(formatApprovalList(list, flags.format, { color: flags.format === 'text' && out.color }));
      return 0;
    }),
  );
  cmd
    .command('payload')
    .description('print the exact bytes a signature of one entry covers (sign them with ssh-keygen -Y sign -n copperplate-approval)')
    .argument('[fingerprint]', 'the sign-off fingerprint')
    .option('--by <who>', 'the entry by this person, when several entries share the fingerprint')
    .option('--line <n>', 'the entry that starts on this line of the approvals file (e.g. a waiver)', (v) => Number.parseInt(v, 10))
    .action(
      ctx.action(async (fingerprint: string | undefined, flags: { by?: string; line?: number }, command: Command) => {
        const out = ctx.output(command);
        const project = await ctx.project(command);
        const result = approvalPayloadOf(project, {
          ...(fingerprint !== undefined ? { fingerprint } : {}),
          ...(flags.by !== undefined ? { by: flags.by } : {}),
          ...(flags.line !== undefined ? { line: flags.line } : {}),
        });
        out.diagnostics(result.diagnostics, project.root);
        if (!result.payload) return 2;
        ctx.io.stdout(result.payload.toString('utf8'));
        return 0;
      }),
    );
  return cmd;
}
