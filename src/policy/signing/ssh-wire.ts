/**
 * The SSH wire encoding (RFC 4251 §5) that SSH public keys and SSHSIG blobs are made of:
 * uint32 big-endian lengths, length-prefixed strings, and mpints. Input is hostile (it comes
 * from a pull request), so every read is bounds-checked and a bad blob is a `SshFormatError`,
 * which the callers turn into a reason, never a crash.
 */
export class SshFormatError extends Error {}

export class SshReader {
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}

  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new SshFormatError('truncated');
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  raw(length: number): Buffer {
    if (length > this.bytes.length - this.offset) throw new SshFormatError('truncated');
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(): Buffer {
    return this.raw(this.uint32());
  }

  /** A string that must be printable ASCII (algorithm names, namespaces). */
  text(): string {
    const bytes = this.string();
    if (!bytes.every((b) => b >= 0x20 && b < 0x7f)) throw new SshFormatError('a name holds non-printable bytes');
    return bytes.toString('latin1');
  }

  /** A non-negative mpint as its magnitude, without the sign-padding zero byte. */
  mpint(): Buffer {
    const bytes = this.string();
    if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) throw new SshFormatError('negative integer');
    let start = 0;
    while (start < bytes.length && bytes[start] === 0) start++;
    return bytes.subarray(start);
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  end(): void {
    if (!this.done) throw new SshFormatError('trailing bytes');
  }
}

export function sshString(value: Buffer | string): Buffer {
  const body = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}
