/**
 * Upload of an interactions or feedback file chosen in the browser: the columns it has, how they
 * feed the API's fields, and sending its rows in batches. Parsing is the server's own
 * (src/ingest/parse-records.ts); validation stays on the server, whose answer names each refused
 * record. No React here.
 */
import {
  CsvParser,
  type ImportFormat,
  RECORD_FIELDS,
  ReadRecordsError,
  type RecordKind,
  rowReader,
  type SourceRow,
} from '../../../../src/ingest/parse-records.js';

export { type ImportFormat, RECORD_FIELDS, ReadRecordsError, type RecordKind };

/** Most records one request may carry (the API's limit). */
export const MAX_BATCH = 10_000;
/** Largest request body sent; the server refuses more than 10 MB by default. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Most refused rows kept for the table and the download. */
export const MAX_REJECTS_KEPT = 100_000;

/** The fields a record of each kind cannot do without (the rest are optional). */
export const REQUIRED_FIELDS: Record<RecordKind, readonly string[]> = {
  interactions: ['customer', 'touchpoint', 'at'],
  feedback: ['touchpoint', 'at', 'kind', 'score'],
};

/** The format of a file by its name: `.csv`, or `.ndjson` / `.jsonl`; null when it cannot tell. */
export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return null;
}

/** The columns of a file (CSV header, or NDJSON keys seen in its first lines) and a few sample rows. */
export interface FilePreview {
  columns: string[];
  samples: string[][];
}

const PREVIEW_BYTES = 256 * 1024;
const PREVIEW_ROWS = 5;

/** Reads the start of a file for its columns; throws ReadRecordsError when there are none. */
export async function previewFile(file: Blob, format: ImportFormat): Promise<FilePreview> {
  const text = await file.slice(0, PREVIEW_BYTES).text();
  if (format === 'csv') {
    const parser = new CsvParser();
    const records = parser.push(text);
    // The whole file is in the slice: the last record has no line end to close it.
    if (file.size <= PREVIEW_BYTES) records.push(...parser.end());
    const [header, ...rest] = records;
    if (!header || header.malformed)
      throw new ReadRecordsError(
        'the file has no header row: a CSV file starts with the names of its columns',
      );
    return {
      columns: header.cells.map((c) => c.trim()),
      samples: rest.slice(0, PREVIEW_ROWS).map((r) => r.cells),
    };
  }
  const columns: string[] = [];
  const objects: Record<string, unknown>[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // The last line of a slice may be cut off.
  if (file.size > PREVIEW_BYTES) lines.pop();
  for (const line of lines.slice(0, 200)) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const key of Object.keys(value)) if (!columns.includes(key)) columns.push(key);
      objects.push(value as Record<string, unknown>);
    } catch {
      // A line that is no JSON is refused with its number during the upload.
    }
  }
  if (columns.length === 0)
    throw new ReadRecordsError('no JSON object found in the first lines: NDJSON has one object a line');
  const cell = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    columns,
    samples: objects.slice(0, PREVIEW_ROWS).map((o) => columns.map((c) => cell(o[c]))),
  };
}

/** Column → field it feeds ('' : not imported). */
export type ColumnMapping = Record<string, string>;

const normalized = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Each column feeds the field of the same name (ignoring case, spaces and dashes), else nothing. */
export function defaultMapping(kind: RecordKind, columns: readonly string[]): ColumnMapping {
  const fields = RECORD_FIELDS[kind].fields as readonly string[];
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const column of columns) {
    const field = fields.find((f) => f === normalized(column));
    mapping[column] = field && !used.has(field) ? field : '';
    if (field) used.add(field);
  }
  return mapping;
}

/** What is wrong with a mapping: required fields no column feeds, fields fed by two columns. */
export function mappingProblems(
  kind: RecordKind,
  mapping: ColumnMapping,
): { missing: string[]; twice: string[] } {
  const fed = Object.values(mapping).filter(Boolean);
  return {
    missing: REQUIRED_FIELDS[kind].filter((f) => !fed.includes(f)),
    twice: [...new Set(fed.filter((f, i) => fed.indexOf(f) !== i))],
  };
}

/** The answer of the API to one batch. */
export interface BatchResult {
  accepted: number;
  duplicates: number;
  quarantined: number;
  rejected: { index: number; field: string; message: string }[];
}

/** One refused row of the file. */
export interface RejectedRow {
  row: number;
  field: string;
  reason: string;
}

export interface UploadProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface UploadSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  /** Refused rows in row order (at most MAX_REJECTS_KEPT of them). */
  rejects: RejectedRow[];
  rejectedCount: number;
  elapsedMs: number;
  /** Whether the upload was stopped before the end of the file. */
  stopped: boolean;
}

export interface UploadOptions {
  kind: RecordKind;
  format: ImportFormat;
  mapping: ColumnMapping;
  /** Sends one batch; an error stops the upload. */
  send: (records: unknown[]) => Promise<BatchResult>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  batchSize?: number;
}

