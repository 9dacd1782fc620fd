import { writeOutputFile } from '../write-file.js';
import * as path from 'node:path';
import { Command } from 'commander';
import { shellWord } from '../../core/shell-quote.js';
import { approve, type ApproveApiOptions } from '../../engine/approve.js';
import { sshKeygenSigner } from '../../engine/ssh-keygen-signer.js';
import { addBaselineFlags, baselineSource, type BaselineFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addValueFlags, valueOverrides, type ValueFlags } from '../options.js';

interface ApproveFlags extends BaselineFlags, ValueFlags, Pick<ApproveApiOptions, 'by' | 'reason' | 'expires'> {
  sign?: string;
}

/**
 * `approve FINGERPRINT`: re-runs the check (baseline HEAD by default inside git) to find the
 * open sign-off, then appends an entry naming exactly that change to approvals.yaml.
 */
export function approveCommand(ctx: CommandContext): Command {
  const cmd = new Command('approve')
    .description('sign off one change (a signoff finding) in approvals.yaml')
    .argument('<fingerprint>', '12-hex-digit fingerprint shown in the report')
    .requiredOption('--by <who>', 'who approves (e.g. an e-mail address)')
    .requiredOption('--reason <text>', 'why the change is fine (ticket, context)')
    .option('--expires <date>', 'YYYY-MM-DD after which the sign-off no longer counts')
    .option('--sign <key>', 'sign the entry with ssh-keygen: a private key file, or a .pub file whose key ssh-agent holds');
  addValueFlags(cmd);
  addBaselineFlags(cmd);
  return cmd.action(
    ctx.action(async (fingerprint: string, flags: ApproveFlags, command: Command) => {
      const out = ctx.output(command);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const project = await ctx.project(command);
      const result = await approve(project, {
        ...ctx.host(),
        fingerprint,
        by: flags.by,
        reason: flags.reason,
        overrides,
        ...(flags.expires !== undefined ? { expires: flags.expires } : {}),
        ...(flags.sign !== undefined ? { signer: sshKeygenSigner(path.resolve(ctx.io.cwd, flags.sign), { env: ctx.io.env }) } : {}),
        ...baselineSource(flags, ctx.io.cwd),
      });
      out.diagnostics(result.report.diagnostics, project.root);
      if (result.report.exitCode !== 0) return result.report.exitCode;
      const { finding, write } = result;
      if (!write) {
        out.info(`${fingerprint} is already approved${finding?.approvedBy ? ` by ${finding.approvedBy}` : ''}`);
        return 0;
      }
      writeOutputFile(write.file, write.text, 'the approval');
      out.info(`approved ${write.entry.fingerprint} (${write.entry.policy} on ${write.entry.resource})${write.entry.signature ? ', signed,' : ''} in ${project.config.approvals}`);
      if (write.mustStage) {
        // the hook reads the index: without this, the next commit is still blocked
        const file = path.relative(ctx.io.cwd, write.file) || write.file;
        out.info(`stage it before you commit: git add ${shellWord(file)}  (the pre-commit hook checks the staged files)`);
      }
      return 0;
    }),
  );
}
