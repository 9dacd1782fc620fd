import { describe, expect, it } from 'vitest';
import type { ResourceDiff, ValueChange } from '../../src/core/resource-diff.js';
import { SECRET_MASK } from '../../src/core/secret-value.js';
import { hideBaselineSecrets } from '../../src/engine/baseline-secrets.js';

// `diff` against a deploy job's resolved render: the old side of a change is hidden wherever the
// new side holds a secret's stand-in, and everywhere in a Secret's data and stringData.

const diff = (kind: string, changes: ValueChange[]): ResourceDiff => ({
  status: 'changed',
  resource: { apiVersion: 'v1', kind, name: 'r' },
  label: `${kind}/r`,
  file: 'f.yaml',
  line: 1,
  column: 1,
  changes,
});
const changed = (segments: string[], from: unknown, to: unknown): ValueChange => ({ kind: 'changed', path: segments.join('.'), segments, from, to });

describe('hideBaselineSecrets', () => {
  it.each<[string, string, string[], unknown, boolean]>([
    ['a string holding the stand-in', 'ConfigMap', ['data', 'k'], 'x-(secret:db)-y', true],
    ['a string without it', 'ConfigMap', ['data', 'k'], 'x-(secret:other)', false],
    ['a list with the stand-in in one item', 'ConfigMap', ['spec', 'args'], ['plain', '(secret:db)'], true],
    ['a list without it', 'ConfigMap', ['spec', 'args'], ['plain', 'text'], false],
    ['a mapping with the stand-in one level down', 'ConfigMap', ['spec'], { a: 'plain', b: { c: '(secret:db)' } }, true],
    ['a mapping without it', 'ConfigMap', ['spec'], { a: 'plain', b: { c: 1 } }, false],
    ['null', 'ConfigMap', ['spec'], null, false],
    ['a number', 'ConfigMap', ['spec'], 5, false],
    ['a boolean', 'ConfigMap', ['spec'], true, false],
    ["a Secret's data, whatever its new value", 'Secret', ['data', 'k'], 'bmV3', true],
    ["a Secret's stringData, whatever its new value", 'Secret', ['stringData', 'k'], 'new', true],
    ["a Secret's whole data mapping", 'Secret', ['data'], { k: 'bmV3' }, true],
    ["a Secret's labels", 'Secret', ['metadata', 'labels', 'k'], 'new', false],
    ["a Secret's field named data further down", 'Secret', ['metadata', 'data'], 'new', false],
    ["a ConfigMap's data", 'ConfigMap', ['data', 'k'], 'new', false],
    ["a ConfigMap's stringData", 'ConfigMap', ['stringData', 'k'], 'new', false],
  ])('%s (%s %j): hidden %s', (_what, kind, segments, to, hidden) => {
    const input = [diff(kind, [changed(segments, 'CANARY-old', to)])];
    const [out] = hideBaselineSecrets(input, ['db']);
    expect(out).toEqual(diff(kind, [changed(segments, hidden ? SECRET_MASK : 'CANARY-old', to)]));
  });

  it('without secret names, only Secrets are hidden', () => {
    const [config, secret] = hideBaselineSecrets([diff('ConfigMap', [changed(['data', 'k'], 'old', '(secret:db)')]), diff('Secret', [changed(['data', 'k'], 'old', 'new')])], []);
    expect(config!.changes[0]!.from).toBe('old');
    expect(secret!.changes[0]!.from).toBe(SECRET_MASK);
  });

  it('an addition has no old side: nothing is added to it', () => {
    const added: ValueChange = { kind: 'added', path: 'data.k', segments: ['data', 'k'], to: '(secret:db)' };
    const [out] = hideBaselineSecrets([diff('Secret', [added])], ['db']);
    expect(out!.changes).toEqual([added]);
    expect('from' in out!.changes[0]!).toBe(false);
  });

  it('a removal (no new side) in a Secret is hidden; elsewhere it is kept', () => {
    const removed = (kind: string) => diff(kind, [{ kind: 'removed', path: 'data.k', segments: ['data', 'k'], from: 'CANARY-old' }]);
    const [secret, config] = hideBaselineSecrets([removed('Secret'), removed('ConfigMap')], ['db']);
    expect(secret!.changes[0]!.from).toBe(SECRET_MASK);
    expect(config!.changes[0]!.from).toBe('CANARY-old');
  });

  it('several changes of one resource: each on its own', () => {
    const [out] = hideBaselineSecrets([diff('ConfigMap', [changed(['a'], 'old-a', '(secret:db)'), changed(['b'], 'old-b', 'new')])], ['db']);
    expect(out!.changes.map((c) => c.from)).toEqual([SECRET_MASK, 'old-b']);
  });
});
