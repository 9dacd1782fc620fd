import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempDir } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

function listFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

describe('copperplate init', () => {
  it('scaffolds a project that renders every formation (exit 0)', async () => {
    const root = dir();
    const init = await runCli(['init', 'app'], root);
    expect(init.code).toBe(0);
    const project = path.join(root, 'app');
    expect(listFiles(project)).toEqual(expect.arrayContaining(['copperplate.yaml', 'stencils/app.yaml']));
    expect(listFiles(project).some((f) => /^formations\/[^_][^/]*\.yaml$/.test(f))).toBe(true);

    const rendered = await runCli(['render', '--all', '--secrets', 'redact'], project);
    expect(rendered.stderr).not.toMatch(STACK_TRACE);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('# Source: stencils/');

    const viaProject = await runCli(['--project', project, 'render', '--all', '--secrets', 'redact', '--no-check'], root);
    expect(viaProject.code).toBe(0);
  });

  it('defaults to the working directory', async () => {
    const root = dir();
    const init = await runCli(['init'], root);
    expect(init.code).toBe(0);
    expect(fs.existsSync(path.join(root, 'copperplate.yaml'))).toBe(true);
  });

  it('refuses (exit 2) a directory that already holds project files, and writes nothing', async () => {
    const root = dir();
    expect((await runCli(['init'], root)).code).toBe(0);
    const stencil = path.join(root, 'stencils', 'app.yaml');
    fs.writeFileSync(stencil, '# mine\n');
    fs.rmSync(path.join(root, 'copperplate.yaml'));
    const again = await runCli(['init'], root);
    expect(again.code).toBe(2);
    expect(again.stderr).not.toMatch(STACK_TRACE);
    expect(fs.readFileSync(stencil, 'utf8')).toBe('# mine\n');
    expect(fs.existsSync(path.join(root, 'copperplate.yaml'))).toBe(false);
  });
});
