import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAllowedSigners, signerRefusal, sshTime, type AllowedSigner } from '../../../src/policy/signing/allowed-signers.js';
import { sshString } from '../../../src/policy/signing/ssh-wire.js';

// allowed_signers lines case by case beyond allowed-signers.test.ts: the forms ssh-keygen
// accepts, where each problem is reported, and the time bounds at the second.

const edKey = (): string => {
  const x = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return `ssh-ed25519 ${Buffer.concat([sshString('ssh-ed25519'), sshString(x)]).toString('base64')}`;
};
const parse = (text: string) => parseAllowedSigners('allowed_signers', text);

describe('allowed_signers: the forms a line may take', () => {
  it.each<[string, (k: string) => string, Partial<AllowedSigner>]>([
    ['CRLF line ends', (k) => `ops@x ${k}\r\n`, { principals: 'ops@x' }],
    ['blanks before the principals', (k) => ` \t ops@x ${k}`, { principals: 'ops@x' }],
    ['quoted principals with a blank', (k) => `"ops@x, dev@x" ${k}`, { principals: 'ops@x, dev@x' }],
    ['a comment after the key', (k) => `ops@x ${k} laptop key`, { principals: 'ops@x' }],
    ['option keywords in any case', (k) => `ops@x NAMESPACES="git",Valid-After="20260101Z" ${k}`, { namespaces: 'git', validAfter: Date.UTC(2026, 0, 1) / 1000 }],
    ['a quoted blank inside the options', (k) => `ops@x namespaces="a b" ${k}`, { namespaces: 'a b' }],
    ['an empty namespaces list', (k) => `ops@x namespaces="" ${k}`, { namespaces: '' }],
    ['valid-before only', (k) => `ops@x valid-before="20260102Z" ${k}`, { validBefore: Date.UTC(2026, 0, 2) / 1000 }],
    ['both bounds', (k) => `ops@x valid-after="20260101Z",valid-before="20260101000001Z" ${k}`, { validAfter: Date.UTC(2026, 0, 1) / 1000, validBefore: Date.UTC(2026, 0, 1) / 1000 + 1 }],
  ])('%s', (_name, line, expected) => {
    const k = edKey();
    const { signers, diagnostics } = parse(`# comment\n\n${line(k)}\n`);
    expect(diagnostics).toEqual([]);
    expect(signers).toHaveLength(1);
    expect(signers[0]).toMatchObject(expected);
    expect(signers[0]?.location).toEqual({ file: 'allowed_signers', line: 3, column: line(k).search(/\S/) + 1 });
    for (const field of ['namespaces', 'validAfter', 'validBefore'] as const) if (!(field in expected)) expect(signers[0]).not.toHaveProperty(field);
  });

  it.each<[string, string, string, number, boolean]>([
    ['empty quoted principals', '"" KEY', 'ALLOWED_SIGNERS_INVALID', 1, false],
    ['no key type', 'ops@x', 'ALLOWED_SIGNERS_INVALID', 6, false],
    ['a key type without its base64', 'ops@x ssh-ed25519', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['an option keyword without a value', 'ops@x namespaces KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['options ending in a comma', 'ops@x namespaces="a", KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['text after an option', 'ops@x namespaces="a"x KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['an option that is only a comma', 'ops@x , KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['valid-after twice', 'ops@x valid-after="20260101Z",valid-after="20260102Z" KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['valid-before twice', 'ops@x valid-before="20260101Z",valid-before="20260102Z" KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['valid-before equal to valid-after', 'ops@x valid-after="20260101Z",valid-before="20260101Z" KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['cert-authority among other options', 'ops@x namespaces="a",cert-authority KEY', 'ALLOWED_SIGNERS_UNSUPPORTED', 7, true],
    ['base64 with three padding characters', 'ops@x ssh-ed25519 AAAA===', 'ALLOWED_SIGNERS_INVALID', 19, false],
    ['base64 of a length not a multiple of 4', 'ops@x ssh-ed25519 AAAAA', 'ALLOWED_SIGNERS_INVALID', 19, false],
    ['an RSA key that is too small', 'ops@x ssh-rsa SMALLRSA', 'ALLOWED_SIGNERS_UNSUPPORTED', 7, true],
    ['a security key', 'ops@x sk-ssh-ed25519@openssh.com SKKEY', 'ALLOWED_SIGNERS_UNSUPPORTED', 7, true],
    ['a truncated key blob', 'ops@x ssh-ed25519 AAAAC3Nz', 'ALLOWED_SIGNERS_INVALID', 7, false],
    // ssh-keygen -Y verify refuses each of these lines too (checked by hand, OpenSSH 9.2)
    ['a CR inside the line', 'ops@x\rdev@x KEY', 'ALLOWED_SIGNERS_INVALID', 6, false],
    ['text before the base64', 'ops@x ssh-ed25519 *AAA', 'ALLOWED_SIGNERS_INVALID', 19, false],
    ['an option word with a key type inside it', 'ops@x no-ssh-check KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['an unknown option with a time for its value', 'ops@x expires="20270101Z" KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['text between a keyword and its value', 'ops@x namespaces000000000000,valid-before="20270101Z" KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
    ['text before the first keyword', 'ops@x 00000000000000,cert-authority KEY', 'ALLOWED_SIGNERS_INVALID', 7, false],
  ])('%s: %s', (_name, line, code, column, ownHint) => {
    const smallRsa = Buffer.concat([
      sshString('ssh-rsa'),
      sshString(Buffer.from(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }).e!, 'base64url')),
      sshString(Buffer.concat([Buffer.from([0]), Buffer.from(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }).n!, 'base64url')])),
    ]).toString('base64');
    const sk = sshString('sk-ssh-ed25519@openssh.com').toString('base64');
    const text = line.replace('SKKEY', sk).replace('SMALLRSA', smallRsa).replace('KEY', edKey());
    const { signers, diagnostics } = parse(`${text}\n`);
    expect(signers).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.severity])).toEqual([[code, 1, column, code === 'ALLOWED_SIGNERS_INVALID' ? 'error' : 'warning']]);
    // a line copperplate cannot use says what to use instead; a malformed one shows the format
    expect(diagnostics[0]?.hint).toMatch(ownHint ? /^(?!format:)/ : /^format: /);
  });
});

