/**
 * Chain conversion with 5 links on the embedded store (SPEC §10: ≤ 0.5 s for 10 M interactions /
 * 1 M customers on 2 cores). The interactions are generated once per size and seed (about ten per
 * customer) and kept as a DuckDB event-store file under bench/.cache/.
 * Run: node --import tsx bench/chain-conversion.ts [--interactions N] [--seed S] [--runs R]
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DAY_MS } from '../src/analytics/analysis-scope.js';
import { chainConversion } from '../src/analytics/chain-conversion.js';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import type { Interaction } from '../src/store/events/event-store.js';
import {
  descendantsOf,
  generateInteractions,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../test/fixtures/generate-interactions.js';
import { printTable } from './stats.js';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
  },
});
const wanted = Number(values.interactions);
const seed = Number(values.seed);
const runs = Number(values.runs);
if (!Number.isInteger(wanted) || wanted < 10 || !Number.isInteger(seed) || !(runs >= 1)) {
  console.error('usage: bench/chain-conversion.ts [--interactions N ≥ 10] [--seed S] [--runs R]');
  process.exit(2);
}
const customers = Math.round(wanted / 10);

const cacheDir = join(import.meta.dirname, '.cache');
const file = join(cacheDir, `interactions-${customers}c-seed${seed}.duckdb`);
if (!existsSync(file)) {
  mkdirSync(cacheDir, { recursive: true });
  const building = `${file}.building`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  console.log(
    `generating ${customers.toLocaleString('en')} customers (≈ ${wanted.toLocaleString('en')} interactions) into ${file}`,
  );
  const started = performance.now();
  const store = await openDuckDbEventStore({ file: building });
  let batch: Interaction[] = [];
  let stored = 0;
  for (const interaction of generateInteractions({ customers, seed })) {
    batch.push(interaction);
    if (batch.length === 100_000) {
      stored += (await store.insertInteractions(batch)).inserted;
      batch = [];
      process.stdout.write(`\r  ${stored.toLocaleString('en')} stored`);
    }
  }
  stored += (await store.insertInteractions(batch)).inserted;
  await store.close();
  renameSync(building, file);
  console.log(
    `\r  ${stored.toLocaleString('en')} stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const store = await openDuckDbEventStore({ file });
const [counts] = await store.query<{ interactions: number; customers: number }>({
  sql: 'SELECT count(*) AS interactions, count(DISTINCT customer) AS customers FROM interactions',
  params: {},
});
const input = {
  workspaceId: SYNTHETIC_WORKSPACE,
  from: SYNTHETIC_START - 30 * DAY_MS,
  to: SYNTHETIC_START + 240 * DAY_MS,
  links: SYNTHETIC_CHAIN.map((id) => ({ touchpointIds: descendantsOf(id) })),
};

const timings: number[] = [];
const cpuTimes: number[] = [];
let result: Awaited<ReturnType<typeof chainConversion>> | undefined;
const coldStart = performance.now();
await chainConversion(store, input);
const cold = performance.now() - coldStart;
for (let run = 0; run < runs; run++) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  result = await chainConversion(store, input);
  timings.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
await store.close();

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;
console.log(
  `\n${(counts?.interactions ?? 0).toLocaleString('en')} interactions, ${(counts?.customers ?? 0).toLocaleString('en')} customers, ${availableParallelism()} cores`,
);
printTable(
  ['link', 'reached', 'from previous', 'dropped', 'broken by a negative', 'median h', 'p90 h'],
  (result?.links ?? []).map((l) => [
    String(l.link),
    l.reached.toLocaleString('en'),
    l.conversionFromPrevious === null ? '' : `${(l.conversionFromPrevious * 100).toFixed(1)} %`,
    l.dropped === null ? '' : l.dropped.toLocaleString('en'),
    l.brokenByNegative === null ? '' : l.brokenByNegative.toLocaleString('en'),
    l.medianMsFromPrevious === null ? '' : (l.medianMsFromPrevious / 3_600_000).toFixed(1),
    l.p90MsFromPrevious === null ? '' : (l.p90MsFromPrevious / 3_600_000).toFixed(1),
  ]),
);
console.log(
  `weak link: ${result?.weakLink ? `L${result.weakLink.fromLink} → L${result.weakLink.toLink}` : 'none'}`,
);
console.log(`\nchain conversion, 5 links: median of ${runs} runs ${median(timings).toFixed(0)} ms`);
console.log(
  `(runs: ${timings.map((t) => t.toFixed(0)).join(', ')} ms; first, cold run ${cold.toFixed(0)} ms)`,
);
// CPU time of the process (DuckDB's threads included): what the query costs, even on a busy machine.
console.log(
  `CPU time per run, median: ${median(cpuTimes).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)}`,
);
