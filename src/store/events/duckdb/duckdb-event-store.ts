/**
 * The embedded event store: DuckDB in one file of the data directory (`events.duckdb`), or in
 * memory. Writes go one at a time through a queue on one connection: a batch is appended to a
 * temporary staging table and moved with `INSERT … SELECT`; ids already stored are skipped
 * (interactions: see id-filter.ts; the other tables by their primary key). Each such statement
 * commits on its own, and DuckDB writes its
 * write-ahead log on commit: a resolved insert survives a killed process. Reads use a
 * connection of their own and run beside the writes. On the way in, each interaction gets the
 * integer keys of its customer and touchpoint (see schema.ts); a file written with the first
 * layout, without them, is upgraded when opened.
 *
 * Purges (erasure of customers, deletion of a workspace, retention) take the write queue and
 * every staging lane, remove the rows from every table in one transaction (purge.ts), drop the
 * id filter and then rewrite the file without the removed bytes (compact.ts): reads pause for
 * the swap only, and the engine is opened again on the new file. Purges given together share
 * one rewrite.
 */
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  StatementType,
  VARCHAR,
} from '@duckdb/node-api';
import {
  type CodedColumn,
  type EngineQuery,
  type EventStore,
  type FeedbackAnswer,
  type InsertResult,
  type InteractionColumns,
  interactionColumns,
  type QuarantinedRecord,
  type ReplayResult,
  type UnmappedKey,
} from '../event-store.js';
import { appendColumns, type Column } from './append-columns.js';
import { removeUnfinishedCopy, swapInCompactedCopy, writeCompactedCopy } from './compact.js';
import { snapshotDuckDb } from './duckdb-snapshot.js';
import { hashesOf, IdFilter, readHashes } from './id-filter.js';
import {
  applyRetentionRows,
  COMPACT_PENDING,
  customerRecords,
  deleteWorkspaceRows,
  eraseCustomerRows,
} from './purge.js';
import {
  DUCKDB_SCHEMA,
  DUCKDB_SCHEMA_VERSION,
  FEEDBACK_SURVEY_COLUMNS,
  INTERACTION_SOURCE_COLUMNS,
} from './schema.js';

/**
 * How large DuckDB lets its write-ahead log grow before it writes the changes into the file (a
 * checkpoint). At the default, 16 MB, ingestion checkpointed every 130,000 interactions or so;
 * measured on 10,000-row inserts (docs/benchmarks.md), the checkpoints cost about as much again as
 * the inserts, against about half as much at 128 MB. After a crash the log is replayed on open:
 * about 1 s for 100 MB (900,000 interactions).
 */
const CHECKPOINT_THRESHOLD = '128MB';

/**
 * Connections with their own staging tables: batches are staged on them while another one
 * inserts. Three measured 1.05–1.1× the throughput of two over HTTP (docs/benchmarks.md).
 */
const STAGING_LANES = 3;

/** A number column's value, NaN read as NULL. */
function orNull(n: number | undefined): number | null {
  return n === undefined || Number.isNaN(n) ? null : n;
}

/**
 * The columns of the interactions' staging table, in order, as the appender fills them from
 * InteractionColumns (a row is an index into them). The text a batch repeats (workspace,
 * touchpoint, direction, outcome, props) arrives coded, and is staged as its codes.
 */
function interactionStagingColumns(c: InteractionColumns): Column<number>[] {
  const coded = (column: CodedColumn): Column<number> => ({
    kind: 'coded',
    values: column.values,
    code: (i) => column.codes[i] ?? 0,
  });
  return [
    coded(c.workspaceId),
    { kind: 'varchar', value: (i) => c.id[i] ?? null },
    { kind: 'varchar', value: (i) => c.customer[i] ?? null },
    coded(c.touchpointId),
    { kind: 'bigint', value: (i) => orNull(c.at[i]) },
    coded(c.direction),
    { kind: 'tinyint', value: (i) => orNull(c.sentiment[i]) },
    coded(c.outcome),
    { kind: 'double', value: (i) => orNull(c.value[i]) },
    { kind: 'double', value: (i) => orNull(c.responseMs[i]) },
    { kind: 'double', value: (i) => orNull(c.waitMs[i]) },
    { kind: 'double', value: (i) => orNull(c.durationMs[i]) },
    coded(c.props),
  ];
}

/** The kind of each staging column of interactions. */
const STAGING_KINDS = interactionStagingColumns(interactionColumns([])).map((column) => column.kind);

const SQL_TYPE = {
  varchar: 'VARCHAR',
  bigint: 'BIGINT',
  integer: 'INTEGER',
  coded: 'INTEGER',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
} as const;

const STAGING_INTERACTIONS = `CREATE TEMP TABLE staging_interactions (${STAGING_KINDS.map(
  (kind, i) => `${INTERACTION_SOURCE_COLUMNS[i]} ${SQL_TYPE[kind]}`,
).join(', ')})`;

/** The types of dictionary parameters, which an empty one cannot tell by itself. */
function typesOf(decode: Record<string, DuckDBValue>): Record<string, DuckDBType> {
  return Object.fromEntries(Object.keys(decode).map((name) => [name, LIST(VARCHAR)]));
}

/** The staged interactions as stored, dictionary codes decoded by the parameters `stage` answers. */
const STAGED = `SELECT ${INTERACTION_SOURCE_COLUMNS.map((name, i) =>
  STAGING_KINDS[i] === 'coded' ? `list_extract($d${i}::VARCHAR[], s.${name}) AS ${name}` : `s.${name}`,
).join(', ')} FROM staging_interactions s`;

