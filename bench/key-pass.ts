/**
 * The key pass (src/store/events/duckdb/duckdb-event-store.ts, `assignKeys`): what the first
 * analysis after a bulk import waits for, unless the server has run it meanwhile. A copy of the
 * cached benchmark store has its keys, `seq`, `ord`, `prev_key` and the ordered copy cleared, as
 * an import leaves new rows; opening it and running one query times the pass over all of them.
 * Run: node --import tsx bench/key-pass.ts [--interactions N] [--seed S] [--runs R]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import { cachedInteractionsFile, median, parseBenchOptions } from './interactions-cache.js';
import { printTable } from './stats.js';

const options = parseBenchOptions('key-pass');
const source = await cachedInteractionsFile(options);
const dir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-keys-'));
const file = join(dir, 'events.duckdb');

/** A copy of the cached store whose every interaction is as an import leaves it. */
async function unkeyedCopy(): Promise<number> {
  rmSync(`${file}.wal`, { force: true });
  copyFileSync(source, file);
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(
    'UPDATE interactions SET customer_key = NULL, touchpoint_key = NULL, seq = NULL, ord = NULL, prev_key = NULL',
  );
  for (const table of ['customer_keys', 'touchpoint_keys', 'interactions_by_touchpoint'])
    await connection.run(`DELETE FROM ${table}`);
  await connection.run('CHECKPOINT');
  const count = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM interactions');
  connection.closeSync();
  instance.closeSync();
  return Number(count.getRowObjectsJS()[0]?.n ?? 0);
}

const wall: number[] = [];
const cpu: number[] = [];
let rows = 0;
try {
  for (let run = 0; run < options.runs; run++) {
    rows = await unkeyedCopy();
    const store = await openDuckDbEventStore({ file });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // The first query waits for the pass.
    await store.query({ sql: 'SELECT count(*) AS n FROM interactions WHERE ord IS NULL', params: {} });
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    const [left] = await store.query<{ n: number }>({
      sql: 'SELECT count(*) AS n FROM interactions WHERE ord IS NULL OR customer_key IS NULL',
      params: {},
    });
    await store.close();
    if (left?.n !== 0) throw new Error(`${left?.n} interactions left without keys`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nKey pass over ${rows.toLocaleString('en')} new interactions, ${availableParallelism()} cores, ` +
    `load average ${loadavg()[0]?.toFixed(1)}`,
);
printTable(
  ['runs', 'median s', 'range s', 'median CPU s'],
  [
    [
      String(options.runs),
      (median(wall) / 1000).toFixed(1),
      `${(Math.min(...wall) / 1000).toFixed(1)}–${(Math.max(...wall) / 1000).toFixed(1)}`,
      (median(cpu) / 1000).toFixed(1),
    ],
  ],
);
