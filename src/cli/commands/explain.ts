import { Command, Option } from 'commander';
import { explain } from '../../engine/explain.js';
import type { CommandContext } from '../command-context.js';
import { addRefFlag, addValueFlags, valueOverrides, type RefFlags, type ValueFlags } from '../options.js';

interface ExplainFlags extends ValueFlags, RefFlags {
  format: 'text' | 'json';
}

export function explainCommand(ctx: CommandContext): Command {
  const cmd = new Command('explain')
    .description('show each placeholder: stencil location, value, and the layer that supplied it')
    .argument('<formation>', 'formation to explain')
    .argument('[resource]', 'Kind/name (or Kind/namespace/name) to narrow to')
    .argument('[path]', 'path within the resource, e.g. spec.replicas')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addValueFlags(cmd);
  addRefFlag(cmd);
  return cmd.action(
    ctx.action(async (name: string, resource: string | undefined, path: string | undefined, flags: ExplainFlags, cmd: Command) => {
      const out = ctx.output(cmd);
      const overrides = valueOverrides(flags, ctx.io.cwd, out);
      if (!overrides) return 2;
      const project = await ctx.project(cmd, flags.ref);
      const result = await explain(project, {
        ...ctx.host(),
        formation: name,
        overrides,
        ...(resource !== undefined ? { resource } : {}),
        ...(path !== undefined ? { path } : {}),
      });
      out.diagnostics(result.report.diagnostics, project.root);
      const e = result.explanation;
      if (result.report.exitCode !== 0 || !e) return result.report.exitCode || 2;
      if (flags.format === 'json') {
        ctx.io.stdout(`${JSON.stringify(e, null, 2)}\n`);
        return 0;
      }
      let text = `formation ${e.formation} (environment ${e.environment}, Kubernetes ${e.kubernetesVersion})\n  layers: ${e.layers.join(' → ')}\n`;
      for (const s of e.resources) {
        text += `\n${s.resource}  (${s.stencil})\n`;
        for (const p of s.placeholders) {
          const where = `${p.at.file}:${p.at.line}:${p.at.column}`;
          const from = p.source ? `${p.source.file}:${p.source.line}:${p.source.column}` : p.origin;
          const written = p.written === undefined ? '' : `  (written ${p.written})`;
          text += `  ${p.path || '(document)'}\n    ${p.placeholder} = ${JSON.stringify(p.value)}${written}\n    at ${where}  from ${p.origin === 'builtin' ? 'built-in' : from}\n`;
        }
      }
      ctx.io.stdout(text);
      return 0;
    }),
  );
}
