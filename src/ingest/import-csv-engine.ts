/**
 * The fast path of a CSV import of interactions straight into the data directory: DuckDB reads
 * the file itself (`read_csv`) and stores the rows it can certify in one `INSERT … SELECT`; the
 * other rows go through the JavaScript path (validation, quarantine, rejects) in row order. The
 * outcome is the JavaScript path's, row for row: the same stored values, quarantine, counts and
 * rejects.
 *
 * A row is "certain" — stored by DuckDB — only in the plain form that validate-interactions.ts
 * accepts for sure and whose stored values SQL computes exactly as JavaScript does (see
 * `certainCondition`); anything else (an ISO time with spaces, props with escapes, an unknown
 * touchpoint key, an id the file repeats…) is left to the JavaScript code. A file that DuckDB
 * could split into rows or cells otherwise than CsvParser (see csv-layout.ts), that DuckDB
 * refuses, or with most rows uncertain goes wholly through the JavaScript path, before anything
 * is stored.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { type DuckDBConnection, type DuckDBValue, listValue } from '@duckdb/node-api';
import { SLUG_PATTERN } from '../domain/vocabulary.js';
import type { Db } from '../store/catalog/db.js';
import type { EventStore } from '../store/events/event-store.js';
import { type CsvLayout, CsvLayoutScanner } from './csv-layout.js';
import { CsvParser, columnFields, csvRowBuilder, ReadRecordsError, type SourceRow } from './parse-records.js';
import { readRecords } from './read-records.js';
import { MAX_AT, MAX_PROPS_BYTES, MIN_AT } from './records.js';
import { resolveTouchpointKeys } from './resolve-touchpoint-keys.js';

/** Where the import stands: rows handled so far, and the share of the engine's work done (0–1). */
export type EngineProgress = (rows: number, share: number) => void;

export interface EngineImportOptions {
  file: string;
  db: Db;
  events: EventStore;
  workspaceId: string;
  /** Column → field renames (--map). */
  map?: ReadonlyMap<string, string>;
  onProgress?: EngineProgress;
}

/** What DuckDB stored, and the rows left to the JavaScript path. */
export interface EngineImport {
  /** Data rows of the file. */
  rows: number;
  /** Rows DuckDB checked and stored itself, ids already stored included. */
  certainRows: number;
  /** Certain rows newly stored. */
  inserted: number;
  /** Rows left to the JavaScript path. */
  otherRows: number;
  /** The rows left to the JavaScript path, in row order, as CsvRowReader would give them. */
  readOtherRows(): AsyncGenerator<SourceRow[]>;
  /** Removes the temporary file of the other rows. */
  dispose(): Promise<void>;
}

// Shares of the engine's work for the progress line, as measured on 10 M plain rows (the insert
// takes the rest, about as long as the reading).
const READ_SHARE = 0.5;
const CLASSIFY_SHARE = 0.12;

/** Characters DuckDB reads as a glob pattern in a file name: such files take the JavaScript path. */
const GLOB = /[*?[\]{}]/;

/**
 * Past this share of rows left to the JavaScript path, the JavaScript reader alone is faster
 * (1 M rows, all of them left over: 11.8 s against 7.5 s; break-even about half of them).
 */
const MOST_OTHER_ROWS = 0.5;

/** Touchpoint keys resolved per catalog query. */
const KEYS_PER_QUERY = 10_000;

// The SQL forms of "certainly accepted, and stored as JavaScript stores it" (see certainCondition).
const EPOCH_MS = '-?[0-9]{1,15}';
// parseAt's ISO form with the ranges it checks spelled out (hours 00–23, offsets up to 23:59);
// the date is checked by DuckDB's DATE cast, which refuses Feb 30 as parseAt does.
const ISO_AT =
  '^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([01][0-9]|2[0-3]):([0-5][0-9])' +
  '(?::([0-5][0-9])(?:\\.([0-9]{1,9}))?)?([Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$';
