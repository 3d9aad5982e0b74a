/**
 * The layout of a CSV file as CsvParser (parse-records.ts) reads it, taken from the bytes
 * without building a string or a cell: how many data rows there are, how many bytes of text
 * each column holds, and whether anything in the file could make another reader (DuckDB's
 * `read_csv`, see import-csv-engine.ts) see other rows or other cells than CsvParser does.
 *
 * "Irregular" is anything CsvParser reads in its own lenient way, where DuckDB reads otherwise
 * or refuses: a row whose cell count differs from the header's (DuckDB ignores empty cells past
 * the last column), a malformed quote, a field that starts with a space and then a quote
 * (DuckDB drops the space and the quotes), a row holding only `""` (CsvParser skips it as
 * blank), a blank line before the header, line ends of more than one kind, bytes that are not
 * UTF-8 (the JavaScript reader refuses their rows or, when asked, reads U+FFFD; DuckDB refuses
 * the file or reads them its own way). A regular file is read by both alike: checked on
 * generated files against DuckDB 1.5 (see the tests).
 */
import { isUtf8 } from 'node:buffer';
import { incompleteUtf8Tail, utf8SequenceLength } from '../domain/utf8-text.js';

const NOT_UTF8 = 'the file holds bytes that are not UTF-8';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const SPACE = 32;

enum State {
  /** Before the first byte of a record (a line end here is a blank line). */
  RecordStart,
  FieldStart,
  /** A field that began with a space: a quote next is irregular. */
  SpaceFirst,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

enum LineEnd {
  None,
  Lf,
  CrLf,
  Cr,
}

/** What the scan found; `irregular` null means CsvParser and DuckDB read the same rows and cells. */
export interface CsvLayout {
  /** Data rows (after the header, blank lines skipped), numbered as CsvParser numbers them. */
  rows: number;
  /** Bytes of text of each column over the data rows (a doubled quote counts once; quotes around a field not at all). */
  columnBytes: number[];
  /** Why the file is irregular, or null. */
  irregular: string | null;
}

/** Scans a CSV file fed in chunks of bytes (`push`), then `end`. */
export class CsvLayoutScanner {
  private state = State.RecordStart;
  private lineEnd = LineEnd.None;
  /** The last chunk ended with a CR: a LF first in the next one makes it a CRLF. */
  private afterCr = false;
  private atFileStart = true;
  private bomBytes = 0;
  /** Cells the header has; -1 until it is read. */
  private columns = -1;
  private cells = 0;
  /** Text bytes of the cell being read. */
  private cellBytes = 0;
  /** Whether the record so far is one quoted empty cell (`""`). */
  private onlyQuotes = false;
  /** Text bytes of each cell of the record being read. */
  private readonly rowBytes: number[] = [];
  /** The start of a UTF-8 sequence that the last chunk ended inside. */
  private utf8Tail: Uint8Array = new Uint8Array(0);
  private readonly layout: CsvLayout = { rows: 0, columnBytes: [], irregular: null };

  /** Whether something irregular has been found: the rest need not be read. */
  get irregular(): boolean {
    return this.layout.irregular !== null;
  }

  /** Data rows read so far. */
  get rows(): number {
    return this.layout.rows;
  }

  // One loop with the state in locals: this runs over every byte of files of hundreds of MB.
  push(bytes: Uint8Array): void {
    this.checkUtf8(bytes);
    if (this.layout.irregular !== null) return;
    const n = bytes.length;
    let i = this.atFileStart ? this.skipBom(bytes) : 0;
    if (this.afterCr && i < n) {
      this.afterCr = false;
      if (bytes[i] === LF) {
        this.setLineEnd(LineEnd.CrLf);
        i++;
      } else this.setLineEnd(LineEnd.Cr);
    }
    const rowBytes = this.rowBytes;
    let state = this.state;
    let cellBytes = this.cellBytes;
    let cells = this.cells;
    while (i < n) {
      let c = bytes[i] as number;
      if (state === State.Quoted) {
        // Quoted text is short between quotes (JSON with doubled quotes): a loop beats indexOf.
        let j = i;
        while (c !== QUOTE) {
          if (++j === n) break;
          c = bytes[j] as number;
        }
        if (j > i) this.onlyQuotes = false;
        cellBytes += j - i;
        if (j === n) {
          i = n;
          break;
        }
        i = j + 1;
        state = State.QuoteInQuoted;
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          cellBytes++;
          this.onlyQuotes = false;
          state = State.Quoted;
          i++;
          continue;
        }
        if (c !== COMMA && c !== LF && c !== CR) {
          this.layout.irregular = 'a quoted field goes on after its closing quote';
          break;
        }
        // The delimiter is handled below, as after an unquoted field.
      } else if (state !== State.Unquoted) {
        if (state === State.RecordStart && (c === LF || c === CR)) {
          // A blank line: CsvParser skips it, and so does DuckDB, except before the header.
          if (this.columns < 0) {
            this.layout.irregular = 'a blank line comes before the header';
            break;
          }
          i = this.lineEndAt(bytes, i, c);
          if (this.layout.irregular !== null) break;
          continue;
        }
        if (state === State.SpaceFirst) {
          if (c === QUOTE) {
            this.layout.irregular = 'a field starts with a space and a quote';
            break;
          }
        } else if (c === QUOTE) {
          this.onlyQuotes = state === State.RecordStart;
          state = State.Quoted;
          i++;
          continue;
        } else if (c === SPACE) {
          cellBytes++;
          state = State.SpaceFirst;
          i++;
          continue;
        }
        state = State.Unquoted;
      }
      if (state === State.Unquoted) {
        // Bytes above the comma (letters, digits, most punctuation) are text: the common case.
        let j = i;
        while (c > COMMA || (c !== COMMA && c !== LF && c !== CR)) {
          if (++j === n) break;
          c = bytes[j] as number;
        }
        cellBytes += j - i;
        if (j === n) {
          i = n;
          break;
        }
        i = j;
      }
      // bytes[i] is a comma or a line end: the cell is complete.
      i++;
      rowBytes[cells++] = cellBytes;
      cellBytes = 0;
      if (c === COMMA) {
        // Only a quote or a space makes a field's start special: anything else is unquoted text.
        const next = i < n ? bytes[i] : QUOTE;
        state = next === QUOTE || next === SPACE ? State.FieldStart : State.Unquoted;
        continue;
      }
      i = this.lineEndAt(bytes, i - 1, c);
      this.endRecord(cells);
      cells = 0;
      state = State.RecordStart;
      if (this.layout.irregular !== null) break;
    }
    this.state = state;
    this.cellBytes = cellBytes;
    this.cells = cells;
  }

