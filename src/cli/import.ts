/**
 * `touchpoints import interactions|feedback FILE`: loads a CSV or NDJSON file into a workspace's
 * event store in batches, through the same ingestion as the API (validation record by record,
 * idempotent by id, unknown touchpoint keys quarantined). Works directly on the data directory,
 * or through a running server with --server and --token. On the data directory, DuckDB reads a
 * CSV file of interactions itself and stores the rows it can certify (import-csv-engine.ts); the
 * rest take the path above, and the outcome is the same.
 */
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { type EngineImport, importCsvWithEngine } from '../ingest/import-csv-engine.js';
import { ingestFeedback } from '../ingest/ingest-feedback.js';
import { type IngestResult, ingestInteractions } from '../ingest/ingest-interactions.js';
import {
  type ImportFormat,
  INVALID_UTF8,
  RECORD_FIELDS,
  ReadRecordsError,
  type RecordKind,
  readRecords,
  type SourceRow,
} from '../ingest/read-records.js';
import { MAX_BATCH, MAX_PROPS_DEPTH } from '../ingest/records.js';
import type { Db } from '../store/catalog/db.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { DataDirBusyError } from '../store/data-dir-lock.js';
import type { EventStore } from '../store/events/event-store.js';
import { importReviewsCommand } from './import-reviews.js';
import { CliError, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

interface ImportOptions {
  workspace: string;
  format?: string;
  map?: string[];
  rejects?: string;
  batch?: string;
  progress?: boolean;
  server?: string;
  token?: string;
  acceptInvalidUtf8?: boolean;
}

/** Totals of an import. */
export interface ImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  elapsedMs: number;
  rejectsFile: string | null;
  /** Rejected rows whose field held bytes that are not UTF-8. */
  invalidUtf8: number;
  /** Rows that DuckDB read, checked and stored itself (the CSV engine, see import-csv-engine.ts). */
  engineRows: number;
}

type SendBatch = (records: unknown[]) => Promise<IngestResult>;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The format named by --format, else by the file's extension. */
function formatOf(file: string, option: string | undefined): ImportFormat {
  if (option !== undefined) {
    if (option === 'csv' || option === 'ndjson') return option;
    throw new CliError(`--format must be csv or ndjson, got "${option}"`);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  throw new CliError(
    `cannot tell the format of ${file} from its extension: add --format csv or --format ndjson`,
  );
}

/** Parses the --map column=field options. */
export function parseMap(kind: RecordKind, entries: readonly string[] = []): Map<string, string> {
  const fields = RECORD_FIELDS[kind].fields as readonly string[];
  const map = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.lastIndexOf('=');
    if (eq <= 0)
      throw new CliError(`--map "${entry}": expected column=field (or column= to drop the column)`);
    const column = entry.slice(0, eq).trim();
    const field = entry.slice(eq + 1).trim();
    if (field !== '' && !fields.includes(field))
      throw new CliError(`--map "${entry}": "${field}" is not a field of ${kind} (${fields.join(', ')})`);
    if (map.has(column)) throw new CliError(`--map: column "${column}" is mapped twice`);
    map.set(column, field);
  }
  return map;
}

/**
 * Records per batch of an import straight into the data directory (no request size to respect):
 * DuckDB stores a large batch for less per record than ten small ones.
 */
const DIRECT_BATCH = 100_000;

/** Batches of a direct import sent before the first is answered: the store stages one while it inserts the other. */
const DIRECT_IN_FLIGHT = 2;

function batchSizeOf(option: string | undefined, max: number): number {
  if (option === undefined) return max;
  const n = Number(option);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CliError(`--batch must be a whole number from 1 to ${max}, got "${option}"`);
  return n;
}

/** One CSV cell, quoted when it needs to be. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface Reject {
  row: number;
  field: string;
  reason: string;
}

/**
 * Writes the rejects file in row order, lazily (only when there is a first reject). Rows refused
 * while reading are known before the rows of a batch still in flight, so rejects are held until
 * every earlier row is settled: `release(row)` writes those before `row`.
 */
class RejectsWriter {
  private stream: WriteStream | undefined;
  /** Rejects not yet written, in row order. */
  private held: Reject[] = [];
  count = 0;
  /** Rejects for bytes that are not UTF-8. */
  invalidUtf8 = 0;
  constructor(readonly path: string) {}

