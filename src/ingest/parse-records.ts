/**
 * Parsing of import files, without I/O (the server's file import and the web app's upload share
 * it): NDJSON (one JSON object a line) and CSV (RFC 4180: a header row, fields quoted with `"` may
 * hold commas, doubled quotes and line breaks). Bytes (or text) go in chunk by chunk; records
 * come out with their row number, and a row that cannot be read becomes a reject with its number
 * instead of stopping the import: a field holding bytes that are not UTF-8 (unless the import
 * accepts them as U+FFFD), or a value nested deeper than MAX_PROPS_DEPTH, which nothing after
 * the reader could walk safely.
 */
import { isNestedDeeper, MAX_PROPS_DEPTH, nestingMessage } from '../domain/json-nesting.js';
import { Utf8Decoder } from '../domain/utf8-text.js';

export type ImportFormat = 'csv' | 'ndjson';

/** One row of the file: a record to validate, or the reason it could not be read. */
export type SourceRow =
  | { row: number; record: Record<string, unknown> }
  | { row: number; error: { field: string; message: string } };

/** The fields of the API records (SPEC §5–§6) and which of them are numbers in a CSV cell. */
export const RECORD_FIELDS = {
  interactions: {
    fields: [
      'id',
      'customer',
      'touchpoint',
      'at',
      'direction',
      'sentiment',
      'outcome',
      'value',
      'response_ms',
      'wait_ms',
      'duration_ms',
      'props',
    ],
    numeric: ['sentiment', 'value', 'response_ms', 'wait_ms', 'duration_ms'],
  },
  feedback: {
    fields: ['id', 'touchpoint', 'customer', 'at', 'kind', 'score', 'comment'],
    numeric: ['score'],
  },
} as const;
export type RecordKind = keyof typeof RECORD_FIELDS;

/** A problem with the file or the options that stops the import before any row. */
export class ReadRecordsError extends Error {}

/** What to parse and how its columns feed the fields. */
export interface ParseOptions {
  kind: RecordKind;
  format: ImportFormat;
  /** Column (or NDJSON key) → field; an empty field drops the column. */
  map?: ReadonlyMap<string, string>;
  /** Bytes that are not UTF-8 become U+FFFD; without it, their row is refused (INVALID_UTF8). */
  acceptInvalidUtf8?: boolean;
}

/** Why a row is refused whose field holds bytes that are not UTF-8. */
export const INVALID_UTF8 = 'invalid UTF-8';
const DEPTH_MESSAGE = nestingMessage(MAX_PROPS_DEPTH);
const NO_OFFSETS: readonly number[] = [];

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** One CSV record: its cells, and why it is malformed when it is. */
export interface CsvRecord {
  cells: string[];
  malformed?: string;
  /** The cells (by index, ascending) that held bytes that were not UTF-8. */
  invalidUtf8?: number[];
}

/**
 * An incremental RFC 4180 parser: feed text with `push`, get the records completed so far;
 * `end` flushes the last one. CRLF, LF and CR end records; blank lines are skipped; a leading
 * byte-order mark is dropped.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private cells: string[] = [];
  private malformed: string | undefined;
  private invalidUtf8: number[] | undefined;
  private skipLf = false;
  private started = false;
  private out: CsvRecord[] = [];

  /**
   * Parses a chunk of text; returns the records it completed. `invalid`: the offsets in `text`
   * (ascending) of U+FFFD that stand for bytes that were not UTF-8 (see utf8-text.ts).
   */
  push(text: string, invalid: readonly number[] = NO_OFFSETS): CsvRecord[] {
    let i = 0;
    // The next offset of `invalid` not yet placed in a cell.
    let bad = 0;
    let nextBad = invalid.length > 0 ? (invalid[0] as number) : Number.POSITIVE_INFINITY;
    const markBad = (end: number) => {
      const cell = this.cells.length;
      if (!this.invalidUtf8) this.invalidUtf8 = [cell];
      else if (this.invalidUtf8.at(-1) !== cell) this.invalidUtf8.push(cell);
      while (bad < invalid.length && (invalid[bad] as number) < end) bad++;
      nextBad = bad < invalid.length ? (invalid[bad] as number) : Number.POSITIVE_INFINITY;
    };
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            i++;
          } else this.state = State.Unquoted;
          break;
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          if (nextBad < j) markBad(j);
          this.field += text.slice(i, j);
          if (j === n) return this.take();
          i = j + 1;
          this.delimiter(c);
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          if (j < 0) {
            if (nextBad < n) markBad(n);
            this.field += text.slice(i);
            return this.take();
          }
          if (nextBad < j) markBad(j);
          this.field += text.slice(i, j);
          i = j + 1;
          this.state = State.QuoteInQuoted;
          break;
        }
        case State.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) {
            i++;
            this.delimiter(c);
          } else {
            this.malformed ??= 'a quoted field must end at a comma or the end of the line';
            this.state = State.Unquoted;
          }
          break;
        }
      }
    }
    return this.take();
  }

  /** Ends the input: returns the last record, if any. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted)
      this.malformed ??= 'a quoted field is not closed before the end of the file';
    if (this.state !== State.FieldStart || this.cells.length > 0) this.endRecord();
    return this.take();
  }

  private delimiter(c: number): void {
    this.cells.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
    if (c === COMMA) return;
    this.endRecord(true);
    if (c === CR) this.skipLf = true;
  }

  private endRecord(cellPushed = false): void {
    if (!cellPushed) {
      this.cells.push(this.field);
      this.field = '';
    }
    const cells = this.cells;
    this.cells = [];
    this.state = State.FieldStart;
    const blank = cells.length === 1 && cells[0] === '' && this.malformed === undefined;
    if (!blank) {
      const record: CsvRecord = this.malformed ? { cells, malformed: this.malformed } : { cells };
      if (this.invalidUtf8) record.invalidUtf8 = this.invalidUtf8;
      this.out.push(record);
    }
    this.malformed = undefined;
    this.invalidUtf8 = undefined;
  }

  private take(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Why a CSV cell could not be read as its field. */
