import { diagnostic, type Diagnostic, type Location } from '../../core/diagnostic.js';
import { matchesPatternList } from './ssh-pattern.js';
import { parseSshPublicKey, type SshPublicKey } from './ssh-public-key.js';

/** One line of an allowed-signers file: who (a principal pattern list) may sign with which key. */
export interface AllowedSigner {
  /** Comma-separated principal patterns (`*`, `?`, `!`), as written. */
  principals: string;
  /** `namespaces="…"`: the signature namespaces this key may sign in (pattern list). */
  namespaces?: string;
  /** `valid-after` / `valid-before` in epoch seconds, as ssh-keygen compares them. */
  validAfter?: number;
  validBefore?: number;
  key: SshPublicKey;
  location: Location;
}

const WS = /[ \t]/;

/**
 * Reads an allowed-signers file in the format of ssh-keygen(1) ALLOWED SIGNERS, which git's
 * `gpg.ssh.allowedSignersFile` uses too: `principals [options] keytype base64 [comment]`.
 * Options are `namespaces="…"`, `valid-after="…"`, `valid-before="…"` (YYYYMMDD[Z] or
 * YYYYMMDDHHMM[SS][Z]; see sshTime), and `cert-authority`.
 * A malformed line is `ALLOWED_SIGNERS_INVALID` (an error); a well-formed line copperplate cannot
 * use (`cert-authority`, certificate or security-key types) is `ALLOWED_SIGNERS_UNSUPPORTED`
 * (a warning). Either way the line trusts nobody.
 */
export function parseAllowedSigners(file: string, text: string): { signers: AllowedSigner[]; diagnostics: Diagnostic[] } {
  const signers: AllowedSigner[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const at = (column: number): Location => ({ file, line: index + 1, column: column + 1 });
    const fail = (code: 'ALLOWED_SIGNERS_INVALID' | 'ALLOWED_SIGNERS_UNSUPPORTED', message: string, column: number, hint?: string): void => {
      diagnostics.push(
        diagnostic(code, message, at(column), {
          severity: code === 'ALLOWED_SIGNERS_INVALID' ? 'error' : 'warning',
          hint: hint ?? 'format: `principal[,principal…] [namespaces="copperplate-approval"] ssh-ed25519 AAAA…` (see ssh-keygen(1) ALLOWED SIGNERS)',
        }),
      );
    };
    let pos = skipSpace(line, 0);
    if (pos === line.length || line[pos] === '#') return;
    // ssh-keygen takes a CR for a blank after the principals and for part of the word elsewhere:
    // a line with one is refused rather than read one way or the other
    const cr = line.indexOf('\r');
    if (cr !== -1) return fail('ALLOWED_SIGNERS_INVALID', 'carriage return inside the line', cr);

    const principalsAt = pos;
    const principals = field(line, pos);
    if (!principals) return fail('ALLOWED_SIGNERS_INVALID', 'unterminated quote in the principals', principalsAt);
    if (principals.value === '') return fail('ALLOWED_SIGNERS_INVALID', 'empty principals', principalsAt);
    pos = skipSpace(line, principals.end);

    let optionsText: string | undefined;
    const optionsAt = pos;
    if (!isKeyType(wordAt(line, pos))) {
      const end = optionsEnd(line, pos);
      if (end === undefined) return fail('ALLOWED_SIGNERS_INVALID', 'unterminated quote in the options', pos);
      optionsText = line.slice(pos, end);
      pos = skipSpace(line, end);
    }
    const keyAt = pos;
    const type = wordAt(line, pos);
    pos = skipSpace(line, pos + type.length);
    const base64 = wordAt(line, pos);
    // no key type means the end of the line, so no base64 either
    if (base64 === '') {
      return fail('ALLOWED_SIGNERS_INVALID', 'missing public key (expected `keytype base64`)', keyAt);
    }

    const signer: Partial<AllowedSigner> = { principals: principals.value };
    if (optionsText !== undefined) {
      const options = parseOptions(optionsText);
      if ('problem' in options) return fail('ALLOWED_SIGNERS_INVALID', options.problem, optionsAt);
      if (options.certAuthority) {
        return fail(
          'ALLOWED_SIGNERS_UNSUPPORTED',
          'cert-authority lines are not supported: copperplate trusts plain keys only',
          optionsAt,
          "list each signer's own public key on its own line instead of the certificate authority",
        );
      }
      if (options.namespaces !== undefined) signer.namespaces = options.namespaces;
      if (options.validAfter !== undefined) signer.validAfter = options.validAfter;
      if (options.validBefore !== undefined) signer.validBefore = options.validBefore;
    }

    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      return fail('ALLOWED_SIGNERS_INVALID', 'the public key is not valid base64', pos);
    }
    const parsed = parseSshPublicKey(Buffer.from(base64, 'base64'));
    if ('problem' in parsed) {
      const supported = /not supported|too small/.test(parsed.problem);
      return fail(supported ? 'ALLOWED_SIGNERS_UNSUPPORTED' : 'ALLOWED_SIGNERS_INVALID', parsed.problem, keyAt, supported ? 'use an ed25519, ECDSA or RSA (2048 bits or more) key' : undefined);
    }
    if (parsed.key.type !== type) return fail('ALLOWED_SIGNERS_INVALID', `the key is a ${parsed.key.type} key, not ${type}`, keyAt);
    signers.push({ ...signer, key: parsed.key, location: at(principalsAt) } as AllowedSigner);
  });
  return { signers, diagnostics };
}

