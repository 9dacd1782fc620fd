import * as fs from 'node:fs';
import { writeOutputFile } from '../write-file.js';
import * as path from 'node:path';
import { Command } from 'commander';
import { scaffoldFiles } from '../../engine/scaffold.js';
import type { CommandContext } from '../command-context.js';

export function initCommand(ctx: CommandContext): Command {
  return new Command('init')
    .description('scaffold a new project')
    .argument('[dir]', 'directory to create the project in', '.')
    .action(
      ctx.action(async (dir: string, _flags: unknown, cmd: Command) => {
        const out = ctx.output(cmd);
        const root = path.resolve(ctx.io.cwd, dir);
        const files = scaffoldFiles();
        const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(root, f)));
        if (existing.length > 0) {
          out.error('INIT_EXISTS', `${existing.join(', ')} already exist in ${root}; nothing written`);
          return 2;
        }
        for (const [file, text] of Object.entries(files)) writeOutputFile(path.join(root, file), text, 'the new project');
        out.info(
          [
            `created a copperplate project in ${root}`,
            'next:',
            ...(path.resolve(ctx.io.cwd, dir) === path.resolve(ctx.io.cwd) ? [] : [`  cd ${dir}`]),
            '  npm install --save-dev copperplate   # editor schemas (yaml-language-server) and a pinned copperplate for the hook',
            '  copperplate check                    # render every formation (secrets redacted), schema + policies',
            '  copperplate render staging',
            '  git init && copperplate hook install # check the staged changes before each commit',
          ].join('\n'),
        );
        return 0;
      }),
    );
}
