import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/core/project-fs.js';
import { revealSecret } from '../../src/core/secret-value.js';
import { resolveSecrets, secretKey } from '../../src/secrets/index.js';
import { readConstructedVector, vectorAgeKey } from './support/sops-fixtures.js';

/**
 * sops' MAC semantics against vectors built by an independent implementation of sops' algorithm
 * (test/fixtures/secrets/sops-constructed/make-vectors.py): `mac_only_encrypted` with its fixed
 * hash prefix, and every Go type sops hashes, formatted as Go formats it. Each edit's expected
 * outcome is what real sops does with it (reasoned from its source, cited per group), including
 * the edits sops accepts: a value sops never hashes can change without breaking the MAC.
 */

const root = '/project';
const home = mkdtempSync(path.join(tmpdir(), 'cp-sops-sem-'));

async function resolveRef(files: Record<string, string>, ref: string) {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(root, k), v]));
  const { values, diagnostics } = await resolveSecrets([{ formation: 'prod', name: 's', ref, at: { file: 'formations/prod.yaml', line: 3, column: 7 } }], {
    mode: 'resolve',
    projectRoot: root,
    fs: memoryFs(abs),
    env: { SOPS_AGE_KEY: vectorAgeKey },
    homeDir: home,
    config: {},
  });
  const v = values.get(secretKey('prod', 's'));
  return { value: v === undefined ? undefined : revealSecret(v), diagnostics };
}

const files = {
  typedYaml: readConstructedVector('typed.enc.yaml'),
  typedJson: readConstructedVector('typed.enc.json'),
  macOnlyYaml: readConstructedVector('mac-only.enc.yaml'),
  macOnlyJson: readConstructedVector('mac-only.enc.json'),
  macOnlyEnv: readConstructedVector('mac-only.enc.env'),
  fullMacYaml: readConstructedVector('full-mac.enc.yaml'),
};
type VectorName = keyof typeof files;
const fileName: Record<VectorName, string> = {
  typedYaml: 'typed.enc.yaml',
  typedJson: 'typed.enc.json',
  macOnlyYaml: 'mac-only.enc.yaml',
  macOnlyJson: 'mac-only.enc.json',
  macOnlyEnv: 'mac-only.enc.env',
  fullMacYaml: 'full-mac.enc.yaml',
};

/** Edits of one line, found by its start (`key:` with its indentation, or `KEY=`). */
function setLine(start: string, replacement: string): (t: string) => string {
  return (t) => {
    const lines = t.split('\n');
    const i = lines.findIndex((l) => l.startsWith(start));
    if (i < 0) throw new Error(`no line starts with ${start}`);
    lines[i] = replacement;
    return lines.join('\n');
  };
}
const removeLine = (start: string) => (t: string) => setLine(start, '\u0000')(t).replace('\u0000\n', '');
const addAfter = (start: string, line: string) => (t: string) => setLine(start, `${t.split('\n').find((l) => l.startsWith(start))}\n${line}`)(t);
/** Changes the unauthenticated `type:` of the encrypted value on the line. */
const setType = (start: string, type: string) => (t: string) =>
  setLine(start, t.split('\n').find((l) => l.startsWith(start))!.replace(/type:[a-z0-9]+\]/, `type:${type}]`))(t);
/** Flips one character of the ciphertext on the line. */
const flipData = (start: string) => (t: string) =>
  setLine(start, t.split('\n').find((l) => l.startsWith(start))!.replace(/data:(.)/, (_, c: string) => `data:${c === 'A' ? 'B' : 'A'}`))(t);
/** Puts another file's `mac` in place of this one's. */
const macOf = (other: VectorName, start: string) => (t: string) => setLine(start, files[other].split('\n').find((l) => l.startsWith(start))!)(t);

type Expect = { value: string } | { code: string };
type Case = [VectorName, string, (t: string) => string, string, Expect];

const none = (t: string): string => t;
const VERIFIES = (value: string): Expect => ({ value });
const MAC = { code: 'SOPS_MAC_MISMATCH' };
const DECRYPT = { code: 'SOPS_DECRYPT_FAILED' };
const INVALID = { code: 'SOPS_FILE_INVALID' };