/** Why `signer` does not allow `principal` to sign in `namespace` at `now`, or undefined. */
export function signerRefusal(signer: AllowedSigner, principal: string, namespace: string, now: Date): string | undefined {
  const where = `${signer.location.file}:${signer.location.line}`;
  if (!matchesPatternList(principal, signer.principals)) return `key ${signer.key.fingerprint} is allowed for ${signer.principals} (${where}), not for ${principal}`;
  if (signer.namespaces !== undefined && !matchesPatternList(namespace, signer.namespaces)) {
    return `key ${signer.key.fingerprint} may not sign in namespace ${namespace} (namespaces="${signer.namespaces}" at ${where})`;
  }
  const seconds = Math.floor(now.getTime() / 1000);
  const { validAfter = -Infinity, validBefore = Infinity } = signer;
  if (seconds < validAfter) return `key ${signer.key.fingerprint} is valid only after ${isoSeconds(validAfter)} (${where})`;
  if (seconds > validBefore) return `key ${signer.key.fingerprint} expired on ${isoSeconds(validBefore)} (valid-before at ${where})`;
  return undefined;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

interface Options {
  certAuthority?: boolean;
  namespaces?: string;
  validAfter?: number;
  validBefore?: number;
}

/** ssh-keygen's sshsigopt_parse: keywords case-insensitive, values in double quotes. */
function parseOptions(text: string): Options | { problem: string } {
  const out: Options = {};
  let rest = text;
  while (rest !== '') {
    const keyword = /^[A-Za-z-]+/.exec(rest)?.[0] ?? '';
    const name = keyword.toLowerCase();
    rest = rest.slice(keyword.length);
    if (name === 'cert-authority') {
      out.certAuthority = true;
    } else if (name === 'namespaces' || name === 'valid-after' || name === 'valid-before') {
      const quoted = /^="([^"]*)"/.exec(rest);
      if (!quoted) return { problem: `option ${name} needs a double-quoted value (${name}="…")` };
      rest = rest.slice(quoted[0].length);
      const value = quoted[1]!;
      if (name === 'namespaces') {
        if (out.namespaces !== undefined) return { problem: 'more than one namespaces option' };
        out.namespaces = value;
      } else {
        const field = name === 'valid-after' ? 'validAfter' : 'validBefore';
        if (out[field] !== undefined) return { problem: `more than one ${name} option` };
        const time = sshTime(value);
        if (time === undefined) return { problem: `${name}="${value}" is not a time (YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z])` };
        out[field] = time;
      }
    } else {
      return { problem: `unknown option ${keyword || rest}` };
    }
    if (rest === '') break;
    if (!rest.startsWith(',') || rest.length === 1) return { problem: `unexpected text in the options: ${rest}` };
    rest = rest.slice(1);
  }
  const { validAfter = -Infinity, validBefore = Infinity } = out;
  if (validBefore <= validAfter) return { problem: 'valid-before is not after valid-after' };
  return out;
}

/**
 * ssh-keygen's parse_absolute_time, to epoch seconds. With Z the time is UTC; without, it is the
 * local zone's standard time: ssh-keygen hands the fields to mktime(3) with daylight saving off
 * (tm_isdst 0), so 12:30 on 1 July in New York is 12:30 EST, 17:30 UTC, not 16:30.
 */
export function sshTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?([Zz]?)$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date rolls 31 April over into May, month 13, hour 24 or second 60 over too: a real date and
  // time survive the round trip
  const back = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
  if (back.join() !== [year, month, day, hour, minute].join()) return undefined;
  const seconds = date.getTime() / 1000;
  return m[7] === '' ? seconds + standardOffset(year) * 60 : seconds;
}

/**
 * Minutes the local zone's standard time is behind UTC in `year` (getTimezoneOffset's sign):
 * summer time puts clocks forward, so it is the larger of January's and July's offsets. (In a zone
 * whose tz data has negative summer time, Europe/Dublin, mktime's standard time is the summer one.)
 */
function standardOffset(year: number): number {
  return Math.max(new Date(year, 0, 1).getTimezoneOffset(), new Date(year, 6, 1).getTimezoneOffset());
}

function skipSpace(line: string, pos: number): number {
  while (pos < line.length && WS.test(line[pos]!)) pos++;
  return pos;
}

function wordAt(line: string, pos: number): string {
  let end = pos;
  while (end < line.length && !WS.test(line[end]!)) end++;
  return line.slice(pos, end);
}

/** The principals field: one whitespace-free word, or a double-quoted string. */
function field(line: string, pos: number): { value: string; end: number } | undefined {
  if (line[pos] === '"') {
    const close = line.indexOf('"', pos + 1);
    if (close === -1) return undefined;
    return { value: line.slice(pos + 1, close), end: close + 1 };
  }
  const value = wordAt(line, pos);
  return { value, end: pos + value.length };
}

/** End of the options field: the first blank outside double quotes. */
function optionsEnd(line: string, pos: number): number | undefined {
  let quoted = false;
  for (let i = pos; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (!quoted && WS.test(line[i]!)) return i;
  }
  return quoted ? undefined : line.length;
}

function isKeyType(word: string): boolean {
  return /^(ssh-|ecdsa-|sk-|rsa-)/.test(word) && !word.includes('=');
}
