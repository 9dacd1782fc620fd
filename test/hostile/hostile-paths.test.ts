import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../support/run-cli.js';
import { CANARY, hostileProject, runBin } from './hostile-support.js';

/**
 * A pull request that names paths out of the project (SPEC §4). Each case: a small project,
 * the command CI runs, the exit code and diagnostic code; in no case any canary, any line of
 * the outside file, or a stack trace in any output.
 */
interface Case {
  name: string;
  files: Record<string, string>;
  /** Links to create: project path → target (`$OUTSIDE` = the canary file outside). */
  links?: Record<string, string>;
  fifo?: string;
  argv?: string[];
  env?: Record<string, string>;
  code: number;
  diagnostic: string;
}

const cases: Case[] = [
  { name: 'extends /proc/self/environ', files: { 'formations/prod.yaml': 'extends: [/proc/self/environ]\nenvironment: production\nvalues: { mode: fast }\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends ../../x.yaml', files: { 'formations/prod.yaml': 'extends: [../../../../../../../../$OUTSIDE]\nenvironment: production\nvalues: { mode: fast }\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends an absolute outside file', files: { 'formations/prod.yaml': 'extends: [$OUTSIDE]\nenvironment: production\nvalues: { mode: fast }\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends /dev/zero', files: { 'formations/prod.yaml': 'extends: [/dev/zero]\nenvironment: production\nvalues: { mode: fast }\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends /dev/stdin', files: { 'formations/prod.yaml': 'extends: [/dev/stdin]\nenvironment: production\nvalues: { mode: fast }\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends a layer that links out', files: { 'formations/prod.yaml': 'extends: [_base.yaml]\nenvironment: production\nvalues: { mode: fast }\n' }, links: { 'formations/_base.yaml': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'extends a FIFO', files: { 'formations/prod.yaml': 'extends: [_pipe.yaml]\nenvironment: production\nvalues: { mode: fast }\n' }, fifo: 'formations/_pipe.yaml', code: 2, diagnostic: 'FILE_UNREADABLE' },
  { name: 'extends a dangling link', files: { 'formations/prod.yaml': 'extends: [_gone.yaml]\nenvironment: production\nvalues: { mode: fast }\n' }, links: { 'formations/_gone.yaml': 'nowhere.yaml' }, code: 2, diagnostic: 'FILE_UNREADABLE' },
  { name: 'a stencil is a dangling link', files: {}, links: { 'stencils/gone.yaml': 'nowhere.yaml' }, code: 2, diagnostic: 'FILE_UNREADABLE' },
  { name: 'a stencil is a FIFO', files: {}, fifo: 'stencils/pipe.yaml', code: 2, diagnostic: 'FILE_UNREADABLE' },
  { name: 'approvals: /proc/self/environ', files: { 'copperplate.yaml': 'builtinPolicies: []\napprovals: /proc/self/environ\n' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'approvals.yaml links to /proc/self/environ', files: {}, links: { 'approvals.yaml': '/proc/self/environ' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'copperplate.yaml links out', files: {}, links: { 'copperplate.yaml': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'a stencil links to /proc/self/environ', files: {}, links: { 'stencils/env.yaml': '/proc/self/environ' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'a stencil links out', files: {}, links: { 'stencils/out.yaml': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'a formation links out', files: {}, links: { 'formations/evil.yaml': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'values.schema.json links out', files: {}, links: { 'formations/values.schema.json': '/proc/self/environ' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'a CRD links out', files: {}, links: { 'crds/x.yaml': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  { name: 'a policy links out', files: {}, links: { 'policies/x.ts': '$OUTSIDE' }, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
  ...(['check', 'render'] as const).flatMap((command): Case[] => {
    const secretOf = (ref: string) => ({
      'stencils/app.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  k: ${secrets.k}\n',
      'formations/prod.yaml': `environment: production\nsecrets:\n  k: ${JSON.stringify(ref)}\n`,
    });
    const argv = command === 'check' ? ['check'] : ['render', '--secrets', 'resolve'];
    return [
      { name: `${command}: sops:/dev/zero`, files: secretOf('sops:/dev/zero#x'), argv, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
      { name: `${command}: sops:/dev/stdin`, files: secretOf('sops:/dev/stdin#x'), argv, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
      { name: `${command}: sops:/proc/self/environ`, files: secretOf('sops:/proc/self/environ#CI_DEPLOY_TOKEN'), argv, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
      { name: `${command}: sops:../ outside file`, files: secretOf('sops:../../../../../../../..$OUTSIDE#secrets.k'), argv, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
      { name: `${command}: sops: a link out`, files: secretOf('sops:secrets/x.enc.yaml#secrets.k'), links: { 'secrets/x.enc.yaml': '$OUTSIDE' }, argv, code: 2, diagnostic: 'PATH_OUTSIDE_PROJECT' },
    ];
  }),
  ...(['/proc/self/environ', '/dev/zero', '/dev/stdin', '$OUTSIDE', '../../../../../../../..$OUTSIDE', '~/outside.yaml'] as const).map(
    (p): Case => ({
      name: `render: file:${p}`,
      files: {
        'stencils/app.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  k: ${secrets.k}\n',
        'formations/prod.yaml': `environment: production\nsecrets:\n  k: ${JSON.stringify(`file:${p}`)}\n`,
      },
      argv: ['render', '--secrets', 'resolve'],
      code: 2,
      diagnostic: 'PATH_OUTSIDE_PROJECT',
    }),
  ),
];

const made: { remove: () => void }[] = [];
afterAll(() => {
  for (const p of made) p.remove();
});

describe('hostile projects: paths stay in the project', () => {
  it.each(cases)('$name', async (c) => {
    const project = hostileProject(c.files);
    made.push(project);
    for (const [link, target] of Object.entries(c.links ?? {})) {
      const at = path.join(project.dir, link);
      fs.mkdirSync(path.dirname(at), { recursive: true });
      fs.rmSync(at, { force: true });
      fs.symlinkSync(target.replace('$OUTSIDE', project.outsideFile), at);
    }
    if (c.fifo) execFileSync('mkfifo', [path.join(project.dir, c.fifo)]);
    const argv = c.argv ?? ['check', '--format', 'json'];
    const r = await runBin(argv, project.dir, { HOME: path.dirname(project.outsideFile), ...c.env });
    expect(r.code).toBe(c.code);
    const all = r.stdout + r.stderr;
    expect(all).toContain(c.diagnostic);
    for (const canary of Object.values(CANARY)) expect(all).not.toContain(canary);
    expect(all).not.toMatch(STACK_TRACE);
    // nothing of the environment either: no other variable's name=value shows up
    expect(all).not.toMatch(/CI_DEPLOY_TOKEN=|PATH=\//);
  }, 20_000);
});
