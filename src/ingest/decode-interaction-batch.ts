/**
 * The fast lane of interaction ingestion: reads the text of a batch request
 * (`{"interactions":[…]}`) straight into columns, one array per field, with no object per record
 * and no second pass to validate. At 10,000 records a batch, `JSON.parse` and the objects it
 * builds (then the validated copies, then the stored ones) were the largest single cost of the
 * server (docs/benchmarks.md).
 *
 * It takes only batches it can read with certainty: every record valid and every text written
 * without escapes. On anything else (an invalid or unknown field, a field given twice, an escape
 * in a key or a text value, props nested deeper than MAX_PROPS_DEPTH, malformed JSON, more than
 * MAX_BATCH records) it answers undefined, and the batch takes the general lane: `JSON.parse`,
 * then `validateInteractions`, which names each fault. For a batch it does take, its columns
 * hold exactly what `validateInteractions` makes of `JSON.parse(text).interactions`
 * (decode-interaction-batch.test.ts compares the two on many generated batches).
 */
import { SLUG_PATTERN } from '../domain/vocabulary.js';
import { codedColumn } from '../store/events/event-store.js';
import { MAX_BATCH, MAX_PROPS_BYTES, MAX_PROPS_DEPTH, OUTCOMES, parseAt } from './records.js';
import type { ParsedInteraction } from './validate-interactions.js';

/** The directions a record may give, in the order of their codes (1, 2). */
export const DIRECTIONS = ['in', 'out'] as const;

/**
 * A batch of valid interactions as columns: entry i of every column is the batch's record i.
 * Text columns of few distinct values are coded (1 + the index of the value, 0 when absent), and
 * numbers are NaN when absent.
 */
export interface DecodedInteractions {
  length: number;
  /** null where the record has none: the ingestion gives it a random one. */
  id: (string | null)[];
  customer: string[];
  /** Touchpoint keys in order of first use, and each record's code (never 0). */
  touchpointKey: { values: string[]; codes: number[] };
  /** Epoch milliseconds. */
  at: number[];
  /** Codes into DIRECTIONS; 0 when absent (the touchpoint's own applies). */
  direction: number[];
  /** −1, 0 or 1. */
  sentiment: number[];
  /** Codes into OUTCOMES. */
  outcome: number[];
  value: number[];
  responseMs: number[];
  waitMs: number[];
  durationMs: number[];
  /** Props as stored (JSON text), in order of first use. */
  props: { values: string[]; codes: number[] };
}

/** An empty batch to fill. */
function emptyBatch(): DecodedInteractions {
  return {
    length: 0,
    id: [],
    customer: [],
    touchpointKey: { values: [], codes: [] },
    at: [],
    direction: [],
    sentiment: [],
    outcome: [],
    value: [],
    responseMs: [],
    waitMs: [],
    durationMs: [],
    props: { values: [], codes: [] },
  };
}

/** Thrown inside the decoder when the batch needs the general lane. */
const GENERAL_LANE = Symbol('general lane');

// Character codes.
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const LETTER_N = 110;

// One bit per field, to refuse a field given twice (JSON.parse would keep the last).
const F_ID = 1;
const F_CUSTOMER = 2;
const F_TOUCHPOINT = 4;
const F_AT = 8;
const F_DIRECTION = 16;
const F_SENTIMENT = 32;
const F_OUTCOME = 64;
const F_VALUE = 128;
const F_RESPONSE = 256;
const F_WAIT = 512;
const F_DURATION = 1024;
const F_PROPS = 2048;

function bail(): never {
  throw GENERAL_LANE;
}

class Decoder {
  private i = 0;
  private readonly keyCodeOf = new Map<string, number>();
  private readonly propsCodeOf = new Map<string, number>();
  readonly out = emptyBatch();

  constructor(private readonly s: string) {}

  /** The code of the next character that is not JSON whitespace (NaN at the end). */
  private peek(): number {
    const s = this.s;
    let i = this.i;
    let c = s.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
    this.i = i;
    return c;
  }

