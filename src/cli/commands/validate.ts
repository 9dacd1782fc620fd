import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { validate, type ValidateInput } from '../../engine/api.js';
import { baselineFileFor } from '../../engine/redacted-copy.js';
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
      const project = await ctx.project(command);
      const read = async (file: string, asBaseline = false): Promise<ValidateInput> => {
        if (file === '-') return { file: '<stdin>', text: await ctx.io.readStdin() };
        // a baseline from render --out is read through its redacted copy (no old secret leaks)
        const abs = asBaseline ? baselineFileFor(path.resolve(ctx.io.cwd, file)) : path.resolve(ctx.io.cwd, file);
        const name = path.relative(project.root, abs).split(path.sep).join('/');
        try {
          return { file: name, text: decodeUtf8(fs.readFileSync(abs)) };
        } catch {
          return { file, text: undefined };
        }
      };
      const inputs: ValidateInput[] = [];
      for (const f of files) inputs.push(await read(f));
      const result = await validate(project, {
        ...ctx.host(),
        inputs,
        failOn: flags.failOn,
        ...(flags.baselineFile !== undefined ? { baseline: await read(flags.baselineFile, true) } : {}),
      });
      await writeReports(result, targets, out, { project, template: flags.template, stream: 'stdout' });
      return result.report.exitCode;
    }),
  );
}
