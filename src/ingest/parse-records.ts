/**
 * Parsing of import files, without I/O (the server's file import and the web app's upload share
 * it): NDJSON (one JSON object a line) and CSV (RFC 4180: a header row, fields quoted with `"` may
 * hold commas, doubled quotes and line breaks). Text goes in chunk by chunk; records come out
 * with their row number, and a row that cannot be read becomes a reject with its number instead
 * of stopping the import.
 */

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
}

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
  private skipLf = false;
  private started = false;
  private out: CsvRecord[] = [];

  /** Parses a chunk of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    let i = 0;
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
          this.field += text.slice(i, j);
          if (j === n) return this.take();
          i = j + 1;
          this.delimiter(c);
          break;
        }
        case State.Quoted: {
          const j = text.indexOf('"', i);
          if (j < 0) {
            this.field += text.slice(i);
            return this.take();
          }
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
    if (!blank) this.out.push(this.malformed ? { cells, malformed: this.malformed } : { cells });
    this.malformed = undefined;
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
  try {
    return JSON.parse(text);
  } catch {
    return new CellFault('must be a JSON object (as JSON text)');
  }
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

/** Parses one NDJSON line (1-based line number) into a row. */
function ndjsonRow(line: string, row: number, map: ReadonlyMap<string, string> | undefined): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { row, error: { field: '', message: `is not valid JSON (${(error as Error).message})` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { row, error: { field: '', message: 'must be a JSON object' } };
  if (!map || map.size === 0) return { row, record: value as Record<string, unknown> };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = map.has(key) ? map.get(key) : key;
    if (field) out[field] = v;
  }
  return { row, record: out };
}

/** Turns text fed chunk by chunk into numbered rows: `push` each chunk, then `end`. */
export interface RowReader {
  push(text: string): SourceRow[];
  /** The rows of the rest of the input; throws ReadRecordsError for a CSV file with no header. */
  end(): SourceRow[];
}

class CsvRowReader implements RowReader {
  private readonly parser = new CsvParser();
  private fields: (string | null)[] | undefined;
  private readers: CellReader[] = [];
  private row = 0;
  constructor(private readonly options: ParseOptions) {}

  push(text: string): SourceRow[] {
    return this.convert(this.parser.push(text));
  }

  end(): SourceRow[] {
    const rows = this.convert(this.parser.end());
    if (!this.fields) throw new ReadRecordsError('the file is empty: a CSV file starts with a header row');
    return rows;
  }

  private convert(records: CsvRecord[]): SourceRow[] {
    const rows: SourceRow[] = [];
    for (const record of records) {
      if (!this.fields) {
        if (record.malformed) throw new ReadRecordsError(`the header row is malformed: ${record.malformed}`);
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

class NdjsonRowReader implements RowReader {
  private pending = '';
  private line = 0;
  private first = true;
  constructor(private readonly options: ParseOptions) {}

  push(text: string): SourceRow[] {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return this.lines(this.pending + text, false);
  }

  end(): SourceRow[] {
    return this.pending === '' ? [] : this.lines(this.pending, true);
  }

  private lines(text: string, last: boolean): SourceRow[] {
    const rows: SourceRow[] = [];
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0 && !last) {
        this.pending = text.slice(start);
        return rows;
      }
      let content = text.slice(start, end < 0 ? text.length : end);
      this.line++;
      if (content.endsWith('\r')) content = content.slice(0, -1);
      if (content.trim() !== '') rows.push(ndjsonRow(content, this.line, this.options.map));
      if (end < 0) {
        this.pending = '';
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
