/**
 * `touchpoints import interactions|feedback FILE`: loads a CSV or NDJSON file into a workspace's
 * event store in batches, through the same ingestion as the API (validation record by record,
 * idempotent by id, unknown touchpoint keys quarantined). Works directly on the data directory,
 * or through a running server with --server and --token.
 */
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ingestFeedback } from '../ingest/ingest-feedback.js';
import { type IngestResult, ingestInteractions } from '../ingest/ingest-interactions.js';
import {
  type ImportFormat,
  RECORD_FIELDS,
  ReadRecordsError,
  type RecordKind,
  readRecords,
  type SourceRow,
} from '../ingest/read-records.js';
import { MAX_BATCH } from '../ingest/records.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { DataDirBusyError } from '../store/data-dir-lock.js';
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
  constructor(readonly path: string) {}

  /** Keeps rejects (in any order) until released. */
  hold(rejects: readonly Reject[]): void {
    if (rejects.length === 0) return;
    this.count += rejects.length;
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
    private readonly size: number,
    private readonly started: number,
  ) {}

  update(rows: number, bytesRead: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const elapsed = now - this.started;
    const share = this.size > 0 ? Math.min(1, bytesRead / this.size) : 1;
    const eta = share > 0 && share < 1 ? duration((elapsed * (1 - share)) / share) : '–';
    const line =
      `${rows.toLocaleString('en-US')} rows  ${rate(rows, elapsed)} rows/s  ` +
      `${(share * 100).toFixed(0)}%  ETA ${eta}`;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  }
}

/**
 * Reads the file and sends it batch by batch, up to `inFlight` batches before the first is
 * answered; rows that cannot be read and records the ingestion refuses go to the rejects file
 * with their row number.
 */
async function importFile(
  file: string,
  kind: RecordKind,
  format: ImportFormat,
  map: ReadonlyMap<string, string>,
  batchSize: number,
  inFlight: number,
  rejects: RejectsWriter,
  send: SendBatch,
  showProgress: boolean,
): Promise<ImportSummary> {
  const started = Date.now();
  const size = statSync(file).size;
  const progress = { bytesRead: 0 };
  const bar = new Progress(showProgress, size, started);
  const totals = { rows: 0, accepted: 0, duplicates: 0, quarantined: 0 };
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
  const answered = () => Promise.all(sending.map((s) => s.answered));

  try {
    for await (const rows of readRecords(file, { kind, format, map, progress })) {
      for (const row of rows as SourceRow[]) {
        totals.rows++;
        if ('error' in row) {
          rejects.hold([{ row: row.row, field: row.error.field, reason: row.error.message }]);
          rejects.release(unsettledRow());
        } else {
          batch.push(row);
          if (batch.length >= batchSize) {
            await flush();
            bar.update(totals.rows, progress.bytesRead);
          }
        }
      }
      bar.update(totals.rows, progress.bytesRead);
    }
    await flush();
    await answered();
    bar.update(totals.rows, progress.bytesRead, true);
  } catch (error) {
    if (error instanceof ReadRecordsError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  } finally {
    await Promise.allSettled(sending.map((s) => s.answered));
    bar.done();
    await rejects.close();
  }
  return {
    ...totals,
    rejected: rejects.count,
    elapsedMs: Date.now() - started,
    rejectsFile: rejects.count > 0 ? rejects.path : null,
  };
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
  const rejects = new RejectsWriter(options.rejects ?? `${file}.rejects.csv`);
  const showProgress = options.progress === true || process.stderr.isTTY === true;
  // Through a server, one request at a time keeps the file's order (the first record of an id wins).
  const inFlight = direct ? DIRECT_IN_FLIGHT : 1;
  const go = (send: SendBatch) =>
    importFile(file, kind, format, map, batchSize, inFlight, rejects, send, showProgress);

  let summary: ImportSummary;
  if (options.server !== undefined) {
    const token = options.token ?? process.env.TOUCHPOINTS_TOKEN;
    if (!token)
      throw new CliError('--server needs --token <API token with scope ingest> (or TOUCHPOINTS_TOKEN)');
    summary = await go(serverSender(options.server, token, options.workspace, kind));
  } else {
    try {
      summary = await withStore(`import ${kind}`, async ({ catalog, events }) => {
        const workspace = await getWorkspace(catalog.db, options.workspace);
        const ingest = kind === 'interactions' ? ingestInteractions : ingestFeedback;
        // Batches in flight reach the store in file order (the first record of an id wins).
        let previous: Promise<unknown> = Promise.resolve();
        return go((records) => {
          let handed = () => {};
          const turn = { after: previous, handed: () => handed() };
          previous = new Promise<void>((resolve) => {
            handed = resolve;
          });
          // A batch that fails before its turn still lets the next one go.
          return ingest(catalog.db, events, workspace.id, records, { maxBatch: batchSize, turn }).finally(
            turn.handed,
          );
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
    .description('import interactions or feedback answers from a CSV or NDJSON file into a workspace');

  const fieldsOf = (kind: RecordKind) => RECORD_FIELDS[kind].fields.join(', ');
  for (const kind of ['interactions', 'feedback'] as const) {
    imp
      .command(kind)
      .description(
        `import ${kind === 'interactions' ? 'interactions (SPEC §5)' : 'survey answers: CSAT 1–5, NPS 0–10, CES 1–7 (SPEC §6)'} ` +
          `from FILE. CSV: a header row naming the fields (${fieldsOf(kind)}); empty cells are absent fields` +
          `${kind === 'interactions' ? '; props is JSON text' : ''}. NDJSON: one JSON object a line, as the API takes it. ` +
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
      .option('--progress', 'show the progress line even when stderr is not a terminal')
      .option('--server <url>', 'send the batches through this running server instead of the data directory')
      .option('--token <token>', 'API token (scope ingest) for --server (default: $TOUCHPOINTS_TOKEN)')
      .action((file: string, options: ImportOptions) => runImport(kind, file, options));
  }
}
