import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { GIT_ENV } from '../precommit/git-repo.js';
import { changeLoadBalancerIp, demoRepo } from '../support/demo-repo.js';
import { repoRoot } from '../support/paths.js';
import { tempDir } from '../support/temp-project.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

const action = parse(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The `${{ … }}` expressions the action uses, resolved like the runner would. */
function expander(values: Record<string, string>, outputs: Record<string, Record<string, string>>): (text: string) => string {
  return (text) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, expr: string) => {
      const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (step) return outputs[step[1]!]?.[step[2]!] ?? '';
      if (!(expr in values)) throw new Error(`unexpected expression ${expr}`);
      return values[expr]!;
    });
}

/** Runs the action's shell steps in order, as GitHub's `bash` shell does (`bash -eo pipefail`); `uses:` steps are returned with their `with` expanded. */
function runAction(repoDir: string, inputs: Record<string, string>, event: { baseRef: string }) {
  const temp = tempDir('copperplate-runner-');
  cleanups.push(temp.remove);
  const values: Record<string, string> = {
    'github.action_path': repoRoot,
    'github.base_ref': event.baseRef,
    'runner.temp': temp.dir,
  };
  for (const [name, spec] of Object.entries(action.inputs)) values[`inputs.${name}`] = inputs[name] ?? spec.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const expand = expander(values, outputs);
  const log: { step: Step; code?: number; stdout?: string; with?: Record<string, string>; env?: Record<string, string> }[] = [];
  for (const step of steps) {
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
    if (step.uses !== undefined) {
      log.push({ step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v)])), env });
      continue;
    }
    if (step.if !== undefined) {
      // the only condition on a shell step: the last one runs when the check did not pass
      expect(step.if).toBe("steps.check.outputs.exit != '0'");
      if (outputs['check']?.['exit'] === '0') continue;
    }
    expect(step.shell).toBe('bash');
    const outputFile = path.join(temp.dir, `${step.id ?? 'step'}.out`);
    fs.writeFileSync(outputFile, '');
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: path.resolve(repoDir, expand(step['working-directory'] ?? '.')),
      env: { ...process.env, ...GIT_ENV, GITHUB_OUTPUT: outputFile, ...env },
      encoding: 'utf8',
    });
    const parsed: Record<string, string> = {};
    for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) parsed[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id !== undefined) outputs[step.id] = parsed;
    log.push({ step, code: run.status ?? -1, stdout: `${run.stdout}${run.stderr}` });
    if (run.status !== 0) break;
  }
  return { log, outputs, expand };
}

/** A pull request: the demo on `main` (also as `origin/main`), its IP change committed on a branch. */
function pullRequest(subdir?: string) {
  const repo = demoRepo(subdir);
  cleanups.push(repo.remove);
  repo.git('update-ref', 'refs/remotes/origin/main', 'main');
  repo.git('checkout', '-q', '-b', 'change-ip');
  const change = changeLoadBalancerIp(repo, '203.0.113.99', subdir);
  repo.git('commit', '-q', '-am', 'move the load balancer');
  return { repo, change };
}

