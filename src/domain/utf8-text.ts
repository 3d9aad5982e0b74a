/**
 * UTF-8 bytes fed in chunks become text, and each place where the bytes were not UTF-8 is told:
 * an import refuses the row and field holding it instead of storing U+FFFD silently. No I/O and
 * no Node API: the web app reads files with it too.
 */

/** Text of a chunk, and where in it U+FFFD stands for bytes that were not UTF-8 (ascending). */
export interface DecodedText {
  text: string;
  invalid: number[];
}

const NONE: number[] = [];

/** Bytes of the sequence a lead byte starts (1 for ASCII and for bytes that start none). */
export function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

/**
 * How many bytes at the end of `bytes` (from `from` on) begin a sequence that the next chunk
 * may complete.
 */
export function incompleteUtf8Tail(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && n - back >= from; back++) {
    const b = bytes[n - back] as number;
    if (b < 0x80 || b >= 0xc0) return utf8SequenceLength(b) > back ? back : 0;
  }
  return 0;
}

/**
 * Where the bytes are not UTF-8, as the WHATWG decoder (TextDecoder) sees them: each run it
 * replaces by one U+FFFD, as [start, end) byte offsets.
 */
function invalidRuns(bytes: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(lead);
    if (length === 1) {
      runs.push([i, i + 1]);
      i++;
      continue;
    }
    // The second byte's range narrows after E0, ED, F0 and F4 (overlongs, surrogates, > U+10FFFF).
    let lower = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    let upper = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let j = i + 1;
    while (j < i + length) {
      const b = bytes[j];
      if (b === undefined || b < lower || b > upper) break;
      lower = 0x80;
      upper = 0xbf;
      j++;
    }
    if (j === i + length) i = j;
    else {
      runs.push([i, j]);
      i = j;
    }
  }
  return runs;
}

/**
 * Decodes UTF-8 fed chunk by chunk (a sequence may be split between chunks). With `acceptInvalid`
 * bad bytes become U+FFFD as TextDecoder makes them and nothing is told; else their places are.
 * A byte-order mark is kept: the parsers drop it.
 */
export class Utf8Decoder {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private readonly acceptInvalid = false) {}

  /** The text of the complete sequences fed so far. */
  push(chunk: Uint8Array): DecodedText {
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    const cut = bytes.length - incompleteUtf8Tail(bytes);
    this.carry = bytes.slice(cut);
    return this.decode(bytes.subarray(0, cut));
  }

  /** The rest: a sequence the input ends inside is not UTF-8. */
  end(): DecodedText {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return this.decode(rest);
  }

  private decode(bytes: Uint8Array): DecodedText {
    const text = this.decoder.decode(bytes);
    // U+FFFD in the text: bad bytes, or one written as UTF-8 (then the runs are none).
    if (this.acceptInvalid || !text.includes('\uFFFD')) return { text, invalid: NONE };
    const runs = invalidRuns(bytes);
    if (runs.length === 0) return { text, invalid: NONE };
    let out = '';
    const invalid: number[] = [];
    let from = 0;
    for (const [start, end] of runs) {
      out += this.decoder.decode(bytes.subarray(from, start));
      invalid.push(out.length);
      out += '\uFFFD';
      from = end;
    }
    out += this.decoder.decode(bytes.subarray(from));
    return { text: out, invalid };
  }
}

/** The text of whole UTF-8 bytes, and where U+FFFD stands for bytes that were not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const decoder = new Utf8Decoder();
  const head = decoder.push(bytes);
  const rest = decoder.end();
  if (rest.text === '') return head;
  return {
    text: head.text + rest.text,
    invalid: [...head.invalid, ...rest.invalid.map((at) => at + head.text.length)],
  };
}