const FEEDBACK_COLUMNS: readonly Column<FeedbackAnswer>[] = [
  { kind: 'varchar', value: (r) => r.workspaceId },
  { kind: 'varchar', value: (r) => r.id },
  { kind: 'varchar', value: (r) => r.touchpointId },
  { kind: 'varchar', value: (r) => r.customer },
  { kind: 'bigint', value: (r) => r.at },
  { kind: 'varchar', value: (r) => r.kind },
  { kind: 'double', value: (r) => r.score },
  { kind: 'varchar', value: (r) => r.comment },
  { kind: 'varchar', value: (r) => r.surveyId ?? null },
  { kind: 'varchar', value: (r) => r.question ?? null },
  { kind: 'varchar', value: (r) => r.source ?? null },
  { kind: 'varchar', value: (r) => r.language ?? null },
  { kind: 'varchar', value: (r) => r.choice ?? null },
];

const QUARANTINE_COLUMNS: readonly Column<QuarantinedRecord>[] = [
  { kind: 'varchar', value: (r) => r.workspaceId },
  { kind: 'varchar', value: (r) => r.kind },
  { kind: 'varchar', value: (r) => r.id },
  { kind: 'varchar', value: (r) => r.touchpointKey },
  { kind: 'bigint', value: (r) => r.at },
  { kind: 'varchar', value: (r) => JSON.stringify(r.record) },
];

/** Keeps the first of each key: a batch that repeats an id stores its first record. */
function firstOfEach<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(row);
  }
  return kept;
}

/** When the key pass sorts `interactions_by_touchpoint` anew (see schema.ts). */
export interface TouchpointOrderPolicy {
  /** A run of at least this many rows is ordered well enough on its own: eight row groups. */
  runRows: number;
  /** Rows in smaller runs that trigger a new sort, when they are also a quarter of the table. */
  smallRunRows: number;
}

const TOUCHPOINT_ORDER: TouchpointOrderPolicy = { runRows: 8 * 122_880, smallRunRows: 122_880 };
// Runs are ordered by workspace, touchpoint, customer and time. The workspace enters the sort as
// a small number (its rank among the workspaces with keys) packed with the touchpoint key: with
// the text id as the first key, DuckDB sorted 10 M rows in 5.5 s instead of 1.8 s.
const WORKSPACE_NUMBERS = `(SELECT workspace_id, row_number() OVER (ORDER BY workspace_id) AS w
  FROM (SELECT DISTINCT workspace_id FROM touchpoint_keys)) n ON n.workspace_id = i.workspace_id`;
const byTouchpointOrder = (customerKey: string) => `(n.w << 32) | i.touchpoint_key, ${customerKey}, i."at"`;

/** A number kept in `event_store_meta` (0 when absent). */
async function readMeta(connection: DuckDBConnection, name: string): Promise<number> {
  const row = (
    await connection.runAndReadAll('SELECT value FROM event_store_meta WHERE name = $name', { name })
  ).getRowObjectsJS()[0];
  return Number(row?.value ?? 0);
}

async function writeMeta(connection: DuckDBConnection, name: string, value: number): Promise<void> {
  await connection.run('INSERT OR REPLACE INTO event_store_meta VALUES ($name, $value)', {
    name,
    value: String(value),
  });
}

