import * as fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CopperplateError } from '../../src/core/copperplate-error.js';
import { resolveCommit, workTreeRevision } from '../../src/engine/git-fs.js';
import { projectPolicies } from '../../src/engine/project-policies.js';
import { loadProjectAtRef } from '../../src/engine/ref-project.js';
import { tempRepo, type TempRepo } from '../precommit/git-repo.js';
import { tempDir } from '../support/temp-project.js';

const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

const POLICY = (id: string) => `import { definePolicy } from 'copperplate/policy';
export default definePolicy({ id: '${id}', title: 't', severity: 'info', check() {} });
`;

function repo(): TempRepo {
  const r = tempRepo();
  repos.push(r);
  r.write('copperplate.yaml', 'builtinPolicies: []\n');
  r.write('stencils/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  v: "${v}"\n');
  r.write('formations/prod.yaml', 'values:\n  v: one\n');
  r.write('policies/old-rule.ts', POLICY('old-rule'));
  r.git('add', '.');
  r.git('commit', '-q', '--no-verify', '-m', 'one');
  r.write('formations/prod.yaml', 'values:\n  v: two\n');
  fs.rmSync(`${r.dir}/policies/old-rule.ts`);
  r.write('policies/new-rule.ts', POLICY('new-rule'));
  r.git('add', '-A');
  r.git('commit', '-q', '--no-verify', '-m', 'two');
  return r;
}

describe('the project at a commit (--ref)', () => {
  it('reads formations and policies of that commit, and names its full commit id', async () => {
    const r = repo();
    const { project, commit, dispose } = await loadProjectAtRef(r.dir, 'HEAD~1');
    try {
      expect(commit).toBe(r.git('rev-parse', 'HEAD~1').trim());
      expect(project.revision).toBe(commit);
      expect(project.fs.readFile(`${r.dir}/formations/prod.yaml`)).toBe('values:\n  v: one\n');
      const loaded = await projectPolicies(project);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.policies.map((p) => [p.id, p.file])).toEqual([['old-rule', 'policies/old-rule.ts']]);
    } finally {
      dispose();
    }
    expect(fs.existsSync(project.policyRoot ?? '')).toBe(false);
  });

  it('an unknown ref is REF_NOT_FOUND; outside git it is GIT_FAILED', () => {
    const r = repo();
    expect(() => resolveCommit(r.dir, 'no-such-branch')).toThrow(expect.objectContaining({ code: 'REF_NOT_FOUND' }) as CopperplateError);
    expect(() => resolveCommit(r.dir, '--output=/tmp/x')).toThrow(expect.objectContaining({ code: 'REF_NOT_FOUND' }) as CopperplateError);
    const outside = tempDir();
    try {
      expect(() => resolveCommit(outside.dir, 'HEAD')).toThrow(expect.objectContaining({ code: 'GIT_FAILED' }) as CopperplateError);
      expect(workTreeRevision(outside.dir)).toBeUndefined();
    } finally {
      outside.remove();
    }
  });

  it('the work tree revision is HEAD, with -dirty when a project file differs (untracked included)', () => {
    const r = repo();
    const head = r.git('rev-parse', 'HEAD').trim();
    expect(workTreeRevision(r.dir)).toBe(head);
    r.write('stencils/new.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n');
    expect(workTreeRevision(r.dir)).toBe(`${head}-dirty`);
  });
});