  /** Keeps rejects (in any order) until released. */
  hold(rejects: readonly Reject[]): void {
    if (rejects.length === 0) return;
    this.count += rejects.length;
    for (const r of rejects) if (r.reason === INVALID_UTF8) this.invalidUtf8++;
    const sorted = [...rejects].sort((a, b) => a.row - b.row);
    const last = this.held.at(-1);
    if (last === undefined || last.row <= (sorted[0]?.row ?? 0)) for (const r of sorted) this.held.push(r);
    else this.held = mergeRows(this.held, sorted);
  }

  /** Writes the held rejects of rows before `row` (all of them for Infinity). */
  release(row: number): void {
    let n = 0;
    while (n < this.held.length && (this.held[n]?.row ?? 0) < row) n++;
    if (n === 0) return;
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.write('row,field,reason\n');
    }
    let text = '';
    for (const r of this.held.splice(0, n)) text += `${r.row},${csvCell(r.field)},${csvCell(r.reason)}\n`;
    this.stream.write(text);
  }

  async close(): Promise<void> {
    this.release(Number.POSITIVE_INFINITY);
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }
}

/** Merges two lists sorted by row (stable: `a` first on equal rows). */
function mergeRows(a: readonly Reject[], b: readonly Reject[]): Reject[] {
  const out: Reject[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.row <= y.row)) {
      out.push(x as Reject);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function rate(rows: number, ms: number): string {
  return ms > 0 ? Math.round((rows * 1000) / ms).toLocaleString('en-US') : '–';
}

/** The progress line: at most five updates a second. */
class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly enabled: boolean,
    private readonly started: number,
  ) {}

  /** Shows `rows` handled and `share` (0–1) of the whole import done. */
  update(rows: number, share: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const elapsed = now - this.started;
    const done = Math.min(1, share);
    const eta = done > 0 && done < 1 ? duration((elapsed * (1 - done)) / done) : '–';
    const line =
      `${rows.toLocaleString('en-US')} rows  ${rate(rows, elapsed)} rows/s  ` +
      `${(done * 100).toFixed(0)}%  ETA ${eta}`;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  }
}

/** Counts of the records sent so far. */
interface SentTotals {
  rows: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
}

/**
 * Sends rows batch by batch, up to `inFlight` batches before the first is answered; rows that
 * could not be read and records the ingestion refuses are held as rejects with their row
 * number (released in row order). `onBatch` follows the progress.
 */
async function sendRows(
  source: AsyncIterable<SourceRow[]>,
  batchSize: number,
  inFlight: number,
  rejects: RejectsWriter,
  send: SendBatch,
  totals: SentTotals,
  onBatch: () => void,
): Promise<void> {
  let batch: { row: number; record: Record<string, unknown> }[] = [];
  // Batches sent and not answered yet, by first row: rejects from the oldest on wait for it.
  const sending: { row: number; answered: Promise<void> }[] = [];
  const unsettledRow = () => sending[0]?.row ?? batch[0]?.row ?? Number.POSITIVE_INFINITY;

  // Batches in flight while the next is read and parsed: reading overlaps the store's work.
  const flush = async () => {
    while (sending.length >= inFlight) await sending[0]?.answered;
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    const entry = { row: sent[0]?.row ?? 0, answered: Promise.resolve() };
    entry.answered = send(sent.map((b) => b.record)).then((result) => {
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.quarantined += result.quarantined;
      rejects.hold(
        result.rejected.map((r) => ({ row: sent[r.index]?.row ?? 0, field: r.field, reason: r.message })),
      );
      sending.splice(sending.indexOf(entry), 1);
      rejects.release(unsettledRow());
    });
    // Handled when awaited; this keeps a failure from being reported as unhandled meanwhile.
    entry.answered.catch(() => {});
    sending.push(entry);
  };

  try {
    for await (const rows of source) {
      for (const row of rows) {
        totals.rows++;
        if ('error' in row) {
          rejects.hold([{ row: row.row, field: row.error.field, reason: row.error.message }]);
          rejects.release(unsettledRow());
        } else {
          batch.push(row);
          if (batch.length >= batchSize) {
            await flush();
            onBatch();
          }
        }
      }
      onBatch();
    }
    await flush();
    await Promise.all(sending.map((s) => s.answered));
  } finally {
    await Promise.allSettled(sending.map((s) => s.answered));
  }
}

/** How an import reads and sends its file. */
interface ImportPlan {
  kind: RecordKind;
  format: ImportFormat;
  map: ReadonlyMap<string, string>;
  batchSize: number;
  inFlight: number;
  rejects: RejectsWriter;
  showProgress: boolean;
  acceptInvalidUtf8: boolean;
}

