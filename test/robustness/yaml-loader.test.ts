import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { decodeUtf8, invalidEncodingAt } from '../../src/core/text-decode.js';
import { parseYamlFile, yamlToJs } from '../../src/core/yaml-document.js';
import { checkAliases, YAML_LIMITS } from '../../src/core/yaml-limits.js';
import { render } from '../../src/engine/api.js';
import { parseSopsTree } from '../../src/secrets/sops-file.js';
import { memoryProject } from '../support/memory-project.js';

const STENCIL = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n';
const FORMATION = 'environment: dev\nvalues:\n  name: app\n';

async function renderFiles(files: Record<string, string>) {
  const project = await memoryProject({ 'stencils/a.yaml': STENCIL, 'formations/dev.yaml': FORMATION, ...files });
  const result = await render(project, { check: false });
  return { diagnostics: [...project.diagnostics, ...result.report.diagnostics], stream: result.manifests.get('dev') ?? '' };
}

describe('aliases', () => {
  it('a stencil may use an anchor 150 times (yaml alone stops at 100)', async () => {
    const items = Array.from({ length: 150 }, (_, i) => `  k${i}: *v`).join('\n');
    const r = await renderFiles({ 'stencils/a.yaml': `${STENCIL}x-anchor: &v { a: 1, b: [x, y] }\ndata:\n${items}\n` });
    expect(r.diagnostics).toEqual([]);
    expect(r.stream.match(/^ {4}a: 1$/gm)).toHaveLength(150);
  });

  it('a formation and a values file may use many aliases too', async () => {
    const values = Array.from({ length: 300 }, (_, i) => `  v${i}: *n`).join('\n');
    const r = await renderFiles({ 'formations/dev.yaml': `environment: dev\nvalues:\n  name: &n app\n${values}\n` });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.stream).toContain('name: app');
  });

  it('20,000 aliases of a scalar load in linear time', () => {
    const text = `a: &a x\nlist: [${Array.from({ length: 20_000 }, () => '*a').join(', ')}]\n`;
    const parsed = parseYamlFile('f.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect((yamlToJs(parsed.documents[0]!.doc) as { list: string[] }).list).toHaveLength(20_000);
  });

  it('the budget counts the nodes that expansion adds, and reports the alias that passes it', () => {
    const [doc] = parseAllDocuments('a: &a [1, 2, 3]\nb: [*a, *a]\nc: [*a]\n');
    // [1, 2, 3] is 4 nodes: two aliases add 8, the third 4 more
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxAliasNodes: 12 })).toBeUndefined();
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxAliasNodes: 11 })).toMatchObject({ code: 'YAML_LIMIT', offset: 'a: &a [1, 2, 3]\nb: [*a, *a]\nc: ['.length });
  });

  it('nested aliases count what they expand to', () => {
    const text = 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n';
    const [doc] = parseAllDocuments(text);
    // *a adds 3 (twice), *b adds 7 (twice): 20
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxAliasNodes: 20 })).toBeUndefined();
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxAliasNodes: 19 })?.offset).toBe(text.lastIndexOf('*b'));
  });

  it('expansion past the nesting limit is reported at the alias', () => {
    const text = 'a: &a [[[x]]]\nb: &b [[[*a]]]\nc: [[[*b]]]\n';
    const [doc] = parseAllDocuments(text);
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxDepth: 10 })).toBeUndefined();
    expect(checkAliases(doc!, { used: 0 }, { ...YAML_LIMITS, maxDepth: 9 })).toMatchObject({ code: 'YAML_LIMIT', offset: text.indexOf('*b') });
  });

  it('one budget for all documents of a file', () => {
    // 20 aliases of a 10-node anchor add 200 per document: the 501st document passes 100,000
    const doc = `a: &a [x, x, x, x, x, x, x, x, x]\nb: [${Array.from({ length: 20 }, () => '*a').join(', ')}]\n`;
    const parsed = parseYamlFile('f.yaml', Array.from({ length: 600 }, () => doc).join('---\n'));
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'YAML_LIMIT', line: 500 * 3 + 2, column: 5 })]);
    expect(parsed.documents).toHaveLength(500);
  });
});