describe('signerRefusal: the time bounds at the second', () => {
  const signer = (options: string): AllowedSigner => {
    const { signers, diagnostics } = parse(`ops@x ${options} ${edKey()}\n`);
    expect(diagnostics).toEqual([]);
    return signers[0]!;
  };
  const at = (iso: string) => new Date(iso);

  it.each<[string, string, string | undefined]>([
    ['valid-after, one second before', '2026-01-01T09:59:59.999Z', 'valid only after 2026-01-01T10:00:00Z'],
    ['valid-after, at it', '2026-01-01T10:00:00.000Z', undefined],
    ['valid-before, at it', '2026-01-02T10:00:00.999Z', undefined],
    ['valid-before, one second after', '2026-01-02T10:00:01.000Z', 'expired on 2026-01-02T10:00:00Z'],
  ])('%s', (_name, now, refusal) => {
    const s = signer('valid-after="202601011000Z",valid-before="202601021000Z"');
    const r = signerRefusal(s, 'ops@x', 'copperplate-approval', at(now));
    if (refusal === undefined) expect(r).toBeUndefined();
    else {
      expect(r).toContain(refusal);
      expect(r).toContain(s.key.fingerprint);
      expect(r).toContain('allowed_signers:1');
    }
  });

  it('a refusal names the key, the line, the principals and the namespace it is about', () => {
    const s = signer('namespaces="git"');
    expect(signerRefusal(s, 'dev@x', 'copperplate-approval', at('2026-01-01T00:00:00Z'))).toContain('allowed for ops@x (allowed_signers:1), not for dev@x');
    expect(signerRefusal(s, 'ops@x', 'copperplate-approval', at('2026-01-01T00:00:00Z'))).toContain('namespaces="git" at allowed_signers:1');
  });
});

describe('sshTime: ssh-keygen absolute times', () => {
  it.each<[string, number | undefined]>([
    ['20260101235959Z', Date.UTC(2026, 0, 1, 23, 59, 59) / 1000],
    ['202601012359Z', Date.UTC(2026, 0, 1, 23, 59) / 1000],
    ['20261231Z', Date.UTC(2026, 11, 31) / 1000],
    ['20260101240000Z', undefined],
    ['20260101236000Z', undefined],
    ['20260101235960Z', undefined],
    ['20260100Z', undefined],
    ['20260001Z', undefined],
    ['20260431Z', undefined],
    ['2026010112Z', undefined],
    ['20260101 ', undefined],
    [' 20260101', undefined],
    ['20260101ZZ', undefined],
    ['20260101X', undefined],
  ])('%s', (text, seconds) => {
    expect(sshTime(text)).toBe(seconds);
  });

  // without Z: allowed-signers-local-time.test.ts
});
