import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePattern, invalidPatterns } from '../../src/core/linear-pattern.js';
import { check, render } from '../../src/engine/api.js';
import { formatText } from '../../src/report/text-report.js';
import { memoryProject } from '../support/memory-project.js';
import { tempDir } from '../support/temp-project.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  names: { kind: Thing, plural: things, singular: thing, listKind: ThingList }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                word: { type: string, pattern: "^(a+)+$" }
`;

describe('patterns run with RE2 semantics, in linear time', () => {
  it('a backtracking CRD pattern against 40 characters and a `!` fails fast (a finding, not a hang)', async () => {
    const project = await memoryProject({
      'crds/thing.yaml': CRD,
      'stencils/thing.yaml': `apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  word: ${'a'.repeat(40)}!\n`,
      'formations/dev.yaml': 'environment: dev\n',
      'copperplate.yaml': 'builtinPolicies: []\n',
    });
    const result = await check(project);
    expect(result.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.report.findings).toEqual([expect.objectContaining({ policy: 'schema', file: 'stencils/thing.yaml', line: 6, column: 9 })]);
    expect(result.report.exitCode).toBe(1);
  }, 10_000);

  it('RE2 syntax differs from JavaScript: CRD patterns are Go syntax, values-schema patterns ECMA syntax', () => {
    expect(typeof compilePattern('\\x{e9}', 're2')).not.toBe('string');
    expect(typeof compilePattern('\\u00e9', 'ecma')).not.toBe('string');
    expect(compilePattern('(?<=a)b', 're2')).toEqual(expect.any(String));
    expect(compilePattern('(a)\\1', 'ecma')).toEqual(expect.any(String));
  });

  it('every pattern of a schema is checked, including patternProperties keys, but not data named `pattern`', () => {
    const schema = {
      properties: { pattern: { type: 'string', pattern: '(?!x)' }, b: { items: { pattern: 'ok' } } },
      patternProperties: { '(?=k)': {} },
      enum: [{ pattern: '(?=' }],
    };
    expect(invalidPatterns(schema, 'ecma').map((p) => p.path)).toEqual([['patternProperties', '(?=k)'], ['properties', 'pattern', 'pattern']]);
  });
});

describe('values-schema patterns', () => {
  const schema = '{ "properties": { "a": { "pattern": "^a+$" }, "b": { "pattern": "^b+$" }, "e": { "pattern": "^\\\\u00e9$" } } }';
  const files = { 'stencils/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${a}\n  b: ${b}\n  e: ${e}\n', 'formations/values.schema.json': schema };

  it('each pattern is its own (ajv keys compiled patterns by text), also from the standalone cache', async () => {
    const t = tempDir();
    try {
      for (const run of ['compiled', 'cached']) {
        const project = await memoryProject({ ...files, 'formations/dev.yaml': 'environment: dev\nvalues:\n  a: aaa\n  b: aaa\n  e: é\n' });
        project.cacheDir = t.dir;
        const result = await render(project, { check: false });
        expect(result.report.diagnostics.map((d) => [d.code, d.line]), run).toEqual([['VALUES_SCHEMA', 4]]);
      }
      const [entry] = fs.readdirSync(path.join(t.dir, 'values-schema'));
      expect(fs.readFileSync(path.join(t.dir, 'values-schema', entry!), 'utf8')).toContain('require("re2js")');
    } finally {
      t.remove();
    }
  });
});

describe('RESOURCE_DUPLICATE', () => {
  it('names both stencil locations, once per formation', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n';
    const project = await memoryProject({
      'stencils/a.yaml': cm,
      'stencils/b.yaml': `${cm}  namespace: shop\n`,
      'formations/dev.yaml': 'environment: dev\ndestination:\n  namespace: shop\n',
      'formations/other.yaml': 'environment: dev\ndestination:\n  namespace: elsewhere\n',
    });
    const result = await render(project, { check: false });
    // in `other`, a.yaml lands in `elsewhere` and b.yaml in `shop`: two resources
    expect(result.report.diagnostics).toEqual([
      expect.objectContaining({ code: 'RESOURCE_DUPLICATE', formation: 'dev', file: 'stencils/b.yaml', line: 4, column: 9, message: expect.stringContaining('stencils/a.yaml:4:9 and stencils/b.yaml:4:9') }),
    ]);
    // each formation renders on its own: `other` has its manifests, `dev` none; the run fails
    expect(result.report.exitCode).toBe(2);
    expect([...result.manifests.keys()]).toEqual(['other']);
  });
});

describe('the text report shows input, never obeys it', () => {
  it('escapes terminal sequences, BEL and other control characters in messages and code frames', () => {
    const evil = 'x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e';
    const text = formatText(
      {
        version: 1,
        tool: { name: 'copperplate', version: '0' },
        summary: { formations: 1, resources: 0, errors: 1, warnings: 0, signoffsRequired: 0, approved: 0, blocking: true },
        diagnostics: [{ code: 'PLACEHOLDER_UNDEFINED', severity: 'error', message: `bad ${evil}`, file: 'stencils/a.yaml', line: 1, column: 10, hint: evil }],
        findings: [],
      } as never,
      { color: false, readSource: () => `name: "a${evil}" \${nope}\n` },
    );
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m\\u202E');
  });
});