/** Reads the file with the JavaScript parser and sends it batch by batch (see sendRows). */
async function importFile(file: string, plan: ImportPlan, send: SendBatch): Promise<ImportSummary> {
  const started = Date.now();
  const size = statSync(file).size;
  const progress = { bytesRead: 0 };
  const bar = new Progress(plan.showProgress, started);
  const totals = { rows: 0, accepted: 0, duplicates: 0, quarantined: 0 };
  const share = () => (size > 0 ? progress.bytesRead / size : 1);
  try {
    const rows = readRecords(file, {
      kind: plan.kind,
      format: plan.format,
      map: plan.map,
      acceptInvalidUtf8: plan.acceptInvalidUtf8,
      progress,
    });
    await sendRows(rows, plan.batchSize, plan.inFlight, plan.rejects, send, totals, () =>
      bar.update(totals.rows, share()),
    );
    bar.update(totals.rows, share(), true);
  } catch (error) {
    if (error instanceof ReadRecordsError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  } finally {
    bar.done();
    await plan.rejects.close();
  }
  return {
    ...totals,
    rejected: plan.rejects.count,
    elapsedMs: Date.now() - started,
    rejectsFile: plan.rejects.count > 0 ? plan.rejects.path : null,
    invalidUtf8: plan.rejects.invalidUtf8,
    engineRows: 0,
  };
}

// Share of the progress line for the engine's own work; the rest is for the rows it leaves over.
const ENGINE_SHARE = 0.9;

/**
 * A CSV file of interactions with DuckDB reading it (import-csv-engine.ts): the rows it cannot
 * certify are sent as importFile sends them. Null when the file must be read by importFile.
 */
async function importWithEngine(
  file: string,
  plan: ImportPlan,
  db: Db,
  events: EventStore,
  workspaceId: string,
  send: SendBatch,
): Promise<ImportSummary | null> {
  const started = Date.now();
  const bar = new Progress(plan.showProgress, started);
  let engine: EngineImport | null;
  try {
    engine = await importCsvWithEngine({
      file,
      db,
      events,
      workspaceId,
      map: plan.map,
      onProgress: (rows, share) => bar.update(rows, share * ENGINE_SHARE),
    });
  } catch (error) {
    bar.done();
    throw error;
  }
  if (!engine) {
    bar.done();
    return null;
  }
  const { certainRows, otherRows } = engine;
  const totals = {
    rows: engine.certainRows,
    accepted: engine.inserted,
    duplicates: engine.certainRows - engine.inserted,
    quarantined: 0,
  };
  const share = () =>
    ENGINE_SHARE + ((1 - ENGINE_SHARE) * (totals.rows - certainRows)) / Math.max(1, otherRows);
  try {
    await sendRows(engine.readOtherRows(), plan.batchSize, plan.inFlight, plan.rejects, send, totals, () =>
      bar.update(totals.rows, share()),
    );
    bar.update(totals.rows, 1, true);
  } finally {
    bar.done();
    await engine.dispose();
    await plan.rejects.close();
  }
  return {
    ...totals,
    rejected: plan.rejects.count,
    elapsedMs: Date.now() - started,
    rejectsFile: plan.rejects.count > 0 ? plan.rejects.path : null,
    invalidUtf8: plan.rejects.invalidUtf8,
    engineRows: engine.certainRows,
  };
}

/** Sends batches straight to the store, in file order (the first record of an id wins). */
function storeSender(
  db: Db,
  events: EventStore,
  workspaceId: string,
  kind: RecordKind,
  batchSize: number,
): SendBatch {
  const ingest = kind === 'interactions' ? ingestInteractions : ingestFeedback;
  let previous: Promise<unknown> = Promise.resolve();
  return (records) => {
    let handed = () => {};
    const turn = { after: previous, handed: () => handed() };
    previous = new Promise<void>((resolve) => {
      handed = resolve;
    });
    // A batch that fails before its turn still lets the next one go.
    return ingest(db, events, workspaceId, records, { maxBatch: batchSize, turn }).finally(turn.handed);
  };
}

/** An import straight into the stores (the command without --server). */
export interface StoreImportOptions {
  format: ImportFormat;
  /** Column → field renames (--map). */
  map?: ReadonlyMap<string, string>;
  /** Records per batch sent to the ingestion (default DIRECT_BATCH). */
  batchSize?: number;
  /** Where refused rows go (written only if any). */
  rejectsFile: string;
  showProgress?: boolean;
  /**
   * `auto`: a CSV file of interactions is read by DuckDB where it can (import-csv-engine.ts);
   * `javascript`: every file is read by the JavaScript parser (the reference the engine matches).
   */
  reader?: 'auto' | 'javascript';
  /**
   * Store bytes that are not UTF-8 as U+FFFD; without it, their rows are refused. (A file
   * holding such bytes is always read by the JavaScript parser.)
   */
  acceptInvalidUtf8?: boolean;
}

/** Imports a file into a workspace's event store, as `touchpoints import` does on the data directory. */
export async function importIntoStore(
  db: Db,
  events: EventStore,
  workspaceId: string,
  kind: RecordKind,
  file: string,
  options: StoreImportOptions,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? DIRECT_BATCH;
  const plan: ImportPlan = {
    kind,
    format: options.format,
    map: options.map ?? new Map(),
    batchSize,
    inFlight: DIRECT_IN_FLIGHT,
    rejects: new RejectsWriter(options.rejectsFile),
    showProgress: options.showProgress === true,
    acceptInvalidUtf8: options.acceptInvalidUtf8 === true,
  };
  const send = storeSender(db, events, workspaceId, kind, batchSize);
  if (kind === 'interactions' && options.format === 'csv' && options.reader !== 'javascript') {
    const summary = await importWithEngine(file, plan, db, events, workspaceId, send);
    if (summary) return summary;
  }
  return importFile(file, plan, send);
}

/** Largest request body sent; the server's default limit is 10 MB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Sends batches to a running server's ingestion endpoint: a batch whose JSON is too large is
 * split in halves; network errors and 5xx are retried (ids make a retry safe).
 */
function serverSender(url: string, token: string, workspaceId: string, kind: RecordKind): SendBatch {
  const base = url.replace(/\/+$/, '');
  const endpoint = `${base}/api/workspaces/${workspaceId}/${kind === 'interactions' ? 'interactions' : 'feedback'}`;
  const key = kind === 'interactions' ? 'interactions' : 'answers';

  const post = async (body: string): Promise<IngestResult | 'too_large'> => {
    let lastError = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        lastError = `cannot reach ${base}: ${cause}`;
        continue;
      }
      const answer = (await response.json().catch(() => ({}))) as { message?: string } & IngestResult;
      if (response.ok) return answer;
      if (response.status === 413) return 'too_large';
      lastError = `the server answered ${response.status}: ${answer.message ?? response.statusText}`;
      if (response.status < 500) break;
    }
    throw new CliError(lastError);
  };

  const send = async (records: unknown[]): Promise<IngestResult> => {
    const body = JSON.stringify({ [key]: records });
    const answer =
      records.length > 1 && Buffer.byteLength(body) > MAX_BODY_BYTES ? 'too_large' : await post(body);
    if (answer !== 'too_large') return answer;
    if (records.length === 1) throw new CliError('the server refused a single record as too large');
    const half = Math.ceil(records.length / 2);
    const [a, b] = [await send(records.slice(0, half)), await send(records.slice(half))];
    return {
      accepted: a.accepted + b.accepted,
      duplicates: a.duplicates + b.duplicates,
      quarantined: a.quarantined + b.quarantined,
      rejected: [...a.rejected, ...b.rejected.map((r) => ({ ...r, index: r.index + half }))],
    };
  };
  return send;
}

