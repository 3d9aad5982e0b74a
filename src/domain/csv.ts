/**
 * CSV as RFC 4180 describes it: fields separated by a delimiter, records by CRLF (LF accepted),
 * fields quoted with `"` when they hold the delimiter, a quote or a line break; `""` is a quote.
 */
import { decodeUtf8 } from './utf8-text.js';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * The text of a CSV file's bytes, which must be UTF-8: a CsvError names the line of the first
 * byte that is not, rather than U+FFFD being read in its place.
 */
export function decodeCsvFile(bytes: Uint8Array): string {
  const { text, invalid } = decodeUtf8(bytes);
  const at = invalid[0];
  if (at === undefined) return text;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  throw new CsvError('holds bytes that are not UTF-8: save the file as UTF-8', line);
}

/**
 * The delimiter of a CSV text, guessed from its first line: `,` unless the line holds more `;` or
 * tabs outside quotes (spreadsheets in many European locales save with `;`).
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * Parses CSV text into rows of fields. A byte-order mark and a final line break are ignored;
 * an unclosed quote or text after a closing quote is a CsvError naming the line.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  const endField = () => {
    row.push(field);
    field = '';
    state = 'start';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const char = text[i] as string;
    if (state === 'quoted') {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else state = 'closed';
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === delimiter) endField();
    else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else if (state === 'closed') {
      throw new CsvError('text after a closing quote (a quote inside a field must be doubled: "")', line);
    } else if (char === '"' && state === 'start') {
      state = 'quoted';
      quoteLine = line;
    } else {
      field += char;
      state = 'plain';
    }
  }
  if (state === 'quoted') throw new CsvError('a quoted field is not closed', quoteLine);
  if (state !== 'start' || row.length > 0) endRow();
  return rows;
}

function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim()
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}

/** Formats rows as CSV with CRLF line breaks, quoting only the fields that need it. */
export function formatCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  const lines = rows.map((row) => row.map((field) => quote(field, delimiter)).join(delimiter));
  return `${lines.join('\r\n')}\r\n`;
}

/** A data row of a CSV file with a header: its values by column name and its line number. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * Parses CSV with a header row into records keyed by column name (trimmed). Blank lines are
 * skipped; a row with more fields than the header is a CsvError.
 */
export function parseCsvRecords(text: string): { columns: string[]; records: CsvRecord[] } {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) return { columns: [], records: [] };
  const columns = header.map((c) => c.trim());
  const records: CsvRecord[] = [];
  // Line numbers count physical lines: a quoted field with line breaks spans several.
  let line = 1 + lineCount(header);
  for (const row of rows.slice(1)) {
    const here = line;
    line += lineCount(row);
    if (row.length === 1 && row[0] === '') continue;
    if (row.length > columns.length)
      throw new CsvError(`${row.length} fields but the header names ${columns.length} columns`, here);
    const values: Record<string, string> = {};
    columns.forEach((column, index) => {
      values[column] = row[index] ?? '';
    });
    records.push({ line: here, values });
  }
  return { columns, records };
}

function lineCount(row: readonly string[]): number {
  let count = 1;
  for (const field of row) for (const char of field) if (char === '\n') count++;
  return count;
}
