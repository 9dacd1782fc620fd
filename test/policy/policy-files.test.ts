import { describe, expect, it } from 'vitest';
import { isPolicyFile } from '../../src/policy/index.js';

describe('isPolicyFile', () => {
  it.each([
    ['no-latest-tag.ts', true],
    ['team/lb.mjs', true],
    ['legacy.js', true],
    ['modern.mts', true],
    ['types.d.ts', false],
    ['no-latest-tag.test.ts', false],
    ['no-latest-tag.spec.mjs', false],
    ['_lib/images.ts', false],
    ['_shared.ts', false],
    ['.hidden/x.ts', false],
    ['README.md', false],
    ['data.json', false],
  ])('%s → %s', (file, expected) => {
    expect(isPolicyFile(file)).toBe(expected);
  });
});