class CellFault {
  constructor(readonly message: string) {}
}

/** Turns the text of one CSV cell into the value of its field (or a CellFault); null: the text itself. */
type CellReader = ((text: string) => unknown) | null;

function readNumber(text: string): unknown {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : text;
}

function readAt(text: string): unknown {
  const t = text.trim();
  return INTEGER.test(t) ? Number(t) : t;
}

function readProps(text: string): unknown {
  let props: unknown;
  try {
    props = JSON.parse(text);
  } catch {
    return new CellFault('must be a JSON object (as JSON text)');
  }
  return isNestedDeeper(props, MAX_PROPS_DEPTH) ? new CellFault(DEPTH_MESSAGE) : props;
}

/** How each cell of a field is read, chosen once per column: numbers, epoch ms, JSON props, text. */
function cellReader(kind: RecordKind, field: string): CellReader {
  if ((RECORD_FIELDS[kind].numeric as readonly string[]).includes(field)) return readNumber;
  if (field === 'at') return readAt;
  if (field === 'props') return readProps;
  return null;
}

/**
 * The field each CSV column feeds (null: dropped), from the header and the --map renames.
 * Throws ReadRecordsError naming a mapped column that is missing or a column that is no field.
 */
export function columnFields(
  kind: RecordKind,
  header: readonly string[],
  map: ReadonlyMap<string, string> = new Map(),
): (string | null)[] {
  const fields = RECORD_FIELDS[kind].fields as readonly string[];
  const names = header.map((h) => h.trim());
  for (const column of map.keys())
    if (!names.includes(column))
      throw new ReadRecordsError(
        `--map ${column}=…: the file has no column "${column}" (columns: ${names.join(', ')})`,
      );
  const result = names.map((name) => {
    const field = map.has(name) ? map.get(name) || null : name;
    if (field !== null && !fields.includes(field))
      throw new ReadRecordsError(
        `column "${name}" is not a field of ${kind} (${fields.join(', ')}): ` +
          `rename it with --map "${name}=<field>" or drop it with --map "${name}="`,
      );
    return field;
  });
  const seen = new Set<string>();
  for (const field of result) {
    if (field === null) continue;
    if (seen.has(field)) throw new ReadRecordsError(`two columns feed the field "${field}"`);
    seen.add(field);
  }
  return result;
}

/** Builds the record of one CSV row; empty cells are absent fields. */
function csvRow(
  fields: readonly (string | null)[],
  readers: readonly CellReader[],
  row: number,
  record: CsvRecord,
): SourceRow {
  if (record.malformed) return { row, error: { field: '', message: record.malformed } };
  if (record.cells.length !== fields.length)
    return {
      row,
      error: {
        field: '',
        message: `has ${record.cells.length} cells; the header has ${fields.length} columns`,
      },
    };
  // Bytes that are not UTF-8 in a dropped column store nothing garbled: only fields count.
  for (const cell of record.invalidUtf8 ?? NO_OFFSETS) {
    const field = fields[cell];
    if (field != null) return { row, error: { field, message: INVALID_UTF8 } };
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const text = record.cells[i] ?? '';
    if (field == null || text === '') continue;
    const read = readers[i];
    if (!read) {
      out[field] = text;
      continue;
    }
    const value = read(text);
    if (value instanceof CellFault) return { row, error: { field, message: value.message } };
    out[field] = value;
  }
  return { row, record: out };
}

