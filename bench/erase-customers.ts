/**
 * The cost of erasing customers (src/store/events/duckdb/purge.ts, compact.ts): N interactions
 * of M synthetic customers (test/fixtures/generate-interactions.ts, about ten each), each erased
 * customer also with a feedback answer and its comment; then K customers erased in one call,
 * which removes their rows from every table and rewrites the file without their bytes. Reports
 * the call's time, the part of it the file rewrite took, and the file's size before and after.
 * The store is generated into a temporary directory (or copied from the analytics benchmarks'
 * cache when M is N / 10) and removed afterwards.
 * Run: node --import tsx bench/erase-customers.ts [--interactions N] [--customers M] [--erase K] [--seed S]
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import type { FeedbackAnswer, Interaction } from '../src/store/events/event-store.js';
import {
  generateInteractions,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../test/fixtures/generate-interactions.js';
import { cachedInteractionsFile } from './interactions-cache.js';
import { printTable } from './stats.js';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '10000000' },
    customers: { type: 'string', default: '1000000' },
    erase: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
  },
});
const interactions = Number(values.interactions);
const customers = Number(values.customers);
const erase = Number(values.erase);
const seed = Number(values.seed);
if (
  ![interactions, customers, erase, seed].every(Number.isInteger) ||
  interactions < 10 ||
  customers < 1 ||
  erase < 1 ||
  erase > customers
) {
  console.error(
    'usage: bench/erase-customers.ts [--interactions N ≥ 10] [--customers M] [--erase K ≤ M] [--seed S]',
  );
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-erase-'));
const file = join(dir, 'events.duckdb');
const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** Customers to erase: K of the M, spread evenly (the generator names them c0, c1, …). */
const erased = Array.from({ length: erase }, (_, k) => `c${Math.floor((k * customers) / erase)}`);

try {
  if (customers === Math.max(1, Math.round(interactions / 10))) {
    copyFileSync(await cachedInteractionsFile({ interactions, seed, runs: 1 }), file);
  } else {
    console.log(
      `generating ${customers.toLocaleString('en')} customers, up to ${interactions.toLocaleString('en')} interactions`,
    );
    const store = await openDuckDbEventStore({ file });
    let batch: Interaction[] = [];
    let count = 0;
    for (const interaction of generateInteractions({ customers, seed })) {
      batch.push(interaction);
      if (++count === interactions) break;
      if (batch.length === 100_000) {
        await store.insertInteractions(batch);
        batch = [];
      }
    }
    await store.insertInteractions(batch);
    await store.close();
  }
  // Feedback with comments: one answer of each erased customer, and as many of others.
  const answers: FeedbackAnswer[] = [...erased, ...erased.map((c) => `${c}-other`)].map((customer, k) => ({
    workspaceId: SYNTHETIC_WORKSPACE,
    id: `erase-bench-${k}`,
    touchpointId: 'tp-call',
    customer,
    at: SYNTHETIC_START + k * 1000,
    kind: 'csat',
    score: 1 + (k % 5),
    comment: `comment ${k} by ${customer}`,
  }));
  let store = await openDuckDbEventStore({ file });
  await store.insertFeedback(answers);
  // The key pass, so the erasure meets every derived structure filled.
  const [stored] = await store.query<{ n: number; customers: number }>({
    sql: 'SELECT count(*) AS n, count(DISTINCT customer) AS customers FROM interactions',
    params: {},
  });
  await store.close();
  const sizeBefore = statSync(file).size;

  let rewriteMs = Number.NaN;
  store = await openDuckDbEventStore({
    file,
    onFileRewrite: (ms) => {
      rewriteMs = ms;
    },
  });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await store.eraseCustomers(SYNTHETIC_WORKSPACE, erased);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpuBefore);
  const [left] = await store.query<{ n: number }>({
    sql: 'SELECT count(*) AS n FROM interactions WHERE list_contains($erased, customer)',
    params: { erased },
  });
  await store.close();
  if (left?.n !== 0) throw new Error(`${left?.n} interactions of erased customers left`);

  console.log(
    `\nErasing ${erase.toLocaleString('en')} customers at once from ${stored?.n.toLocaleString('en')} interactions ` +
      `of ${stored?.customers.toLocaleString('en')} customers, ${availableParallelism()} cores, ` +
      `load average ${loadavg()[0]?.toFixed(1)}`,
  );
  printTable(
    [
      'interactions erased',
      'answers erased',
      'call s',
      'of it file rewrite s',
      'CPU s',
      'file before MB',
      'file after MB',
    ],
    [
      [
        result.interactions.toLocaleString('en'),
        result.feedback.toLocaleString('en'),
        (wall / 1000).toFixed(2),
        (rewriteMs / 1000).toFixed(2),
        ((used.user + used.system) / 1e6).toFixed(2),
        mb(sizeBefore),
        mb(statSync(file).size),
      ],
    ],
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