  /** The layout of the whole file (after the last `push`). */
  end(): CsvLayout {
    if (this.utf8Tail.length > 0) this.layout.irregular ??= NOT_UTF8;
    if (this.afterCr) {
      this.afterCr = false;
      this.setLineEnd(LineEnd.Cr);
    }
    if (this.layout.irregular === null) {
      if (this.state === State.Quoted) this.layout.irregular = 'a quoted field is not closed';
      else if (this.state !== State.RecordStart) {
        // The last record has no line end (CsvParser ends it, an empty last cell included).
        this.rowBytes[this.cells++] = this.cellBytes;
        this.endRecord(this.cells);
      }
      if (this.columns < 0) this.layout.irregular ??= 'the file has no header';
    }
    return this.layout;
  }

  /**
   * Marks the file irregular at bytes that are not UTF-8. isUtf8 checks a chunk at memory speed;
   * a sequence split between chunks is checked whole with the next one.
   */
  private checkUtf8(bytes: Uint8Array): void {
    let start = 0;
    const tail = this.utf8Tail;
    if (tail.length > 0) {
      const length = utf8SequenceLength(tail[0] as number);
      start = Math.min(bytes.length, length - tail.length);
      const joined = new Uint8Array(tail.length + start);
      joined.set(tail);
      joined.set(bytes.subarray(0, start), tail.length);
      if (joined.length < length) {
        this.utf8Tail = joined;
        return;
      }
      this.utf8Tail = new Uint8Array(0);
      if (!isUtf8(joined)) {
        this.layout.irregular ??= NOT_UTF8;
        return;
      }
    }
    const end = bytes.length - incompleteUtf8Tail(bytes, start);
    if (!isUtf8(bytes.subarray(start, end))) this.layout.irregular ??= NOT_UTF8;
    else if (end < bytes.length) this.utf8Tail = bytes.slice(end);
  }

  private skipBom(bytes: Uint8Array): number {
    const bom = [0xef, 0xbb, 0xbf];
    let i = 0;
    while (this.bomBytes < 3 && i < bytes.length) {
      if (bytes[i] !== bom[this.bomBytes]) {
        if (this.bomBytes > 0) this.layout.irregular = 'the file starts with a partial byte-order mark';
        this.atFileStart = false;
        return i;
      }
      this.bomBytes++;
      i++;
    }
    if (this.bomBytes === 3) this.atFileStart = false;
    return i;
  }

  /** Takes the line end `c` at `i` (a CR may be followed by a LF); answers where the next line starts. */
  private lineEndAt(bytes: Uint8Array, i: number, c: number): number {
    if (c === LF) {
      if (this.lineEnd !== LineEnd.Lf) this.setLineEnd(LineEnd.Lf);
      return i + 1;
    }
    if (i + 1 === bytes.length) {
      this.afterCr = true;
      return i + 1;
    }
    if (bytes[i + 1] === LF) {
      if (this.lineEnd !== LineEnd.CrLf) this.setLineEnd(LineEnd.CrLf);
      return i + 2;
    }
    if (this.lineEnd !== LineEnd.Cr) this.setLineEnd(LineEnd.Cr);
    return i + 1;
  }

  private setLineEnd(kind: LineEnd): void {
    if (this.lineEnd === LineEnd.None) this.lineEnd = kind;
    else if (this.lineEnd !== kind) this.layout.irregular ??= 'lines end in more than one way';
  }

  private endRecord(cells: number): void {
    // onlyQuotes was set by the record's first cell; it matters only if that is its only cell.
    if (cells === 1 && this.onlyQuotes) this.layout.irregular ??= 'a row holds only ""';
    this.onlyQuotes = false;
    if (this.columns < 0) {
      this.columns = cells;
      this.layout.columnBytes = new Array<number>(cells).fill(0);
      return;
    }
    if (cells !== this.columns) {
      this.layout.irregular ??= `row ${this.layout.rows + 1} has ${cells} cells; the header has ${this.columns}`;
      return;
    }
    this.layout.rows++;
    const totals = this.layout.columnBytes;
    for (let k = 0; k < cells; k++) totals[k] = (totals[k] as number) + (this.rowBytes[k] as number);
  }
}
