import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/engine/api.js';
import { loadProject } from '../../src/engine/project.js';
import { runCli } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

// A clean project but for one warning diagnostic (VALUE_UNUSED) and no finding at all.
const project = tempProject({
  'copperplate.yaml': 'builtinPolicies: [no-latest-tag]\n',
  'stencils/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\ndata:\n  mode: ${mode}\n',
  'formations/dev.yaml': 'environment: dev\nvalues:\n  mode: fast\n  unused: 1\n',
});
afterAll(() => project.remove());

const check = (...argv: string[]) => runCli(['check', ...argv], project.dir);

describe('the verdict under --fail-on (one decision, every format shows it)', () => {
  it('a warning diagnostic passes by default and fails under --fail-on warning', async () => {
    expect((await check('--format', 'json')).code).toBe(0);
    const r = await check('--fail-on', 'warning', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { exitCode: number; summary: { blocking: boolean; warnings: number }; diagnostics: { code: string; blocking: boolean }[] };
    expect(json.exitCode).toBe(1);
    expect(json.summary).toMatchObject({ blocking: true, warnings: 1 });
    expect(json.diagnostics).toMatchObject([{ code: 'VALUE_UNUSED', blocking: true }]);
  });

  it.each([
    ['text', (out: string) => out.trimEnd().endsWith(': blocking'), (out: string) => out.trimEnd().endsWith(': nothing blocking')],
    ['github', (out: string) => out.includes('::error ') && out.trimEnd().endsWith(': blocking'), (out: string) => out.includes('::warning ') && !out.includes('::error ')],
    ['markdown', (out: string) => !out.includes('nothing blocking'), (out: string) => out.startsWith('### copperplate: nothing blocking')],
    ['junit', (out: string) => /<testsuites [^>]*failures="1"/.test(out), (out: string) => /<testsuites [^>]*failures="0" errors="0"/.test(out)],
    [
      'html',
      // the page reads the report's verdict and per-item blocking: the warning is marked as what blocks
      (out: string) => out.includes('<div class="verdict block" role="status"><strong>Blocked</strong><span>exit 1') && out.includes('<span class="badge b-warning">warning</span> <span class="badge b-block">blocks</span>') && out.includes('<li><b>1</b> blocking</li>'),
      (out: string) => out.includes('<div class="verdict pass" role="status"><strong>Passed</strong><span>exit 0') && !out.includes('b-block">') && out.includes('<li><b>0</b> blocking</li>'),
    ],
    ['sarif', (out: string) => (JSON.parse(out) as { runs: { invocations: { exitCode: number }[] }[] }).runs[0]!.invocations[0]!.exitCode === 1, (out: string) => out.includes('"exitCode": 0')],
    ['json', (out: string) => (JSON.parse(out) as { summary: { blocking: boolean } }).summary.blocking, (out: string) => !(JSON.parse(out) as { summary: { blocking: boolean } }).summary.blocking],
    ['html', (out: string) => out.includes('<div class="verdict block" role="status"><strong>Blocked</strong><span>exit 1 '), (out: string) => out.includes('<div class="verdict pass" role="status"><strong>Passed</strong><span>exit 0 ')],
  ])('%s shows the same verdict as the exit code', async (format, failing, passing) => {
    const blocked = await check('--fail-on', 'warning', '--format', format);
    expect(blocked.code).toBe(1);
    expect(failing(blocked.stdout), blocked.stdout).toBe(true);
    const passed = await check('--format', format);
    expect(passed.code).toBe(0);
    expect(passing(passed.stdout), passed.stdout).toBe(true);
  });

  it('an unknown --format is a usage error with a code (exit 2, nothing on stdout)', async () => {
    const r = await check('--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('FORMAT_UNKNOWN');
  });
});

describe('validate reports the project’s own problems', () => {
  const broken = tempProject({ 'copperplate.yaml': 'kubernetesVersion: "1.31"\nnoSuchKey: true\n' });
  afterAll(() => broken.remove());
  const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata: { a: b }\n';

  it('an invalid copperplate.yaml is exit 2 for validate, as for check', async () => {
    const r = await runCli(['validate', 'app.yaml', '--format', 'json'], broken.dir);
    // the input file does not exist either: both are reported
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { diagnostics: { code: string; file?: string; line?: number }[] };
    expect(json.diagnostics.map((d) => d.code).sort()).toEqual(['CONFIG_INVALID', 'INPUT_NOT_FOUND']);
    expect(json.diagnostics.find((d) => d.code === 'CONFIG_INVALID')).toMatchObject({ file: 'copperplate.yaml', line: 2 });
    expect((await runCli(['check'], broken.dir)).code).toBe(2);
  });

  it('the library validate() says the same', async () => {
    const p = await loadProject({ root: broken.dir });
    const r = await validate(p, { inputs: [{ file: 'app.yaml', text: manifest }] });
    expect(r.report.exitCode).toBe(2);
    expect(r.report.diagnostics.map((d) => d.code)).toEqual(['CONFIG_INVALID']);
  });
});
