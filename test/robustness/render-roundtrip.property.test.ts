import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { render } from '../../src/engine/api.js';
import { memoryProject } from '../support/memory-project.js';

/**
 * Random values (all of Unicode, YAML indicators, number-like strings, nested data, long keys)
 * go through a formation, into every placeholder form of a stencil, through the real render
 * pipeline, and must read back identically with PyYAML (YAML 1.1, what Kubernetes-side Python
 * reads) and with `yaml` in 1.2 mode. Each run renders a batch of values in one project and
 * reads the stream with one Python process.
 */

/** Strings that some YAML reader takes for something else, or that need escapes. */
const TRICKY = [
  '', ' ', 'on', 'On', 'yes', 'Y', 'y', 'n', 'no', 'off', 'true', 'False', 'null', 'Null', '~', '012', '0o12', '0x1F', '0b101', '1e3', '1_000',
  '12:30', '1:20:30', '.inf', '-.Inf', '.nan', '+1', '-1', '1.10', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=', '-', '?', '? x', '- x',
  ': x', 'x:', '#x', 'x #y', 'a: b', '&a', '*a', '!tag', '!!binary', '|', '>', '%x', '@x', '`x', '"x', "'x", '[x]', '{x: y}', ',', '---', '...',
  '\t', 'x\ty', ' x', 'x ', '\n', 'x\n', '\nx', 'x\n\n', ' \nx', '\r\n', '\r', '\u0085', '\u2028', '\u2029', '\ufeff', '\u007f', '\u0080', '\u009b',
  '\u00a0', '\ufffe', '\uffff', '\ufdd0', '\u{10ffff}', '\u{1fffe}', '\u{10fffe}', '\u001b[31m', '\u0007', '\u0000', 'é', '\u{1f600}', '${x}', '$${x}',
];

const trickyString = fc.constantFrom(...TRICKY);
const text = fc.oneof(
  { weight: 3, arbitrary: trickyString },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(trickyString, fc.constantFrom('a', ' ', '\n', ':', '#')), { maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 1200 }) },
);
const key = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1020, maxLength: 1100 }) });
const scalar = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
}));

/**
 * A formation file holding `values`, every string double-quoted with each non-ASCII character
 * escaped, so that the input side is plain ASCII YAML that no reader can misread.
 */
function formationText(values: Record<string, unknown>): string {
  const yaml = stringify({ environment: 'dev', values }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'QUOTE_DOUBLE', lineWidth: 0 });
  return yaml.replace(/[^\n\x20-\x7e]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

interface Batch {
  stencil: string;
  formation: string;
  expected: Record<string, unknown>;
}

/** One stencil using each value in every placeholder form that its type allows. */
function batch(texts: readonly string[], data: readonly unknown[]): Batch {
  const values: Record<string, unknown> = {};
  const lines = ['apiVersion: example.com/v1', 'kind: Thing', 'metadata:', '  name: roundtrip', 'spec:'];
  const expected: Record<string, unknown> = {};
  texts.forEach((t, i) => {
    values[`t${i}`] = t;
    lines.push(`  plain${i}: \${t${i}}`, `  quoted${i}: "\${t${i}}"`, `  single${i}: '\${t${i}}'`, `  inter${i}: "<\${t${i}}>"`, `  mixed${i}: a-\${t${i}} z`);
    lines.push(`  k${i}-\${t${i}}: key`, `  block${i}: |`, `    a \${t${i}}`, '    z', `  folded${i}: >-`, `    \${t${i}}`);
    Object.assign(expected, { [`plain${i}`]: t, [`quoted${i}`]: t, [`single${i}`]: t, [`inter${i}`]: `<${t}>`, [`mixed${i}`]: `a-${t} z` });
    Object.assign(expected, { [`k${i}-${t}`]: 'key', [`block${i}`]: `a ${t}\nz\n`, [`folded${i}`]: t });
  });
  data.forEach((d, i) => {
    values[`d${i}`] = d;
    lines.push(`  data${i}: \${d${i}}`);
    expected[`data${i}`] = JSON.parse(JSON.stringify(d)) as unknown;
  });
  return { stencil: `${lines.join('\n')}\n`, formation: formationText(values), expected };
}

const PYYAML = 'import sys, json, yaml\nprint(json.dumps([d["spec"] for d in yaml.safe_load_all(sys.stdin.buffer)]))';

function readWithPyYaml(stream: string): unknown[] {
  return JSON.parse(execFileSync('python3', ['-c', PYYAML], { input: stream, maxBuffer: 1 << 28 }).toString()) as unknown[];
}

function readWithYaml12(stream: string): unknown[] {
  return parseAllDocuments(stream, { version: '1.2', uniqueKeys: true }).map((d) => {
    expect(d.errors).toEqual([]);
    return (d.toJS({ maxAliasCount: -1 }) as { spec: unknown }).spec;
  });
}

/** The first place where `actual` and `expected` differ, escaped to ASCII so that it can be read. */
function difference(actual: unknown, expected: unknown, at = ''): string | undefined {
  const show = (v: unknown) => {
    const ascii = (JSON.stringify(v) ?? 'undefined').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return ascii.length > 120 ? `${ascii.slice(0, 50)}…(${ascii.length})…${ascii.slice(-50)}` : ascii;
  };
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null && Array.isArray(actual) === Array.isArray(expected)) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) {
      if (!(k in a) || !(k in e)) return `${at}: key ${show(k)} ${k in a ? 'unexpected' : 'missing'}`;
      const d = difference(a[k], e[k], `${at}/${show(k)}`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof actual === 'number' && typeof expected === 'number' && actual === expected) return undefined;
  return `${at}: got ${show(actual)}, expected ${show(expected)}`;
}

async function renderBatch(b: Batch): Promise<string> {
  const project = await memoryProject({ 'stencils/thing.yaml': b.stencil, 'formations/dev.yaml': b.formation });
  const result = await render(project, { check: false });
  expect(result.report.diagnostics).toEqual([]);
  return result.manifests.get('dev') ?? '';
}

export const PROPERTY_RUNS = Number(process.env["PROP_RUNS"] ?? 25);

describe('random values survive render in every placeholder form', () => {
  it(
    `reads back identically with PyYAML and yaml 1.2 (${PROPERTY_RUNS} batches)`,
    async () => {
      let values = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 20, maxLength: 40 }), fc.array(value, { minLength: 10, maxLength: 20 }), async (texts, data) => {
          const b = batch(texts, data);
          const stream = await renderBatch(b);
          expect(difference(readWithYaml12(stream), [b.expected]), 'yaml 1.2').toBeUndefined();
          expect(difference(readWithPyYaml(stream), [b.expected]), 'PyYAML').toBeUndefined();
          values += texts.length + data.length;
        }),
        // no shrinking: one batch takes a second, a shrink of it minutes; `difference` names the value
        { numRuns: PROPERTY_RUNS, seed: 1147, endOnFailure: true },
      );
      // the closing note reports this figure
      expect(values).toBeGreaterThan(PROPERTY_RUNS * 30 - 1);
    },
    120_000,
  );
});