/** Rebuilds `interactions_by_touchpoint` from the keyed interactions, in one sorted run. */
async function sortByTouchpoint(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE interactions_by_touchpoint AS
    SELECT i.workspace_id, i.touchpoint_key, i.customer_key, i."at", i.sentiment
    FROM interactions i JOIN ${WORKSPACE_NUMBERS}
    WHERE i.customer_key IS NOT NULL AND i.touchpoint_key IS NOT NULL ORDER BY ${byTouchpointOrder('i.customer_key')}`);
  await writeMeta(connection, 'by_touchpoint_small_runs', 0);
}

/**
 * Gives the interactions stored since the last call their integer keys (see schema.ts), in one
 * transaction: new customers and touchpoints get the next numbers of their workspace, then the
 * rows without keys are filled in and added to `interactions_by_touchpoint` as one sorted run.
 * Inserts leave the keys empty: a dictionary lookup per batch would scan the dictionaries each
 * time (DuckDB joins by hashing, not through an index), while one pass before the next analysis
 * does the same work for many batches at once.
 */
async function assignKeys(
  connection: DuckDBConnection,
  policy: TouchpointOrderPolicy,
  onKeyPass?: (interactions: number) => void,
): Promise<void> {
  const dictionaries = [
    { table: 'touchpoint_keys', column: 'touchpoint_id', key: 'touchpoint_key' },
    { table: 'customer_keys', column: 'customer', key: 'customer_key' },
  ];
  const unkeyed = 'customer_key IS NULL OR touchpoint_key IS NULL OR seq IS NULL OR ord IS NULL';
  const pending = await connection.runAndReadAll(`SELECT 1 FROM interactions WHERE ${unkeyed} LIMIT 1`);
  if (pending.getRows().length === 0) return;
  if (onKeyPass) {
    const counted = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM interactions WHERE ${unkeyed}`,
    );
    onKeyPass(Number(counted.getRowObjectsJS()[0]?.n ?? 0));
  }
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const { table, column, key } of dictionaries) {
      await connection.run(`INSERT INTO ${table}
        SELECT s.workspace_id, s.${column},
               coalesce(top.n, 0) + row_number() OVER (PARTITION BY s.workspace_id ORDER BY s.${column})
        FROM (SELECT DISTINCT workspace_id, ${column} FROM interactions WHERE ${key} IS NULL) s
        ANTI JOIN ${table} k ON k.workspace_id = s.workspace_id AND k.${column} = s.${column}
        LEFT JOIN (SELECT workspace_id, max(${key}) AS n FROM ${table} GROUP BY workspace_id) top
          ON top.workspace_id = s.workspace_id`);
    }
    await connection.run(`UPDATE interactions SET touchpoint_key = k.touchpoint_key FROM touchpoint_keys k
      WHERE interactions.touchpoint_key IS NULL
        AND k.workspace_id = interactions.workspace_id AND k.touchpoint_id = interactions.touchpoint_id`);
    // The rows still without a customer key are those no pass has added yet: the pass commits
    // whole, and a file's rows keyed before the ordered table existed were added when it was made.
    const added = await connection.run(`INSERT INTO interactions_by_touchpoint
      SELECT i.workspace_id, i.touchpoint_key, k.customer_key, i."at", i.sentiment
      FROM interactions i JOIN customer_keys k ON k.workspace_id = i.workspace_id AND k.customer = i.customer
        JOIN ${WORKSPACE_NUMBERS}
      WHERE i.customer_key IS NULL ORDER BY ${byTouchpointOrder('k.customer_key')}`);
    await connection.run(`UPDATE interactions SET customer_key = k.customer_key FROM customer_keys k
      WHERE interactions.customer_key IS NULL
        AND k.workspace_id = interactions.workspace_id AND k.customer = interactions.customer`);
    // seq (see schema.ts): the instants a new interaction shares with another of its customer
    // are numbered by id, old interactions at those instants included; every other new one is 0.
    await connection.run(`UPDATE interactions SET seq = t.seq FROM (
        SELECT i.workspace_id, i.id,
               (row_number() OVER (PARTITION BY i.workspace_id, i.customer_key, i."at" ORDER BY i.id) - 1)::INTEGER AS seq
        FROM interactions i JOIN (
          SELECT workspace_id, customer_key, "at" FROM interactions
          WHERE (workspace_id, customer_key, "at") IN (
            SELECT workspace_id, customer_key, "at" FROM interactions WHERE seq IS NULL)
          GROUP BY ALL HAVING count(*) > 1) shared USING (workspace_id, customer_key, "at")) t
      WHERE interactions.workspace_id = t.workspace_id AND interactions.id = t.id`);
    await connection.run('UPDATE interactions SET seq = 0 WHERE seq IS NULL');
    // ord and prev_key (see schema.ts) of every interaction of a customer with new ones: a new
    // interaction may come before older ones and move them. Rows are matched by rowid, which
    // holds within this one transaction (a purge or a file rewrite between passes may move it).
    await connection.run(`UPDATE interactions SET ord = t.ord, prev_key = t.prev_key FROM (
        SELECT i.rowid AS r, row_number() OVER w AS ord, lag(i.touchpoint_key) OVER w AS prev_key
        FROM interactions i SEMI JOIN (SELECT DISTINCT workspace_id, customer_key FROM interactions WHERE ord IS NULL) n
          ON n.workspace_id = i.workspace_id AND n.customer_key = i.customer_key
        WINDOW w AS (PARTITION BY i.workspace_id, i.customer_key ORDER BY i."at", i.seq)) t
      WHERE interactions.rowid = t.r
        AND (interactions.ord IS DISTINCT FROM t.ord OR interactions.prev_key IS DISTINCT FROM t.prev_key)`);
    await orderByTouchpoint(connection, policy, Number(added.rowsChanged));
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/**
 * Counts a run just added to `interactions_by_touchpoint`: a small one mixes its touchpoints in
 * the row groups it shares, so once small runs hold a quarter of the table (and at least
 * `smallRunRows`), the table is sorted anew. Each row is thus sorted again a bounded number of
 * times on average, as the table grows.
 */
async function orderByTouchpoint(
  connection: DuckDBConnection,
  policy: TouchpointOrderPolicy,
  added: number,
): Promise<void> {
  if (added === 0 || added >= policy.runRows) return;
  const small = (await readMeta(connection, 'by_touchpoint_small_runs')) + added;
  const total = Number(
    (
      await connection.runAndReadAll('SELECT count(*) AS n FROM interactions_by_touchpoint')
    ).getRowObjectsJS()[0]?.n ?? 0,
  );
  if (small >= policy.smallRunRows && small * 4 >= total) await sortByTouchpoint(connection);
  else await writeMeta(connection, 'by_touchpoint_small_runs', small);
}

const INSERT_INTERACTIONS = `INTO interactions (${INTERACTION_SOURCE_COLUMNS.join(', ')})`;
/** The condition that keeps the rows of `alias` whose id the workspace has not stored. */
const NOT_STORED = (alias: string) => `NOT EXISTS (SELECT 1 FROM interactions i
  WHERE i.workspace_id = ${alias}.workspace_id AND i.id = ${alias}.id)`;

/** Whether the file's table has the column. */
async function hasColumn(connection: DuckDBConnection, table: string, column: string): Promise<boolean> {
  const found = await connection.runAndReadAll(
    `SELECT 1 FROM duckdb_columns() WHERE table_name = $table AND column_name = $column
       AND schema_name = current_schema() AND database_name = current_database()`,
    { table, column },
  );
  return found.getRows().length > 0;
}

/**
 * Brings a file to the current layout: the first layout (no version recorded) lacks the key
 * columns, the second `seq`, layouts before the sixth `ord` and `prev_key`; missing columns are
 * added empty and filled like those of new interactions, in the next key pass. Layouts before
 * the fourth kept a primary key on interactions, which the fourth drops; the fifth adds
 * interactions_by_touchpoint (see schema.ts); the seventh tags feedback answers with their survey,
 * question, source, language and choice (NULL for older answers).
 */
