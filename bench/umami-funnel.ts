/**
 * The 5-link chain conversion of bench/chain-conversion.ts computed the way Umami's funnel report
 * does it (src/queries/sql/reports/getFunnel.ts: one CTE per step, each a self-join of the event
 * table on the session within the window after the previous step) on a PostgreSQL server with the
 * same data, beside ours on the embedded DuckDB store; reports both times and the ratio.
 *
 * Two PostgreSQL queries, both a chain of self-joins over an Umami-like `website_event` table
 * (session_id = customer, event_name = touchpoint, Umami's indexes):
 * - "SPEC semantics": each level keeps one row per customer, the first matching interaction
 *   (t1 = first at L1, tk = first at Lk within [t(k−1), t(k−1) + W]) — SPEC §7.1. Its reached
 *   counts must equal ours exactly.
 * - "as Umami writes it": each level keeps every matching (session, time) pair, so a customer
 *   reaches Lk when any L1 interaction starts a chain that does — never fewer than SPEC §7.1's
 *   count, often more.
 * Data: the cached DuckDB file of bench/chain-conversion.ts (built by running it when missing).
 * Exits non-zero when a check fails.
 * Run: node --import tsx bench/umami-funnel.ts [--interactions N] [--seed S] [--runs R]
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { DAY_MS } from '../src/analytics/analysis-scope.js';
import { chainConversion } from '../src/analytics/chain-conversion.js';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import {
  descendantsOf,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../test/fixtures/generate-interactions.js';
import { startPostgres } from '../test/postgres-server.js';
import { printTable } from './stats.js';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '900' },
  },
});
const wanted = Number(values.interactions);
const seed = Number(values.seed);
const runs = Number(values.runs);
const timeoutSeconds = Number(values.timeout);
if (!Number.isInteger(wanted) || wanted < 10 || !Number.isInteger(seed) || !(runs >= 1)) {
  console.error('usage: bench/umami-funnel.ts [--interactions N ≥ 10] [--seed S] [--runs R] [--timeout s]');
  process.exit(2);
}

const failures: string[] = [];
function check(ok: boolean, message: string) {
  if (!ok) failures.push(message);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

// The same file, named the same way, as bench/chain-conversion.ts.
const customers = Math.round(wanted / 10);
const file = join(import.meta.dirname, '.cache', `interactions-${customers}c-seed${seed}.duckdb`);
if (!existsSync(file)) {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'chain-conversion.ts'),
      '--interactions',
      String(wanted),
      '--seed',
      String(seed),
      '--runs',
      '1',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const WINDOW_MS = 30 * DAY_MS;
const from = SYNTHETIC_START - 30 * DAY_MS;
const to = SYNTHETIC_START + 240 * DAY_MS;
const links = SYNTHETIC_CHAIN.map((id) => descendantsOf(id));

// 1. The interactions as CSV for PostgreSQL's COPY (times as UTC timestamps).
const exportDir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-umami-'));
chmodSync(exportDir, 0o755);
const csv = join(exportDir, 'website_event.csv');
{
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT id, workspace_id, customer, make_timestamp(i."at" * 1000) AS created_at, touchpoint_id
           FROM interactions i) TO '${csv}' (FORMAT csv, HEADER false)`,
  );
  connection.closeSync();
  instance.closeSync();
}
chmodSync(csv, 0o644);

// 2. Ours, on the embedded store.
const store = await openDuckDbEventStore({ file });
const input = {
  workspaceId: SYNTHETIC_WORKSPACE,
  from,
  to,
  windowMs: WINDOW_MS,
  links: links.map((touchpointIds) => ({ touchpointIds })),
};
const [counts] = await store.query<{ n: number; customers: number }>({
  sql: 'SELECT count(*) AS n, count(DISTINCT customer) AS customers FROM interactions',
  params: {},
});
await chainConversion(store, input);
const oursMs: number[] = [];
let ours: number[] = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const result = await chainConversion(store, input);
  oursMs.push(performance.now() - started);
  ours = result.links.map((l) => l.reached);
}
await store.close();

// 3. PostgreSQL with an Umami-like table and Umami's indexes of website_event.
const server = await startPostgres(['timezone=UTC', 'shared_buffers=1GB', 'work_mem=64MB']);
if (!server) {
  console.error('PostgreSQL is not installed (apt-get install -y postgresql): cannot run the comparison');
  process.exit(1);
}
const client = new pg.Client({ connectionString: server.url });
type Level = { level: number; count: number };
const timings: Record<'spec' | 'umami', number[]> = { spec: [], umami: [] };
const reachedBy: Record<'spec' | 'umami', number[] | null> = { spec: null, umami: null };
let loadMs = 0;
try {
  await client.connect();
  const loadStarted = performance.now();
  await client.query(`CREATE TABLE website_event (
    event_id text PRIMARY KEY,
    website_id text NOT NULL,
    session_id text NOT NULL,
    created_at timestamptz NOT NULL,
    event_name text NOT NULL)`);
  await client.query(`COPY website_event FROM '${csv}' WITH (FORMAT csv)`);
  for (const columns of [
    'created_at',
    'session_id',
    'website_id',
    'website_id, created_at',
    'website_id, created_at, event_name',
    'website_id, session_id, created_at',
  ])
    await client.query(`CREATE INDEX ON website_event (${columns})`);
  await client.query('VACUUM ANALYZE website_event');
  loadMs = performance.now() - loadStarted;
  await client.query(`SET statement_timeout = '${timeoutSeconds}s'`);

  const params = [SYNTHETIC_WORKSPACE, new Date(from), new Date(to - 1), ...links];
  const windowMinutes = WINDOW_MS / 60_000;
  /** Umami's level CTEs; `first` keeps one row per session (the earliest), else every pair. */
  const funnelSql = (first: boolean) => {
    const pick = first
      ? 'SELECT we.session_id, min(we.created_at) AS created_at'
      : 'SELECT DISTINCT we.session_id, we.created_at';
    const group = first ? 'GROUP BY we.session_id' : '';
    const levels = links.map((_, i) =>
      i === 0
        ? `level1 AS (${pick} FROM website_event we
             WHERE we.website_id = $1 AND we.created_at BETWEEN $2 AND $3 AND we.event_name = ANY($4) ${group})`
        : `level${i + 1} AS (${pick} FROM level${i} l JOIN website_event we ON l.session_id = we.session_id
             WHERE we.website_id = $1
               AND we.created_at BETWEEN l.created_at AND l.created_at + interval '${windowMinutes} minute'
               AND we.event_name = ANY($${i + 4}) AND we.created_at <= $3 ${group})`,
    );
    const sums = links.map(
      (_, i) => `SELECT ${i + 1} AS level, count(DISTINCT session_id)::int AS count FROM level${i + 1}`,
    );
    return `WITH ${levels.join(',\n')}\n${sums.join('\nUNION ALL\n')}\nORDER BY level`;
  };
  for (const variant of ['spec', 'umami'] as const) {
    const sql = funnelSql(variant === 'spec');
    for (let run = 0; run < runs + 1; run++) {
      const started = performance.now();
      let rows: Level[];
      try {
        rows = (await client.query<Level>(sql, params)).rows;
      } catch (error) {
        console.error(`${variant}: ${(error as Error).message}`);
        break;
      }
      // The first run warms the cache, like ours.
      if (run > 0) timings[variant].push(performance.now() - started);
      reachedBy[variant] = rows.map((r) => r.count);
    }
  }
} finally {
  await client.end().catch(() => {});
  server.stop();
  rmSync(exportDir, { recursive: true, force: true });
}

