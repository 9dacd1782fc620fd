import { describe, expect, it } from 'vitest';
import { manifestsFromYaml } from '../../src/core/yaml-document.js';
import { redactBaseline, standInNames } from '../../src/engine/redact-baseline.js';

const M = '••••••';
const manifests = (text: string) => manifestsFromYaml('x.yaml', text).manifests;

const deployment = (env: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:1
          env:
${env}${extra}`;

/** current (redacted render), baseline (e.g. a resolved render), expected baseline after redaction. */
const cases: [string, string, string, unknown][] = [
  [
    'whole stand-in: the old value becomes the stand-in',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: "(secret:a)", b: plain }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: CANARY-a-1, b: plain }\n',
    { a: '(secret:a)', b: 'plain' },
  ],
  [
    "a Secret's value that is not today's: masked, whatever filled it",
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: "(secret:a)", b: rotated-by-hand }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: CANARY-a-1, b: CANARY-was-a-secret }\n',
    { a: '(secret:a)', b: M },
  ],
  [
    "a key removed from the Secret: masked",
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: "(secret:a)" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: CANARY-a-1, gone: CANARY-b-2 }\n',
    { a: '(secret:a)', gone: M },
  ],
  [
    'interpolated, same text around it: equal to the current value',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { dsn: "pg://u:(secret:a)@db/(x)" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { dsn: "pg://u:CANARY-a-1@db/(x)" }\n',
    { dsn: 'pg://u:(secret:a)@db/(x)' },
  ],
  [
    'interpolated, text around it changed: masked',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { dsn: "pg://u:(secret:a)@db" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { dsn: "pg://other:CANARY-a-1@db" }\n',
    { dsn: M },
  ],
  [
    'two stand-ins in one string',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { both: "(secret:a)/(secret:b)" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { both: "CANARY-a-1/CANARY-b-2" }\n',
    { both: '(secret:a)/(secret:b)' },
  ],
  [
    'a mapping where the current side has a stand-in: masked',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: "(secret:a)" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: { nested: CANARY-a-1 } }\n',
    { a: M },
  ],
  [
    'another resource of the same name and kind in another namespace is not paired',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s, namespace: one }\nstringData: { a: "(secret:a)" }\n',
    'kind: Secret\napiVersion: v1\nmetadata: { name: s, namespace: two }\nstringData: { a: CANARY-a-1 }\n',
    { a: M },
  ],
];

describe('redactBaseline', () => {
  it.each(cases)('%s', (_name, current, baseline, stringData) => {
    const [out] = redactBaseline(manifests(current), manifests(baseline), ['a', 'b']);
    expect(out?.object['stringData']).toEqual(stringData);
  });

  it('pairs lists of named items by name, so a reordered env list is still redacted', () => {
    const current = manifests(deployment('            - { name: A, value: "1" }\n            - { name: TOKEN, value: "(secret:a)" }\n'));
    const baseline = manifests(deployment('            - { name: TOKEN, value: CANARY-a-1 }\n            - { name: OLD, value: "0" }\n            - { name: A, value: "1" }\n'));
    const [out] = redactBaseline(current, baseline, ['a']);
    const spec = out!.object['spec'] as { template: { spec: { containers: { env: unknown[] }[] } } };
    expect(spec.template.spec.containers[0]!.env).toEqual([
      { name: 'TOKEN', value: '(secret:a)' },
      { name: 'OLD', value: '0' },
      { name: 'A', value: '1' },
    ]);
    // the baseline's source positions stay usable
    expect(out!.locate(['spec', 'template'])).toEqual(baseline[0]!.locate(['spec', 'template']));
  });

  it('without names, the names come from the stand-ins in the current manifests (validate)', () => {
    const [out] = redactBaseline(
      manifests('kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: "x-(secret:db_pass-2)", b: "(secret:)" }\n'),
      manifests('kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: x-CANARY-1, b: CANARY-2 }\n'),
    );
    expect(out?.object['stringData']).toEqual({ a: 'x-(secret:db_pass-2)', b: M });
  });

  it("hides a Secret's data and stringData even where today's render has no secret at all", () => {
    const current = manifests('kind: Secret\napiVersion: v1\nmetadata: { name: s }\ndata: { a: eA== }\nstringData: { same: x }\n');
    const [out, removed] = redactBaseline(
      current,
      manifests('kind: Secret\napiVersion: v1\nmetadata: { name: s }\ndata: { a: Q0FOQVJZ }\nstringData: { same: x, old: CANARY-1 }\n---\nkind: Secret\napiVersion: v1\nmetadata: { name: gone }\nstringData: { k: CANARY-2 }\n'),
      [],
    );
    expect([out?.object['data'], out?.object['stringData'], removed?.object['stringData']]).toEqual([{ a: M }, { same: 'x', old: M }, { k: M }]);
  });

  it('without secrets the baseline is returned as it is', () => {
    const baseline = manifests('kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: { a: x }\n');
    expect(redactBaseline(baseline, baseline, [])).toEqual(baseline);
  });
});

describe('redactBaseline: how the two sides are paired', () => {
  const secret = (stringData: string) => manifests(`kind: Secret\napiVersion: v1\nmetadata: { name: s }\nstringData: ${stringData}\n`);
  const config = (data: string) => manifests(`kind: ConfigMap\napiVersion: v1\nmetadata: { name: c }\ndata: ${data}\n`);
  const data = (out: ReturnType<typeof redactBaseline>, field = 'data') => out.map((m) => m.object[field]);

  it.each<[string, string, string, unknown]>([
    ['a list not of named items: by index', '{ l: ["(secret:a)", lit] }', '{ l: [CANARY-1, old] }', { l: ['(secret:a)', 'old'] }],
    ['a longer baseline list: the extra items kept', '{ l: ["(secret:a)"] }', '{ l: [CANARY-1, extra] }', { l: ['(secret:a)', 'extra'] }],
    ['named items on one side only: by index', '{ l: [{ name: x, v: "(secret:a)" }, { v: y }] }', '{ l: [{ name: x, v: CANARY-1 }, { name: z, v: kept }] }', { l: [{ name: 'x', v: '(secret:a)' }, { name: 'z', v: 'kept' }] }],
    ['named items in the baseline, not today: by index', '{ l: [{ name: x, v: "(secret:a)" }, { v: y }] }', '{ l: [{ name: z, v: old }, { name: x, v: other }] }', { l: [{ name: 'z', v: '(secret:a)' }, { name: 'x', v: 'other' }] }],
    ['a named item gone today: kept', '{ l: [{ name: x, v: "(secret:a)" }] }', '{ l: [{ name: y, v: kept }, { name: x, v: CANARY-1 }] }', { l: [{ name: 'y', v: 'kept' }, { name: 'x', v: '(secret:a)' }] }],
    ['a scalar where today has a mapping with a stand-in: kept', '{ m: { k: "(secret:a)" } }', '{ m: plain }', { m: 'plain' }],
    ['a scalar where today has a list with a stand-in: kept', '{ m: ["(secret:a)"] }', '{ m: plain }', { m: 'plain' }],
    ['a mapping where today has a list with a stand-in: kept', '{ m: ["(secret:a)"] }', '{ m: { k: v } }', { m: { k: 'v' } }],
    ['a list where today has a mapping with a stand-in: kept', '{ m: { k: "(secret:a)" } }', '{ m: [v] }', { m: ['v'] }],
    ["a value today's render does not have: kept", '{ k: "(secret:a)" }', '{ k: CANARY-1, other: kept }', { k: '(secret:a)', other: 'kept' }],
  ])('%s', (_what, current, baseline, expected) => {
    expect(data(redactBaseline(config(current), config(baseline), ['a']))).toEqual([expected]);
  });

  it("only a Secret's data is masked for differing: a ConfigMap's changed data stays as it was", () => {
    expect(data(redactBaseline(config('{ k: new }'), config('{ k: old }'), ['a']))).toEqual([{ k: 'old' }]);
  });

  it('a baseline resource that is gone today is kept (a Secret masked), with or without stand-ins', () => {
    const gone = manifests('kind: ConfigMap\napiVersion: v1\nmetadata: { name: gone }\ndata: { k: old }\n');
    expect(data(redactBaseline(config('{ k: "(secret:a)" }'), gone, ['a']))).toEqual([{ k: 'old' }]);
    expect(data(redactBaseline(secret('{ k: "(secret:a)" }'), secret('{ k: x }').map((m) => ({ ...m, object: { ...m.object, metadata: { name: 'other' } } })), ['a']), 'stringData')).toEqual([{ k: M }]);
  });

  it('of two current resources with one identity, the first is paired', () => {
    const current = [...config('{ k: "(secret:a)" }'), ...config('{ k: literal }')];
    expect(data(redactBaseline(current, config('{ k: CANARY-1 }'), ['a']))).toEqual([{ k: '(secret:a)' }]);
  });

  it('without stand-ins, a manifest other than a Secret is returned as it is (the same object)', () => {
    const baseline = config('{ k: old }');
    expect(redactBaseline(config('{ k: new }'), baseline, [])[0]).toBe(baseline[0]);
    expect(redactBaseline(config('{ k: new }'), baseline)[0]).toBe(baseline[0]);
  });

  it('standInNames: every stand-in of a formation-valid name, in strings at any depth, lists included', () => {
    const current = manifests(
      'kind: ConfigMap\napiVersion: v1\nmetadata: { name: c }\ndata: { a: "x(secret:db)y(secret:db-pass_2)", n: null, t: true, i: 1 }\nlist: [[{ deep: "(secret:_t)" }], "(secret:9no)", "(secret:a b)", "(secret:)"]\n',
    );
    expect([...standInNames(current)].sort()).toEqual(['_t', 'db', 'db-pass_2']);
  });
});
