import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/core/diagnostic.js';
import type { JsonPath } from '../../src/core/manifest.js';
import { checkSchema, type SchemaNode } from '../../src/core/schema-check.js';

// The keywords approvals.yaml's schema needs beyond config and formations: a conditional
// requirement (a waiver, an entry without fingerprint, must expire), the description of a
// missing key as its hint, and one report for an empty text that also has a pattern.

const schema: SchemaNode = {
  type: 'object',
  required: ['by'],
  properties: {
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{12}$' },
    by: { type: 'string', minLength: 1, pattern: '\\S', description: 'who approved' },
    expires: { type: 'string', description: 'when it ends' },
  },
  if: { required: ['fingerprint'] },
  else: { required: ['expires'] },
};

const check = (data: unknown) => {
  const paths: JsonPath[] = [];
  const locate = (path: JsonPath): Location => {
    paths.push(path);
    return { file: 'f.yaml', line: paths.length, column: 1 };
  };
  return checkSchema(schema, data, locate, 'APPROVAL_INVALID').map((d) => [paths[(d.line ?? 0) - 1], d.hint]);
};

describe('checkSchema', () => {
  it.each<[string, unknown, unknown[]]>([
    ['then-branch taken (no else requirement)', { fingerprint: '3f9c2a1b7d4e', by: 'a' }, []],
    ['else-branch: its required key, hinted by the parent description', { by: 'a' }, [[[], 'when it ends']]],
    ['else-branch satisfied', { by: 'a', expires: 'x' }, []],
    ['own required key, hinted by its description', { fingerprint: '3f9c2a1b7d4e' }, [[[], 'who approved']]],
    ['an empty text is reported once, not also by its pattern', { fingerprint: '3f9c2a1b7d4e', by: '' }, [[['by'], undefined]]],
    ['a blank text fails the pattern', { fingerprint: '3f9c2a1b7d4e', by: ' ' }, [[['by'], undefined]]],
    ['not an object: no conditional requirement', 'text', [[[], undefined]]],
  ])('%s', (_name, data, expected) => {
    expect(check(data)).toEqual(expected);
  });
});
