import * as path from 'node:path';
import { Command, Option } from 'commander';
import { hasErrors } from '../../core/diagnostic.js';
import { render } from '../../engine/api.js';
import { writeManifests, type SplitMode } from '../../engine/write-manifests.js';
import { interruptedExitCode } from '../cli-io.js';
import { failOnOption } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, collect, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';
import { reportTargets, writeReports, type ReportTarget } from '../report-output.js';

interface RenderFlags extends ValueFlags, RefFlags {
  split: SplitMode;
  all?: boolean;
  out?: string;
  secrets: 'resolve' | 'redact';
  check: boolean;
  allowSecretsInWorktree?: boolean;
  failOn: 'error' | 'warning';
  format: string[];
  template?: string;
}

export function renderCommand(ctx: CommandContext): Command {
  const cmd = new Command('render')
    .description('render formations to a manifest stream (then schema + policy checks)')
    .argument('[formation...]', 'formations to render')
    .option('--all', 'render every formation')
    .option('--out <dir>', 'write <dir>/<formation>.yaml instead of stdout')
    .addOption(
      new Option('--split <by>', 'with --out: one file per formation, or <dir>/<formation>/<NNN>-<kind>-<name>.yaml per resource in apply order')
        .choices(['formation', 'resource'])
        .default('formation'),
    )
    .addOption(new Option('--secrets <mode>', 'resolve real secrets or substitute stand-ins').choices(['resolve', 'redact']).default('resolve'))
    .option('--no-check', 'skip schema and policy checks')
    .option('--allow-secrets-in-worktree', 'allow --out inside the git work tree with resolved secrets')
    .addOption(failOnOption('lowest finding severity that blocks the render'))
    .option('--format <format[=file]>', "the check's report: text, json, sarif, junit, github, markdown, html; repeatable, =FILE writes a file (else stderr)", collect, [])
    .option('--template <file>', 'Handlebars template replacing the markdown report template');
  addValueFlags(cmd);
  addRefFlag(cmd);
  return cmd.action(
    ctx.action(async (names: string[], flags: RenderFlags, cmd: Command) => {
      const out = ctx.output(cmd);
      if (flags.split === 'resource' && flags.out === undefined) return out.error('USAGE', '--split resource needs --out DIR');
      const targets = flags.format.length === 0 ? [] : reportTargets(flags.format, out);
      if (!targets) return 2;
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const project = await ctx.project(cmd, flags.ref);
      if (!flags.all && names.length === 0 && project.formations.length !== 1) {
        return out.error('USAGE', `name a formation or use --all (formations: ${project.formations.join(', ') || 'none'})`);
      }
      const result = await render(project, {
        ...ctx.host(),
        formations: flags.all ? project.formations : names,
        overrides,
        secrets: flags.secrets,
        check: flags.check,
        failOn: flags.failOn,
      });
      const { report } = result;
      // stdout carries manifests only: the report goes to stderr (or where --format says), and
      // nothing is emitted unless every formation passed
      const worthTelling = report.exitCode !== 2 && flags.check && (report.exitCode !== 0 || report.findings.length > 0 || report.diagnostics.length > 0);
      // every report asked for is written whatever the verdict; the terminal still gets the text
      // report when nothing asked for goes there
      const toTerminal = targets.some((t) => t.file === undefined);
      const shown: ReportTarget[] = toTerminal || !worthTelling ? targets : [...targets, { format: 'text' }];
      if (shown.length > 0) await writeReports(result, shown, out, { project, stream: 'stderr', template: flags.template });
      else if (result.policyOutput) ctx.io.stderr(result.policyOutput);
      if (!toTerminal && !worthTelling && (report.exitCode === 2 || !flags.check)) out.diagnostics(report.diagnostics, project.root);
      if (report.exitCode !== 0) return report.exitCode;
      const reveal = flags.secrets === 'resolve';
      if (flags.out !== undefined) {
        const dir = path.resolve(ctx.io.cwd, flags.out);
        // a signal while writing removes the temp files (they may hold secrets) before the exit
        const { result: written, signal } = await ctx.io.interruptible((abort) =>
          writeManifests(dir, result.formations, {
            reveal,
            allowInWorktree: Boolean(flags.allowSecretsInWorktree),
            split: flags.split,
            signal: abort,
          }),
        );
        out.diagnostics(written.diagnostics);
        if (signal) return interruptedExitCode(signal);
        if (hasErrors(written.diagnostics)) return 2;
        out.info(`wrote ${written.files.map((f) => path.relative(ctx.io.cwd, f) || f).join(', ')}`);
        return 0;
      }
      const many = result.manifests.size > 1;
      let stream = '';
      for (const [name, manifests] of result.manifests) stream += (many ? `# Formation: ${name}\n` : '') + manifests;
      ctx.io.stdout(stream);
      return 0;
    }),
  );
}
