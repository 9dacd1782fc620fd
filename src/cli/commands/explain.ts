import { Command, Option } from 'commander';
import { hasErrors } from '../../core/diagnostic.js';
import { resourceId, resourceLabel } from '../../core/manifest.js';
import { renderProject } from '../../engine/render-project.js';
import { explainDocument, type PlaceholderExplanation } from '../../render/index.js';
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
        const project = await ctx.project(cmd, flags.ref);
        const overrides = valueOverrides(flags, ctx.io.cwd, out);
        if (!overrides) return 2;
        const result = await renderProject(project, { formations: [name], overrides, ...ctx.secretsFor('redact', project) });
        out.diagnostics(result.diagnostics, project.root);
        if (hasErrors(result.diagnostics)) return 2;
        const rendered = result.formations[0];
        if (!rendered) return 2;
        const sections: { resource: string; stencil: string; placeholders: PlaceholderExplanation[] }[] = [];
        for (const doc of rendered.documents) {
          const id = resourceId(doc.manifest.object);
          const label = resourceLabel(id);
          if (resource && !matchesResource(resource, label, id.kind, id.name)) continue;
          const placeholders = explainDocument(rendered.formation, doc).filter(
            (p) => !path || p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
          );
          if (placeholders.length > 0 || (resource && !path)) sections.push({ resource: label, stencil: doc.stencil.file, placeholders });
        }
        if (resource && sections.length === 0) {
          out.error('RESOURCE_NOT_FOUND', `no resource ${resource} in formation ${name}`);
          return 2;
        }
        const f = rendered.formation;
        if (flags.format === 'json') {
          ctx.io.stdout(`${JSON.stringify({ formation: f.name, environment: f.environment, destination: f.destination, kubernetesVersion: f.kubernetesVersion, layers: f.layers, resources: sections }, null, 2)}\n`);
          return 0;
        }
        let text = `formation ${f.name} (environment ${f.environment}, Kubernetes ${f.kubernetesVersion})\n  layers: ${f.layers.join(' → ')}\n`;
        for (const s of sections) {
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

function matchesResource(query: string, label: string, kind: string, name: string): boolean {
  const q = query.toLowerCase();
  return q === label.toLowerCase() || q === `${kind}/${name}`.toLowerCase();
}