  private expect(code: number): void {
    if (this.peek() !== code) bail();
    this.i++;
  }

  /** Past a string without escapes or control characters; answers where its text ends. */
  private skipString(): number {
    const s = this.s;
    let i = this.i + 1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) break;
      // NaN (past the end) fails the comparison too.
      if (!(c >= 32) || c === BACKSLASH) bail();
      i++;
    }
    this.i = i + 1;
    return i;
  }

  private string(): string {
    if (this.peek() !== QUOTE) bail();
    const start = this.i + 1;
    const end = this.skipString();
    return this.s.slice(start, end);
  }

  /** Whether the next value is `null` (and then past it). */
  private isNull(): boolean {
    if (this.peek() !== LETTER_N) return false;
    if (!this.s.startsWith('null', this.i)) bail();
    this.i += 4;
    return true;
  }

  /** A JSON number, read as JSON.parse reads it. */
  private number(): number {
    const s = this.s;
    let i = this.i;
    const start = i;
    let c = s.charCodeAt(i);
    const negative = c === MINUS;
    if (negative) c = s.charCodeAt(++i);
    let whole = 0;
    if (c === ZERO) c = s.charCodeAt(++i);
    else if (c > ZERO && c <= NINE) {
      do {
        whole = whole * 10 + (c - ZERO);
        c = s.charCodeAt(++i);
      } while (c >= ZERO && c <= NINE);
    } else bail();
    let plain = true;
    if (c === DOT) {
      plain = false;
      c = s.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) bail();
      do c = s.charCodeAt(++i);
      while (c >= ZERO && c <= NINE);
    }
    if (c === 101 || c === 69) {
      plain = false;
      c = s.charCodeAt(++i);
      if (c === 43 || c === MINUS) c = s.charCodeAt(++i);
      if (!(c >= ZERO && c <= NINE)) bail();
      do c = s.charCodeAt(++i);
      while (c >= ZERO && c <= NINE);
    }
    this.i = i;
    // Up to 15 digits a whole number adds up exactly; anything else is converted as JSON.parse does.
    if (plain && i - start <= 15) return negative ? -whole : whole;
    return Number(s.slice(start, i));
  }

  /** An optional number that must be finite: NaN when null. */
  private optionalNumber(): number {
    if (this.isNull()) return Number.NaN;
    const n = this.number();
    if (!Number.isFinite(n)) bail();
    return n;
  }

  private milliseconds(): number {
    const n = this.optionalNumber();
    if (n < 0) bail();
    return n;
  }

  /** A props object: its JSON text as stored, coded by the raw text it was sent as. */
  private props(): number {
    if (this.isNull()) return 0;
    if (this.peek() !== OPEN_BRACE) bail();
    const s = this.s;
    const start = this.i;
    let depth = 0;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        // Escapes are fine inside props: JSON.parse reads the raw text below.
        for (i++; ; i++) {
          const d = s.charCodeAt(i);
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
          else if (!(d >= 0)) bail();
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        // Deeper props are refused by the general lane, which names the fault; JSON.stringify
        // below would overflow the stack on a few thousand levels.
        if (++depth > MAX_PROPS_DEPTH) bail();
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) break;
      } else if (!(c >= 0)) bail();
      i++;
    }
    this.i = i + 1;
    const raw = s.slice(start, i + 1);
    const known = this.propsCodeOf.get(raw);
    if (known !== undefined) return known;
    // A name the app's parser guards against (prototype poisoning) or an escape that could spell
    // one: the general lane decides.
    if (raw.includes('\\') || raw.includes('__proto__') || raw.includes('constructor')) bail();
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      bail();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) bail();
    const text = JSON.stringify(parsed);
    if (text.length * 3 > MAX_PROPS_BYTES && Buffer.byteLength(text) > MAX_PROPS_BYTES) bail();
    const code = this.out.props.values.push(text);
    this.propsCodeOf.set(raw, code);
    return code;
  }

  private touchpointKey(): number {
    const key = this.string();
    let code = this.keyCodeOf.get(key);
    if (code === undefined) {
      if (!SLUG_PATTERN.test(key)) bail();
      code = this.out.touchpointKey.values.push(key);
      this.keyCodeOf.set(key, code);
    }
    return code;
  }

  private at(): number {
    const c = this.peek();
    const at = parseAt(c === QUOTE ? this.string() : this.number());
    if (at === null) bail();
    return at;
  }

  private direction(): number {
    if (this.isNull()) return 0;
    const s = this.s;
    const i = this.i;
    if (s.startsWith('"in"', i)) {
      this.i = i + 4;
      return 1;
    }
    if (s.startsWith('"out"', i)) {
      this.i = i + 5;
      return 2;
    }
    return bail();
  }

  private outcome(): number {
    if (this.isNull()) return 0;
    const index = OUTCOMES.indexOf(this.string() as (typeof OUTCOMES)[number]);
    if (index < 0) bail();
    return index + 1;
  }

  private sentiment(): number {
    if (this.isNull()) return Number.NaN;
    const n = this.number();
    // -0 is 0, as in validateInteractions.
    if (n === 0) return 0;
    if (n !== 1 && n !== -1) bail();
    return n;
  }

  /** One record: an object of known fields, each at most once. */
  private record(): void {
    const s = this.s;
    const out = this.out;
    this.expect(OPEN_BRACE);
    let seen = 0;
    let id: string | null = null;
    let customer = '';
    let keyCode = 0;
    let at = 0;
    let direction = 0;
    let sentiment = Number.NaN;
    let outcome = 0;
    let value = Number.NaN;
    let responseMs = Number.NaN;
    let waitMs = Number.NaN;
    let durationMs = Number.NaN;
    let propsCode = 0;
    if (this.peek() !== CLOSE_BRACE) {
      for (;;) {
        if (this.peek() !== QUOTE) bail();
        const start = this.i + 1;
        const length = this.skipString() - start;
        this.expect(COLON);
        let field = 0;
        // Dispatch on the name's length, then compare it in place.
        switch (length) {
          case 2:
            if (s.startsWith('id', start)) {
              field = F_ID;
              if (!this.isNull()) {
                id = this.string();
                if (id.length === 0 || id.length > 128) bail();
              }
            } else if (s.startsWith('at', start)) {
              field = F_AT;
              at = this.at();
            }
            break;
          case 5:
            if (s.startsWith('value', start)) {
              field = F_VALUE;
              value = this.optionalNumber();
            } else if (s.startsWith('props', start)) {
              field = F_PROPS;
              propsCode = this.props();
            }
            break;
          case 7:
            if (s.startsWith('outcome', start)) {
              field = F_OUTCOME;
              outcome = this.outcome();
            } else if (s.startsWith('wait_ms', start)) {
              field = F_WAIT;
              waitMs = this.milliseconds();
            }
            break;
          case 8:
            if (s.startsWith('customer', start)) {
              field = F_CUSTOMER;
              customer = this.string();
              if (customer.length === 0 || customer.length > 256) bail();
            }
            break;
          case 9:
            if (s.startsWith('direction', start)) {
              field = F_DIRECTION;
              direction = this.direction();
            } else if (s.startsWith('sentiment', start)) {
              field = F_SENTIMENT;
              sentiment = this.sentiment();
            }
            break;
          case 10:
            if (s.startsWith('touchpoint', start)) {
              field = F_TOUCHPOINT;
              keyCode = this.touchpointKey();
            }
            break;
          case 11:
            if (s.startsWith('response_ms', start)) {
              field = F_RESPONSE;
              responseMs = this.milliseconds();
            } else if (s.startsWith('duration_ms', start)) {
              field = F_DURATION;
              durationMs = this.milliseconds();
            }
            break;
        }
        if (field === 0 || (seen & field) !== 0) bail();
        seen |= field;
        const next = this.peek();
        this.i++;
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) bail();
      }
    } else this.i++;
    if ((seen & (F_CUSTOMER | F_TOUCHPOINT | F_AT)) !== (F_CUSTOMER | F_TOUCHPOINT | F_AT)) bail();
    out.id.push(id);
    out.customer.push(customer);
    out.touchpointKey.codes.push(keyCode);
    out.at.push(at);
    out.direction.push(direction);
    out.sentiment.push(sentiment);
    out.outcome.push(outcome);
    out.value.push(value);
    out.responseMs.push(responseMs);
    out.waitMs.push(waitMs);
    out.durationMs.push(durationMs);
    out.props.codes.push(propsCode);
    out.length++;
  }

  /** The whole body: `{"interactions": [record, …]}` and nothing else. */
  batch(): DecodedInteractions {
    this.expect(OPEN_BRACE);
    if (this.peek() !== QUOTE) bail();
    const start = this.i + 1;
    const length = this.skipString() - start;
    if (length !== 12 || !this.s.startsWith('interactions', start)) bail();
    this.expect(COLON);
    this.expect(OPEN_BRACKET);
    if (this.peek() === CLOSE_BRACKET) this.i++;
    else {
      for (;;) {
        if (this.out.length === MAX_BATCH) bail();
        this.record();
        const next = this.peek();
        this.i++;
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) bail();
      }
    }
    this.expect(CLOSE_BRACE);
    // Past the end peek() answers NaN: anything else is text after the batch.
    if (!Number.isNaN(this.peek())) bail();
    return this.out;
  }
}

