import * as path from 'node:path';
import { Command, Option } from 'commander';
import { hasErrors } from '../../core/diagnostic.js';
import { renderProject } from '../../engine/render-project.js';
import { writeManifests, type SplitMode } from '../../engine/write-manifests.js';
import { manifestStream } from '../../render/index.js';
import { interruptedExitCode } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';

interface RenderFlags extends ValueFlags, RefFlags {
  split: SplitMode;
  all?: boolean;
  out?: string;
  secrets: 'resolve' | 'redact';
  check: boolean;
  allowSecretsInWorktree?: boolean;
  failOn: 'error' | 'warning';
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
    .addOption(new Option('--fail-on <severity>', 'lowest finding severity that blocks the render').choices(['error', 'warning']).default('error'));
  addValueFlags(cmd);
  addRefFlag(cmd);
  return cmd.action(
    ctx.action(async (names: string[], flags: RenderFlags, cmd: Command) => {
      const out = ctx.output(cmd);
      if (flags.split === 'resource' && flags.out === undefined) {
        out.error('USAGE', '--split resource needs --out DIR');
        return 2;
      }
      const project = await ctx.project(cmd, flags.ref);
      if (!flags.all && names.length === 0 && project.formations.length !== 1) {
        out.error('USAGE', `name a formation or use --all (formations: ${project.formations.join(', ') || 'none'})`);
        return 2;
      }
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const result = await renderProject(project, {
        formations: flags.all ? project.formations : names,
        overrides,
        ...ctx.secretsFor(flags.secrets, project),
      });
      // with checks, render diagnostics (warnings) are part of the check report
      if (hasErrors(result.diagnostics) || !flags.check) out.diagnostics(result.diagnostics, project.root);
      if (hasErrors(result.diagnostics)) return 2;
      if (flags.check) {
        const verdict = await ctx.check(project, result, out, { failOn: flags.failOn });
        if (verdict !== 0) return verdict;
      }
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
      const many = result.formations.length > 1;
      let stream = '';
      for (const f of result.formations) {
        if (many) stream += `# Formation: ${f.formation.name}\n`;
        stream += manifestStream(f.documents, reveal);
      }
      ctx.io.stdout(stream);
      return 0;
    }),
    );
}