async function upgradeSchema(connection: DuckDBConnection): Promise<void> {
  const recorded = await readMeta(connection, 'schema_version');
  if (recorded >= DUCKDB_SCHEMA_VERSION) return;
  const hasKeys = await hasColumn(connection, 'interactions', 'customer_key');
  await connection.run('BEGIN TRANSACTION');
  try {
    if (!hasKeys) {
      await connection.run('ALTER TABLE interactions ADD COLUMN customer_key INTEGER');
      await connection.run('ALTER TABLE interactions ADD COLUMN touchpoint_key INTEGER');
    }
    for (const column of ['seq', 'ord', 'prev_key']) {
      if (!(await hasColumn(connection, 'interactions', column)))
        await connection.run(`ALTER TABLE interactions ADD COLUMN ${column} INTEGER`);
    }
    // DuckDB cannot drop a primary key: the table is copied into one made without it.
    const keyed = await connection.runAndReadAll(
      `SELECT 1 FROM duckdb_constraints() WHERE table_name = 'interactions' AND constraint_type = 'PRIMARY KEY'
         AND schema_name = current_schema() AND database_name = current_database()`,
    );
    if (keyed.getRows().length > 0) {
      const ddl = DUCKDB_SCHEMA[0]?.replace('IF NOT EXISTS interactions', 'interactions_unkeyed') ?? '';
      await connection.run(ddl);
      await connection.run('INSERT INTO interactions_unkeyed SELECT * FROM interactions');
      await connection.run('DROP TABLE interactions');
      await connection.run('ALTER TABLE interactions_unkeyed RENAME TO interactions');
    }
    // The fifth layout adds interactions_by_touchpoint (the DDL made it empty): it gets the rows
    // keyed so far; the key pass adds the others.
    if (recorded < 5) await sortByTouchpoint(connection);
    // The seventh tags feedback answers with their survey, question, source and language.
    for (const column of FEEDBACK_SURVEY_COLUMNS) {
      if (!(await hasColumn(connection, 'feedback', column.replaceAll('"', ''))))
        await connection.run(`ALTER TABLE feedback ADD COLUMN ${column} VARCHAR`);
    }
    await writeMeta(connection, 'schema_version', DUCKDB_SCHEMA_VERSION);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/**
 * Customers a perfect hash table may hold, as a power of two: up to 2^21 customers in a
 * workspace, DuckDB groups by the customer key in an array; beyond, in a general hash table.
 */
const PERFECT_HASH_BITS = 21;

/** Turns DuckDB's wide integers (BIGINT, HUGEINT → bigint) into numbers, also inside lists and structs. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Binds plain JS parameters: arrays become DuckDB lists. */
function bindable(params: Record<string, unknown>): Record<string, DuckDBValue> {
  const toValue = (v: unknown): DuckDBValue =>
    Array.isArray(v) ? listValue(v.map(toValue)) : (v as DuckDBValue);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toValue(v)]));
}