// Decimals that Number() and DuckDB's DOUBLE cast both round correctly, hence alike; not -0.
const DECIMAL = '-?[0-9]{1,15}(\\.[0-9]{1,15})?';
const UNSIGNED_DECIMAL = '[0-9]{1,15}(\\.[0-9]{1,15})?';
const NEGATIVE_ZERO = '-[0.]*';
// A flat JSON object that JSON.stringify(JSON.parse(text)) gives back unchanged: no whitespace,
// no escapes, no key that is an array index (JavaScript puts those first), integers of at most
// 15 digits and not -0, strings, true, false, null. Repeated keys are checked apart.
const JSON_TEXT = '[^"\\\\\\x00-\\x1f]*';
const JSON_KEY = `"${JSON_TEXT}[^"\\\\\\x00-\\x1f0-9]${JSON_TEXT}"`;
const JSON_VALUE = `"${JSON_TEXT}"|0|-?[1-9][0-9]{0,14}|true|false|null`;
const JSON_MEMBER = `${JSON_KEY}:(?:${JSON_VALUE})`;
const FLAT_OBJECT = `\\{(?:${JSON_MEMBER}(?:,${JSON_MEMBER})*)?\\}`;

/** A SQL string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The cell of a field in `import_source` (`s`), or NULL when the file has no column for it. */
type Cell = (field: string) => string;

/**
 * Whether a row is certain on its own: one that validate-interactions.ts accepts whose stored
 * values SQL computes exactly as ingestion does (empty cells are NULL: absent fields). The rest
 * of "certain" needs the whole file: a known touchpoint key, an id the file does not repeat.
 */
function certainCondition(cell: Cell): string {
  const optional = (field: string, condition: (value: string) => string) =>
    cell(field) === 'NULL' ? 'true' : `(${cell(field)} IS NULL OR ${condition(cell(field))})`;
  const keys = `json_keys(${cell('props')})`;
  return [
    optional('id', (id) => `strlen(${id}) <= 128`),
    // Bytes: at most 256 of them are at most 256 UTF-16 units.
    `strlen(${cell('customer')}) <= 256`,
    // The key's form is checked once per distinct key (see loadKeys).
    `${cell('touchpoint')} IS NOT NULL`,
    'at_ms IS NOT NULL',
    optional('direction', (d) => `${d} IN ('in', 'out')`),
    optional('sentiment', (s) => `${s} IN ('-1', '0', '1')`),
    optional('outcome', (o) => `${o} IN ('converted', 'lost', 'complaint')`),
    optional(
      'value',
      (v) =>
        `regexp_full_match(${v}, ${literal(DECIMAL)}) AND NOT regexp_full_match(${v}, ${literal(NEGATIVE_ZERO)})`,
    ),
    ...['response_ms', 'wait_ms', 'duration_ms'].map((field) =>
      optional(field, (ms) => `regexp_full_match(${ms}, ${literal(UNSIGNED_DECIMAL)})`),
    ),
    optional(
      'props',
      // CASE: json_keys only sees JSON (a condition's operands are all computed). Without a
      // comma the object has at most one key: no repeated key to look for.
      (props) =>
        `CASE WHEN strlen(${props}) <= ${MAX_PROPS_BYTES} AND regexp_full_match(${props}, ${literal(FLAT_OBJECT)})
          THEN strpos(${props}, ',') = 0 OR len(list_distinct(${keys})) = len(${keys}) ELSE false END`,
    ),
  ].join('\n      AND ');
}

/** Epoch milliseconds of `at` as parseAt computes them, for the forms SQL reads (NULL otherwise). */
function atMilliseconds(at: string): string {
  const iso = `epoch_ms(try_cast(p.y || '-' || p.mo || '-' || p.d AS DATE)::TIMESTAMP)
        + p.h::BIGINT * 3600000 + p.mi::BIGINT * 60000 + coalesce(nullif(p.s, ''), '0')::BIGINT * 1000
        + left(rpad(p.f, 3, '0'), 3)::BIGINT
        - CASE WHEN upper(p.z) = 'Z' THEN 0
               ELSE (CASE WHEN p.z[1] = '-' THEN -1 ELSE 1 END)
                    * (p.z[2:3]::BIGINT * 3600000 + p.z[5:6]::BIGINT * 60000) END`;
  return `CASE WHEN p IS NULL THEN try_cast(${at} AS BIGINT) WHEN p.y <> '' THEN ${iso} END`;
}

/**
 * `import_source`: the file's cells by field (dropped columns are not kept), `at_ms`, and
 * `certain` (see certainCondition), in file order: a row's number is its rowid + 1.
 */
