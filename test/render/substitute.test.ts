import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SecretValue, isSecretValue, revealSecret } from '../../src/core/secret-value.js';
import { renderProject } from '../../src/engine/render-project.js';
import { render, type SecretProvider } from '../../src/index.js';
import { emitYaml } from '../../src/render/yaml-emitter.js';
import { memoryProject } from '../support/memory-project.js';

// Substitution (SPEC §2.2) case by case: builtins, secrets (resolved and redacted, whole, quoted,
// in text, in keys), what is left out, what each misuse reports and where.

const memory: SecretProvider = {
  scheme: 'mem',
  parse: (body) => (typeof body === 'string' ? { display: `mem:${body}`, fetchKey: body } : { code: 'SECRET_REF_SYNTAX', message: 'a name' }),
  fetch: async (ref) => `S3CRET-${ref.fetchKey}`,
  select: (unit) => String(unit),
};

const FORMATION = [
  'environment: dev',
  'destination: { namespace: shop }',
  'values:',
  '  replicas: 2',
  '  labels: { app: web, tier: front }',
  '  keyname: tier',
  '  nested: { map: { a: 1 } }',
  '  ports: [80, 443]',
  '  nothing: null',
  '  resource: { apiVersion: v1, kind: ConfigMap, metadata: { name: r } }',
  'secrets:',
  '  token: mem:t',
  '  other: mem:o',
  '',
].join('\n');

async function rendered(stencil: string, formation = FORMATION) {
  const project = await memoryProject({ 'stencils/s.yaml': stencil, 'formations/dev.yaml': formation });
  return renderProject(project, { formations: ['dev'] });
}
/** The errors (the fixture's values are not all used: VALUE_UNUSED warnings are not the point here). */
const errors = (r: Awaited<ReturnType<typeof rendered>>) => r.diagnostics.filter((d) => d.severity === 'error');
const codes = (r: Awaited<ReturnType<typeof rendered>>) => errors(r).map((d) => [d.code, d.line, d.column]);
const objects = (r: Awaited<ReturnType<typeof rendered>>) => r.formations[0]!.documents.map((d) => d.manifest.object);

const SECRET_STENCIL = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata: { name: app }',
  'stringData:',
  '  whole: ${secrets.token}',
  '  quoted: "${secrets.token}"',
  '  text: "pre-${secrets.token}-${secrets.other}-post"',
  '  plain: x-${formation.name}',
  '',
].join('\n');

/** A run that resolves every secret to a canary, which must show nowhere but in the revealed values. */
const CANARY = 'CANARY-7f3a';
const canaries = {
  formations: ['dev'],
  resolveSecrets: async () => ({ lookup: (_formation: string, name: string) => new SecretValue(`${CANARY}-${name}`, [name]), diagnostics: [] }),
};
/** A formation's own errors (its diagnostics, before the run's are merged and deduplicated). */
const formationErrors = (r: Awaited<ReturnType<typeof rendered>>) =>
  r.formations[0]!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column]);