const spec = reachedBy.spec;
const umami = reachedBy.umami;
check(
  JSON.stringify(spec) === JSON.stringify(ours),
  `reached per link: ours ${JSON.stringify(ours)}, PostgreSQL ${JSON.stringify(spec)}`,
);
check(
  umami !== null && ours.every((n, i) => (umami[i] ?? -1) >= n),
  `Umami's semantics must reach at least as many: ${JSON.stringify(umami)} vs ${JSON.stringify(ours)}`,
);

const oursMedian = median(oursMs);
const fmt = (ms: number) => (Number.isNaN(ms) ? 'timed out' : `${ms.toFixed(0)} ms`);
console.log(
  `\nChain conversion, 5 links: ${(counts?.n ?? 0).toLocaleString('en')} interactions, ` +
    `${(counts?.customers ?? 0).toLocaleString('en')} customers, ${availableParallelism()} cores, ` +
    `load average ${loadavg()[0]?.toFixed(1)}; PostgreSQL load + indexes ${(loadMs / 1000).toFixed(0)} s`,
);
printTable(
  ['engine and query', `median of ${runs}`, 'ratio to ours', 'reached L1…L5'],
  [
    ['DuckDB, ours (SPEC §7.1)', fmt(oursMedian), '1', ours.join(' / ')],
    [
      'PostgreSQL, Umami-style self-joins, SPEC semantics',
      fmt(median(timings.spec)),
      (median(timings.spec) / oursMedian).toFixed(1),
      spec?.join(' / ') ?? '',
    ],
    [
      'PostgreSQL, Umami-style self-joins, as Umami writes it',
      fmt(median(timings.umami)),
      (median(timings.umami) / oursMedian).toFixed(1),
      umami?.join(' / ') ?? '',
    ],
  ],
);
if (failures.length > 0) {
  console.error(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('checks passed: same reached counts per link; Umami’s semantics never reach fewer');