function summaryText(kind: RecordKind, file: string, s: ImportSummary): string {
  const lines = [
    `Imported ${kind} from ${file}: ${s.rows.toLocaleString('en-US')} rows`,
    `  accepted     ${s.accepted}`,
    `  duplicates   ${s.duplicates}`,
    `  rejected     ${s.rejected}${s.rejectsFile ? `  (row, field, reason in ${s.rejectsFile})` : ''}`,
    ...(s.invalidUtf8 > 0
      ? [
          `               ${s.invalidUtf8} of them hold bytes that are not UTF-8: save the file as UTF-8, ` +
            'or store them with U+FFFD in their place (--accept-invalid-utf8)',
        ]
      : []),
    `  quarantined  ${s.quarantined}${s.quarantined > 0 ? '  (unknown touchpoint keys: GET /api/workspaces/{id}/unmapped-touchpoints, then map them)' : ''}`,
    `  elapsed ${duration(s.elapsedMs)}, ${rate(s.rows, s.elapsedMs)} rows/s`,
  ];
  return lines.join('\n');
}

async function runImport(kind: RecordKind, file: string, options: ImportOptions): Promise<void> {
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file} is not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const format = formatOf(file, options.format);
  const map = parseMap(kind, options.map);
  const direct = options.server === undefined;
  const batchSize = batchSizeOf(options.batch, direct ? DIRECT_BATCH : MAX_BATCH);
  const rejectsFile = options.rejects ?? `${file}.rejects.csv`;
  const showProgress = options.progress === true || process.stderr.isTTY === true;

  let summary: ImportSummary;
  if (options.server !== undefined) {
    const token = options.token ?? process.env.TOUCHPOINTS_TOKEN;
    if (!token)
      throw new CliError('--server needs --token <API token with scope ingest> (or TOUCHPOINTS_TOKEN)');
    // One request at a time keeps the file's order (the first record of an id wins).
    const plan = {
      kind,
      format,
      map,
      batchSize,
      inFlight: 1,
      rejects: new RejectsWriter(rejectsFile),
      showProgress,
      acceptInvalidUtf8: options.acceptInvalidUtf8 === true,
    };
    summary = await importFile(file, plan, serverSender(options.server, token, options.workspace, kind));
  } else {
    try {
      summary = await withStore(`import ${kind}`, async ({ catalog, events }) => {
        const workspace = await getWorkspace(catalog.db, options.workspace);
        return importIntoStore(catalog.db, events, workspace.id, kind, file, {
          format,
          map,
          batchSize,
          rejectsFile,
          showProgress,
          acceptInvalidUtf8: options.acceptInvalidUtf8 === true,
        });
      });
    } catch (error) {
      if (error instanceof DataDirBusyError && error.holder.holder === 'server')
        throw new CliError(
          `${error.dataDir} is in use by the Touchpoints server (pid ${error.holder.pid}). Stop it, or import ` +
            `through it: touchpoints import ${kind} ${file} --workspace ${options.workspace} ` +
            `--server ${error.holder.url ?? '<url>'} --token <API token with scope ingest>`,
        );
      throw error;
    }
  }
  console.log(summaryText(kind, file, summary));
}