function readSourceSql(path: string, columns: ReadonlyMap<string, number>, width: number): string {
  const fieldNames = [...columns.keys()].map((field) => `"${field}"`).join(', ');
  const cells = [...columns].map(([field, column]) => `c${column} AS "${field}"`).join(', ');
  const csvColumns = Array.from({ length: width }, (_, n) => `'c${n}': 'VARCHAR'`).join(', ');
  const cell: Cell = (field) => (columns.has(field) ? `"${field}"` : 'NULL');
  return `CREATE TEMP TABLE import_source AS
  SELECT ${fieldNames}, at_ms, coalesce(${certainCondition(cell)}, false) AS certain
  FROM (
    SELECT *, CASE WHEN at_candidate BETWEEN ${MIN_AT} AND ${MAX_AT} THEN at_candidate END AS at_ms
    FROM (
      SELECT *, ${atMilliseconds('"at"')} AS at_candidate
      FROM (
        SELECT ${cells},
          CASE WHEN NOT regexp_full_match(c${columns.get('at')}, ${literal(EPOCH_MS)})
            THEN regexp_extract(c${columns.get('at')}, ${literal(ISO_AT)}, ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z'])
          END AS p
        FROM read_csv(${literal(path)}, header = true, all_varchar = true, auto_detect = false,
          delim = ',', quote = '"', escape = '"', strict_mode = true, compression = 'none',
          columns = {${csvColumns}})
      )
    )
  )`;
}

/**
 * The header's fields (see columnFields), or null when the header is for the JavaScript path to
 * read: one it refuses, with its own error.
 */
async function headerFields(
  path: string,
  map: ReadonlyMap<string, string> | undefined,
): Promise<(string | null)[] | null> {
  const parser = new CsvParser();
  const decoder = new StringDecoder('utf8');
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    const [header] = parser.push(decoder.write(chunk as Buffer));
    if (!header) continue;
    if (header.malformed) return null;
    try {
      return columnFields('interactions', header.cells, map);
    } catch (error) {
      if (error instanceof ReadRecordsError) return null;
      throw error;
    }
  }
  return null;
}

/**
 * Scans the file's layout (csv-layout.ts), telling the rows and bytes read so far; stops early
 * once `stop()` says so or the file is irregular.
 */
async function scanLayout(
  path: string,
  onRead: (rows: number, bytes: number) => void,
  stop: () => boolean,
): Promise<CsvLayout> {
  const scanner = new CsvLayoutScanner();
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    scanner.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onRead(scanner.rows, bytes);
    if (scanner.irregular || stop()) break;
  }
  return scanner.end();
}

/** How to report a statement's progress: as a share from `from` to `to` of the whole. */
interface Reporting {
  report: (share: number) => void;
  from: number;
  to: number;
  /** How long the statement is expected to take, for when DuckDB cannot tell (an INSERT's writing). */
  expectedMs?: number;
}

/** Runs a statement, reporting DuckDB's progress through it (or the time it has taken). */
async function runReporting(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> | undefined,
  reporting: Reporting | undefined,
) {
  if (!reporting) return connection.run(sql, params);
  const { report, from, to, expectedMs } = reporting;
  const started = Date.now();
  const timer = setInterval(() => {
    const done = Math.max(0, connection.progress.percentage) / 100;
    const guessed = expectedMs ? Math.min(0.95, (Date.now() - started) / expectedMs) : 0;
    report(from + (to - from) * Math.min(1, Math.max(done, guessed)));
  }, 200);
  try {
    return await connection.run(sql, params);
  } finally {
    clearInterval(timer);
    report(to);
  }
}

async function countOf(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
}

const TEMP_TABLES = ['import_source', 'import_keys', 'import_repeated', 'import_other'];

const PROGRESS_SETTINGS = [
  ['enable_progress_bar', 'true'],
  ['enable_progress_bar_print', 'false'],
  ['progress_bar_time', '0'],
] as const;

/**
 * Imports a CSV file of interactions with DuckDB reading it (see the top of this file). Answers
 * null, having stored nothing, when the file must take the JavaScript path.
 */
