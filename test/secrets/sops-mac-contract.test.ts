import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSecretFetchError } from '../../src/secrets/secret-fetch-error.js';
import { decodeSopsValue, decryptValue, encryptValue, isEncryptedValue } from '../../src/secrets/sops-cipher.js';
import { decryptSopsDocument, sopsAad } from '../../src/secrets/sops-decrypt.js';
import { encryptSops } from '../../src/secrets/sops-encrypt.js';
import { parseSopsFile, type SopsFormat } from '../../src/secrets/sops-file.js';
import { keysNear, lookupSopsPath, parseDottedPath, toPlain, type SopsMap, type SopsTree } from '../../src/secrets/sops-tree.js';

// The sops contract, case by case on files made with a known data key: every value is bound to
// its key path, the MAC covers every value in document order, and each way a file can be edited
// outside sops is refused with its own code. (The real-sops vectors are in sops.test.ts.)

const dataKey = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 9);
const kms = [{ arn: 'arn:aws:kms:eu-west-1:000000000000:key/test', enc: 'AAAA' }];
const lastmodified = '2026-01-02T03:04:05Z';
const CANARY = 'canary-5e1f0a';

const encrypt = (plain: string, format: SopsFormat = 'yaml') => encryptSops(plain, { format, ageRecipients: [], kms, dataKey, now: new Date(lastmodified) });
const decrypt = (text: string, format: SopsFormat = 'yaml', key: Uint8Array = dataKey) => decryptSopsDocument(parseSopsFile(text, format, 'f'), key, 'f');
/** Plain values, numbers as numbers whatever Go type they are read as (int or float64). */
const plain = (tree: SopsTree): unknown => JSON.parse(JSON.stringify(toPlain(tree), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));

/** The code a decryption fails with, or 'ok'; a failure that is not a SecretFetchError fails the test. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (!isSecretFetchError(e)) throw e;
    expect(e.message).not.toContain(CANARY);
    return e.code;
  }
}

const PLAIN = [
  `secret: ${CANARY}`,
  'nested:',
  '  deeper:',
  '    value: two',
  'list:',
  '  - first',
  '  - second',
  'int: 7',
  'float: 3.5',
  'yes: true',
  'no: false',
  'empty: ""',
  'nothing: null',
  'note_unencrypted: kept in plain',
  '',
].join('\n');

describe('sops: a file made with the data key decrypts to what was written', () => {
  it('every kind of value, in order', async () => {
    const text = await encrypt(PLAIN);
    expect(text).not.toContain(CANARY);
    expect(text).toContain('note_unencrypted: kept in plain');
    expect(text).toMatch(/empty: ""/);
    expect(plain(decrypt(text))).toEqual({
      secret: CANARY,
      nested: { deeper: { value: 'two' } },
      list: ['first', 'second'],
      int: 7,
      float: 3.5,
      yes: true,
      no: false,
      empty: '',
      nothing: null,
      note_unencrypted: 'kept in plain',
    });
    expect([...decrypt(text).keys()]).toEqual(['secret', 'nested', 'list', 'int', 'float', 'yes', 'no', 'empty', 'nothing', 'note_unencrypted']);
  });

  it.each(['json', 'env'] as const)('%s too', async (format) => {
    const text = format === 'json' ? JSON.stringify({ secret: CANARY, n: 1 }) : `secret=${CANARY}\nn=1\n`;
    expect(plain(decrypt(await encrypt(text, format), format))).toEqual({ secret: CANARY, n: format === 'json' ? 1 : '1' });
  });

  it('the additional data is the key path joined by ":", with a trailing ":"', () => {
    expect(sopsAad(['a', 'b', 'c'])).toBe('a:b:c:');
    expect(sopsAad(['a'])).toBe('a:');
    expect(sopsAad([])).toBe(':');
    const enc = encryptValue(Buffer.from(CANARY), 'str', dataKey, 'nested:deeper:value:');
    expect(decryptValue(enc, dataKey, 'nested:deeper:value:').bytes.toString()).toBe(CANARY);
  });
});

/** Replaces the value of `key:` (first match, at any depth) by `value`. */
const setValue = (text: string, key: string, value: string): string => text.replace(new RegExp(`^(\\s*${key}: ).*$`, 'm'), `$1${value}`);
const valueOf = (text: string, key: string): string => new RegExp(`^\\s*${key}: (.*)$`, 'm').exec(text)![1]!;
const macOf = (text: string): string => valueOf(text, 'mac');
/** The file's MAC text changed by `edit` and encrypted again as sops stores it. */
const remac = (text: string, edit: (hex: string) => string): string =>
  encryptValue(Buffer.from(edit(decryptValue(macOf(text), dataKey, lastmodified).bytes.toString())), 'str', dataKey, lastmodified);
