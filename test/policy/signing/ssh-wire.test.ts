import { describe, expect, it } from 'vitest';
import { SshFormatError, SshReader, sshString } from '../../../src/policy/signing/ssh-wire.js';

// The SSH wire reader at its bounds: hostile blobs end anywhere, and every read past the end
// is a SshFormatError (which callers turn into a reason), never a RangeError or a short read.

const bytes = (...b: number[]) => Buffer.from(b);
const fails = (read: (r: SshReader) => unknown, blob: Buffer): string => {
  try {
    read(new SshReader(blob));
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(SshFormatError);
    return (e as Error).message;
  }
};

describe('SshReader', () => {
  it('reads a uint32 that ends the blob, big-endian', () => {
    const r = new SshReader(bytes(0x01, 0x02, 0x03, 0x04));
    expect(r.uint32()).toBe(0x01020304);
    expect(r.done).toBe(true);
    expect(() => r.end()).not.toThrow();
  });

  it('refuses a uint32 with 3 bytes left', () => {
    expect(fails((r) => r.uint32(), bytes(0, 0, 1))).toBe('truncated');
  });

  it('reads raw bytes up to the end exactly, not one more', () => {
    const r = new SshReader(bytes(1, 2, 3));
    expect([...r.raw(2)]).toEqual([1, 2]);
    expect([...r.raw(1)]).toEqual([3]);
    expect([...r.raw(0)]).toEqual([]);
    expect(r.done).toBe(true);
    expect(fails((x) => x.raw(4), bytes(1, 2, 3))).toBe('truncated');
  });

  it('a string is its length-prefixed bytes; a length past the end is truncated', () => {
    expect([...new SshReader(bytes(0, 0, 0, 2, 7, 8)).string()]).toEqual([7, 8]);
    expect(fails((r) => r.string(), bytes(0, 0, 0, 3, 7, 8))).toBe('truncated');
    expect(fails((r) => r.string(), bytes(0xff, 0xff, 0xff, 0xff))).toBe('truncated');
  });

  it.each<[number, boolean]>([
    [0x1f, false],
    [0x20, true],
    [0x41, true],
    [0x7e, true],
    [0x7f, false],
    [0xc3, false],
  ])('text with byte 0x%s: accepted %s', (b, ok) => {
    const blob = bytes(0, 0, 0, 2, 0x61, b);
    expect(fails((r) => r.text(), blob)).toBe(ok ? 'ok' : 'a name holds non-printable bytes');
    if (ok) expect(new SshReader(blob).text()).toBe(`a${String.fromCharCode(b)}`);
  });

  it.each<[string, number[], number[] | string]>([
    ['zero', [0, 0, 0, 0], []],
    ['one byte', [0, 0, 0, 1, 0x7f], [0x7f]],
    ['sign padding dropped', [0, 0, 0, 2, 0x00, 0x80], [0x80]],
    ['every leading zero dropped', [0, 0, 0, 3, 0, 0, 5], [5]],
    ['all zeros', [0, 0, 0, 2, 0, 0], []],
    ['negative', [0, 0, 0, 1, 0x80], 'negative integer'],
    ['negative, longer', [0, 0, 0, 2, 0xff, 0x01], 'negative integer'],
  ])('mpint: %s', (_name, blob, expected) => {
    if (typeof expected === 'string') expect(fails((r) => r.mpint(), Buffer.from(blob))).toBe(expected);
    else expect([...new SshReader(Buffer.from(blob)).mpint()]).toEqual(expected);
  });

  it('end() refuses trailing bytes; done says whether any are left', () => {
    const r = new SshReader(bytes(0, 0, 0, 0, 9));
    r.uint32();
    expect(r.done).toBe(false);
    expect(() => r.end()).toThrow(SshFormatError);
    r.raw(1);
    expect(r.done).toBe(true);
  });
});

describe('sshString', () => {
  it('prefixes the UTF-8 bytes with their length', () => {
    expect([...sshString('é')]).toEqual([0, 0, 0, 2, 0xc3, 0xa9]);
    expect([...sshString(Buffer.from([1, 2, 3]))]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    expect([...sshString('')]).toEqual([0, 0, 0, 0]);
    expect(new SshReader(sshString('x'.repeat(300))).text()).toBe('x'.repeat(300));
  });
});
