import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { diagnostic, type Diagnostic } from '../../core/diagnostic.js';
import type { Manifest } from '../../core/manifest.js';
import { manifestsFromYaml } from '../../core/yaml-document.js';
import { checkManifests } from '../../engine/check-manifests.js';
import { loadProject } from '../../engine/project.js';
import { addReportFlags, type ReportFlags } from '../check-flags.js';
import type { CommandContext } from '../command-context.js';
import { reportTargets, writeReports } from '../report-output.js';
import { decodeUtf8 } from '../../core/text-decode.js';

interface ValidateFlags extends ReportFlags {
  baselineFile?: string;
}

export function validateCommand(ctx: CommandContext): Command {
  const cmd = new Command('validate')
    .description('schema + policies over already-rendered manifests (files, or - for stdin)')
    .argument('[file...]', 'manifest files; - reads stdin', ['-'])
    .option('--baseline-file <file>', 'previous version of the manifests, for change-aware policies');
  addReportFlags(cmd);
  return cmd.action(
    ctx.action(async (files: string[], flags: ValidateFlags, command: Command) => {
      const out = ctx.output(command);
      const targets = reportTargets(flags.format, out);
      if (!targets) return 2;
      const project = await loadProject({ cwd: ctx.io.cwd, ...ctx.projectOption(command) });
      // validate works in any directory: a missing project only means defaults
      project.diagnostics = project.diagnostics.filter((d) => d.code !== 'PROJECT_NOT_FOUND');
      const diagnostics: Diagnostic[] = [];
      const read = async (file: string): Promise<Manifest[]> => {
        let text: string;
        const name = file === '-' ? '<stdin>' : path.relative(project.root, path.resolve(ctx.io.cwd, file)).split(path.sep).join('/');
        try {
          text = file === '-' ? await ctx.io.readStdin() : decodeUtf8(fs.readFileSync(path.resolve(ctx.io.cwd, file)));
        } catch {
          diagnostics.push(diagnostic('INPUT_NOT_FOUND', `cannot read ${file}`));
          return [];
        }
        const parsed = manifestsFromYaml(name, text);
        diagnostics.push(...parsed.diagnostics);
        return parsed.manifests;
      };
      const manifests: Manifest[] = [];
      for (const f of files) manifests.push(...(await read(f)));
      const baseline = flags.baselineFile !== undefined ? await read(flags.baselineFile) : undefined;
      const result = await checkManifests(project, [baseline ? { manifests, baseline } : { manifests }], {
        now: ctx.io.now(),
        failOn: flags.failOn,
        diagnostics,
        formations: 0,
        ...(flags.baselineFile !== undefined ? { baseline: { file: flags.baselineFile } } : {}),
      });
      await writeReports(result, targets, out, {
        cwd: ctx.io.cwd,
        projectRoot: project.root,
        stream: 'stdout',
        ...(flags.template !== undefined ? { template: flags.template } : {}),
      });
      return result.exitCode;
    }),
  );
}