/**
 * The batch's records as columns, or undefined when the batch must take the general lane (see
 * the top of this file).
 */
export function decodeInteractionBatch(text: string): DecodedInteractions | undefined {
  try {
    return new Decoder(text).batch();
  } catch (error) {
    if (error === GENERAL_LANE) return undefined;
    throw error;
  }
}

/** Record `index` of a decoded batch as `validateInteractions` gives it. */
export function decodedRecord(batch: DecodedInteractions, index: number): ParsedInteraction {
  const orNull = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? null : n);
  const text = <T extends string>(values: readonly T[], code: number | undefined) =>
    code ? (values[code - 1] ?? null) : null;
  const sentiment = orNull(batch.sentiment[index]);
  return {
    id: batch.id[index] ?? null,
    customer: batch.customer[index] ?? '',
    touchpointKey: text(batch.touchpointKey.values, batch.touchpointKey.codes[index]) ?? '',
    at: batch.at[index] ?? 0,
    direction: text(DIRECTIONS, batch.direction[index]),
    sentiment: sentiment === null ? null : (sentiment as -1 | 0 | 1),
    outcome: text(OUTCOMES, batch.outcome[index]),
    value: orNull(batch.value[index]),
    responseMs: orNull(batch.responseMs[index]),
    waitMs: orNull(batch.waitMs[index]),
    durationMs: orNull(batch.durationMs[index]),
    props: text(batch.props.values, batch.props.codes[index]),
  };
}

/** Validated records as a decoded batch: how the general lane joins the fast one. */
export function decodedBatch(records: readonly ParsedInteraction[]): DecodedInteractions {
  const numbers = (read: (r: ParsedInteraction) => number | null) =>
    records.map((r) => read(r) ?? Number.NaN);
  return {
    length: records.length,
    id: records.map((r) => r.id),
    customer: records.map((r) => r.customer),
    touchpointKey: codedColumn(records.map((r) => r.touchpointKey)),
    at: records.map((r) => r.at),
    direction: records.map((r) => (r.direction === null ? 0 : DIRECTIONS.indexOf(r.direction) + 1)),
    sentiment: numbers((r) => r.sentiment),
    outcome: records.map((r) => (r.outcome === null ? 0 : OUTCOMES.indexOf(r.outcome) + 1)),
    value: numbers((r) => r.value),
    responseMs: numbers((r) => r.responseMs),
    waitMs: numbers((r) => r.waitMs),
    durationMs: numbers((r) => r.durationMs),
    props: codedColumn(records.map((r) => r.props)),
  };
}