/** Registers `touchpoints import interactions|feedback`. */
export function importCommand(program: Command): void {
  const imp = program
    .command('import')
    .description(
      'import interactions or feedback answers from a CSV or NDJSON file, or reviews from a rating site’s CSV file, into a workspace',
    );

  const fieldsOf = (kind: RecordKind) => RECORD_FIELDS[kind].fields.join(', ');
  for (const kind of ['interactions', 'feedback'] as const) {
    imp
      .command(kind)
      .description(
        `import ${kind === 'interactions' ? 'interactions (SPEC §5)' : 'survey answers: CSAT 1–5, NPS 0–10, CES 1–7 (SPEC §6)'} ` +
          `from FILE. CSV: a header row naming the fields (${fieldsOf(kind)}); empty cells are absent fields` +
          `${kind === 'interactions' ? `; props is JSON text (nested at most ${MAX_PROPS_DEPTH} levels)` : ''}. ` +
          'NDJSON: one JSON object a line, as the API takes it. The file must be UTF-8. ' +
          'Re-running the same file adds nothing when every record has an id; records without an id get a random one, ' +
          'so importing them twice stores them twice.',
      )
      .argument('<file>', 'the file to import (.csv, .ndjson or .jsonl)')
      .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
      .option('--format <format>', 'csv or ndjson (default: from the extension)')
      .option(
        '--map <column=field>',
        'read a column (or NDJSON key) as this field, e.g. --map "Kunde=customer"; "column=" drops it (repeatable)',
        collect,
      )
      .option('--rejects <file>', 'where refused rows go (default: FILE.rejects.csv, written only if any)')
      .option(
        '--batch <n>',
        `records per batch (default and most: ${DIRECT_BATCH} on the data directory, ${MAX_BATCH} with --server)`,
      )
      .option(
        '--accept-invalid-utf8',
        'store bytes that are not UTF-8 as U+FFFD (default: a row holding them is rejected, naming the field)',
      )
      .option('--progress', 'show the progress line even when stderr is not a terminal')
      .option('--server <url>', 'send the batches through this running server instead of the data directory')
      .option('--token <token>', 'API token (scope ingest) for --server (default: $TOUCHPOINTS_TOKEN)')
      .action((file: string, options: ImportOptions) => runImport(kind, file, options));
  }
  importReviewsCommand(imp);
}
