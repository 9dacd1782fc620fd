import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/temp-project.js';

/** Environment for git in tests: fixed identity, no user or system config, no hooks path leaks. */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  remove(): void;
}

/** A temp git repository holding a copy of `from` (when given), committed unless `commit: false`. */
export function tempRepo(from?: string, options: { commit?: boolean; subdir?: string } = {}): TempRepo {
  const t = tempDir('copperplate-precommit-');
  const project = options.subdir ? path.join(t.dir, options.subdir) : t.dir;
  if (from) fs.cpSync(from, project, { recursive: true });
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: t.dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  if (from && options.commit !== false) {
    git('add', '.');
    git('commit', '-q', '--no-verify', '-m', 'initial');
  }
  return {
    dir: t.dir,
    git,
    write(rel, text) {
      const abs = path.join(t.dir, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
    },
    read: (rel) => fs.readFileSync(path.join(t.dir, rel), 'utf8'),
    remove: t.remove,
  };
}
