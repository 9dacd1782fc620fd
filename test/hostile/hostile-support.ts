import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths.js';
import { tempDir, writeFiles } from '../support/temp-project.js';

/** What no output of a run against a hostile project may contain. */
export const CANARY = {
  /** In an environment variable of the CI job (and so in /proc/self/environ). */
  env: 'CANARY-ci-env-token-5e1f0b27',
  /** In a file outside the project. */
  outside: 'CANARY-outside-file-9a4c3d11',
  /** A secret value that `render` resolves. */
  secret: 'CANARY-resolved-secret-77d2e0aa',
} as const;

export interface HostileRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A small project in a temp dir, with a file outside it that holds a canary. */
export function hostileProject(files: Readonly<Record<string, string>>): { dir: string; outsideFile: string; remove: () => void } {
  const outside = tempDir('cp-hostile-outside-');
  const outsideFile = path.join(outside.dir, 'outside.yaml');
  fs.writeFileSync(outsideFile, `token: ${CANARY.outside}\nsecrets:\n  k: ${CANARY.outside}\n`);
  const project = tempDir('cp-hostile-');
  const base: Record<string, string> = {
    'copperplate.yaml': 'builtinPolicies: []\n',
    'stencils/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: ${mode}\n',
    'formations/prod.yaml': 'environment: production\nvalues:\n  mode: fast\n',
  };
  const expanded: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...files })) expanded[k] = v.replaceAll('$OUTSIDE', outsideFile);
  writeFiles(project.dir, expanded);
  return {
    dir: project.dir,
    outsideFile,
    remove: () => {
      project.remove();
      outside.remove();
    },
  };
}

/** Runs the built bin in `cwd` with the CI canary in its environment; the process must end on its own. */
export function runBin(argv: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<HostileRun> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'run.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (or `npm test`, which builds) before this test');
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'copperplate.js'), ...argv], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', CI_DEPLOY_TOKEN: CANARY.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // stdin stays open and silent: a read of /dev/stdin would block
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}