describe('secrets', () => {
  it('resolved: whole, quoted and interpolated values carry the secret, only in the written manifest', async () => {
    const project = await memoryProject({ 'stencils/s.yaml': SECRET_STENCIL, 'formations/dev.yaml': FORMATION });
    const result = await render(project, { secrets: 'resolve', secretProviders: [memory], check: false });
    expect(result.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = result.manifests.get('dev')!;
    expect(text).toContain('whole: S3CRET-t\n');
    expect(text).toContain('quoted: S3CRET-t\n');
    expect(text).toContain('text: pre-S3CRET-t-S3CRET-o-post\n');
    expect(text).toContain('plain: x-dev\n');
  });

  it('redacted: stand-ins, and the document names the secrets it uses', async () => {
    const r = await rendered(SECRET_STENCIL);
    expect(errors(r)).toEqual([]);
    expect(objects(r)[0]!['stringData']).toEqual({ whole: '(secret:token)', quoted: '(secret:token)', text: 'pre-(secret:token)-(secret:other)-post', plain: 'x-dev' });
    expect([...r.formations[0]!.documents[0]!.secrets].sort()).toEqual(['other', 'token']);
  });

  it('resolved: each value names the secrets it is made of; written redacted, its stand-ins name them; the canary stays inside', async () => {
    const r = await renderProject(await memoryProject({ 'stencils/s.yaml': SECRET_STENCIL, 'formations/dev.yaml': FORMATION }), canaries);
    expect(errors(r)).toEqual([]);
    const doc = r.formations[0]!.documents[0]!;
    const values = Object.entries(doc.data['stringData'] as Record<string, unknown>).map(([k, v]) => [k, isSecretValue(v) ? [revealSecret(v), v.names] : v]);
    expect(values).toEqual([
      ['whole', [`${CANARY}-token`, ['token']]],
      ['quoted', [`${CANARY}-token`, ['token']]],
      ['text', [`pre-${CANARY}-token-${CANARY}-other-post`, ['token', 'other']]],
      ['plain', 'x-dev'],
    ]);
    const redacted = emitYaml(doc.data, false);
    expect(redacted).toContain('  text: (secret:token)(secret:other)\n');
    for (const out of [redacted, emitYaml(doc.manifest.object, false), JSON.stringify(r), inspect(r, { depth: null })]) expect(out).not.toContain(CANARY);
  });

  it('resolved: the misuses of a document that uses secrets are each reported once', async () => {
    const stencil = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  k-${secrets.token}: v\n  other: ${secrets.other}\n  quoted: "${nested.map}"\n  text: x-${nested.map}\n';
    const r = await renderProject(await memoryProject({ 'stencils/s.yaml': stencil, 'formations/dev.yaml': FORMATION }), canaries);
    expect(formationErrors(r)).toEqual([
      ['PLACEHOLDER_TYPE', 5, 5],
      ['PLACEHOLDER_TYPE', 7, 12],
      ['PLACEHOLDER_TYPE', 8, 11],
    ]);
  });

  it('keys with secrets are refused each and collide with nothing, not even an empty key; their values are still checked', async () => {
    const stencil = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  a-${secrets.token}: ${nope}\n  b-${secrets.other}: w\n  "": x\n';
    expect(codes(await rendered(stencil))).toEqual([
      ['PLACEHOLDER_TYPE', 5, 5],
      ['PLACEHOLDER_UNDEFINED', 5, 23],
      ['PLACEHOLDER_TYPE', 6, 5],
    ]);
  });

  it('a secret in a mapping key is refused at the placeholder, once, even when secrets are resolved', async () => {
    const stencil = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  k-${secrets.token}: v\n  other: ${secrets.other}\n';
    expect(codes(await rendered(stencil))).toEqual([['PLACEHOLDER_TYPE', 5, 5]]);
    const project = await memoryProject({ 'stencils/s.yaml': stencil, 'formations/dev.yaml': FORMATION });
    const result = await render(project, { secrets: 'resolve', secretProviders: [memory], check: false });
    expect(result.report.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['PLACEHOLDER_TYPE', 5, 5]]);
  });
});

