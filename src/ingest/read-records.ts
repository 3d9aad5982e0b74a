/**
 * Streaming readers for import files: the file is read in chunks and parsed by parse-records.ts
 * (NDJSON or RFC 4180 CSV); records come out in chunks with their row number.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type ParseOptions, rowReader, type SourceRow } from './parse-records.js';

export {
  CsvParser,
  type CsvRecord,
  columnFields,
  type ImportFormat,
  RECORD_FIELDS,
  ReadRecordsError,
  type RecordKind,
  type SourceRow,
} from './parse-records.js';

export interface ReadOptions extends ParseOptions {
  /** Updated as the file is read, for a progress line. */
  progress?: { bytesRead: number };
}

/** Reads the file as text chunks, counting the bytes. */
async function* textChunks(path: string, progress?: { bytesRead: number }): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    if (progress) progress.bytesRead += buffer.length;
    yield decoder.write(buffer);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Reads the records of an import file, in chunks of rows numbered from 1 (CSV: data rows after
 * the header; NDJSON: lines). Throws ReadRecordsError for a file that cannot be read at all
 * (an empty CSV, a header column that is no field).
 */
export async function* readRecords(path: string, options: ReadOptions): AsyncGenerator<SourceRow[]> {
  const reader = rowReader(options);
  for await (const text of textChunks(path, options.progress)) {
    const rows = reader.push(text);
    if (rows.length > 0) yield rows;
  }
  const rows = reader.end();
  if (rows.length > 0) yield rows;
}
