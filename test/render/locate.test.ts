import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/manifest.js';
import { renderProject } from '../../src/engine/render-project.js';
import { memoryProject } from '../support/memory-project.js';

const STENCIL = [
  'apiVersion: apps/v1', //                        1
  'kind: Deployment', //                           2
  'metadata:', //                                  3
  '  name: web', //                                4
  '  labels: ${labels}', //                        5
  'spec:', //                                      6
  '  replicas: ${replicas}', //                    7
  '  template:', //                                8
  '    spec:', //                                  9
  '      containers:', //                          10
  '        - name: web', //                        11
  '          image: "${repo}:${tag}"', //          12
  '          env: ${env}', //                      13
  '          token: ${secrets.token}', //          14
  '          empty:', //                           15
  '',
].join('\n');

const FORMATION = [
  'environment: dev', //                           1
  'values:', //                                    2
  '  labels:', //                                  3
  '    app: web', //                               4
  '  replicas: 2', //                              5
  '  repo: ghcr.io/acme/web', //                   6
  '  tag: "1.0"', //                               7
  '  env:', //                                     8
  '    - name: A', //                              9
  '      value: "1"', //                           10
  'secrets:', //                                   11
  '  token: vault:secret/x#y', //                  12
  '',
].join('\n');

async function manifest(): Promise<Manifest> {
  const project = await memoryProject({ 'stencils/deployment.yaml': STENCIL, 'formations/dev.yaml': FORMATION });
  const result = await renderProject(project, { formations: ['dev'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.formations[0]!.documents[0]!.manifest;
}

const F = 'formations/dev.yaml';
const S = 'stencils/deployment.yaml';

describe('Manifest.locate of a rendered document', () => {
  it.each<[string, (string | number)[], { key?: boolean }, object]>([
    ['a literal value', ['metadata', 'name'], {}, { file: S, line: 4, column: 9, exact: true }],
    ['the key of a literal value', ['metadata', 'name'], { key: true }, { file: S, line: 4, column: 3, exact: true }],
    ['a whole placeholder: its place in the stencil, the value from the layer', ['spec', 'replicas'], {}, { file: S, line: 7, column: 13, exact: true, valueSource: { file: F, line: 5, column: 13 } }],
    ['inside an inserted mapping', ['metadata', 'labels', 'app'], {}, { file: S, line: 5, column: 11, exact: true, valueSource: { file: F, line: 4, column: 10 } }],
    ['inside an inserted list of maps', ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'], {}, { file: S, line: 13, column: 16, exact: true, valueSource: { file: F, line: 10, column: 14 } }],
    ['interpolated text: the last value used', ['spec', 'template', 'spec', 'containers', 0, 'image'], {}, { file: S, line: 12, column: 18, exact: true, valueSource: { file: F, line: 7, column: 8 } }],
    ['a secret: the stencil only', ['spec', 'template', 'spec', 'containers', 0, 'token'], {}, { file: S, line: 14, column: 18, exact: true }],
    ['an empty value: its key', ['spec', 'template', 'spec', 'containers', 0, 'empty'], {}, { file: S, line: 15, column: 11, exact: true }],
    ['a missing path: the nearest ancestor', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits'], {}, { file: S, line: 11, column: 11, exact: false }],
    ['the document', [], {}, { file: S, line: 1, column: 1, exact: true }],
  ])('%s', async (_label, path, options, expected) => {
    const m = await manifest();
    const at = m.locate(path, options);
    const { file, line, column, exact, valueSource } = at;
    const got: Record<string, unknown> = { file, line, column, exact };
    if (valueSource) got['valueSource'] = { file: valueSource.file, line: valueSource.line, column: valueSource.column };
    expect(got).toStrictEqual(expected);
  });

  it('carries the formation and the stencil file', async () => {
    const m = await manifest();
    expect(m.formation).toBe('dev');
    expect(m.file).toBe(S);
    expect(m.index).toBe(0);
  });
});
