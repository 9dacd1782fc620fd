/**
 * UTF-8 decoding that keeps invalid input visible. Node's `toString('utf8')` and a non-fatal
 * TextDecoder turn each bad byte into U+FFFD, which then renders as if it were the user's text.
 * Here a byte that is not part of a valid UTF-8 sequence becomes the lone surrogate
 * U+DC80..U+DCFF (Python's "surrogateescape"): valid UTF-8 can never produce a lone surrogate,
 * so every loader finds the bad byte at its exact offset (`invalidEncodingAt`) and reports
 * `ENCODING_INVALID` there, without a second channel next to the text.
 */
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return fatal.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

function decodeEscaping(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      out.push(String.fromCharCode(0xdc00 | bytes[i]!));
      i++;
    } else {
      out.push(fatal.decode(bytes.subarray(i, i + len)));
      i += len;
    }
  }
  return out.join('');
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 when there is none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const v = b[i + k];
    return v !== undefined && v >= lo && v <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first place where `text` is not valid Unicode text: a byte `decodeUtf8` could not decode
 * (`byte` set), or a lone surrogate handed in as a JavaScript string by an embedder.
 */
export function invalidEncodingAt(text: string): { offset: number; byte?: number } | undefined {
  const m = LONE_SURROGATE.exec(text);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  return code >= 0xdc80 && code <= 0xdcff ? { offset: m.index, byte: code & 0xff } : { offset: m.index };
}

/** The message for `invalidEncodingAt`'s answer. */
export function invalidEncodingMessage(at: { byte?: number }): string {
  return at.byte === undefined
    ? 'text is not valid Unicode (a lone UTF-16 surrogate)'
    : `invalid UTF-8: byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')} is not part of a valid UTF-8 sequence (save the file as UTF-8)`;
}

/** A leading byte order mark is allowed in every input and is not part of the text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
