import { describe, expect, it } from 'vitest';
import { render } from '../../src/index.js';
import { memoryProject } from '../support/memory-project.js';

// A formation may come from a pull request: a value keyed `__proto__` is data like any other key,
// never the prototype of the mapping it is inserted into (value-tree's defineKey).
const FORMATION = [
  'environment: dev',
  'destination: { namespace: shop }',
  'values:',
  '  labels:',
  '    app: web',
  '    __proto__: { polluted: "yes" }',
  '',
].join('\n');

const STENCIL = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: c }', 'data: ${labels}', ''].join('\n');

describe('a value keyed __proto__', () => {
  it('is written as a key of the inserted mapping, and pollutes no prototype', async () => {
    const project = await memoryProject({ 'stencils/s.yaml': STENCIL, 'formations/dev.yaml': FORMATION });
    const result = await render(project, { check: false });
    expect(result.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = result.manifests.get('dev')!;
    expect(text).toMatch(/^ {2}__proto__:\n {4}polluted: "?yes"?$/m);
    expect(text).toMatch(/^ {2}app: web$/m);
    expect(text).not.toMatch(/^ {2}polluted:/m);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
