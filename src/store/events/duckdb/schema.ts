/**
 * DuckDB tables of the event store. Times are epoch milliseconds (BIGINT); ids are unique per
 * workspace, which is what makes ingestion idempotent.
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
    PRIMARY KEY (workspace_id, id)
  )`,
  `CREATE TABLE IF NOT EXISTS feedback (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    touchpoint_id VARCHAR NOT NULL,
    customer VARCHAR,
    "at" BIGINT NOT NULL,
    kind VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    comment VARCHAR,
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
