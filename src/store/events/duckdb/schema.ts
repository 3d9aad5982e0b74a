/**
 * DuckDB tables of the event store. Times are epoch milliseconds (BIGINT); ids are unique per
 * workspace, which is what makes ingestion idempotent. Feedback and quarantine keep that with a
 * primary key; interactions, by far the largest table, with no index: the store checks each
 * batch against an in-memory filter of the stored ids and lets the engine compare ids only when
 * the filter says "maybe" (see id-filter.ts). DuckDB's index cost most of an insert and memory
 * that grew with the table.
 *
 * Each interaction also carries integer keys for its customer and touchpoint, dense per
 * workspace (1, 2, 3…) and assigned at insert from the `customer_keys` and `touchpoint_keys`
 * dictionaries. The analyses group and join on them: integer keys hash and compare faster than
 * text, and a dense range lets DuckDB group customers in a perfect hash table (an array indexed
 * by the key) instead of a general one.
 *
 * `seq` orders a customer's interactions at the same instant as their ids do (0, 1, 2… by id
 * within each such instant; 0 for almost all): the analyses order by (`at`, `seq`), two
 * integers, instead of (`at`, `id`) — sorting on the text id measured about twice as costly. It is
 * filled in the same pass as the keys.
 *
 * `ord` is an interaction's place among its customer's interactions (1, 2, 3… by `at`, then
 * `seq`) and `prev_key` the touchpoint key of the one before it (NULL for the first). With them,
 * attribution finds a touch's position on its path by arithmetic (`ord` minus the path's first
 * `ord`) instead of sorting every path: a path is an unbroken run of its customer's interactions
 * when no filter leaves some out. The key pass fills them for every customer with new
 * interactions (a new one may come before older ones).
 *
 * `interactions_by_touchpoint` repeats the few columns chain conversion scans (SPEC §7.1), in
 * runs ordered by workspace, touchpoint, customer and time. DuckDB keeps the smallest and largest
 * value of each column per row group (122,880 rows): a scan for a link's touchpoints skips the
 * row groups of the others, and it meets each customer's rows together. On 10 M interactions
 * the chain query took about 0.63 of its time on `interactions` (docs/benchmarks.md). The key
 * pass fills it with the rows it gives keys to, and sorts it anew when small runs pile up.
 *
 * Purges keep all of this valid without a new pass (see purge.ts): an erased customer's or a
 * deleted workspace's rows leave every table at once, leaving holes in the dense keys (DuckDB
 * still groups the range in an array); retention numbers `ord` and `prev_key` again for the
 * customers whose oldest interactions it removed.
 *
 * `at` is a reserved word in DuckDB: the DDL quotes it, and queries must write it qualified
 * (`i.at`) or quoted (`"at"`) — a bare `at` is a syntax error.
 */
export const DUCKDB_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS interactions (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    customer VARCHAR NOT NULL,
    touchpoint_id VARCHAR NOT NULL,
    "at" BIGINT NOT NULL,
    direction VARCHAR NOT NULL,
    sentiment TINYINT,
    outcome VARCHAR,
    value DOUBLE,
    response_ms DOUBLE,
    wait_ms DOUBLE,
    duration_ms DOUBLE,
    props VARCHAR,
    customer_key INTEGER,
    touchpoint_key INTEGER,
    seq INTEGER,
    ord INTEGER,
    prev_key INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS customer_keys (
    workspace_id VARCHAR NOT NULL,
    customer VARCHAR NOT NULL,
    customer_key INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer)
  )`,
  `CREATE TABLE IF NOT EXISTS touchpoint_keys (
    workspace_id VARCHAR NOT NULL,
    touchpoint_id VARCHAR NOT NULL,
    touchpoint_key INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, touchpoint_id)
  )`,
  `CREATE TABLE IF NOT EXISTS interactions_by_touchpoint (
    workspace_id VARCHAR NOT NULL,
    touchpoint_key INTEGER NOT NULL,
    customer_key INTEGER NOT NULL,
    "at" BIGINT NOT NULL,
    sentiment TINYINT
  )`,
  `CREATE TABLE IF NOT EXISTS event_store_meta (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS feedback (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    touchpoint_id VARCHAR NOT NULL,
    customer VARCHAR,
    "at" BIGINT NOT NULL,
    kind VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    comment VARCHAR,
    survey_id VARCHAR,
    question VARCHAR,
    source VARCHAR,
    "language" VARCHAR,
    choice VARCHAR,
    PRIMARY KEY (workspace_id, id)
  )`,
  // `record` is the JSON of the validated record without its touchpoint (PendingInteraction or
  // PendingFeedback), so a replay happens inside DuckDB.
  `CREATE TABLE IF NOT EXISTS quarantine (
    workspace_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    touchpoint_key VARCHAR NOT NULL,
    "at" BIGINT NOT NULL,
    record VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, kind, id)
  )`,
  // A key mapped to a touchpoint whose own key differs: later records with it resolve there.
  `CREATE TABLE IF NOT EXISTS touchpoint_aliases (
    workspace_id VARCHAR NOT NULL,
    touchpoint_key VARCHAR NOT NULL,
    touchpoint_id VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, touchpoint_key)
  )`,
];

/** The layout version this code writes; older files are upgraded in place on open. */
export const DUCKDB_SCHEMA_VERSION = 7;

/** Columns the seventh layout adds to `feedback` (SPEC §6: which survey, question, source, language). */
export const FEEDBACK_SURVEY_COLUMNS = ['survey_id', 'question', 'source', '"language"', 'choice'] as const;

/**
 * Columns of an interaction as ingestion supplies them (the staging tables hold these); the
 * integer keys and `seq` are added on the way into `interactions`.
 */
export const INTERACTION_SOURCE_COLUMNS = [
  'workspace_id',
  'id',
  'customer',
  'touchpoint_id',
  '"at"',
  'direction',
  'sentiment',
  'outcome',
  'value',
  'response_ms',
  'wait_ms',
  'duration_ms',
  'props',
] as const;
