import * as path from 'node:path';
import { Command } from 'commander';
import { failOnOption } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { collect } from '../options.js';

interface PrecommitFlags {
  format: string[];
  failOn: 'error' | 'warning';
}

const NAME = 'copperplate precommit';

/**
 * `copperplate precommit`: checks the staged content of the formations the staged change
 * affects, against HEAD. The engine is imported inside the action so that a commit that
 * touches no project file costs only a git call.
 */
export function precommitCommand(ctx: CommandContext): Command {
  return new Command('precommit')
    .description('check the staged changes: only the formations they affect, staged content, baseline HEAD')
    .option('--format <format[=file]>', 'report format: text, json, sarif, junit, github, markdown, html; repeatable, =FILE writes a file', collect, [])
    .addOption(failOnOption('lowest finding severity that fails the run'))
    .action(
      ctx.action(async (flags: PrecommitFlags, command: Command) => {
        const out = ctx.output(command);
        const { reportTargets, writeReports } = await import('../report-output.js');
        const targets = reportTargets(flags.format, out);
        if (!targets) return 2;
        const [{ findProjectRoot }, { precommit }] = await Promise.all([import('../../engine/project.js'), import('../../engine/precommit-check.js')]);
        const option = ctx.projectOption(command).root;
        const root = path.resolve(ctx.io.cwd, option ?? findProjectRoot(ctx.io.cwd) ?? ctx.io.cwd);
        const cacheDir = ctx.cacheDir();
        const result = await precommit({ ...ctx.host(), root, failOn: flags.failOn, ...(cacheDir !== undefined ? { cacheDir } : {}) });
        const { report, project } = result;
        if (result.skipped === 'no-project-change') out.info(`${NAME}: no staged change to the copperplate project; nothing to check`);
        if (result.skipped === 'no-formation-affected') out.info(`${NAME}: the staged changes affect no formation; nothing to check`);
        if (!project) {
          out.diagnostics(report.diagnostics);
          return report.exitCode;
        }
        if (result.skipped) return report.exitCode;
        const quiet = Boolean(out.globals.quiet);
        if (!quiet || report.exitCode !== 0) {
          out.io.stderr(`${NAME}: checking ${result.formations.join(', ') || '(no formation)'} (staged: ${shorten(result.changed)})\n`);
        }
        // a quiet passing hook prints nothing on the terminal (files are still written)
        const shown = quiet && report.exitCode === 0 ? targets.filter((t) => t.file !== undefined) : targets;
        await writeReports(result, shown, out, { project, stream: 'stdout', condense: true });
        const list = result.unstagedPolicies;
        if (list.length > 0) out.info(`${NAME}: note: ${list.join(', ')} ${list.length === 1 ? 'has' : 'have'} unstaged changes; policies run from the work tree`);
        if (report.exitCode === 1) {
          const signoff = report.findings.find((f) => f.severity === 'signoff' && !f.approved && f.fingerprint !== undefined);
          out.io.stderr(
            `${NAME}: commit blocked. Fix the staged files and \`git add\` them` +
              (signoff ? `, or record the sign-off: copperplate approve ${signoff.fingerprint} --by WHO --reason TEXT` : '') +
              '.\n',
          );
        } else if (report.exitCode === 2) {
          out.io.stderr(`${NAME}: commit blocked: copperplate could not check the staged project (errors above).\n`);
        }
        return report.exitCode;
      }),
    );
}

function shorten(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}
