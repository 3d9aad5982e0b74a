/**
 * HTTP batch ingestion throughput (SPEC §10: ≥ 200,000 interactions/s into the embedded store
 * on 2 cores, none lost or duplicated). The real server runs as a child process on a fresh data
 * directory; this process is the load generator on the same machine: it builds batches of the
 * synthetic interactions and posts them with several requests in flight. At the end it re-sends
 * one batch (all duplicates), stops the server and counts the stored rows and distinct ids in
 * the DuckDB file. Exits non-zero when a check fails.
 * With --general-lane each batch spells one customer with an escape (the same text once parsed), so
 * the server parses and validates it record by record instead of reading it straight into
 * columns (src/ingest/decode-interaction-batch.ts): the two lanes compared in one run.
 * Run: node --import tsx bench/ingest-http.ts [--interactions N] [--senders K] [--batch B]
 *        [--general-lane] [--server-node-arg=--cpu-prof]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import { prepareWorkspace, startServerProcess } from './server-process.js';
import { printTable } from './stats.js';
import { type ApiRecord, apiRecords } from './synthetic-records.js';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    senders: { type: 'string', default: '4' },
    batch: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'server-node-arg': { type: 'string', multiple: true, default: [] },
    keep: { type: 'boolean', default: false },
    'general-lane': { type: 'boolean', default: false },
  },
});
const wanted = Number(values.interactions);
const senders = Number(values.senders);
const batchSize = Number(values.batch);
const seed = Number(values.seed);
if (![wanted, senders, batchSize, seed].every(Number.isInteger) || wanted < 10 || senders < 1) {
  console.error('usage: bench/ingest-http.ts [--interactions N] [--senders K] [--batch B] [--seed S]');
  process.exit(2);
}

const failures: string[] = [];
function check(ok: boolean, message: string) {
  if (!ok) failures.push(message);
}

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-ingest-'));
const server = await startServerProcess(dataDir, values['server-node-arg']);
let sent = 0;
let accepted = 0;
let duplicates = 0;
let rejected = 0;
let quarantined = 0;
let elapsedMs = 0;
let generatorCpuMs = 0;
let serverCpuMs = 0;
let serverMainCpuMs = 0;
let peakRss = 0;
let startRss = 0;
try {
  const { workspaceId, token } = await prepareWorkspace(server.url);
  startRss = server.rss();
  const endpoint = `${server.url}/api/workspaces/${workspaceId}/interactions`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const post = async (body: Uint8Array<ArrayBuffer>) => {
    const res = await fetch(endpoint, { method: 'POST', headers, body });
    const answer = (await res.json()) as {
      accepted: number;
      duplicates: number;
      quarantined: number;
      rejected: unknown[];
      message?: string;
    };
    if (!res.ok) throw new Error(`${res.status}: ${answer.message}`);
    return answer;
  };

  // The request bodies are built before the clock starts, as a load generator replays prepared
  // requests: what is timed is the server's work and the sending, not the synthesis of the
  // records. About ten interactions per customer: the generator stops at the first `wanted`.
  process.stderr.write('  building the request bodies…');
  const encoder = new TextEncoder();
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  const flush = (batch: ApiRecord[]) => {
    const text = JSON.stringify({ interactions: batch });
    bodies.push(
      encoder.encode(values['general-lane'] ? text.replace('"customer":"c', '"customer":"\\u0063') : text),
    );
    sent += batch.length;
  };
  let batch: ApiRecord[] = [];
  for (const record of apiRecords(Math.ceil(wanted / 8), seed)) {
    batch.push(record);
    if (sent + batch.length === wanted) break;
    if (batch.length === batchSize) {
      flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) flush(batch);
  process.stderr.write(
    ` ${bodies.length} bodies, ${(bodies.reduce((n, b) => n + b.length, 0) / 1e6).toFixed(0)} MB\n`,
  );

  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = server.cpuMs();
  const serverMainCpuBefore = server.mainThreadCpuMs();
  const started = performance.now();
  let lastReport = started;
  let nextBody = 0;
  const sender = async () => {
    while (nextBody < bodies.length) {
      const body = bodies[nextBody++] as Uint8Array<ArrayBuffer>;
      const answer = await post(body);
      accepted += answer.accepted;
      duplicates += answer.duplicates;
      quarantined += answer.quarantined;
      rejected += answer.rejected.length;
      const now = performance.now();
      if (now - lastReport > 2000) {
        lastReport = now;
        const rate = Math.round((accepted * 1000) / (now - started));
        process.stderr.write(`\r  ${accepted.toLocaleString('en')} stored, ${rate.toLocaleString('en')}/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  elapsedMs = performance.now() - started;
  serverCpuMs = server.cpuMs() - serverCpuBefore;
  serverMainCpuMs = server.mainThreadCpuMs() - serverMainCpuBefore;
  const cpu = process.cpuUsage(cpuBefore);
  generatorCpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write('\n');

  const again = await post(bodies[0] as Uint8Array<ArrayBuffer>);
  check(
    again.accepted === 0 && again.duplicates === Math.min(batchSize, wanted),
    `re-sent batch: ${JSON.stringify(again)}`,
  );
  peakRss = server.peakRss();
} finally {
  await server.stop();
}

check(accepted === wanted, `accepted ${accepted} of ${wanted}`);
check(duplicates === 0 && rejected === 0 && quarantined === 0, 'duplicates, rejects or quarantined records');
const events = await openDuckDbEventStore({ file: join(dataDir, 'events.duckdb') });
const [stored] = await events.query<{ n: number; ids: number }>({
  sql: 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM interactions',
  params: {},
});
await events.close();
check(stored?.n === wanted && stored.ids === wanted, `stored ${JSON.stringify(stored)}, sent ${wanted}`);
if (values.keep) console.log(`data directory kept: ${dataDir}`);
else rmSync(dataDir, { recursive: true, force: true });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `\nHTTP ingestion: ${wanted.toLocaleString('en')} interactions in batches of ${batchSize.toLocaleString('en')}` +
    `${values['general-lane'] ? ' (general lane)' : ''}, ` +
    `${senders} requests in flight, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}`,
);
printTable(
  [
    'interactions/s',
    'elapsed s',
    'server CPU s (main thread)',
    'load generator CPU s',
    'server RSS before / peak',
    'stored rows / ids',
  ],
  [
    [
      Math.round((wanted * 1000) / elapsedMs).toLocaleString('en'),
      (elapsedMs / 1000).toFixed(1),
      `${(serverCpuMs / 1000).toFixed(1)} (${(serverMainCpuMs / 1000).toFixed(1)})`,
      (generatorCpuMs / 1000).toFixed(1),
      `${mb(startRss)} / ${mb(peakRss)}`,
      `${stored?.n.toLocaleString('en')} / ${stored?.ids.toLocaleString('en')}`,
    ],
  ],
);
if (failures.length > 0) {
  console.error(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('checks passed: none lost, none duplicated, a re-sent batch adds nothing');
