import { afterEach, describe, expect, it } from 'vitest';
import { runCli, STACK_TRACE } from '../support/run-cli.js';
import { tempProject } from '../support/temp-project.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const STENCIL = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n';
const FORMATION = 'environment: dev\nvalues:\n  name: app\n';

/**
 * Malformed input of every kind: each must end in exit 2 with located diagnostics on stderr,
 * never a crash (INTERNAL_ERROR), a stack trace, or anything on stdout.
 */
describe.each<[string, Record<string, string>]>([
  ['stencil of binary garbage', { 'stencils/a.yaml': '\u0000\u0001\u0002{{{[[[:::\n' }],
  ['stencil indented with tabs', { 'stencils/a.yaml': 'kind: ConfigMap\nmetadata:\n\tname: x\n' }],
  ['stencil with an unclosed flow map', { 'stencils/a.yaml': 'kind: {a: 1\n' }],
  ['stencil with an undefined alias', { 'stencils/a.yaml': 'kind: ConfigMap\nmetadata: *nope\n' }],
  ['stencil with a bad merge', { 'stencils/a.yaml': 'kind: ConfigMap\nmetadata:\n  <<: just-text\n  name: x\n' }],
  ['stencil document that is a scalar', { 'stencils/a.yaml': '${name}\n' }],
  ['stencil with a secret in a key', { 'stencils/a.yaml': STENCIL + 'data:\n  ${secrets.s}: x\n', 'formations/dev.yaml': FORMATION + 'secrets:\n  s: vault:secret/a#b\n' }],
  ['formation that is a list', { 'formations/dev.yaml': '- a\n- b\n' }],
  ['formation that is a scalar', { 'formations/dev.yaml': 'just text\n' }],
  ['formation with two documents', { 'formations/dev.yaml': FORMATION + '---\nenvironment: x\n' }],
  ['destination kubernetesVersion that is not a version', { 'formations/dev.yaml': FORMATION + 'destination: { kubernetesVersion: latest }\n' }],
  ['extends that is a number', { 'formations/dev.yaml': 'extends: 5\n' + FORMATION }],
  ['extends of a non-YAML file', { 'formations/dev.yaml': 'extends: ../stencils\n' + FORMATION }],
  ['values that is a list', { 'formations/dev.yaml': 'environment: dev\nvalues: [1, 2]\n' }],
  ['values that is null', { 'formations/dev.yaml': 'environment: dev\nvalues:\n' }],
  ['value named secrets', { 'formations/dev.yaml': FORMATION + '  secrets: x\n' }],
  ['value with a bad name', { 'formations/dev.yaml': FORMATION + '  "bad name": x\n' }],
  ['secret reference with an unknown scheme', { 'formations/dev.yaml': FORMATION + 'secrets:\n  s: http://x\n' }],
  ['secret reference that is a number', { 'formations/dev.yaml': FORMATION + 'secrets:\n  s: 5\n' }],
  ['stencil include that is a string', { 'formations/dev.yaml': FORMATION + 'stencils:\n  include: "*.yaml"\n' }],
  ['destination that is a string', { 'formations/dev.yaml': FORMATION + 'destination: prod\n' }],
  ['environment that is a mapping', { 'formations/dev.yaml': 'environment: { a: 1 }\nvalues:\n  name: app\n' }],
  ['layer with a syntax error', { 'formations/dev.yaml': 'extends: _l.yaml\n' + FORMATION, 'formations/_l.yaml': 'values: [\n' }],
  ['values schema that is not JSON', { 'formations/values.schema.json': '{ nope' }],
  ['values schema that is no schema', { 'formations/values.schema.json': '{ "type": 5 }' }],
  ['copperplate.yaml with an unknown key', { 'copperplate.yaml': 'kubernetesVersion: "1.31"\nbogus: 1\n' }],
  ['copperplate.yaml that is malformed', { 'copperplate.yaml': 'strict: [\n' }],
])('%s', (_label, files) => {
  it('is exit 2 with a located diagnostic and no stack trace', async () => {
    const t = tempProject({ 'stencils/a.yaml': STENCIL, 'formations/dev.yaml': FORMATION, ...files });
    cleanups.push(t.remove);
    const r = await runCli(['render', 'dev', '--secrets', 'redact', '--no-check'], t.dir);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('INTERNAL_ERROR');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/[\w./-]+:\d+:\d+/);
  });
});
