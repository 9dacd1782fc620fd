import { existsSync } from 'node:fs';
import { writeOutputFile } from '../write-file.js';
import { projectSourceReader } from '../../core/project-file.js';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { condenseFindings } from '../condense-findings.js';
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
    .addOption(new Option('--fail-on <severity>', 'lowest finding severity that fails the run').choices(['error', 'warning']).default('error'))
    .action(
      ctx.action(async (flags: PrecommitFlags, command: Command) => {
        const out = ctx.output(command);
        const targets = flags.format.length === 0 ? [{ format: 'text' as const }] : (await import('../report-output.js')).reportTargets(flags.format, out);
        if (!targets) return 2;
        const { findProjectRoot } = await import('../../engine/project.js');
        const { stagedState, mayAffectProject, readStagedSnapshot } = await import('../../engine/precommit.js');
        const option = ctx.projectOption(command).root;
        const root = path.resolve(ctx.io.cwd, option ?? findProjectRoot(ctx.io.cwd) ?? ctx.io.cwd);
        // git runs in its own processes: load the checking modules meanwhile
        const stateRead = stagedState(root);
        const modules = loadModules(existsSync(path.join(root, 'policies')));
        const staged = await stateRead;
        if (!staged) {
          out.error('PRECOMMIT_NOT_GIT', `${root} is not inside a git work tree`);
          return 2;
        }
        if (!mayAffectProject(staged.files)) {
          out.info(`${NAME}: no staged change to the copperplate project; nothing to check`);
          return 0;
        }
        const snapshot = readStagedSnapshot(root, staged);
        snapshot.catch(() => {
          // awaited (and reported) by the check
        });
        return checkStaged(ctx, out, root, staged, flags, targets, await modules, snapshot);
      }),
    );
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/**
 * Everything a check needs beyond the git steps, jiti included (it transpiles TypeScript
 * policies; loading it is a large part of a cold run, so it loads while git works).
 */
function loadModules(withPolicies: boolean) {
  const modules = Promise.all([
    import('../../engine/precommit-check.js'),
    import('../../report/text-report.js'),
    import('../../engine/version.js'),
    // the same CommonJS entry the policy loader requires (see policy-loader.ts)
    withPolicies ? Promise.resolve().then(() => createRequire(import.meta.url)('jiti') as unknown) : undefined,
  ]);
  modules.catch(() => {
    // awaited by the check; a no-op run never needs them
  });
  return modules;
}

async function checkStaged(
  ctx: CommandContext,
  out: import('../output.js').Output,
  root: string,
  state: import('../../engine/precommit.js').StagedState,
  flags: PrecommitFlags,
  targets: import('../report-output.js').ReportTarget[],
  modules: Modules,
  snapshot: Promise<import('../../engine/precommit.js').StagedSnapshot>,
): Promise<number> {
  const [{ precommitCheck }, { formatText }, { toolVersion }] = modules;
  const cacheDir = ctx.cacheDir();
  const run = await precommitCheck({
    root,
    state,
    snapshot,
    env: ctx.io.env,
    homeDir: ctx.io.homeDir,
    now: ctx.io.now(),
    failOn: flags.failOn,
    ...(cacheDir !== undefined ? { cacheDir } : {}),
  });
  const result = run.check;
  if (!result) {
    out.info(`${NAME}: the staged changes affect no formation; nothing to check`);
    return 0;
  }

  const quiet = Boolean(out.globals.quiet);
  const readSource = projectSourceReader(run.project.fs, root);
  const changed = run.affected.relevant.length > 0 ? run.affected.relevant : state.files;
  if (result.policyOutput) out.io.stderr(result.policyOutput);
  if (!quiet || result.exitCode !== 0) {
    out.io.stderr(`${NAME}: checking ${run.formations.join(', ') || '(no formation)'} (staged: ${shorten(changed)})\n`);
  }
  for (const t of targets) {
    const options = { color: t.file === undefined && out.color, readSource, rules: result.rules, toolVersion: toolVersion(), quiet };
    // the other formats (and Handlebars for markdown) load only when asked for
    const text =
      t.format === 'text'
        ? formatText(t.file === undefined ? condenseFindings(result.report) : result.report, options)
        : (await import('../../report/index.js')).formatReport(result.report, t.format, options);
    if (t.file !== undefined) {
      writeOutputFile(path.resolve(ctx.io.cwd, t.file), text, `the ${t.format} report`);
    } else if (!quiet || result.exitCode !== 0) {
      out.io.stdout(text);
    }
  }
  if (run.unstagedPolicies.length > 0) {
    const list = run.unstagedPolicies;
    out.info(`${NAME}: note: ${list.join(', ')} ${list.length === 1 ? 'has' : 'have'} unstaged changes; policies run from the work tree`);
  }
  if (result.exitCode === 1) {
    const signoff = result.report.findings.find((f) => f.severity === 'signoff' && !f.approved && f.fingerprint !== undefined);
    out.io.stderr(
      `${NAME}: commit blocked. Fix the staged files and \`git add\` them` +
        (signoff ? `, or record the sign-off: copperplate approve ${signoff.fingerprint} --by WHO --reason TEXT` : '') +
        '.\n',
    );
  } else if (result.exitCode === 2) {
    out.io.stderr(`${NAME}: commit blocked: copperplate could not check the staged project (errors above).\n`);
  }
  return result.exitCode;
}

function shorten(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}