/**
 * Builds the rows of CSV records whose cells another reader has split (the import engine's
 * DuckDB): each cell read as CsvRowReader reads it, for the fields of `columnFields`.
 */
export function csvRowBuilder(
  kind: RecordKind,
  fields: readonly (string | null)[],
): (row: number, cells: string[]) => SourceRow {
  const readers = fields.map((field) => (field === null ? null : cellReader(kind, field)));
  return (row, cells) => csvRow(fields, readers, row, { cells });
}

/** Marks the places of bytes that were not UTF-8 while looking for the field that holds them. */
const MARK = '\uFFFF';

/** Whether a string of `value` (at most MAX_PROPS_DEPTH deep) holds MARK. */
function holdsMark(value: unknown, levels = MAX_PROPS_DEPTH): boolean {
  if (typeof value === 'string') return value.includes(MARK);
  if (typeof value !== 'object' || value === null || levels === 0) return false;
  for (const [key, item] of Object.entries(value))
    if (key.includes(MARK) || holdsMark(item, levels - 1)) return true;
  return false;
}

/** The field a key feeds: itself, or its --map rename (null: dropped). */
function fieldOf(key: string, map: ReadonlyMap<string, string> | undefined): string | null {
  return map?.has(key) ? map.get(key) || null : key;
}

/**
 * The field of an NDJSON line whose value held bytes that were not UTF-8 (at `invalid`): ''
 * when they are not inside a value (a key, the JSON around), null when only dropped keys hold them.
 */
function invalidUtf8Field(
  line: string,
  invalid: readonly number[],
  map: ReadonlyMap<string, string> | undefined,
): string | null {
  let marked = '';
  let from = 0;
  for (const at of invalid) {
    marked += `${line.slice(from, at)}${MARK}`;
    from = at + 1;
  }
  marked += line.slice(from);
  let value: unknown;
  try {
    value = JSON.parse(marked);
  } catch {
    return '';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  let kept = false;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes(MARK)) return '';
    const field = fieldOf(key, map);
    if (!holdsMark(item)) continue;
    if (field !== null) return field;
    kept = true;
  }
  return kept ? null : '';
}

/**
 * Parses one NDJSON line (1-based line number) into a row; `invalid`: offsets in the line of
 * U+FFFD that stand for bytes that were not UTF-8.
 */
