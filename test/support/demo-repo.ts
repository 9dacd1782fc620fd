import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempRepo, type TempRepo } from '../precommit/git-repo.js';
import { repoRoot } from './paths.js';

/** The files of this repository's demo project. */
export const DEMO_ENTRIES = ['copperplate.yaml', 'approvals.yaml', 'stencils', 'formations', 'policies', 'secrets', 'demo-keys'] as const;

/** A temp git repository holding the demo project (in `subdir` when given), committed once (so `--baseline HEAD` is the demo as shipped). */
export function demoRepo(subdir = ''): TempRepo {
  const r = tempRepo();
  for (const entry of DEMO_ENTRIES) fs.cpSync(path.join(repoRoot, entry), path.join(r.dir, subdir, entry), { recursive: true });
  r.git('add', '.');
  r.git('commit', '-q', '--no-verify', '-m', 'demo');
  return r;
}

/** The change a sign-off exists for: production-aws's load balancer moves to another IP. */
export function changeLoadBalancerIp(r: TempRepo, to: string, subdir = ''): { from: string; to: string } {
  const file = path.posix.join(subdir, 'formations/production-aws.yaml');
  const text = r.read(file);
  const from = /\n {4}ip: (\S+)\n/.exec(text)?.[1];
  if (from === undefined) throw new Error(`no loadBalancer ip in ${file}`);
  r.write(file, text.replace(`\n    ip: ${from}\n`, `\n    ip: ${to}\n`));
  return { from, to };
}
