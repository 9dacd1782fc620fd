import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedSigners, signerRefusal, sshTime } from '../../../src/policy/signing/allowed-signers.js';
import { makeKey, sshSign, sshVerify, type TestKey } from '../../support/ssh-keys.js';
import { tempDir } from '../../support/temp-project.js';
import { TEST_TIME_ZONE } from '../../support/time-zone.js';

// valid-after / valid-before without Z are local time. The suite runs in New York (UTC-5, UTC-4
// in summer: test/support/time-zone.ts), and every bound is checked against the real
// `ssh-keygen -Y verify -O verify-time=…` in the same zone, one second before and at it.

const payload = Buffer.from('copperplate-approval v1\n');
let tmp: ReturnType<typeof tempDir>;
let key: TestKey;
let signature: string;

beforeAll(() => {
  tmp = tempDir('copperplate-local-time-');
  key = makeKey(tmp.dir, 'ed25519');
  signature = sshSign(tmp.dir, key.private, payload);
});
afterAll(() => tmp.remove());

describe('allowed_signers times without Z', () => {
  it('the suite runs in a zone with summer time, not in UTC', () => {
    expect(process.env.TZ).toBe(TEST_TIME_ZONE);
    expect([new Date('2026-01-15T12:00:00Z').getTimezoneOffset(), new Date('2026-07-15T12:00:00Z').getTimezoneOffset()]).toEqual([300, 240]);
  });

  it.each<[string, string, string]>([
    ['winter: local time', 'valid-after="202601011200"', '2026-01-01T17:00:00Z'],
    ['summer: standard time, as ssh-keygen reads it (not 16:30, the clock)', 'valid-after="202607011230"', '2026-07-01T17:30:00Z'],
    ['a date alone: midnight, standard time', 'valid-after="20260701"', '2026-07-01T05:00:00Z'],
    ['seconds, in summer', 'valid-before="20260701123045"', '2026-07-01T17:30:45Z'],
    ['a time the clocks skip (8 March 02:30)', 'valid-after="202603080230"', '2026-03-08T07:30:00Z'],
    ['a time the clocks show twice (1 November 01:30)', 'valid-before="202611010130"', '2026-11-01T06:30:00Z'],
    ['with Z: UTC, in summer too', 'valid-after="202607011230Z"', '2026-07-01T12:30:00Z'],
  ])('%s: %s is %s, for copperplate and for ssh-keygen', (_name, option, bound) => {
    const allowed = `ops@x ${option} ${key.publicKey}\n`;
    const { signers, diagnostics } = parseAllowedSigners('allowed_signers', allowed);
    expect(diagnostics).toEqual([]);
    const seconds = Date.parse(bound) / 1000;
    expect(sshTime(/"(.*)"/.exec(option)![1]!)).toBe(seconds);
    // valid-after admits its second and refuses the one before; valid-before admits its second
    // and refuses the one after
    const after = option.startsWith('valid-after');
    const inside = new Date(bound);
    const outside = new Date((seconds + (after ? -1 : 1)) * 1000);
    const verdicts = [inside, outside].map((now) => ({
      ours: signerRefusal(signers[0]!, 'ops@x', 'copperplate-approval', now) === undefined,
      theirs: sshVerify(tmp.dir, allowed, 'ops@x', signature, payload, now),
    }));
    expect(verdicts).toEqual([
      { ours: true, theirs: true },
      { ours: false, theirs: false },
    ]);
  });
});
