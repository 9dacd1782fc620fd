import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  isSecretValue,
  MAX_MESSAGE_LENGTH,
  maskAndClip,
  maskDeep,
  maskSecrets,
  revealSecret,
  SECRET_MASK,
  SecretValue,
  secretStandIn,
} from '../../src/core/secret-value.js';

// The wrapper and the masking every output channel relies on, pinned directly: each generic way
// of printing a secret gives a redaction, and masking replaces every occurrence, before a cut.

const CANARY = 'canary-7f3d9c2e';

describe('SecretValue: only revealSecret gives the value', () => {
  const secret = () => new SecretValue(CANARY, ['db/password', 'api/token']);

  it.each<[string, (s: SecretValue) => string]>([
    ['String()', (s) => String(s)],
    ['template literal', (s) => `${s}`],
    ['concatenation', (s) => 'x' + s],
    ['toString', (s) => s.toString()],
    ['JSON.stringify', (s) => JSON.stringify({ s })],
    ['util.inspect', (s) => inspect({ s }, { depth: 5, showHidden: true })],
    ['Object.entries', (s) => JSON.stringify(Object.entries(s))],
    ['structuredClone', (s) => JSON.stringify(structuredClone(s))],
  ])('%s prints no value', (_how, print) => {
    const text = print(secret());
    expect(text).not.toContain(CANARY);
  });

  it('prints the redaction, and inspect names its references in order', () => {
    const s = secret();
    expect(String(s)).toBe('(redacted)');
    expect(JSON.stringify(s)).toBe('"(redacted)"');
    expect(`${s}`).toBe('(redacted)');
    expect(inspect(s)).toBe('SecretValue(db/password,api/token)');
  });

  it('reveals the value, and keeps its names, frozen', () => {
    const s = secret();
    expect(revealSecret(s)).toBe(CANARY);
    expect(s.names).toEqual(['db/password', 'api/token']);
    expect(Object.isFrozen(s)).toBe(true);
    expect(() => {
      (s as unknown as { names: string[] }).names = [];
    }).toThrow(TypeError);
  });

  it('a forged wrapper (made without the constructor) reveals nothing', () => {
    const forged = Object.create(SecretValue.prototype) as SecretValue;
    expect(isSecretValue(forged)).toBe(true);
    expect(revealSecret(forged)).toBe('');
  });

  it('isSecretValue tells the wrapper from its printed forms', () => {
    const s = secret();
    expect([s, String(s), { names: s.names }, null, undefined].map(isSecretValue)).toEqual([true, false, false, false, false]);
  });

  it('secretStandIn names the reference', () => {
    expect(secretStandIn('db/password')).toBe('(secret:db/password)');
  });
});

describe('maskSecrets: every occurrence of every secret', () => {
  it.each<[string, string, string[], string]>([
    ['one occurrence', `token=${CANARY}`, [CANARY], `token=${SECRET_MASK}`],
    ['every occurrence', `${CANARY}/${CANARY}${CANARY}`, [CANARY], `${SECRET_MASK}/${SECRET_MASK}${SECRET_MASK}`],
    ['several secrets', 'a=s3cr3t b=hunter2', ['hunter2', 's3cr3t'], `a=${SECRET_MASK} b=${SECRET_MASK}`],
    ['absent secret', 'nothing here', [CANARY], 'nothing here'],
    ['empty secret ignored', 'plain text', [''], 'plain text'],
    ['empty secret among others', `x ${CANARY}`, ['', CANARY], `x ${SECRET_MASK}`],
    ['no secrets', `x ${CANARY}`, [], `x ${CANARY}`],
    ['regex characters are text', 'a.b a*b', ['a.b'], `${SECRET_MASK} a*b`],
    ['a replacement pattern is text', 'p$&q', ['$&'], `p${SECRET_MASK}q`],
  ])('%s', (_name, text, secrets, masked) => {
    expect(maskSecrets(text, secrets)).toBe(masked);
  });

  it('takes any iterable, once', () => {
    expect(maskSecrets(`${CANARY}!`, new Set([CANARY]))).toBe(`${SECRET_MASK}!`);
  });
});

describe('maskDeep: every string, however deep, keys too; other values as they are', () => {
  const mask = (t: string): string => maskSecrets(t, [CANARY]);

  it('masks strings in arrays and objects, and object keys', () => {
    const value = { a: [CANARY, { [CANARY]: `pre-${CANARY}` }], n: 1, b: true, z: null, u: undefined };
    expect(maskDeep(value, mask)).toEqual({ a: [SECRET_MASK, { [SECRET_MASK]: `pre-${SECRET_MASK}` }], n: 1, b: true, z: null, u: undefined });
  });

  it('an array stays an array, a string is masked at the top level', () => {
    const out = maskDeep([CANARY, 2], mask);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toEqual([SECRET_MASK, 2]);
    expect(maskDeep(CANARY, mask)).toBe(SECRET_MASK);
  });

  it('leaves a SecretValue, numbers and null as they are', () => {
    const s = new SecretValue(CANARY, ['x']);
    expect(maskDeep(s, mask)).toBe(s);
    expect(maskDeep({ s }, mask)).toEqual({ s });
    expect((maskDeep({ s }, mask) as { s: unknown }).s).toBe(s);
    expect(maskDeep(null, mask)).toBeNull();
    expect(maskDeep(42, mask)).toBe(42);
    expect(maskDeep(undefined, mask)).toBeUndefined();
  });
});

describe('maskAndClip: masks first, then cuts', () => {
  it('a secret across the cut is masked whole, never half shown', () => {
    const text = `${'x'.repeat(10)}${CANARY}`;
    const out = maskAndClip(text, [CANARY], 12);
    expect(out).toBe(`${'x'.repeat(10)}${SECRET_MASK.slice(0, 2)}…`);
    expect(out).not.toContain(CANARY.slice(0, 2));
  });

  it.each<[number, number, boolean]>([
    [5, 5, false],
    [6, 5, true],
    [4, 5, false],
  ])('%d characters with a limit of %d: cut %s', (length, max, cut) => {
    const out = maskAndClip('y'.repeat(length), [], max);
    expect(out).toBe(cut ? `${'y'.repeat(max)}…` : 'y'.repeat(length));
  });

  it('the default limit is MAX_MESSAGE_LENGTH characters', () => {
    expect(MAX_MESSAGE_LENGTH).toBe(2000);
    expect(maskAndClip('z'.repeat(2000), [])).toBe('z'.repeat(2000));
    expect(maskAndClip('z'.repeat(2001), [])).toBe(`${'z'.repeat(2000)}…`);
  });
});
