import * as fs from 'node:fs';
import { writeOutputFile } from '../write-file.js';
import * as path from 'node:path';
import { Command } from 'commander';
import { hasErrors } from '../../core/diagnostic.js';
import { checkRendered } from '../../engine/check-rendered.js';
import { gitTopLevel } from '../../engine/git-fs.js';
import { projectApprovals } from '../../engine/project-approvals.js';
import { loadProject } from '../../engine/project.js';
import { renderProject } from '../../engine/render-project.js';
import { signApprovalEntry } from '../../engine/sign-approval.js';
import { sshKeygenSigner } from '../../engine/ssh-keygen-signer.js';
import { appendApproval, approvalResourceLabel, expiryTime, type ApprovalEntry } from '../../policy/index.js';
import { baselineSource } from '../baseline-source.js';
import { addBaselineFlags, type BaselineFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addValueFlags, valueOverrides, type ValueFlags } from '../options.js';

interface ApproveFlags extends BaselineFlags, ValueFlags {
  by: string;
  reason: string;
  expires?: string;
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
      if (flags.by.trim() === '' || flags.reason.trim() === '') {
        out.error('APPROVAL_INVALID', '--by and --reason must not be empty');
        return 2;
      }
      if (flags.expires !== undefined && expiryTime(flags.expires) === undefined) {
        out.error('APPROVAL_INVALID', `--expires ${flags.expires} is not a date (YYYY-MM-DD)`);
        return 2;
      }
      const project = await loadProject({ cwd: ctx.io.cwd, ...ctx.projectOption(command) });
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const rendered = await renderProject(project, { overrides, ...ctx.secretsFor('redact', project) });
      const baseline = baselineSource(flags, ctx.io.cwd) ?? (gitTopLevel(project.root) ? { ref: 'HEAD' } : undefined);
      const checked = await checkRendered(project, rendered, { baseline, now: ctx.io.now(), failOn: 'error' });
      if (hasErrors(checked.report.diagnostics)) {
        out.diagnostics(checked.report.diagnostics, project.root);
        return 2;
      }
      const finding = checked.report.findings.find((f) => f.fingerprint === fingerprint.toLowerCase());
      if (!finding) {
        const open = checked.report.findings.filter((f) => f.severity === 'signoff' && !f.approved);
        const list = open.map((f) => `  ${f.fingerprint}  ${f.policy}  ${approvalResourceLabel(f)}  ${f.path}`).join('\n');
        out.error('APPROVAL_UNKNOWN_FINGERPRINT', `no sign-off with fingerprint ${fingerprint}\n${open.length ? `open sign-offs:\n${list}` : 'there are no open sign-offs'}`);
        return 2;
      }
      if (finding.approved) {
        out.info(`${fingerprint} is already approved${finding.approvedBy ? ` by ${finding.approvedBy}` : ''}`);
        return 0;
      }
      const entry: ApprovalEntry = { fingerprint: finding.fingerprint!, policy: finding.policy, resource: approvalResourceLabel(finding), by: flags.by, reason: flags.reason };
      if (flags.expires !== undefined) entry.expires = flags.expires;
      let written = entry;
      if (flags.sign !== undefined) {
        const signer = sshKeygenSigner(path.resolve(ctx.io.cwd, flags.sign), { env: ctx.io.env });
        const signed = await signApprovalEntry(entry, signer, projectApprovals(project).signing, ctx.io.now());
        if ('diagnostic' in signed) {
          out.diagnostics([signed.diagnostic], project.root);
          return 2;
        }
        written = signed.entry;
      }
      const file = path.join(project.root, project.config.approvals);
      writeOutputFile(file, appendApproval(project.fs.readFile(file), written), 'the approval');
      out.info(`approved ${finding.fingerprint} (${finding.policy} on ${entry.resource})${written.signature ? ', signed,' : ''} in ${project.config.approvals}`);
      return 0;
    }),
  );
}
