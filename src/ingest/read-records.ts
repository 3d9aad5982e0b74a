/**
 * Streaming readers for import files: the file is read in chunks and parsed by parse-records.ts
 * (NDJSON or RFC 4180 CSV); records come out in chunks with their row number.
 */
import { createReadStream } from 'node:fs';
import { type ParseOptions, rowReader, type SourceRow } from './parse-records.js';

export {
  CsvParser,
  type CsvRecord,
  columnFields,
  type ImportFormat,
  INVALID_UTF8,
  RECORD_FIELDS,
  ReadRecordsError,
  type RecordKind,
  type SourceRow,
} from './parse-records.js';

export interface ReadOptions extends ParseOptions {
  /** Updated as the file is read, for a progress line. */
  progress?: { bytesRead: number };
}

/**
 * Reads the records of an import file, in chunks of rows numbered from 1 (CSV: data rows after
 * the header; NDJSON: lines). A row whose field holds bytes that are not UTF-8 is refused
 * (INVALID_UTF8) unless `acceptInvalidUtf8`. Throws ReadRecordsError for a file that cannot be
 * read at all (an empty CSV, a header column that is no field).
 */
export async function* readRecords(path: string, options: ReadOptions): AsyncGenerator<SourceRow[]> {
  const reader = rowReader(options);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Buffer;
    if (options.progress) options.progress.bytesRead += bytes.length;
    const rows = reader.pushBytes(bytes);
    if (rows.length > 0) yield rows;
  }
  const rows = reader.end();
  if (rows.length > 0) yield rows;
}