export async function importCsvWithEngine(options: EngineImportOptions): Promise<EngineImport | null> {
  const { db, events, workspaceId, onProgress } = options;
  const path = resolve(options.file);
  if (GLOB.test(path)) return null;
  const fields = await headerFields(path, options.map);
  if (!fields) return null;
  // Field → column of the file.
  const columns = new Map<string, number>();
  fields.forEach((field, column) => {
    if (field !== null) columns.set(field, column);
  });
  // Without these, every row is refused: nothing for DuckDB to store.
  if (!['customer', 'touchpoint', 'at'].every((field) => columns.has(field))) return null;
  const hasId = columns.has('id');
  const width = fields.length;

  const directory = await mkdtemp(join(tmpdir(), 'touchpoints-import-rows-'));
  const otherFile = join(directory, 'other-rows.ndjson');
  const dispose = () => rm(directory, { recursive: true, force: true });

  /** How long DuckDB took to read the file: the insert takes about as long. */
  let readMs = 0;

  /** Reads the file into `import_source`; false when it must take the JavaScript path. */
  async function readSource(connection: DuckDBConnection): Promise<false | number> {
    const setting = await connection.runAndReadAll(
      `SELECT current_setting('preserve_insertion_order') AS kept`,
    );
    // Row numbers are rowids: DuckDB must keep the file's order.
    if (setting.getRowObjectsJS()[0]?.kept !== true) return false;

    // DuckDB reads the file while JavaScript checks its layout: either may call the file off.
    const readStarted = Date.now();
    // The rows DuckDB has read, for the progress line: its share of the rows the scan expects.
    const size = (await stat(path)).size;
    let expectedRows = 0;
    let readRows = 0;
    let readFailed = false;
    const scanning = scanLayout(
      path,
      (rows, bytes) => {
        expectedRows = Math.round((rows * size) / Math.max(1, bytes));
      },
      () => readFailed,
    ).then((layout) => {
      if (layout.irregular !== null) connection.interrupt();
      return layout;
    });
    // Awaited below; this keeps a read error from being reported as unhandled meanwhile.
    scanning.catch(() => {});
    try {
      await runReporting(
        connection,
        readSourceSql(path, columns, width),
        undefined,
        onProgress && {
          report: (share) => {
            readRows = Math.max(readRows, Math.round((expectedRows * share) / READ_SHARE));
            onProgress(readRows, share);
          },
          from: 0,
          to: READ_SHARE,
        },
      );
    } catch {
      // A CSV error, or the interrupt of an irregular layout: the JavaScript path reads it.
      readFailed = true;
    }
    readMs = Date.now() - readStarted;
    const layout = await scanning;
    if (readFailed || layout.irregular !== null) return false;
    // The same rows and the same text per column as CsvParser: else DuckDB read it otherwise.
    const sums = [...columns.keys()].map((field) => `coalesce(sum(strlen("${field}")), 0)::BIGINT`);
    const totals = (
      await connection.runAndReadAll(`SELECT count(*)::BIGINT, ${sums.join(', ')} FROM import_source`)
    ).getRows()[0] as bigint[];
    const [rows, ...bytes] = totals.map(Number);
    const columnBytes = [...columns.values()].map((column) => layout.columnBytes[column]);
    if (rows !== layout.rows || bytes.some((n, index) => n !== columnBytes[index])) return false;
    return layout.rows;
  }

  /**
   * `import_keys`: the keys of the certain rows that are touchpoint keys in form and known, with
   * their touchpoint and default direction.
   */
  async function loadKeys(connection: DuckDBConnection): Promise<void> {
    const keys = (
      await connection.runAndReadAll('SELECT DISTINCT "touchpoint" FROM import_source WHERE certain')
    )
      .getRows()
      .map((row) => row[0] as string)
      .filter((key) => SLUG_PATTERN.test(key));
    const known = new Map<string, { id: string; direction: string }>();
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
      const part = keys.slice(start, start + KEYS_PER_QUERY);
      for (const [key, touchpoint] of await resolveTouchpointKeys(db, events, workspaceId, part))
        known.set(key, touchpoint);
    }
    await connection.run(
      'CREATE TEMP TABLE import_keys (key VARCHAR, touchpoint_id VARCHAR, direction VARCHAR)',
    );
    if (known.size === 0) return;
    await connection.run('INSERT INTO import_keys SELECT unnest($keys), unnest($ids), unnest($directions)', {
      keys: listValue([...known.keys()]),
      ids: listValue([...known.values()].map((t) => t.id)),
      directions: listValue([...known.values()].map((t) => t.direction)),
    });
  }

  /**
   * Stores the certain rows, having written the others out first. False: the file is the
   * JavaScript reader's (nothing stored).
   */
  async function storeCertainRows(connection: DuckDBConnection) {
    const rows = await readSource(connection);
    if (rows === false) return false;
    const report = onProgress && ((share: number) => onProgress(rows, share));
    await loadKeys(connection);
    // Which row of a repeated id wins is for the JavaScript path to say, in file order. Ids are
    // grouped by hash: two ids sharing one only send both to the JavaScript path too.
    if (hasId)
      await connection.run(`CREATE TEMP TABLE import_repeated AS
        SELECT hash("id") AS id_hash FROM import_source WHERE "id" IS NOT NULL
        GROUP BY ALL HAVING count(*) > 1`);
    const kept = [...columns.keys()].map((field) => `s."${field}"`).join(', ');
    await runReporting(
      connection,
      `CREATE TEMP TABLE import_other AS
       SELECT s.rowid + 1 AS "row", ${kept} FROM import_source s
       WHERE NOT s.certain
          OR NOT coalesce(s."touchpoint" IN (SELECT key FROM import_keys), false)
          ${hasId ? 'OR (s."id" IS NOT NULL AND hash(s."id") IN (SELECT id_hash FROM import_repeated))' : ''}`,
      undefined,
      report && { report, from: READ_SHARE, to: READ_SHARE + CLASSIFY_SHARE },
    );
    const otherRows = await countOf(connection, 'SELECT count(*) FROM import_other');
    if (otherRows > rows * MOST_OTHER_ROWS) return false;
    // Written out before anything is stored: a failure here leaves the store as it was.
    if (otherRows > 0)
      await connection.run(
        `COPY (SELECT * FROM import_other ORDER BY "row") TO ${literal(otherFile)} (FORMAT json)`,
      );
    const cell = (field: string) => (columns.has(field) ? `s."${field}"` : 'NULL');
    // Every row not left to the JavaScript path (its key is known, so the join keeps them all);
    // ids already stored are duplicates (the table has no key to refuse them).
    const inserted = await runReporting(
      connection,
      `INSERT INTO interactions (workspace_id, id, customer, touchpoint_id, "at", direction, sentiment,
         outcome, value, response_ms, wait_ms, duration_ms, props)
       SELECT $workspace, coalesce(${cell('id')}, gen_random_uuid()::VARCHAR), s."customer", k.touchpoint_id,
         s.at_ms, coalesce(${cell('direction')}, k.direction), ${cell('sentiment')}::TINYINT,
         ${cell('outcome')}, ${cell('value')}::DOUBLE, ${cell('response_ms')}::DOUBLE,
         ${cell('wait_ms')}::DOUBLE, ${cell('duration_ms')}::DOUBLE, ${cell('props')}
       FROM import_source s
       JOIN import_keys k ON k.key = s."touchpoint"
       ANTI JOIN import_other o ON o."row" = s.rowid + 1
       ${hasId ? 'ANTI JOIN (SELECT id FROM interactions WHERE workspace_id = $workspace) i ON i.id = s."id"' : ''}`,
      { workspace: workspaceId },
      report && { report, from: READ_SHARE + CLASSIFY_SHARE, to: 1, expectedMs: readMs },
    );
    return { rows, certainRows: rows - otherRows, inserted: inserted.rowsChanged, otherRows };
  }

  try {
    const stored = await events.withBulkWriter(async (connection) => {
      // DuckDB follows a statement's progress only when asked (and prints it only if let).
      if (onProgress)
        for (const [name, value] of PROGRESS_SETTINGS) await connection.run(`SET ${name} = ${value}`);
      try {
        return await storeCertainRows(connection);
      } finally {
        for (const table of TEMP_TABLES) await connection.run(`DROP TABLE IF EXISTS ${table}`);
        if (onProgress) for (const [name] of PROGRESS_SETTINGS) await connection.run(`RESET ${name}`);
      }
    });
    if (!stored) {
      await dispose();
      return null;
    }
    const build = csvRowBuilder('interactions', fields);
    return {
      ...stored,
      async *readOtherRows() {
        if (stored.otherRows === 0) return;
        // Each line is one row of import_other: its number and its cells by field (null: empty).
        for await (const lines of readRecords(otherFile, { kind: 'interactions', format: 'ndjson' })) {
          yield lines.map((line) => {
            if ('error' in line) throw new Error(`${otherFile}:${line.row}: ${line.error.message}`);
            const record = line.record as Record<string, string | number | null>;
            const cells = fields.map(() => '');
            for (const [field, column] of columns) cells[column] = (record[field] as string | null) ?? '';
            return build(record.row as number, cells);
          });
        }
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
