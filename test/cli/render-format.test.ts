import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

// render's report (SPEC §7): on stderr when something blocks; with --format where the format says.
const project = tempProject({
  'copperplate.yaml': 'builtinPolicies: [no-latest-tag]\n',
  'stencils/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:${tag}\n',
  'formations/dev.yaml': 'environment: dev\nvalues:\n  tag: "1.27"\n',
  'formations/bad.yaml': 'environment: dev\nvalues:\n  tag: latest\n',
});
afterAll(() => project.remove());
const render = (...argv: string[]) => runCli(['render', ...argv], project.dir);
const read = (file: string) => fs.readFileSync(path.join(project.dir, file), 'utf8');

describe('render --format', () => {
  it('blocked: every requested report is written, the text report still goes to stderr, stdout stays empty', async () => {
    const r = await render('bad', '--format', 'html=out/bad.html', '--format', 'json=out/bad.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no-latest-tag');
    const json = JSON.parse(read('out/bad.json')) as { exitCode: number; findings: { policy: string; blocking: boolean }[] };
    expect(json.exitCode).toBe(1);
    expect(json.findings).toMatchObject([{ policy: 'no-latest-tag', blocking: true }]);
    const html = read('out/bad.html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<strong>Blocked</strong><span>exit 1');
  });

  it('a format without a file goes to stderr instead of the text report; stdout stays the manifest stream', async () => {
    const blocked = await render('bad', '--format', 'json');
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toBe('');
    expect((JSON.parse(blocked.stderr) as { exitCode: number }).exitCode).toBe(1);
    const passed = await render('dev', '--format', 'json');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('image: nginx:1.27');
    expect((JSON.parse(passed.stderr) as { exitCode: number; findings: unknown[] })).toMatchObject({ exitCode: 0, findings: [] });
  });

  it('passing: the report file is written too (a CI artifact every run), and the manifests are printed', async () => {
    const r = await render('dev', '--format', 'html=out/dev.html');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kind: Pod');
    expect(r.stderr).toBe('');
    expect(read('out/dev.html')).toContain('<strong>Passed</strong><span>exit 0');
  });

  it('could not render (exit 2): the diagnostics reach the terminal and the report file', async () => {
    const broken = tempProject({
      'stencils/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: ${missing}\n',
      'formations/dev.yaml': 'environment: dev\n',
    });
    try {
      const r = await runCli(['render', 'dev', '--format', 'json=out/broken.json'], broken.dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('PLACEHOLDER_UNDEFINED');
      const json = JSON.parse(fs.readFileSync(path.join(broken.dir, 'out/broken.json'), 'utf8')) as { exitCode: number; diagnostics: { code: string }[] };
      expect(json.exitCode).toBe(2);
      expect(json.diagnostics.map((d) => d.code)).toContain('PLACEHOLDER_UNDEFINED');
    } finally {
      broken.remove();
    }
  });

  it('an unknown format is a usage error before anything is rendered', async () => {
    const r = await render('dev', '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('FORMAT_UNKNOWN');
  });
});