/** Opens (creating if needed) the DuckDB event store; `file` undefined means in memory. */
export async function openDuckDbEventStore(
  options: {
    file?: string | undefined;
    /** When `interactions_by_touchpoint` is sorted anew; tests make its runs small. */
    touchpointOrder?: TouchpointOrderPolicy;
    /**
     * Run the key pass once writes have paused this long, rather than only before the next
     * analysis, so that the first analysis after a large ingestion does not wait for it (the
     * server sets it; a command that ends after its writes does not).
     */
    keyWhenIdleMs?: number;
    /**
     * Told when a key pass starts, with how many interactions it gives keys to: a command that
     * waits for it can say so (10 M take about 12 s).
     */
    onKeyPass?: (interactions: number) => void;
    /** Told when a purge has rewritten the file without the removed bytes: how long that took. */
    onFileRewrite?: (milliseconds: number) => void;
  } = {},
): Promise<EventStore> {
  const touchpointOrder = options.touchpointOrder ?? TOUCHPOINT_ORDER;
  if (options.file) removeUnfinishedCopy(options.file);
  // The engine and its connections (the writer and the staging lanes): opened anew together
  // when a purge rewrites the file.
  const lanes: DuckDBConnection[] = [];
  async function connect(): Promise<{ instance: DuckDBInstance; writer: DuckDBConnection }> {
    const instance = await DuckDBInstance.create(options.file ?? ':memory:', {
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
    });
    lanes.length = 0;
    try {
      const writer = await instance.connect();
      await writer.run(`SET GLOBAL perfect_ht_threshold = ${PERFECT_HASH_BITS}`);
      for (const ddl of DUCKDB_SCHEMA) await writer.run(ddl);
      await upgradeSchema(writer);
      for (let n = 0; n < STAGING_LANES; n++) {
        const lane = await instance.connect();
        await lane.run(STAGING_INTERACTIONS);
        for (const table of ['feedback', 'quarantine'])
          await lane.run(`CREATE TEMP TABLE staging_${table} AS SELECT * FROM ${table} LIMIT 0`);
        lanes.push(lane);
      }
      return { instance, writer };
    } catch (error) {
      for (const lane of lanes) lane.closeSync();
      instance.closeSync();
      throw error;
    }
  }
  let { instance, writer } = await connect();
  let connected = true;
  function disconnect(): void {
    if (!connected) return;
    connected = false;
    for (const lane of lanes) lane.closeSync();
    lanes.length = 0;
    writer.closeSync();
    instance.closeSync();
  }

  /** The key pass under way, which every analysis waits for. */
  let keying: Promise<void> | undefined;
  // Whether interactions may lack their integer keys (a file opened may hold some).
  let unkeyed = true;

  // One write to the stored tables at a time.
  let tail: Promise<unknown> = Promise.resolve();
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  }

  // Writes under way, which close() lets finish; none are accepted once it has begun.
  let closing = false;
  const inFlight = new Set<Promise<unknown>>();
  // Set when the engine could not be opened again after a file rewrite: nothing more is taken.
  let broken: Error | undefined;
  function write<T>(work: () => Promise<T>): Promise<T> {
    if (closing) return Promise.reject(new Error('the event store is closed'));
    if (broken) return Promise.reject(broken);
    const run = work();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run)).catch(() => {});
    return run;
  }

  /**
   * Gives keys to what was stored since the last pass (see assignKeys), unless nothing lacks
   * them; inserts that land meanwhile set the flag again for the next pass. Analyses that start
   * meanwhile wait for the same pass.
   */
  function startKeyPass(): void {
    if (!unkeyed || closing) return;
    unkeyed = false;
    const pass = write(() => serialize(() => assignKeys(writer, touchpointOrder, options.onKeyPass)));
    keying = pass;
    const settle = () => {
      if (keying === pass) keying = undefined;
    };
    pass.then(settle, () => {
      unkeyed = true;
      settle();
    });
  }

  // With keyWhenIdleMs, each write that leaves interactions without keys (re)starts a timer;
  // the pass runs when it fires with no write under way.
  let idleTimer: NodeJS.Timeout | undefined;
  function markUnkeyed(): void {
    unkeyed = true;
    if (options.keyWhenIdleMs === undefined || closing) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      if (inFlight.size > 0) markUnkeyed();
      else startKeyPass();
    }, options.keyWhenIdleMs);
    idleTimer.unref();
  }
  // A file may hold interactions without keys (written by an import, say).
  if (options.keyWhenIdleMs !== undefined) markUnkeyed();

  // Staging lanes: a batch is appended to a lane's own temporary tables while the previous
  // batch's INSERT runs, so the appending (JavaScript) and the inserting (DuckDB) overlap.
  // Lanes go to callers in call order.
  const idle = [...lanes];
  const waiting: ((lane: DuckDBConnection) => void)[] = [];
  function acquireLane(): Promise<DuckDBConnection> {
    const lane = idle.pop();
    return lane ? Promise.resolve(lane) : new Promise((resolve) => waiting.push(resolve));
  }
  function releaseLane(lane: DuckDBConnection): void {
    const next = waiting.shift();
    if (next) next(lane);
    else idle.push(lane);
  }

  // Statements each lane runs for every batch, prepared once.
  const preparedOf = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  /**
   * Runs a statement with dictionary parameters on a lane, prepared on its first use there: one
   * call into the engine, where `run` with parameters makes three (extract, prepare, execute),
   * each of which waits for a free turn of the event loop.
   */
  async function runPrepared(
    lane: DuckDBConnection,
    sql: string,
    decode: Record<string, DuckDBValue>,
  ): Promise<DuckDBMaterializedResult> {
    let statements = preparedOf.get(lane);
    if (!statements) {
      statements = new Map();
      preparedOf.set(lane, statements);
    }
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = await lane.prepare(sql);
      statements.set(sql, prepared);
    }
    prepared.bind(decode, typesOf(decode));
    return prepared.run();
  }

  /**
   * Appends rows to a lane's staging table (emptied first); answers the dictionaries of its
   * dictionary columns as the parameters `$d<column index>` that decode them.
   */
  async function stage<T>(
    lane: DuckDBConnection,
    table: string,
    columns: readonly Column<T>[],
    rows: readonly T[],
  ): Promise<Record<string, DuckDBValue>> {
    await lane.run(`DELETE FROM staging_${table}`);
    const appender = await lane.createAppender(`staging_${table}`);
    try {
      const dictionaries = appendColumns(appender, columns, rows);
      appender.flushSync();
      return Object.fromEntries(
        dictionaries.flatMap((values, index) => (values ? [[`d${index}`, listValue(values)]] : [])),
      );
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Stages the batch and moves its new ids into the table with `store`, run in the write turn on
   * the lane holding the staged rows; answers how many were new. `prepare` reads what `store`
   * needs from the staged rows alone, before the turn: the turn is the one part of a batch that
   * waits for the others, and each call into the engine in it also waits for a free turn of the
   * event loop, which parsing another request may hold for several milliseconds.
   */
  function insertStaged<T, P = undefined>(
    table: string,
    columns: readonly Column<T>[],
    rows: readonly T[],
    store: (lane: DuckDBConnection, decode: Record<string, DuckDBValue>, prepared: P) => Promise<number>,
    prepare?: (lane: DuckDBConnection, decode: Record<string, DuckDBValue>) => Promise<P>,
  ): Promise<InsertResult> {
    if (rows.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
    return write(async () => {
      // The lane and the turn to insert are both taken now, so concurrent batches are stored in
      // the order they were given (a later batch that repeats an id never wins over an earlier
      // one); the next batch is staged while this one inserts.
      const laneGiven = acquireLane();
      const staged = laneGiven.then(async (lane) => {
        const decode = await stage(lane, table, columns, rows);
        const prepared = (prepare ? await prepare(lane, decode) : undefined) as P;
        return { lane, decode, prepared };
      });
      const inserted = serialize(async () => {
        const { lane, decode, prepared } = await staged;
        return store(lane, decode, prepared);
      });
      const lane = await laneGiven;
      try {
        await Promise.allSettled([staged, inserted]);
        const count = await inserted;
        return { inserted: count, duplicates: rows.length - count };
      } finally {
        // The staged rows stay until the lane's next batch empties the table (one call less here).
        releaseLane(lane);
      }
    });
  }

  /**
   * The store step of a table with a primary key (feedback, quarantine): `insert` is an INSERT …
   * SELECT without its verb. A plain INSERT of the whole batch is tried first: DuckDB's INSERT OR
   * IGNORE checks each row for conflicts and grows slower with the table (measured: 90 ms per
   * 10,000 rows at 250,000 rows, 580 ms at 1,000,000). Only a batch that repeats an id, stored or
   * within itself, fails it (nothing of it is stored); it is then staged again with the first
   * record of each id and inserted with OR IGNORE.
   */
  function keyedInsert<T>(
    table: string,
    columns: readonly Column<T>[],
    rows: readonly T[],
    keyOf: (row: T) => string,
    insert: string,
  ) {
    return async (lane: DuckDBConnection): Promise<number> => {
      try {
        return (await lane.run(`INSERT ${insert}`)).rowsChanged;
      } catch (error) {
        if (!/Constraint Error/i.test(String(error))) throw error;
        const unique = firstOfEach(rows, keyOf);
        if (unique.length < rows.length) await stage(lane, table, columns, unique);
        return (await lane.run(`INSERT OR IGNORE ${insert}`)).rowsChanged;
      }
    };
  }

  /**
   * Ids of stored interactions (see id-filter.ts), built on the first insert; dropped by bulk
   * work, which may store interactions it does not see.
   */
  let idFilter: IdFilter | undefined;

  /**
   * The store step of interactions, which have no primary key: the batch's hashes go through the
   * id filter, and a batch none of whose ids may be stored, or repeated, is inserted as it is.
   * Otherwise (a re-sent batch, a rare false "maybe") the first record of each id is staged again
   * and only ids the table does not hold are inserted, the engine comparing the ids themselves.
   */
  async function storeInteractions(
    lane: DuckDBConnection,
    batch: InteractionColumns,
    columns: readonly Column<number>[],
    rows: readonly number[],
    decode: Record<string, DuckDBValue>,
    hashes: Uint32Array,
  ): Promise<number> {
    if (!idFilter?.hasRoomFor(rows.length)) idFilter = await IdFilter.build(writer, rows.length);
    if (!idFilter.add(hashes))
      return (await runPrepared(lane, `INSERT ${INSERT_INTERACTIONS} ${STAGED}`, decode)).rowsChanged;
    const workspace = batch.workspaceId;
    const unique = firstOfEach(rows, (i) => `${workspace.codes[i]}\u0000${batch.id[i]}`);
    const restaged =
      unique.length < rows.length ? await stage(lane, 'interactions', columns, unique) : decode;
    return (
      await lane.run(
        `INSERT ${INSERT_INTERACTIONS} SELECT * FROM (${STAGED}) s WHERE ${NOT_STORED('s')}`,
        restaged,
        typesOf(restaged),
      )
    ).rowsChanged;
  }

  /** The hashes of the staged interactions' (workspace, id), as the id filter takes them. */
  function stagedHashes(lane: DuckDBConnection, decode: Record<string, DuckDBValue>): Promise<Uint32Array> {
    return runPrepared(lane, `SELECT hash(workspace_id, id) FROM (${STAGED})`, decode).then(hashesOf);
  }

  function insertInteractionColumns(batch: InteractionColumns): Promise<InsertResult> {
    const columns = interactionStagingColumns(batch);
    const rows = batch.rows ?? Array.from({ length: batch.length }, (_, i) => i);
    return insertStaged(
      'interactions',
      columns,
      rows,
      (lane, decode, hashes) => storeInteractions(lane, batch, columns, rows, decode, hashes),
      stagedHashes,
    ).then((result) => {
      if (result.inserted > 0) markUnkeyed();
      return result;
    });
  }

  // Reads under way, and the pause of a file rewrite (see compact), which new reads wait for.
  const reading = new Set<Promise<unknown>>();
  let readsPaused: Promise<void> | undefined;

  /** Runs one SELECT on a fresh connection (reads see committed data and never block writes). */
  async function read<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    while (readsPaused) await readsPaused;
    const run = (async () => {
      const connection = await instance.connect();
      try {
        const prepared = await connection.prepare(sql);
        if (prepared.statementType !== StatementType.SELECT)
          throw new Error('the event store runs only read-only queries (one SELECT statement)');
        prepared.bind(bindable(params));
        const reader = await prepared.runAndReadAll();
        return reader.getRowObjectsJS().map((row) => plain(row) as T);
      } finally {
        connection.closeSync();
      }
    })();
    reading.add(run);
    try {
      return await run;
    } finally {
      reading.delete(run);
    }
  }

  /**
   * Runs `work` in the write queue holding every staging lane, so that no batch is staged or
   * stored meanwhile: the batches given before it are stored, later ones wait. The lanes' staging
   * tables (the last batch each staged, kept until the next) are emptied first.
   */
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    return write(() => {
      const held = Promise.all(lanes.map(() => acquireLane()));
      return serialize(async () => {
        await held;
        try {
          for (const lane of lanes)
            for (const table of ['interactions', 'feedback', 'quarantine'])
              await lane.run(`DELETE FROM staging_${table}`);
          return await work();
        } finally {
          // The lanes held now, new ones if the file was rewritten.
          for (const lane of lanes) releaseLane(lane);
        }
      });
    });
  }

  /**
   * Rewrites the file without the bytes of purged rows (see compact.ts), when a purge left them:
   * reads are paused and the engine reopened on the new file. An in-memory store only
   * checkpoints, which lets DuckDB vacuum its deleted rows.
   */
  async function compact(): Promise<void> {
    if ((await readMeta(writer, COMPACT_PENDING)) === 0) return;
    const file = options.file;
    if (!file) {
      // FORCE waits for reads under way, where a plain CHECKPOINT would fail.
      await writer.run('FORCE CHECKPOINT');
      await writer.run('DELETE FROM event_store_meta WHERE name = $name', { name: COMPACT_PENDING });
      return;
    }
    const started = performance.now();
    await writeCompactedCopy(writer, file);
    let resume = () => {};
    readsPaused = new Promise((resolve) => {
      resume = resolve;
    });
    try {
      await Promise.allSettled([...reading]);
      disconnect();
      swapInCompactedCopy(file);
      ({ instance, writer } = await connect());
      connected = true;
    } catch (error) {
      // The swap failed (the old file is in place, still marked) or the reopening did.
      try {
        if (!connected) {
          ({ instance, writer } = await connect());
          connected = true;
        }
      } catch (reopening) {
        broken = new Error(`the event store could not open its file again after rewriting it: ${reopening}`);
      }
      throw error;
    } finally {
      readsPaused = undefined;
      resume();
    }
    options.onFileRewrite?.(performance.now() - started);
  }

  // Purges given and not yet applied, and the file rewrite that the purges applied since the
  // last one wait for: purges given together share one rewrite, done after the last of them.
  let purgesQueued = 0;
  let nextRewrite: { done: Promise<void>; settle: (error?: unknown) => void } | undefined;
  function awaitedRewrite(): { done: Promise<void>; settle: (error?: unknown) => void } {
    if (nextRewrite) return nextRewrite;
    let settle: (error?: unknown) => void = () => {};
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    done.catch(() => {});
    nextRewrite = { done, settle };
    return nextRewrite;
  }

  /**
   * A purge: its rows go in one transaction, then from the file; stored ids are read anew. It
   * resolves once a file rewrite after it is done: its own, or that of a purge given after it.
   */
  async function purge<T>(remove: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    purgesQueued++;
    const { outcome, rewritten } = await exclusive(async () => {
      let outcome: { result: T } | { error: unknown };
      try {
        outcome = { result: await remove(writer) };
      } catch (error) {
        outcome = { error };
      }
      purgesQueued--;
      // Ids of removed interactions may be stored again: the filter is built anew when needed.
      idFilter = undefined;
      const rewrite = awaitedRewrite();
      if (purgesQueued === 0) {
        nextRewrite = undefined;
        try {
          await compact();
          rewrite.settle();
        } catch (error) {
          rewrite.settle(error);
        }
      }
      return { outcome, rewritten: rewrite.done };
    });
    if ('error' in outcome) throw outcome.error;
    await rewritten;
    return outcome.result;
  }

  // A purge whose file rewrite did not finish (the process ended) rewrites it now, first in the
  // write queue; should that fail too, the mark stays for the next purge or open to try again.
  if (options.file && (await readMeta(writer, COMPACT_PENDING)) > 0) void exclusive(compact).catch(() => {});

  return {
    engine: 'duckdb',

    insertInteractions(rows) {
      return insertInteractionColumns(interactionColumns(rows));
    },

    insertInteractionColumns,

    insertFeedback(rows) {
      return insertStaged(
        'feedback',
        FEEDBACK_COLUMNS,
        rows,
        keyedInsert(
          'feedback',
          FEEDBACK_COLUMNS,
          rows,
          (r) => `${r.workspaceId}\u0000${r.id}`,
          'INTO feedback SELECT * FROM staging_feedback',
        ),
      );
    },

    quarantine(rows) {
      // A record already stored under its id (replayed earlier) is a duplicate, not news.
      return insertStaged(
        'quarantine',
        QUARANTINE_COLUMNS,
        rows,
        keyedInsert(
          'quarantine',
          QUARANTINE_COLUMNS,
          rows,
          (r) => `${r.workspaceId}\u0000${r.kind}\u0000${r.id}`,
          `INTO quarantine SELECT s.* FROM staging_quarantine s
           WHERE NOT (s.kind = 'interaction' AND EXISTS (
                   SELECT 1 FROM interactions i WHERE i.workspace_id = s.workspace_id AND i.id = s.id))
             AND NOT (s.kind = 'feedback' AND EXISTS (
                   SELECT 1 FROM feedback f WHERE f.workspace_id = s.workspace_id AND f.id = s.id))`,
        ),
      );
    },

    async listUnmapped(workspaceId) {
      return read<UnmappedKey>(
        `SELECT touchpoint_key AS "touchpointKey", count(*) AS "count",
                min(q.at) AS "firstSeen", max(q.at) AS "lastSeen"
         FROM quarantine q WHERE workspace_id = $workspaceId
         GROUP BY touchpoint_key ORDER BY "count" DESC, touchpoint_key`,
        { workspaceId },
      );
    },

    replayQuarantined(workspaceId, touchpointKey, touchpoint) {
      return write(() =>
        serialize(async (): Promise<ReplayResult> => {
          const where = { workspaceId, touchpointKey };
          const counts = (
            await writer.runAndReadAll(
              `SELECT count(*) FILTER (kind = 'interaction') AS interactions,
                    count(*) FILTER (kind = 'feedback') AS feedback
             FROM quarantine WHERE workspace_id = $workspaceId AND touchpoint_key = $touchpointKey`,
              where,
            )
          ).getRowObjectsJS()[0];
          const interactionCount = Number(counts?.interactions ?? 0);
          const feedbackCount = Number(counts?.feedback ?? 0);
          if (interactionCount + feedbackCount === 0)
            return { interactions: { inserted: 0, duplicates: 0 }, feedback: { inserted: 0, duplicates: 0 } };
          const params = { ...where, touchpointId: touchpoint.id, direction: touchpoint.direction };
          await writer.run('BEGIN TRANSACTION');
          try {
            // The filter learns the replayed ids first: an error after it only costs a "maybe".
            const replayed = `FROM quarantine q
              WHERE workspace_id = $workspaceId AND touchpoint_key = $touchpointKey AND kind = 'interaction'`;
            if (idFilter && interactionCount > 0) {
              if (!idFilter.hasRoomFor(interactionCount)) idFilter = undefined;
              else idFilter.add(await readHashes(writer, `SELECT hash(workspace_id, id) ${replayed}`, where));
            }
            const interactions = await writer.run(
              `INSERT ${INSERT_INTERACTIONS}
             SELECT workspace_id, id, record->>'customer', $touchpointId, q.at,
                    coalesce(record->>'direction', $direction),
                    (record->>'sentiment')::TINYINT, record->>'outcome', (record->>'value')::DOUBLE,
                    (record->>'responseMs')::DOUBLE, (record->>'waitMs')::DOUBLE,
                    (record->>'durationMs')::DOUBLE, record->>'props'
             ${replayed} AND ${NOT_STORED('q')}`,
              params,
            );
            if (interactions.rowsChanged > 0) markUnkeyed();
            const feedback = await writer.run(
              `INSERT OR IGNORE INTO feedback
             SELECT workspace_id, id, $touchpointId, record->>'customer', q.at, record->>'kind',
                    (record->>'score')::DOUBLE, record->>'comment', NULL, NULL, record->>'source',
                    record->>'language', NULL
             FROM quarantine q
             WHERE workspace_id = $workspaceId AND touchpoint_key = $touchpointKey AND kind = 'feedback'`,
              { workspaceId, touchpointKey, touchpointId: touchpoint.id },
            );
            await writer.run(
              'DELETE FROM quarantine WHERE workspace_id = $workspaceId AND touchpoint_key = $touchpointKey',
              where,
            );
            await writer.run('COMMIT');
            return {
              interactions: {
                inserted: interactions.rowsChanged,
                duplicates: interactionCount - interactions.rowsChanged,
              },
              feedback: { inserted: feedback.rowsChanged, duplicates: feedbackCount - feedback.rowsChanged },
            };
          } catch (error) {
            await writer.run('ROLLBACK');
            throw error;
          }
        }),
      );
    },

    setTouchpointAlias(workspaceId, touchpointKey, touchpointId) {
      return write(() =>
        serialize(async () => {
          await writer.run(
            'INSERT OR REPLACE INTO touchpoint_aliases VALUES ($workspaceId, $touchpointKey, $touchpointId)',
            {
              workspaceId,
              touchpointKey,
              touchpointId,
            },
          );
        }),
      );
    },

    async findTouchpointAliases(workspaceId, touchpointKeys) {
      if (touchpointKeys.length === 0) return new Map();
      const rows = await read<{ key: string; id: string }>(
        `SELECT touchpoint_key AS key, touchpoint_id AS id FROM touchpoint_aliases
         WHERE workspace_id = $workspaceId AND list_contains($keys, touchpoint_key)`,
        { workspaceId, keys: [...touchpointKeys] },
      );
      return new Map(rows.map((r) => [r.key, r.id]));
    },

    async countByTouchpoint(workspaceId, touchpointIds) {
      if (touchpointIds.length === 0) return new Map();
      const rows = await read<{ id: string; n: number }>(
        `SELECT touchpoint_id AS id, count(*) AS n FROM interactions
         WHERE workspace_id = $workspaceId AND list_contains($ids, touchpoint_id)
         GROUP BY touchpoint_id`,
        { workspaceId, ids: [...touchpointIds] },
      );
      return new Map(rows.map((r) => [r.id, r.n]));
    },

    async countFeedbackByTouchpoint(workspaceId, touchpointIds) {
      if (touchpointIds.length === 0) return new Map();
      const rows = await read<{ id: string; n: number }>(
        `SELECT touchpoint_id AS id, count(*) AS n FROM feedback
         WHERE workspace_id = $workspaceId AND list_contains($ids, touchpoint_id)
         GROUP BY touchpoint_id`,
        { workspaceId, ids: [...touchpointIds] },
      );
      return new Map(rows.map((r) => [r.id, r.n]));
    },

    withBulkWriter(work) {
      return write(() =>
        serialize(async () => {
          try {
            return await work(writer);
          } finally {
            markUnkeyed();
            idFilter = undefined;
          }
        }),
      );
    },

    async query<T>(q: EngineQuery) {
      startKeyPass();
      if (keying) await keying;
      return read<T>(q.sql, q.params);
    },

    exportCustomer(workspaceId, customer) {
      return write(() => serialize(() => customerRecords(writer, workspaceId, customer)));
    },

    eraseCustomers(workspaceId, customers) {
      return purge((connection) => eraseCustomerRows(connection, workspaceId, customers));
    },

    deleteWorkspace(workspaceId) {
      return purge((connection) => deleteWorkspaceRows(connection, workspaceId));
    },

    applyRetention(workspaceId, cutoffs) {
      return purge((connection) => applyRetentionRows(connection, workspaceId, cutoffs));
    },

    snapshotTo(file) {
      return write(() => serialize(() => snapshotDuckDb(writer, file)));
    },

    async close() {
      if (closing) return;
      closing = true;
      clearTimeout(idleTimer);
      await Promise.allSettled([...inFlight]);
      disconnect();
    },
  };
}