function ndjsonRow(
  line: string,
  row: number,
  map: ReadonlyMap<string, string> | undefined,
  invalid: readonly number[],
): SourceRow {
  if (invalid.length > 0) {
    const field = invalidUtf8Field(line, invalid, map);
    if (field !== null) return { row, error: { field, message: INVALID_UTF8 } };
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { row, error: { field: '', message: `is not valid JSON (${(error as Error).message})` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { row, error: { field: '', message: 'must be a JSON object' } };
  const renamed = map !== undefined && map.size > 0;
  const out: Record<string, unknown> = renamed ? {} : (value as Record<string, unknown>);
  for (const [key, v] of Object.entries(value)) {
    const field = fieldOf(key, map);
    // A renamed record leaves out empty names as well as dropped keys.
    if (field === null || (renamed && field === '')) continue;
    // Measured here: sending or validating the record walks it (JSON.stringify overflows the stack).
    if (typeof v === 'object' && v !== null && isNestedDeeper(v, MAX_PROPS_DEPTH))
      return { row, error: { field, message: DEPTH_MESSAGE } };
    if (renamed) out[field] = v;
  }
  return { row, record: out };
}

/**
 * Turns a file fed chunk by chunk into numbered rows: `pushBytes` (UTF-8) or `push` (text) each
 * chunk — one or the other for a whole file — then `end`.
 */
export interface RowReader {
  /** Parses a chunk of the file's bytes (UTF-8; a sequence may be split between chunks). */
  pushBytes(bytes: Uint8Array): SourceRow[];
  /**
   * Parses a chunk of text; `invalid`: the offsets (ascending) of U+FFFD in it that stand for
   * bytes that were not UTF-8, whose rows are refused.
   */
  push(text: string, invalid?: readonly number[]): SourceRow[];
  /** The rows of the rest of the input; throws ReadRecordsError for a CSV file with no header. */
  end(): SourceRow[];
}

/** What both readers share: bytes become text (and places of bad bytes) before either parses. */
abstract class TextRowReader implements RowReader {
  private decoder: Utf8Decoder | undefined;
  constructor(protected readonly options: ParseOptions) {}

  abstract push(text: string, invalid?: readonly number[]): SourceRow[];
  /** The rows of the rest of the text. */
  protected abstract finish(): SourceRow[];

  pushBytes(bytes: Uint8Array): SourceRow[] {
    this.decoder ??= new Utf8Decoder(this.options.acceptInvalidUtf8 === true);
    const { text, invalid } = this.decoder.push(bytes);
    return this.push(text, invalid);
  }

  end(): SourceRow[] {
    let rows: SourceRow[] = [];
    if (this.decoder) {
      const { text, invalid } = this.decoder.end();
      if (text !== '') rows = this.push(text, invalid);
    }
    const rest = this.finish();
    return rows.length === 0 ? rest : rows.concat(rest);
  }
}

class CsvRowReader extends TextRowReader {
  private readonly parser = new CsvParser();
  private fields: (string | null)[] | undefined;
  private readers: CellReader[] = [];
  private row = 0;

  push(text: string, invalid?: readonly number[]): SourceRow[] {
    return this.convert(this.parser.push(text, invalid));
  }

  protected finish(): SourceRow[] {
    const rows = this.convert(this.parser.end());
    if (!this.fields) throw new ReadRecordsError('the file is empty: a CSV file starts with a header row');
    return rows;
  }

  private convert(records: CsvRecord[]): SourceRow[] {
    const rows: SourceRow[] = [];
    for (const record of records) {
      if (!this.fields) {
        if (record.malformed) throw new ReadRecordsError(`the header row is malformed: ${record.malformed}`);
        if (record.invalidUtf8)
          throw new ReadRecordsError(
            `the header row holds bytes that are not UTF-8 (column ${(record.invalidUtf8[0] ?? 0) + 1}): ` +
              'save the file as UTF-8',
          );
        const fields = columnFields(this.options.kind, record.cells, this.options.map);
        this.fields = fields;
        this.readers = fields.map((field) => (field === null ? null : cellReader(this.options.kind, field)));
        continue;
      }
      this.row++;
      rows.push(csvRow(this.fields, this.readers, this.row, record));
    }
    return rows;
  }
}

class NdjsonRowReader extends TextRowReader {
  private pending = '';
  /** Offsets in `pending` of U+FFFD standing for bytes that were not UTF-8. */
  private pendingInvalid: readonly number[] = NO_OFFSETS;
  private line = 0;
  private first = true;

  push(text: string, invalid: readonly number[] = NO_OFFSETS): SourceRow[] {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        if (invalid.length > 0) invalid = invalid.map((at) => at - 1);
      }
    }
    const shift = this.pending.length;
    const offsets =
      invalid.length === 0
        ? this.pendingInvalid
        : [...this.pendingInvalid, ...invalid.map((at) => at + shift)];
    return this.lines(this.pending + text, offsets, false);
  }

  protected finish(): SourceRow[] {
    return this.pending === '' ? [] : this.lines(this.pending, this.pendingInvalid, true);
  }

  private lines(text: string, invalid: readonly number[], last: boolean): SourceRow[] {
    const rows: SourceRow[] = [];
    let start = 0;
    let bad = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0 && !last) {
        this.pending = text.slice(start);
        this.pendingInvalid = bad < invalid.length ? invalid.slice(bad).map((at) => at - start) : NO_OFFSETS;
        return rows;
      }
      const lineEnd = end < 0 ? text.length : end;
      let content = text.slice(start, lineEnd);
      this.line++;
      if (content.endsWith('\r')) content = content.slice(0, -1);
      let lineInvalid = NO_OFFSETS;
      if (bad < invalid.length && (invalid[bad] as number) < lineEnd) {
        const first = bad;
        while (bad < invalid.length && (invalid[bad] as number) < lineEnd) bad++;
        lineInvalid = invalid.slice(first, bad).map((at) => at - start);
      }
      if (content.trim() !== '') rows.push(ndjsonRow(content, this.line, this.options.map, lineInvalid));
      if (end < 0) {
        this.pending = '';
        this.pendingInvalid = NO_OFFSETS;
        return rows;
      }
      start = end + 1;
    }
  }
}

/**
 * A reader of rows numbered from 1 (CSV: data rows after the header; NDJSON: lines). Throws
 * ReadRecordsError for input that cannot be read at all (an empty CSV, a header column that is
 * no field).
 */
export function rowReader(options: ParseOptions): RowReader {
  return options.format === 'csv' ? new CsvRowReader(options) : new NdjsonRowReader(options);
}
