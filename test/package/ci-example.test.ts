import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { demoRepo } from '../support/demo-repo.js';
import { repoRoot } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('examples/github-workflow-steps.yml (the same without the action)', () => {
  const workflow = parse(fs.readFileSync(path.join(repoRoot, 'examples', 'github-workflow-steps.yml'), 'utf8')) as {
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it('uploads SARIF with upload-sarif and comments the markdown report, with the permissions both need', () => {
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.['sarif_file']).toBe('copperplate.sarif');
    expect(steps.some((s) => s.uses?.startsWith('actions/github-script@') && String(s.with?.['script']).includes('copperplate.md'))).toBe(true);
    expect(workflow.permissions).toMatchObject({ 'security-events': 'write', 'pull-requests': 'write' });
  });

  it("its check command runs as written (baseline, text + sarif + markdown files) and writes both files", async () => {
    const run = steps.find((s) => s.run?.includes('copperplate check'))!.run!;
    const args = run
      .slice(run.indexOf('copperplate check') + 'copperplate'.length)
      .split('\n')[0]!
      .concat(' ', run.split('\n').filter((l) => l.trim().startsWith('--')).join(' '))
      .replaceAll('\\', ' ')
      .trim()
      .split(/\s+/)
      .map((a) => a.replace('"origin/${GITHUB_BASE_REF}"', 'HEAD'));
    expect(args).toEqual(['check', '--baseline', 'HEAD', '--format', 'text', '--format', 'sarif=copperplate.sarif', '--format', 'markdown=copperplate.md']);
    const out = tempDir();
    const demo = demoRepo();
    cleanups.push(out.remove, demo.remove);
    const result = await runCli(['--project', demo.dir, ...args], out.dir);
    expect(result.code).toBe(0);
    const sarif = JSON.parse(fs.readFileSync(path.join(out.dir, 'copperplate.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(fs.readFileSync(path.join(out.dir, 'copperplate.md'), 'utf8')).toContain('copperplate');
  });
});