// sops.go Tree.Decrypt + ToBytes; aes/cipher.go Decrypt (strconv per recorded type)
const typedCases: Case[] = [
  ['typedYaml', 'str', none, 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'int', none, 'int', VERIFIES('42')],
  ['typedYaml', 'negative int', none, 'negative', VERIFIES('-7')],
  ['typedYaml', 'int past 2^53 (hashed exactly)', none, 'big_int', VERIFIES('9007199254740993')],
  ['typedYaml', 'float', none, 'float', VERIFIES('0.1')],
  ['typedYaml', 'whole float (hashed as 3)', none, 'whole_float', VERIFIES('3')],
  ['typedYaml', 'huge float (hashed without exponent)', none, 'huge_float', VERIFIES('1e+21')],
  ['typedYaml', 'tiny float', none, 'tiny_float', VERIFIES('1e-7')],
  ['typedYaml', 'negative zero (hashed as -0)', none, 'negative_zero', VERIFIES('0')],
  ['typedYaml', 'bool (hashed as True)', none, 'yes', VERIFIES('true')],
  ['typedYaml', 'bool (hashed as False)', none, 'no', VERIFIES('false')],
  ['typedYaml', 'list items of each type', none, 'list.3', VERIFIES('true')],
  ['typedYaml', 'unicode', none, 'nested.unicode', VERIFIES('grüße ✓')],
  ['typedYaml', 'plain int past 2^53', none, 'plain_unencrypted.big', VERIFIES('9007199254740993')],
  ['typedYaml', 'null is no string', none, 'nothing', { code: 'SECRET_TYPE' }],

  ['typedYaml', 'value changed', flipData('str:'), 'int', DECRYPT],
  ['typedYaml', 'key removed', removeLine('int:'), 'str', MAC],
  ['typedYaml', 'plain key added', addAfter('str:', 'added_unencrypted: 1'), 'str', MAC],
  ['typedYaml', 'unencrypted value added where values are encrypted', addAfter('str:', 'added: x'), 'str', DECRYPT],
  ['typedYaml', 'null key added (sops never walks nil)', addAfter('str:', 'added: ~'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'empty value added (sops leaves "" as is, hashes nothing)', addAfter('str:', 'added: ""'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'null key removed', removeLine('nothing:'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'encrypted comment removed (comments are not hashed)', removeLine('#ENC['), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'MAC of another file', macOf('fullMacYaml', '    mac:'), 'str', MAC],
  ['typedYaml', 'mac_only_encrypted switched on', addAfter('    version:', '    mac_only_encrypted: true'), 'str', MAC],
  ['typedYaml', 'lastmodified with +00:00 (Go formats it as Z)', setLine('    lastmodified:', '    lastmodified: "2026-11-30T09:00:00+00:00"'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'lastmodified with a fraction (Go drops it)', setLine('    lastmodified:', '    lastmodified: "2026-11-30T09:00:00.25Z"'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'lastmodified: same instant, other offset', setLine('    lastmodified:', '    lastmodified: "2026-11-30T10:00:00+01:00"'), 'str', MAC],
  ['typedYaml', 'lastmodified not RFC 3339', setLine('    lastmodified:', '    lastmodified: "2026-11-30 09:00:00"'), 'str', INVALID],

  // the recorded type is not authenticated: sops hashes what the type reads as
  ['typedYaml', 'type int -> str, same text', setType('int:', 'str'), 'int', VERIFIES('42')],
  ['typedYaml', 'type float -> int, same text', setType('whole_float:', 'int'), 'whole_float', VERIFIES('3')],
  ['typedYaml', 'type bool -> str ("True")', setType('yes:', 'str'), 'yes', VERIFIES('True')],
  ['typedYaml', 'type str -> int, not a number', setType('str:', 'int'), 'str', DECRYPT],
  ['typedYaml', 'type float -> int ("0.1")', setType('float:', 'int'), 'str', DECRYPT],
  ['typedYaml', 'type int -> bool ("42")', setType('int:', 'bool'), 'str', DECRYPT],
  ['typedYaml', 'type int -> int64 (sops cannot hash it)', setType('int:', 'int64'), 'str', DECRYPT],
  ['typedYaml', 'type int -> comment (dropped from the MAC)', setType('int:', 'comment'), 'str', MAC],
  ['typedYaml', 'type int -> unknown', setType('int:', 'number'), 'str', DECRYPT],

  // plain values as yaml.v3 reads them (stores/yaml: node.Decode into interface{})
  ['typedYaml', 'plain int quoted, same text', setLine('    int:', '    int: "5432"'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int with _ separator (yaml.v3: 5432)', setLine('    int:', '    int: 5_432'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int as octal 012470 (yaml.v3: 5432)', setLine('    int:', '    int: 012470'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int as hex 0x1538', setLine('    int:', '    int: 0x1538'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int changed', setLine('    int:', '    int: 5433'), 'str', MAC],
  ['typedYaml', 'plain int past 2^53 changed by one', setLine('    big:', '    big: 9007199254740992'), 'str', MAC],
  ['typedYaml', 'plain int past 2^53 as a float', setLine('    big:', '    big: 9007199254740993.0'), 'str', MAC],
  ['typedYaml', 'plain int past int64 (sops cannot walk a uint64)', setLine('    big:', '    big: 9223372036854775808'), 'str', INVALID],
  ['typedYaml', 'plain bool quoted ("true" is not "True")', setLine('    bool:', '    bool: "true"'), 'str', MAC],
  ['typedYaml', 'plain bool spelled True', setLine('    bool:', '    bool: True'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain bool as yes (a string to yaml.v3)', setLine('    bool:', '    bool: yes'), 'str', MAC],
  ['typedYaml', 'plain float with trailing zero', setLine('    float:', '    float: 1.50'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain float with exponent', setLine('    float:', '    float: 15e-1'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain float quoted, same text', setLine('    float:', '    float: "1.5"'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain float changed', setLine('    float:', '    float: 1.25'), 'str', MAC],
  ['typedYaml', 'quoted "0777" unquoted (yaml.v3: octal 511)', setLine('    octal_text:', '    octal_text: 0777'), 'str', MAC],
  ['typedYaml', 'plain null made empty', setLine('    nothing:', '    nothing:'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'integer key (sops reads only string keys)', addAfter('str:', '7: seven'), 'str', INVALID],
  ['typedYaml', 'plain int tagged !!int', setLine('    int:', '    int: !!int 5432'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int tagged !!str', setLine('    int:', '    int: !!str 5432'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain int tagged !!float (yaml.v3: float64 5432)', setLine('    int:', '    int: !!float 5432'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'plain bool tagged !!bool, quoted', setLine('    bool:', '    bool: !!bool "true"'), 'str', VERIFIES('canary-typed-str')],
  ['typedYaml', 'a tag the text does not fit', setLine('    int:', '    int: !!int many'), 'str', INVALID],
  ['typedYaml', 'a custom tag', setLine('    int:', '    int: !env 5432'), 'str', INVALID],

  // stores/json: every number is a float64
  ['typedJson', 'str', none, 'str', VERIFIES('canary-json')],
  ['typedJson', 'number 7 (a float, hashed as 7)', none, 'int', VERIFIES('7')],
  ['typedJson', 'number past 2^53 (float64 of it)', none, 'big', VERIFIES('9007199254740992')],
  ['typedJson', 'huge number', none, 'huge', VERIFIES('1e+21')],
  ['typedJson', 'plain 1.0 written 1', setLine('        "n":', '        "n": 1,'), 'str', VERIFIES('canary-json')],
  ['typedJson', 'plain 1.0 quoted "1"', setLine('        "n":', '        "n": "1",'), 'str', VERIFIES('canary-json')],
  ['typedJson', 'plain number changed', setLine('        "n":', '        "n": 1.5,'), 'str', MAC],
  ['typedJson', 'plain bool quoted', setLine('        "b":', '        "b": "false"'), 'str', MAC],
  ['typedJson', 'plain number out of float64 range', setLine('        "n":', '        "n": 1e400,'), 'str', INVALID],
];

// sops.go: MACOnlyEncrypted hashes only encrypted values, after MACOnlyEncryptedInitialization
const macOnlyCases: Case[] = [
  ['macOnlyYaml', 'encrypted str', none, 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'encrypted int', none, 'token', VERIFIES('42')],
  ['macOnlyYaml', 'encrypted under a matching key', none, 'data.key', VERIFIES('canary-data')],
  ['macOnlyYaml', 'plain value', none, 'name', VERIFIES('shop-db')],
  ['macOnlyYaml', 'plain key added (not covered)', addAfter('name:', 'extra: planted'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'plain value changed (not covered)', setLine('name:', 'name: evil'), 'name', VERIFIES('evil')],
  ['macOnlyYaml', 'plain key removed (not covered)', removeLine('port:'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'plain type changed (not covered)', setLine('enabled:', 'enabled: "yes"'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'encrypted value changed', flipData('password:'), 'name', DECRYPT],
  ['macOnlyYaml', 'encrypted key removed', removeLine('token:'), 'password', MAC],
  ['macOnlyYaml', 'encrypted nested key removed', removeLine('    count:'), 'password', MAC],
  ['macOnlyYaml', 'unencrypted value added under an encrypted key', addAfter('    key:', '    extra: x'), 'password', DECRYPT],
  ['macOnlyYaml', 'null added under an encrypted key', addAfter('    key:', '    extra: ~'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'type int -> str, same text', setType('token:', 'str'), 'token', VERIFIES('42')],
  ['macOnlyYaml', 'type bool -> str ("False")', setType('    flag:', 'str'), 'data.flag', VERIFIES('False')],
  ['macOnlyYaml', 'type int -> bool ("3")', setType('    count:', 'bool'), 'password', DECRYPT],
  ['macOnlyYaml', 'type str -> comment', setType('password:', 'comment'), 'token', MAC],
  ['macOnlyYaml', 'MAC of the full-MAC file', macOf('fullMacYaml', '    mac:'), 'password', MAC],
  ['macOnlyYaml', 'mac_only_encrypted removed', removeLine('    mac_only_encrypted:'), 'password', MAC],
  ['macOnlyYaml', 'mac_only_encrypted: false', setLine('    mac_only_encrypted:', '    mac_only_encrypted: false'), 'password', MAC],
  ['macOnlyYaml', 'mac_only_encrypted: yes (yaml.v3 into a bool)', setLine('    mac_only_encrypted:', '    mac_only_encrypted: yes'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyYaml', 'mac_only_encrypted: "true" (a string sops refuses)', setLine('    mac_only_encrypted:', '    mac_only_encrypted: "true"'), 'password', INVALID],
  ['macOnlyYaml', 'mac_only_encrypted: 1', setLine('    mac_only_encrypted:', '    mac_only_encrypted: 1'), 'password', INVALID],
  ['macOnlyYaml', 'encrypted_regex widened over a plain key', setLine('    encrypted_regex:', '    encrypted_regex: ^(password|token|data|name)$'), 'password', DECRYPT],
  ['macOnlyYaml', 'encrypted_regex removed (default rule: all encrypted)', removeLine('    encrypted_regex:'), 'password', DECRYPT],
  ['macOnlyYaml', 'two encryption rules', addAfter('    encrypted_regex:', '    unencrypted_suffix: _plain'), 'password', INVALID],
  ['macOnlyYaml', 'a regex Go cannot compile (sops: it matches nothing)', setLine('    encrypted_regex:', '    encrypted_regex: (?<=a)b'), 'password', MAC],
  ['macOnlyYaml', 'encrypted_comment_regex (not verifiable here)', addAfter('    version:', '    encrypted_comment_regex: sops:enc'), 'password', INVALID],

  ['macOnlyJson', 'encrypted str', none, 'password', VERIFIES('canary-mac-only')],
  ['macOnlyJson', 'plain key added (not covered)', addAfter('    "name":', '    "extra": "planted",'), 'password', VERIFIES('canary-mac-only')],
  ['macOnlyJson', 'plain value changed (not covered)', setLine('    "port":', '    "port": 1,'), 'port', VERIFIES('1')],
  ['macOnlyJson', 'encrypted value changed', flipData('    "password":'), 'name', DECRYPT],
  ['macOnlyJson', 'encrypted key removed', removeLine('    "token":'), 'password', MAC],
  ['macOnlyJson', 'mac_only_encrypted removed', removeLine('        "mac_only_encrypted":'), 'password', MAC],
  ['macOnlyJson', 'mac_only_encrypted: "true" (json needs a boolean)', setLine('        "mac_only_encrypted":', '        "mac_only_encrypted": "true",'), 'password', INVALID],

  ['macOnlyEnv', 'encrypted value', none, 'DB_PASSWORD', VERIFIES('canary-env')],
  ['macOnlyEnv', 'plain key added (not covered)', addAfter('DB_PASSWORD=', 'EXTRA_unencrypted=x'), 'DB_PASSWORD', VERIFIES('canary-env')],
  ['macOnlyEnv', 'plain value changed (not covered)', setLine('HOST_unencrypted=', 'HOST_unencrypted=evil'), 'HOST_unencrypted', VERIFIES('evil')],
  ['macOnlyEnv', 'unencrypted value added where values are encrypted', addAfter('DB_PASSWORD=', 'EXTRA=x'), 'DB_PASSWORD', DECRYPT],
  ['macOnlyEnv', 'flag spelled TRUE (sops: only "true" is true)', setLine('sops_mac_only_encrypted=', 'sops_mac_only_encrypted=TRUE'), 'DB_PASSWORD', MAC],
  ['macOnlyEnv', 'encrypted value removed', removeLine('DB_PASSWORD='), 'HOST_unencrypted', MAC],

  // the same data without mac_only_encrypted: every value is covered
  ['fullMacYaml', 'encrypted str', none, 'password', VERIFIES('canary-mac-only')],
  ['fullMacYaml', 'plain key added', addAfter('name:', 'extra: planted'), 'password', MAC],
  ['fullMacYaml', 'plain value changed', setLine('name:', 'name: evil'), 'password', MAC],
  ['fullMacYaml', 'plain key removed', removeLine('port:'), 'password', MAC],
  ['fullMacYaml', 'plain list item added', addAfter('    - "b"', '    - "c"'), 'password', MAC],
  ['fullMacYaml', 'plain int quoted, same text', setLine('port:', 'port: "5432"'), 'password', VERIFIES('canary-mac-only')],
  ['fullMacYaml', 'plain float as .25', setLine('ratio:', 'ratio: .25'), 'password', VERIFIES('canary-mac-only')],
  ['fullMacYaml', 'plain bool quoted', setLine('enabled:', 'enabled: "true"'), 'password', MAC],
  ['fullMacYaml', 'mac_only_encrypted switched on', addAfter('    version:', '    mac_only_encrypted: true'), 'password', MAC],
  ['fullMacYaml', 'MAC of the mac-only file', macOf('macOnlyYaml', '    mac:'), 'password', MAC],
];

describe.each([
  ['typed values', typedCases],
  ['mac_only_encrypted', macOnlyCases],
] as const)('sops semantics: %s', (_group, cases) => {
  it.each(cases)('%s: %s', async (vector, _what, edit, ref, expected) => {
    const original = files[vector];
    const text = edit(original);
    if (edit !== none) expect(text).not.toBe(original);
    const { value, diagnostics } = await resolveRef({ [fileName[vector]]: text }, `sops:${fileName[vector]}#${ref}`);
    if ('value' in expected) {
      expect(diagnostics).toEqual([]);
      expect(value).toBe(expected.value);
    } else {
      expect(value).toBeUndefined();
      expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[expected.code, 3, 7]]);
      const printed = JSON.stringify(diagnostics) + inspect(diagnostics, { depth: 9 });
      for (const canary of ['canary-typed-str', 'canary-mac-only', 'canary-data', 'canary-env', 'canary-json', vectorAgeKey]) expect(printed).not.toContain(canary);
    }
  });
});
