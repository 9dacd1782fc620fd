import { afterAll, describe, expect, it } from 'vitest';
import { check, validate, type Diagnostic, type Finding } from '../../src/index.js';
import { memoryProject } from '../support/memory-project.js';
import { runCli } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

/** The source text a span covers (lines and columns 1-based, end column exclusive). */
function spanned(text: string, at: Diagnostic | Finding): string | undefined {
  if (at.line === undefined || at.column === undefined || at.endLine === undefined || at.endColumn === undefined) return undefined;
  const lines = text.split('\n');
  if (at.line === at.endLine) return lines[at.line - 1]!.slice(at.column - 1, at.endColumn - 1);
  return [lines[at.line - 1]!.slice(at.column - 1), ...lines.slice(at.line, at.endLine - 1), lines[at.endLine - 1]!.slice(0, at.endColumn - 1)].join('\n');
}

const CONFIGMAP = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${data}`;
const FORMATION = 'environment: dev\nvalues:\n  name: app\n  port: 8080\n  list: [a, b]\n';

/** One project file broken in one way → the code, the file, and exactly the text its span covers. */
const CASES: { name: string; files: Record<string, string>; code: string; file: string; span: string }[] = [
  { name: 'undefined placeholder (whole value)', files: { 'stencils/a.yaml': CONFIGMAP('  a: ${nope}\n') }, code: 'PLACEHOLDER_UNDEFINED', file: 'stencils/a.yaml', span: '${nope}' },
  { name: 'undefined placeholder inside text', files: { 'stencils/a.yaml': CONFIGMAP('  a: "x-${ no.pe }-y"\n') }, code: 'PLACEHOLDER_UNDEFINED', file: 'stencils/a.yaml', span: '${ no.pe }' },
  { name: 'undefined placeholder in a block scalar', files: { 'stencils/a.yaml': CONFIGMAP('  a: |\n    one ${name}\n    two ${nope} three\n') }, code: 'PLACEHOLDER_UNDEFINED', file: 'stencils/a.yaml', span: '${nope}' },
  { name: 'placeholder syntax', files: { 'stencils/a.yaml': CONFIGMAP('  a: "${a+b}"\n') }, code: 'PLACEHOLDER_SYNTAX', file: 'stencils/a.yaml', span: '${a+b}' },
  { name: 'placeholder type (a list inside text)', files: { 'stencils/a.yaml': CONFIGMAP('  a: "x${list}"\n') }, code: 'PLACEHOLDER_TYPE', file: 'stencils/a.yaml', span: '${list}' },
  // the parser's own span (yaml's pos): the scalar that cannot take a nested mapping
  { name: 'YAML syntax error', files: { 'stencils/a.yaml': CONFIGMAP('  a: b\n   c: d\n') }, code: 'YAML_SYNTAX', file: 'stencils/a.yaml', span: 'b' },
  { name: 'duplicate key', files: { 'stencils/a.yaml': CONFIGMAP('  a: b\n  a: c\n') }, code: 'DUPLICATE_KEY', file: 'stencils/a.yaml', span: 'a' },
  { name: 'formation: unknown key', files: { 'formations/dev.yaml': `${FORMATION}colour: red\n` }, code: 'FORMATION_INVALID', file: 'formations/dev.yaml', span: 'colour' },
  { name: 'formation: wrong type', files: { 'formations/dev.yaml': `${FORMATION}environment: [a]\n`.replace('environment: dev\n', '') }, code: 'FORMATION_INVALID', file: 'formations/dev.yaml', span: '[a]' },
  { name: 'formation: unused value', files: { 'formations/dev.yaml': `${FORMATION}  spare: 42\n` }, code: 'VALUE_UNUSED', file: 'formations/dev.yaml', span: '42' },
];

describe('diagnostics carry the span of what they are about', () => {
  it.each(CASES)('$name: $code spans `$span`', async ({ files, code, file, span }) => {
    const all = { 'stencils/a.yaml': CONFIGMAP('  a: ${name}\n  b: "${port}"\n  c: x\n'), 'formations/dev.yaml': FORMATION, ...files };
    const { report } = await check(await memoryProject(all), { now: () => new Date('2026-01-01') });
    const found = report.diagnostics.filter((d) => d.code === code && d.file === file);
    expect(found.map((d) => spanned(all[file as keyof typeof all]!, d)), JSON.stringify(report.diagnostics)).toContain(span);
  });

  it('schema findings span the offending node (validate of rendered YAML)', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: "eighty"\n  colour: red\n';
    const { report } = await validate(await memoryProject({ 'copperplate.yaml': 'builtinPolicies: []\n' }), { inputs: [{ file: 'in.yaml', text }] });
    const spans = report.findings.map((f) => [f.code, spanned(text, f)]);
    expect(spans).toContainEqual(['SCHEMA_UNKNOWN_FIELD', 'colour']);
    expect(spans).toContainEqual(['SCHEMA_INVALID', '"eighty"']);
  });
});

describe('the span reaches every format', () => {
  const t = tempProject({ 'stencils/a.yaml': CONFIGMAP('  a: x-${nope}-y\n'), 'formations/dev.yaml': 'environment: dev\n' });
  afterAll(t.remove);

  it('JSON: an undefined placeholder covers `${nope}` (endColumn exclusive)', async () => {
    const r = await runCli(['check', '--format', 'json'], t.dir);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
    expect(json.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ['PLACEHOLDER_UNDEFINED', 'stencils/a.yaml', 6, 8, 6, 15],
    ]);
  });

  it('SARIF: the region has the end; text: carets under all of it', async () => {
    const sarif = await runCli(['check', '--format', 'sarif'], t.dir);
    const region = (JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { region: unknown } }[] }[] }[] }).runs[0]!.results[0]!.locations[0]!
      .physicalLocation.region;
    expect(region).toEqual({ startLine: 6, startColumn: 8, endLine: 6, endColumn: 15 });
    const text = await runCli(['check', '--format', 'text', '--color', 'never'], t.dir);
    expect(text.stdout).toContain('6 |   a: x-${nope}-y\n    |        ^^^^^^^\n');
  });
});