/** The MAC sops writes over `values` (their bytes, in order), encrypted. */
const macOver = (...values: string[]): string => {
  const hash = createHash('sha512');
  for (const v of values) hash.update(v);
  return encryptValue(Buffer.from(hash.digest('hex').toUpperCase()), 'str', dataKey, lastmodified);
};

describe('sops: each edit outside sops is refused with its code', () => {
  it('a MAC mismatch says how it comes about (a hint), a refused value does not need one', async () => {
    const text = await encrypt(PLAIN);
    const hint = (t: string): string | undefined => {
      try {
        decrypt(t);
      } catch (e) {
        return isSecretFetchError(e) ? e.hint : 'not a SecretFetchError';
      }
      return 'no error';
    };
    expect(hint(text.replace(/^int: .*\n/m, ''))).toMatch(/\S/);
    expect(hint(setValue(text, 'value', valueOf(text, 'secret')))).toBeUndefined();
  });

  it('an encrypted comment where a value belongs, under a MAC that skips it (as sops\'s does): refused at the first such value', async () => {
    const text = await encrypt('a: x\nb: y\nc: z\n');
    const commented = setValue(setValue(text, 'b', encryptValue(Buffer.from('note'), 'comment', dataKey, 'b:')), 'c', encryptValue(Buffer.from('note'), 'comment', dataKey, 'c:'));
    const failure = (t: string): [string, string] => {
      try {
        decrypt(t);
      } catch (e) {
        return [isSecretFetchError(e) ? e.code : 'not a SecretFetchError', (e as Error).message];
      }
      return ['ok', ''];
    };
    const [code, message] = failure(commented.replace(macOf(commented), macOver('x')));
    expect(code).toBe('SOPS_DECRYPT_FAILED');
    expect(message).toMatch(/^f: .*\bb\b/);
    expect(message).not.toMatch(/\bc\b/);
    // the MAC is checked first: the same file with the MAC over all three values is a mismatch
    expect(failure(commented.replace(macOf(commented), macOver('x', 'y', 'z')))[0]).toBe('SOPS_MAC_MISMATCH');
  });


  it.each<[string, string, (text: string) => string]>([
    ['nothing edited', 'ok', (t) => t],
    ['a value moved to another key', 'SOPS_DECRYPT_FAILED', (t) => setValue(t, 'value', valueOf(t, 'secret'))],
    ['list items swapped (same path, other order)', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^( {2}- )(.*)\n( {2}- )(.*)$/m, '$1$4\n$3$2')],
    ['a list item removed', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^ {2}- .*\n/m, '')],
    ['a key removed', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^int: .*\n/m, '')],
    ['an unencrypted value changed', 'SOPS_MAC_MISMATCH', (t) => setValue(t, 'note_unencrypted', 'changed')],
    ['an unencrypted key added', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^sops:/m, 'added_unencrypted: x\nsops:')],
    ['an empty value filled in', 'SOPS_DECRYPT_FAILED', (t) => setValue(t, 'empty', 'x')],
    ['a null filled in', 'SOPS_DECRYPT_FAILED', (t) => setValue(t, 'nothing', '5')],
    ['a plain number planted', 'SOPS_DECRYPT_FAILED', (t) => setValue(t, 'int', '8')],
    ['a plain boolean planted', 'SOPS_DECRYPT_FAILED', (t) => setValue(t, 'yes', 'false')],
    ['an empty value emptied to null', 'ok', (t) => setValue(t, 'empty', 'null')],
    ['the mac removed', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^ {2}mac: .*\n/m, '')],
    ['the mac emptied', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^( {2}mac: ).*$/m, '$1""')],
    ['lastmodified removed', 'SOPS_MAC_MISMATCH', (t) => t.replace(/^ {2}lastmodified: .*\n/m, '')],
    ['lastmodified changed', 'SOPS_MAC_MISMATCH', (t) => t.replace(`lastmodified: "${lastmodified}"`, 'lastmodified: "2026-01-02T03:04:06Z"')],
    ['the mac of a shorter digest', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), encryptValue(Buffer.from('ABCDEF'), 'str', dataKey, lastmodified))],
    ['the mac made with another key', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), encryptValue(decryptValue(macOf(t), dataKey, lastmodified).bytes, 'str', otherKey, lastmodified))],
    ['the mac not encrypted', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), decryptValue(macOf(t), dataKey, lastmodified).bytes.toString())],
    ['the mac in lower-case hex (sops compares the text)', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), remac(t, (hex) => hex.toLowerCase()))],
    ['the mac with one more hex digit', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), remac(t, (hex) => `${hex}A`))],
    ['the mac with a trailing non-hex character', 'SOPS_MAC_MISMATCH', (t) => t.replace(macOf(t), remac(t, (hex) => `${hex}Z`))],
    ['the mac re-encrypted as it was', 'ok', (t) => t.replace(macOf(t), remac(t, (hex) => hex))],
  ])('%s: %s', async (_what, code, edit) => {
    const text = await encrypt(PLAIN);
    expect(outcome(() => decrypt(edit(text)))).toBe(code);
  });

  it('a mac over the right values re-made for an edited file verifies: the MAC is the SHA-512 of the values in order', async () => {
    const text = await encrypt('a: x\nb: y\n');
    const reordered = await encrypt('b: y\na: x\n');
    // same values, other order: another MAC
    expect(decryptValue(macOf(text), dataKey, lastmodified).bytes.toString()).not.toBe(decryptValue(macOf(reordered), dataKey, lastmodified).bytes.toString());
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha512').update('x').update('y').digest('hex').toUpperCase();
    expect(decryptValue(macOf(text), dataKey, lastmodified).bytes.toString()).toBe(digest);
  });

  it('the whole file with another data key fails authentication of the first value', async () => {
    expect(outcome(() => decrypt(PLAIN, 'yaml', otherKey))).toBe('SOPS_FILE_INVALID');
    const text = await encrypt(PLAIN);
    expect(outcome(() => decrypt(text, 'yaml', otherKey))).toBe('SOPS_DECRYPT_FAILED');
  });

  it('messages name the file and the value path, never a value', async () => {
    const text = await encrypt(PLAIN);
    const message = (t: string): string => {
      try {
        decrypt(t);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message(setValue(text, 'value', valueOf(text, 'secret')))).toMatch(/^f: .*nested\.deeper\.value/);
    expect(message(setValue(text, 'int', '8'))).toMatch(/^f: .*\bint\b/);
    expect(message(text.replace(/^ {2}lastmodified: .*\n/m, ''))).toMatch(/lastmodified/);
    expect(message(text.replace(/^ {2}mac: .*\n/m, ''))).not.toMatch(/lastmodified/);
    expect(message(text.replace(/^int: .*\n/m, ''))).toMatch(/^f: /);
    expect(message(text.replace(`lastmodified: "${lastmodified}"`, 'lastmodified: "2026-01-02T03:04:06Z"'))).toMatch(/^f: /);
  });
});