describe('action.yml (composite), its shell steps run locally against a git repository made from the demo', () => {
  it('is a composite action with the inputs the docs name', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['formations', 'fail-on', 'project-directory', 'node-version']));
    expect(steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/setup-node@v4$/), with: { 'node-version': '${{ inputs.node-version }}' } });
  });

  it.each([
    ['the repository root, every formation', undefined, {}],
    ['a project in a subdirectory, two formations named', 'deploy', { 'project-directory': 'deploy', formations: 'production-aws staging' }],
  ] as const)('%s: checks against the PR base, writes SARIF, markdown and HTML, comments, uploads, fails with exit 1', async (_name, subdir, inputs) => {
    const { repo, change } = pullRequest(subdir);
    const { log, outputs } = runAction(repo.dir, inputs, { baseRef: 'main' });
    const shell = log.filter((l) => l.step.run !== undefined);
    expect(shell.map((l) => [l.step.id ?? l.step.name, l.code])).toEqual([
      ['setup', 0],
      ['baseline', 0],
      ['check', 0],
      ['Fail on blocking findings (1) or when copperplate could not check (2)', 1],
    ]);
    expect(outputs['baseline']).toEqual({ ref: 'origin/main' });
    expect(outputs['check']!['exit']).toBe('1');
    expect(shell.at(-1)!.stdout).toContain('::error::copperplate: blocking findings');
    // the check's text report in the log names the change
    expect(shell[2]!.stdout).toContain(`to "${change.to}"`);

    const sarifStep = log.find((l) => l.step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const sarif = JSON.parse(fs.readFileSync(sarifStep.with!['sarif_file']!, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);

    const artifact = log.find((l) => l.step.uses?.startsWith('actions/upload-artifact@'))!;
    const html = fs.readFileSync(artifact.with!['path']!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(change.to);
    expect(html).toContain('git <code>origin/main</code>');

    // The comment script, run against a fake API: first run creates the comment, the next updates it.
    const script = log.find((l) => l.step.uses?.startsWith('actions/github-script@'))!;
    const comments: { id: number; body: string; user: { type: string } }[] = [];
    const github = {
      paginate: async (fn: (a: unknown) => Promise<unknown>, args: unknown) => ((await fn(args)) as { data: unknown[] }).data,
      rest: {
        issues: {
          listComments: async () => ({ data: comments }),
          createComment: async ({ body }: { body: string }) => void comments.push({ id: comments.length + 1, body, user: { type: 'Bot' } }),
          updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => void (comments.find((c) => c.id === comment_id)!.body = body),
        },
      },
    };
    const context = { repo: { owner: 'acme', repo: 'shop' }, payload: { pull_request: { number: 7 } } };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    const run = new AsyncFunction('require', 'github', 'context', 'process', script.with!['script']!);
    const proc = { env: { ...process.env, ...script.env } };
    const { createRequire } = await import('node:module');
    await run(createRequire(import.meta.url), github, context, proc);
    await run(createRequire(import.meta.url), github, context, proc);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- copperplate-report -->\n')).toBe(true);
    expect(comments[0]!.body).toContain(change.to);
  });

  it('passes when nothing blocks (no failing step); fail-on reaches the check (a bad value is exit 2)', () => {
    const clean = demoRepo();
    cleanups.push(clean.remove);
    clean.git('update-ref', 'refs/remotes/origin/main', 'main');
    const passed = runAction(clean.dir, {}, { baseRef: 'main' });
    expect(passed.outputs['check']!['exit']).toBe('0');
    expect(passed.log.filter((l) => l.step.run !== undefined).map((l) => l.step.id)).toEqual(['setup', 'baseline', 'check']);
    const bad = runAction(clean.dir, { 'fail-on': 'sometimes' }, { baseRef: 'main' });
    expect(bad.outputs['check']!['exit']).toBe('2');
    expect(bad.log.at(-1)!.stdout).toContain('could not check the project (exit 2)');
  });

  it('examples/github-workflow.yml uses this action with inputs it has, the permissions it needs, and runs as the example says', () => {
    const workflow = parse(fs.readFileSync(path.join(repoRoot, 'examples', 'github-workflow.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    const used = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.includes('/copperplate@'))!;
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } };
    expect(`https://github.com/${used.uses!.split('@')[0]}`).toBe(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''));
    const inputs = Object.fromEntries(Object.entries(used.with ?? {}).map(([k, v]) => [k, String(v)]));
    for (const name of Object.keys(inputs)) expect(Object.keys(action.inputs)).toContain(name);
    expect(workflow.permissions).toMatchObject({ 'security-events': 'write', 'pull-requests': 'write' });
    const { repo, change } = pullRequest();
    const run = runAction(repo.dir, inputs, { baseRef: 'main' });
    expect(run.outputs['check']!['exit']).toBe('1');
    const artifact = run.log.find((l) => l.step.uses?.startsWith('actions/upload-artifact@'))!;
    expect(fs.readFileSync(artifact.with!['path']!, 'utf8')).toContain(change.to);
  });
});

