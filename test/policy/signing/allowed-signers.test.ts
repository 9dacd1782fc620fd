import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedSigners, signerRefusal, sshTime } from '../../../src/policy/signing/allowed-signers.js';
import { matchesPattern, matchesPatternList } from '../../../src/policy/signing/ssh-pattern.js';
import { makeKey, type TestKey } from '../../support/ssh-keys.js';
import { tempDir } from '../../support/temp-project.js';

let tmp: ReturnType<typeof tempDir>;
let ed: TestKey;
let ec: TestKey;

beforeAll(() => {
  tmp = tempDir('copperplate-allowed-');
  ed = makeKey(tmp.dir, 'ed25519');
  ec = makeKey(tmp.dir, 'ecdsa-p256');
});
afterAll(() => tmp.remove());

const parse = (text: string) => parseAllowedSigners('.copperplate/allowed_signers', text);

describe('parseAllowedSigners', () => {
  it('reads principals, options, keys; skips comments and blank lines', () => {
    const { signers, diagnostics } = parse(
      [
        '# ops team',
        '',
        `ops@example.com,lead@example.com ${ed.publicKey} laptop`,
        `   "*@example.com" NAMESPACES="copperplate-*",valid-after="20260101",Valid-Before="20270101120000Z" ${ec.publicKey}`,
        '\t# indented comment',
        `dev@example.com namespaces="git" ${ed.publicKey}\r`,
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(signers.map((s) => [s.principals, s.namespaces, s.validAfter, s.validBefore, s.key.type, s.location.line, s.location.column])).toEqual([
      ['ops@example.com,lead@example.com', undefined, undefined, undefined, 'ssh-ed25519', 3, 1],
      ['*@example.com', 'copperplate-*', sshTime('20260101'), Date.UTC(2027, 0, 1, 12) / 1000, 'ecdsa-sha2-nistp256', 4, 4],
      ['dev@example.com', 'git', undefined, undefined, 'ssh-ed25519', 6, 1],
    ]);
  });

  it.each([
    ['key missing', 'ops@example.com', 'ALLOWED_SIGNERS_INVALID', 1, 16],
    ['unquoted option value', 'ops@example.com valid-after=20260101 KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['unknown option', 'ops@example.com no-touch-required KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['bad time', 'ops@example.com valid-before="2026-01-01" KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['31 February', 'ops@example.com valid-before="20260231" KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['before ≤ after', 'ops@example.com valid-after="20270101",valid-before="20260101" KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['twice', 'ops@example.com namespaces="a",namespaces="b" KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['trailing comma', 'ops@example.com namespaces="a", KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['unterminated quote', 'ops@example.com namespaces="a KEY', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['unterminated principals', '"ops@example.com KEY', 'ALLOWED_SIGNERS_INVALID', 1, 1],
    ['cert-authority', '*@example.com cert-authority KEY', 'ALLOWED_SIGNERS_UNSUPPORTED', 1, 15],
    ['not base64', 'ops@example.com ssh-ed25519 AAA$', 'ALLOWED_SIGNERS_INVALID', 1, 29],
    ['type mismatch', 'ops@example.com ecdsa-sha2-nistp256 ED25519BLOB', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['garbage key', 'ops@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==', 'ALLOWED_SIGNERS_INVALID', 1, 17],
    ['DSA key', 'ops@example.com ssh-dss AAAAB3NzaC1kc3M=', 'ALLOWED_SIGNERS_UNSUPPORTED', 1, 17],
  ])('%s: %s at its line and column, the line trusts nobody', (_name, line, code, lineNo, column) => {
    const text = `# header\n${line.replace('KEY', ed.publicKey).replace('ED25519BLOB', ed.publicKey.split(' ')[1]!)}\n`;
    const { signers, diagnostics } = parse(text);
    expect(signers).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([[code, lineNo + 1, column]]);
    expect(diagnostics[0]!.severity).toBe(code === 'ALLOWED_SIGNERS_INVALID' ? 'error' : 'warning');
  });

  it('keeps the good lines around a bad one', () => {
    const { signers, diagnostics } = parse(`a@x ${ed.publicKey}\nb@x bogus=1 ${ed.publicKey}\nc@x ${ec.publicKey}\n`);
    expect(signers.map((s) => s.principals)).toEqual(['a@x', 'c@x']);
    expect(diagnostics).toHaveLength(1);
  });
});

describe('signerRefusal', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const one = (options: string, principals = 'ops@example.com') => {
    const r = parse(`${principals} ${options} ${ed.publicKey}`.replace(/  +/, ' '));
    expect(r.diagnostics).toEqual([]);
    return r.signers[0]!;
  };
  it.each([
    ['plain line', '', 'ops@example.com', undefined],
    ['another principal', '', 'dev@example.com', /allowed for ops@example.com .*not for dev@example.com/],
    ['namespace listed', 'namespaces="file,copperplate-approval"', 'ops@example.com', undefined],
    ['namespace not listed', 'namespaces="git"', 'ops@example.com', /may not sign in namespace copperplate-approval/],
    ['valid-before passed', 'valid-before="20260531"', 'ops@example.com', /expired on 2026-05-31/],
    ['valid-before still ahead', 'valid-before="20260601000001Z"', 'ops@example.com', undefined],
    ['valid-before is inclusive', 'valid-before="20260601000000Z"', 'ops@example.com', undefined],
    ['valid-after ahead', 'valid-after="20260601000001Z"', 'ops@example.com', /valid only after/],
  ])('%s', (_name, options, principal, refusal) => {
    const r = signerRefusal(one(options), principal, 'copperplate-approval', now);
    if (refusal) expect(r).toMatch(refusal);
    else expect(r).toBeUndefined();
  });

  it('wildcards and negations in principals, as ssh-keygen matches them', () => {
    const s = one('', '*@example.com,!intern@example.com');
    expect(signerRefusal(s, 'ops@example.com', 'copperplate-approval', now)).toBeUndefined();
    expect(signerRefusal(s, 'intern@example.com', 'copperplate-approval', now)).toBeDefined();
    expect(signerRefusal(s, 'ops@example.org', 'copperplate-approval', now)).toBeDefined();
  });
});

describe('ssh pattern lists', () => {
  it.each([
    ['ops@example.com', 'ops@example.com', true],
    ['ops@example.com', 'OPS@example.com', false],
    ['ops@example.com', '*', true],
    ['ops@example.com', 'o?s@*.com', true],
    ['ops@example.com', 'ops@', false],
    ['a*bc', 'a*c', true],
    ['', '*', true],
    ['abc', 'a**c', true],
    ['ab', 'a?b', false],
    ['x', 'y,!x,x', false],
    ['x', 'y,x', true],
    ['x', '', false],
  ])('%s ~ %s → %s', (value, list, expected) => {
    expect(matchesPatternList(value, list)).toBe(expected);
  });

  it('agrees with a regular-expression reading of the same glob on many inputs', () => {
    const alphabet = ['a', 'b', '*', '?'];
    const words = (n: number): string[] => (n === 0 ? [''] : words(n - 1).flatMap((w) => alphabet.map((c) => w + c)));
    const patterns = [0, 1, 2, 3, 4].flatMap(words);
    const values = [0, 1, 2, 3, 4].flatMap(words).filter((v) => !/[*?]/.test(v));
    for (const pattern of patterns) {
      const re = new RegExp(`^${pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      for (const value of values) expect(matchesPattern(value, pattern), `${value} ~ ${pattern}`).toBe(re.test(value));
    }
  });
});

describe('sshTime', () => {
  it.each([
    ['20260101Z', Date.UTC(2026, 0, 1) / 1000],
    ['202601011230Z', Date.UTC(2026, 0, 1, 12, 30) / 1000],
    ['20260101123045z', Date.UTC(2026, 0, 1, 12, 30, 45) / 1000],
    ['20260101', Date.UTC(2026, 0, 1, 5) / 1000], // local: New York, the suite's zone
    ['2026010112', undefined],
    ['20261301', undefined],
    ['20260230Z', undefined],
    ['20260101246000Z', undefined],
  ])('%s', (text, expected) => {
    expect(sshTime(text)).toBe(expected);
  });
});