describe('sops values: one encrypted value', () => {
  it.each<[string, () => string, boolean]>([
    ['not encrypted', () => 'plain', false],
    ['an empty iv', () => 'ENC[AES256_GCM,data:AAAA,iv:,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]', false],
    ['an iv that decodes to nothing', () => 'ENC[AES256_GCM,data:AAAA,iv:=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]', true],
    ['a short tag', () => 'ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAA,type:str]', true],
    ['a long tag', () => 'ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAAAAAAAAAAAAAAAAAAAAAAAAAA,type:str]', true],
    ['an upper-case type', () => 'ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:STR]', false],
    ['trailing text', () => `${encryptValue(Buffer.from('x'), 'str', dataKey, 'a:')} `, false],
    ['leading text', () => ` ${encryptValue(Buffer.from('x'), 'str', dataKey, 'a:')}`, false],
  ])('decryptValue refuses %s', (_what, text, looksEncrypted) => {
    expect(isEncryptedValue(text())).toBe(looksEncrypted);
    expect(() => decryptValue(text(), dataKey, 'a:')).toThrow();
  });

  it('a valid tag cut to 12 bytes is refused (GCM would verify a truncated tag unless told its length)', () => {
    const enc = encryptValue(Buffer.from(CANARY), 'str', dataKey, 'a:');
    const tag = /tag:([^,]+),/.exec(enc)![1]!;
    const truncated = enc.replace(tag, Buffer.from(tag, 'base64').subarray(0, 12).toString('base64'));
    expect(isEncryptedValue(truncated)).toBe(true);
    expect(() => decryptValue(truncated, dataKey, 'a:')).toThrow();
  });

  it.each<[string, number[] | string, unknown]>([
    ['str', 'abc', { value: 'abc', hashed: 'abc' }],
    // Go keeps a string's bytes: what is hashed is the plaintext, not its UTF-8 reading
    ['str', [0x61, 0xff], { value: 'a\ufffd', hashed: [0x61, 0xff] }],
    ['bytes', [0xfe, 0x41], { value: '\ufffdA', hashed: [0xfe, 0x41] }],
    ['int', '007', { value: 7n, hashed: '7' }],
    ['int', '-9223372036854775808', { value: -9223372036854775808n, hashed: '-9223372036854775808' }],
    ['int', '9223372036854775808', undefined],
    ['int', 'x', undefined],
    ['int', '1.5', undefined],
    ['float', '1e3', { value: 1000, hashed: '1000' }],
    ['float', 'x', undefined],
    ['bool', '1', { value: true, hashed: 'True' }],
    ['bool', 'f', { value: false, hashed: 'False' }],
    ['bool', 'yes', undefined],
    ['comment', 'note', { comment: true }],
    ['int64', '1', undefined],
    ['STR', 'x', undefined],
  ])('decodeSopsValue(type %s, %j)', (type, plaintext, expected) => {
    const bytes = (b: number[] | string): Buffer => (typeof b === 'string' ? Buffer.from(b) : Buffer.from(b));
    const decoded = decodeSopsValue(bytes(plaintext), type);
    if (expected === undefined || 'comment' in (expected as object)) expect(decoded).toEqual(expected);
    else {
      const { value, hashed } = expected as { value: unknown; hashed: number[] | string };
      expect(decoded).toEqual({ value, hashed: bytes(hashed) });
    }
  });

  it('an empty value encrypts to empty data, and back', () => {
    const enc = encryptValue(Buffer.alloc(0), 'str', dataKey, 'a:');
    expect(enc).toMatch(/^ENC\[AES256_GCM,data:,iv:/);
    expect(isEncryptedValue(enc)).toBe(true);
    expect(decryptValue(enc, dataKey, 'a:').bytes.length).toBe(0);
  });

  it('decryptValue: the tag binds key, additional data and ciphertext', () => {
    const enc = encryptValue(Buffer.from(CANARY), 'str', dataKey, 'a:');
    expect(decryptValue(enc, dataKey, 'a:')).toEqual({ bytes: Buffer.from(CANARY), type: 'str' });
    expect(() => decryptValue(enc, dataKey, 'b:')).toThrow();
    expect(() => decryptValue(enc, otherKey, 'a:')).toThrow();
    expect(encryptValue(Buffer.from(CANARY), 'str', dataKey, 'a:')).not.toBe(enc);
  });
});

describe('sops trees: paths and lookups', () => {
  const list = Array.from({ length: 12 }, (_, i) => `item${i}`);
  const tree = (): SopsMap =>
    new Map<string, SopsTree>([
      ['a', new Map<string, SopsTree>([['b', ['x', new Map<string, SopsTree>([['c', 1]])]]])],
      ['1', true],
      ['n', null],
      ['list', list],
    ]);

  it.each<[string, string[] | undefined]>([
    ['a', ['a']],
    ['a.b.0.c', ['a', 'b', '0', 'c']],
    ['', undefined],
    ['a..b', undefined],
    ['.a', undefined],
    ['a.', undefined],
  ])('parseDottedPath(%j)', (text, segments) => {
    expect(parseDottedPath(text)).toEqual(segments);
  });

  it.each<[string[], SopsTree | undefined]>([
    [['a', 'b', '0'], 'x'],
    [['a', 'b', '1', 'c'], 1],
    [['1'], true],
    [['n'], null],
    [['a', 'b', '2'], undefined],
    [['a', 'b', '01'], undefined],
    [['a', 'b', '-1'], undefined],
    [['a', 'b', '1.0'], undefined],
    [['a', 'b', 'length'], undefined],
    [['a', 'x'], undefined],
    [['a', 'b', '0', 'z'], undefined],
    [['1', 'z'], undefined],
    [['list', '11'], 'item11'],
    [['list', '10'], 'item10'],
    [['list', '12'], undefined],
    [[], undefined],
  ])('lookupSopsPath(%j)', (segments, value) => {
    const found = lookupSopsPath(tree(), segments);
    if (segments.length === 0) expect(toPlain(found!)).toEqual(toPlain(tree()));
    else expect(found).toEqual(value);
  });

  it.each<[string[], string[]]>([
    [['a', 'x'], ['b']],
    [['a', 'b', '5'], ['0', '1']],
    [['a', 'b', '1', 'z'], ['c']],
    [['zz'], ['a', '1', 'n', 'list']],
    [['1', 'z'], []],
  ])('keysNear(%j)', (segments, keys) => {
    expect(keysNear(tree(), segments)).toEqual(keys);
  });
});