describe('sops files (written by sops, read by their own parser)', () => {
  it('an alias bomb is SOPS_FILE_INVALID, not a crash', () => {
    const text = `a: &a [x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f', 'g'].map((n, i) => `${n}: &${n} [${Array.from({ length: 9 }, () => `*${'abcdefg'[i]}`).join(', ')}]`).join('\n')}\n`;
    expect(() => parseSopsTree(text, 'yaml', 'secrets/x.enc.yaml')).toThrow(expect.objectContaining({ code: 'SOPS_FILE_INVALID' }));
  });
});

describe('nesting', () => {
  it('250 levels render; the limit is reported with its position', async () => {
    const ok = await renderFiles({ 'stencils/a.yaml': `${STENCIL}data:\n  x: ${'['.repeat(250)}${']'.repeat(250)}\n` });
    expect(ok.diagnostics).toEqual([]);
    const deep = parseYamlFile('f.yaml', `a:\n  b: ${'['.repeat(300)}${']'.repeat(300)}\n`);
    // the root mapping is level 1, `b`'s mapping 2: the 255th bracket is level 257
    expect(deep.diagnostics).toEqual([expect.objectContaining({ code: 'YAML_LIMIT', line: 2, column: 6 + 254 })]);
  });
});

describe('byte order marks', () => {
  it('are accepted in every input, and columns count from the first real character', async () => {
    const r = await renderFiles({
      'stencils/a.yaml': `\ufeff${STENCIL}`,
      'formations/dev.yaml': `\ufeff${FORMATION}`,
      'formations/values.schema.json': '\ufeff{ "type": "object" }',
      'copperplate.yaml': '\ufeffkubernetesVersion: "1.31"\n',
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.stream).toContain('name: app');
    expect(parseYamlFile('f.yaml', '\ufeffa: *x\n').diagnostics).toEqual([expect.objectContaining({ line: 1, column: 4 })]);
  });
});

describe('tags', () => {
  it('!!binary reads as its base64 text, as Kubernetes writes bytes', async () => {
    const r = await renderFiles({ 'stencils/a.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: !!binary aGVsbG8=\n  b: !!binary |\n    aGVs\n    bG8h\n` });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.stream).toContain('  a: aGVsbG8=\n  b: aGVsbG8h\n');
  });

  it('core tags keep working', () => {
    const parsed = parseYamlFile('f.yaml', 'a: !!str 012\nb: !!int "7"\nc: !!null ""\nd: !!map { x: 1 }\ne: !!seq [1]\nf: !!float 1\ng: !!bool true\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(yamlToJs(parsed.documents[0]!.doc)).toEqual({ a: '012', b: 7, c: null, d: { x: 1 }, e: [1], f: 1, g: true });
  });
});

describe('UTF-8', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('valid text decodes as usual', () => {
    expect(decodeUtf8(Buffer.from('héllo €𝄞'))).toBe('héllo €𝄞');
    expect(invalidEncodingAt('héllo €𝄞')).toBeUndefined();
  });
  it.each([
    ['a lone continuation byte', bytes(0x61, 0x80, 0x62), 1, 0x80],
    ['an overlong encoding', bytes(0x61, 0xc0, 0xaf), 1, 0xc0],
    ['an encoded surrogate', bytes(0x61, 0xed, 0xa0, 0x80), 1, 0xed],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0, 0xf4],
    ['a truncated sequence', bytes(0x61, 0x62, 0xe2, 0x82), 2, 0xe2],
    ['Latin-1 text', bytes(0x63, 0x61, 0x66, 0xe9), 3, 0xe9],
  ])('%s is found at its offset', (_name, input, offset, byte) => {
    expect(invalidEncodingAt(decodeUtf8(input))).toEqual({ offset, byte });
  });
  it('a lone surrogate from an embedder is invalid too', () => {
    expect(invalidEncodingAt('ab\ud800c')).toEqual({ offset: 2 });
    expect(parseYamlFile('f.yaml', 'a: "\ud800"\n').diagnostics).toEqual([expect.objectContaining({ code: 'ENCODING_INVALID', line: 1, column: 5 })]);
  });
});