describe('placeholders that resolve to nothing', () => {
  it.each<[string, string, number]>([
    ['a builtin with more segments', '${formation.name.x}', 6],
    ['formation alone', '${formation}', 6],
    ['an unknown builtin', '${formation.cluster}', 6],
    ['a context the destination does not name', '${formation.context}', 6],
    ['an undeclared secret', '${secrets.nope}', 6],
    ['a secret with more segments', '${secrets.token.x}', 6],
    ['secrets alone', '${secrets}', 6],
    ['an undefined value in text', 'x-${nope}', 8],
  ])('%s is PLACEHOLDER_UNDEFINED at the placeholder', async (_what, placeholder, column) => {
    const r = await rendered(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  k: ${placeholder}\n`);
    expect(codes(r)).toEqual([['PLACEHOLDER_UNDEFINED', 5, column]]);
  });

  it('names the values it may have meant', async () => {
    const r = await rendered('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  k: ${replica}\n');
    expect(errors(r)[0]?.hint).toContain('`${replicas}`');
  });

  it('builtins: name, environment, namespace, and context when the destination names one', async () => {
    const stencil = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  v: ${formation.name}/${formation.environment}/${formation.namespace}/${formation.context}\n';
    const r = await rendered(stencil, FORMATION.replace('destination: { namespace: shop }', 'destination: { namespace: shop, context: kind-dev }'));
    expect(errors(r)).toEqual([]);
    expect(objects(r)[0]!['data']).toEqual({ v: 'dev/dev/shop/kind-dev' });
  });
});

describe('documents and values', () => {
  it('an empty document and a null document render nothing, without a problem', async () => {
    const r = await rendered('---\n---\n~\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(errors(r)).toEqual([]);
    expect(objects(r)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]);
  });

  it('a document that is a scalar is MANIFEST_NOT_OBJECT at the document', async () => {
    expect(codes(await rendered('just text\n'))).toEqual([['MANIFEST_NOT_OBJECT', 1, 1]]);
  });

  it('each insertion of a formation mapping is a copy of its own', async () => {
    const r = await rendered('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: ${labels}\n  annotations: ${labels}\n');
    const metadata = objects(r)[0]!['metadata'] as Record<string, unknown>;
    expect(metadata['labels']).toEqual({ app: 'web', tier: 'front' });
    expect(metadata['annotations']).toEqual(metadata['labels']);
    expect(metadata['annotations']).not.toBe(metadata['labels']);
  });

  it('a quoted mapping or a mapping in text is PLACEHOLDER_TYPE at the placeholder, naming it', async () => {
    const r = await rendered('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  a: "${nested.map}"\n  b: x-${nested.map}\n');
    expect(codes(r)).toEqual([['PLACEHOLDER_TYPE', 5, 7], ['PLACEHOLDER_TYPE', 6, 8]]);
    expect(errors(r).every((d) => d.message.includes('${nested.map}'))).toBe(true);
  });

  it('a duplicate of a document whose key is undefined: each problem once', async () => {
    const r = await rendered('${nope}: x\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(formationErrors(r)).toEqual([
      ['PLACEHOLDER_UNDEFINED', 1, 1],
      ['RESOURCE_DUPLICATE', 8, 19],
    ]);
  });

  it('a templated key takes its value; two keys that become one are DUPLICATE_KEY at the second', async () => {
    const r = await rendered('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  ${keyname}: a\n  x-${keyname}: b\n');
    expect(errors(r)).toEqual([]);
    expect(objects(r)[0]!['data']).toEqual({ tier: 'a', 'x-tier': 'b' });
    expect(codes(await rendered('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  tier: a\n  ${keyname}: b\n'))).toEqual([['DUPLICATE_KEY', 6, 3]]);
  });
});

const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };

describe('a document that is one placeholder', () => {
  it.each<[string, string, object[], (string | number)[][]]>([
    ['of null: no document, as an empty one', '${nothing}', [CONFIGMAP], []],
    ['of a mapping: that mapping', '${resource}', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r' } }, CONFIGMAP], []],
    ['of a scalar: MANIFEST_NOT_OBJECT at the document', '${replicas}', [], [['MANIFEST_NOT_OBJECT', 1, 1]]],
    ['quoted, of null: the text null, MANIFEST_NOT_OBJECT', '"${nothing}"', [], [['MANIFEST_NOT_OBJECT', 1, 1]]],
    ['undefined: PLACEHOLDER_UNDEFINED alone', '${nope}', [], [['PLACEHOLDER_UNDEFINED', 1, 1]]],
  ])('%s', async (_what, placeholder, documents, problems) => {
    const r = await rendered(`${placeholder}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n`);
    expect(codes(r)).toEqual(problems);
    expect(objects(r)).toEqual(documents);
  });

  it('locates into the inserted mapping', async () => {
    const r = await rendered('${resource}\n');
    const at = r.formations[0]!.documents[0]!.manifest.locate(['metadata', 'name']);
    expect([at.line, at.column, at.exact, at.valueSource?.line, at.valueSource?.column]).toEqual([1, 1, true, 10, 66]);
  });
});

const LOCATE = [
  'apiVersion: v1', //                                1
  'kind: ConfigMap', //                               2
  'metadata:', //                                     3
  '  name: c', //                                     4
  '  namespace: ${formation.namespace}', //           5
  '  labels: ${labels}', //                           6
  'data:', //                                         7
  '  ${keyname}: templated', //                       8
  '  text: "${replicas}-x"', //                       9
  '  escaped: "$${not}"', //                          10
  '  ns: "n-${formation.namespace}"', //              11
  '  list:', //                                       12
  '    - a', //                                       13
  '  count: ${replicas}', //                          14
  '  ports: ${ports}', //                             15
  '',
].join('\n');

describe('Manifest.locate: the less travelled paths', () => {
  it.each<[string, (string | number)[], { key?: boolean }, object]>([
    ['a templated key: its value', ['data', 'tier'], {}, { line: 8, column: 15, exact: true }],
    ['a templated key: the key', ['data', 'tier'], { key: true }, { line: 8, column: 3, exact: true }],
    ['text ending in literal text: the value used', ['data', 'text'], {}, { line: 9, column: 9, exact: true, valueSource: { line: 4, column: 13 } }],
    ['text without placeholders', ['data', 'escaped'], {}, { line: 10, column: 12, exact: true }],
    ['text ending in a builtin: the stencil only', ['data', 'ns'], {}, { line: 11, column: 7, exact: true }],
    ['a whole builtin', ['metadata', 'namespace'], {}, { line: 5, column: 14, exact: true }],
    ['below a whole builtin', ['metadata', 'namespace', 'x'], {}, { line: 5, column: 14, exact: false }],
    ['below an inserted mapping, missing', ['metadata', 'labels', 'nope'], {}, { line: 6, column: 11, exact: false, valueSource: { line: 5, column: 3 } }],
    ['below an inserted mapping, by index', ['metadata', 'labels', 0], {}, { line: 6, column: 11, exact: false, valueSource: { line: 5, column: 3 } }],
    ['a list item out of range', ['data', 'list', 3], {}, { line: 13, column: 5, exact: false }],
    ['a list by name', ['data', 'list', 'length'], {}, { line: 13, column: 5, exact: false }],
    ['below a literal', ['metadata', 'name', 0], {}, { line: 4, column: 9, exact: false }],
    ['below a whole scalar, by name', ['data', 'count', 'x'], {}, { line: 14, column: 10, exact: false, valueSource: { line: 4, column: 13 } }],
    ['below a whole scalar, by index', ['data', 'count', 0], {}, { line: 14, column: 10, exact: false, valueSource: { line: 4, column: 13 } }],
    ['below a scalar of an inserted mapping', ['metadata', 'labels', 'app', 'x'], {}, { line: 6, column: 11, exact: false, valueSource: { line: 5, column: 18 } }],
    ['an item of an inserted list', ['data', 'ports', 1], {}, { line: 15, column: 10, exact: true, valueSource: { line: 8, column: 15 } }],
    ['an inserted list by name', ['data', 'ports', 'length'], {}, { line: 15, column: 10, exact: false, valueSource: { line: 8, column: 3 } }],
    ['past the end of an inserted list', ['data', 'ports', 2], {}, { line: 15, column: 10, exact: false, valueSource: { line: 8, column: 3 } }],
    ['a missing key below a mapping, asking for keys', ['data', 'nope', 'x'], { key: true }, { line: 8, column: 3, exact: false }],
  ])('%s', async (_what, path, options, expected) => {
    const r = await rendered(LOCATE);
    expect(errors(r)).toEqual([]);
    const at = r.formations[0]!.documents[0]!.manifest.locate(path, options);
    const got: Record<string, unknown> = { line: at.line, column: at.column, exact: at.exact };
    if (at.valueSource) got['valueSource'] = { line: at.valueSource.line, column: at.valueSource.column };
    expect(got).toStrictEqual(expected);
  });
});