/** Byte chunks of a file with the bytes read so far (the row reader decodes them). */
async function* byteChunks(file: Blob): AsyncGenerator<{ bytes: Uint8Array; bytesRead: number }> {
  const reader = file.stream().getReader();
  let bytesRead = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytesRead += value.byteLength;
    yield { bytes: value, bytesRead };
  }
}

/** Splits a batch whose JSON would be too large for one request, and sums the answers. */
async function sendSized(records: unknown[], key: string, send: UploadOptions['send']): Promise<BatchResult> {
  if (records.length > 1 && JSON.stringify({ [key]: records }).length > MAX_BODY_BYTES) {
    const half = Math.ceil(records.length / 2);
    const a = await sendSized(records.slice(0, half), key, send);
    const b = await sendSized(records.slice(half), key, send);
    return {
      accepted: a.accepted + b.accepted,
      duplicates: a.duplicates + b.duplicates,
      quarantined: a.quarantined + b.quarantined,
      rejected: [...a.rejected, ...b.rejected.map((r) => ({ ...r, index: r.index + half }))],
    };
  }
  return send(records);
}

/**
 * Reads the file, sends its rows in batches of at most 10,000 (one batch in flight while the
 * next is read) and sums the answers; rows that cannot be read and records the API refuses come
 * back with their row number.
 */
export async function uploadRecords(file: Blob, options: UploadOptions): Promise<UploadSummary> {
  const started = performance.now();
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  const key = options.kind === 'interactions' ? 'interactions' : 'answers';
  const map = new Map(Object.entries(options.mapping));
  const reader = rowReader({ kind: options.kind, format: options.format, map });
  const summary: UploadSummary = {
    rows: 0,
    accepted: 0,
    duplicates: 0,
    quarantined: 0,
    rejects: [],
    rejectedCount: 0,
    elapsedMs: 0,
    stopped: false,
  };
  const reject = (r: RejectedRow) => {
    summary.rejectedCount++;
    if (summary.rejects.length < MAX_REJECTS_KEPT) summary.rejects.push(r);
  };
  let batch: { row: number; record: Record<string, unknown> }[] = [];
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    await inFlight;
    inFlight = undefined;
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    inFlight = sendSized(
      sent.map((b) => b.record),
      key,
      options.send,
    ).then((result) => {
      summary.accepted += result.accepted;
      summary.duplicates += result.duplicates;
      summary.quarantined += result.quarantined;
      for (const r of result.rejected)
        reject({ row: sent[r.index]?.row ?? 0, field: r.field, reason: r.message });
    });
    // Awaited at the next flush; this keeps a failure from being reported as unhandled meanwhile.
    inFlight.catch(() => {});
  };
  const take = (rows: SourceRow[]) => {
    for (const row of rows) {
      summary.rows++;
      if ('error' in row) reject({ row: row.row, field: row.error.field, reason: row.error.message });
      else batch.push(row);
    }
  };
  let bytesRead = 0;
  const progress = () =>
    options.onProgress?.({
      rows: summary.rows,
      bytesRead,
      totalBytes: file.size,
      elapsedMs: performance.now() - started,
    });
  try {
    for await (const chunk of byteChunks(file)) {
      if (options.signal?.aborted) {
        summary.stopped = true;
        break;
      }
      bytesRead = chunk.bytesRead;
      // A row whose field holds bytes that are not UTF-8 comes back refused ("invalid UTF-8").
      take(reader.pushBytes(chunk.bytes));
      while (batch.length >= batchSize) {
        const rest = batch.slice(batchSize);
        batch = batch.slice(0, batchSize);
        await flush();
        batch = rest;
      }
      progress();
    }
    if (!summary.stopped) take(reader.end());
    while (batch.length > 0 && !summary.stopped) {
      const rest = batch.slice(batchSize);
      batch = batch.slice(0, batchSize);
      await flush();
      batch = rest;
    }
    await inFlight;
  } finally {
    await inFlight?.catch(() => {});
  }
  summary.rejects.sort((a, b) => a.row - b.row);
  summary.elapsedMs = performance.now() - started;
  progress();
  return summary;
}

/** Rows per second and the time left, from the progress so far (null until it can tell). */
export function uploadPace(p: UploadProgress): { rowsPerSecond: number | null; etaMs: number | null } {
  const rowsPerSecond = p.elapsedMs > 0 ? (p.rows * 1000) / p.elapsedMs : null;
  const share = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1;
  const etaMs = share > 0 && share < 1 ? (p.elapsedMs * (1 - share)) / share : null;
  return { rowsPerSecond, etaMs };
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The refused rows as a CSV file (row, field, reason), as `touchpoints import` writes them. */
export function rejectsCsv(rejects: readonly RejectedRow[]): string {
  return `row,field,reason\n${rejects.map((r) => `${r.row},${csvCell(r.field)},${csvCell(r.reason)}\n`).join('')}`;
}
