/**
 * Chain conversion with 5 links on the embedded store (SPEC §10: ≤ 0.5 s for 10 M interactions /
 * 1 M customers on 2 cores). The interactions are generated once per size and seed (about ten per
 * customer) and kept as a DuckDB event-store file under bench/.cache/.
 * Run: node --import tsx bench/chain-conversion.ts [--interactions N] [--seed S] [--runs R]
 */
import { availableParallelism, loadavg } from 'node:os';
import { DAY_MS } from '../src/analytics/analysis-scope.js';
import { chainConversion } from '../src/analytics/chain-conversion.js';
import {
  descendantsOf,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../test/fixtures/generate-interactions.js';
import { median, openCachedInteractions, parseBenchOptions, timeRuns } from './interactions-cache.js';
import { printTable } from './stats.js';

const options = parseBenchOptions('chain-conversion');
const { runs } = options;
const store = await openCachedInteractions(options);
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

const {
  result,
  cold,
  wall: timings,
  cpu: cpuTimes,
} = await timeRuns(runs, () => chainConversion(store, input));
await store.close();

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
