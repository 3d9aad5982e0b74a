import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/generate-interactions.js';
import { Utf8Decoder } from './utf8-text.js';

// Pieces of input: valid text of 1–4 bytes a character, U+FFFD written as UTF-8, and bytes or
// sequences that are not UTF-8 (a stray continuation, an overlong, a surrogate, a cut sequence…).
const VALID = ['a', ',', '\n', 'é', 'ж', '€', '😀', '\uFEFF'].map((t) => Buffer.from(t));
const GENUINE = Buffer.from('\uFFFD');
const INVALID = [
  [0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xf5],
].map((b) => Buffer.from(b));

describe('Utf8Decoder', () => {
  it('decodes as TextDecoder does whatever the chunks, and tells where bytes were not UTF-8', () => {
    const random = seededRandom(5);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let n = 0; n < 500; n++) {
      const pieces: Buffer[] = [];
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) {
        const r = random();
        pieces.push(r < 0.8 ? pick(VALID) : r < 0.88 ? GENUINE : pick(INVALID));
      }
      const bytes = Buffer.concat(pieces);
      const whole = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      // The same with each U+FFFD written as UTF-8 turned into another character of one unit:
      // what remains U+FFFD stands for bytes that were not UTF-8.
      const marked = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
        Buffer.concat(pieces.map((p) => (p === GENUINE ? Buffer.from('€') : p))),
      );
      const expected: number[] = [];
      for (let i = 0; i < marked.length; i++) if (marked[i] === '\uFFFD') expected.push(i);
      for (const accept of [false, true]) {
        const decoder = new Utf8Decoder(accept);
        let text = '';
        const invalid: number[] = [];
        const take = (part: { text: string; invalid: number[] }) => {
          for (const at of part.invalid) invalid.push(text.length + at);
          text += part.text;
        };
        for (let at = 0; at < bytes.length; ) {
          const size = 1 + Math.floor(random() * 6);
          take(decoder.push(bytes.subarray(at, at + size)));
          at += size;
        }
        take(decoder.end());
        expect(text).toBe(whole);
        expect(invalid).toEqual(accept ? [] : expected);
      }
    }
  });
});
