import { Command, Option } from 'commander';
import { diagnostic, hasErrors } from '../../core/diagnostic.js';
import { loadBaseline } from '../../engine/baseline.js';
import { redactBaseline } from '../../engine/redact-baseline.js';
import { renderProject } from '../../engine/render-project.js';
import { diffManifests, renderDiff } from '../../policy/index.js';
import { baselineSource } from '../baseline-source.js';
import { hideBaselineSecrets } from '../../engine/baseline-secrets.js';
import { addBaselineFlags, type BaselineFlags } from '../check-flags.js';
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
      const source = baselineSource(flags, ctx.io.cwd);
      if (!source) {
        out.diagnostics([diagnostic('USAGE', 'diff needs --baseline REF or --baseline-dir DIR')]);
        return 2;
      }
      const project = await ctx.project(command, flags.ref);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const rendered = await renderProject(project, { formations: [name], overrides, ...ctx.secretsFor('redact', project) });
      if (hasErrors(rendered.diagnostics)) {
        out.diagnostics(rendered.diagnostics, project.root);
        return 2;
      }
      const current = rendered.formations[0];
      if (!current) return 2;
      const baseline = await loadBaseline(project, source, [name]);
      out.diagnostics(baseline.diagnostics, project.root);
      if (hasErrors(baseline.diagnostics)) return 2;
      const manifests = current.documents.map((d) => d.manifest);
      const secretNames = [...current.formation.secrets.keys()];
      const diffs = hideBaselineSecrets(diffManifests(manifests, redactBaseline(manifests, baseline.baseline.get(name) ?? [], secretNames)), secretNames);
      if (flags.format === 'json') ctx.io.stdout(`${JSON.stringify({ formation: name, resources: diffs }, null, 2)}\n`);
      else ctx.io.stdout(diffs.length === 0 ? `no changes in formation ${name}\n` : renderDiff(diffs));
      return 0;
    }),
  );
}
