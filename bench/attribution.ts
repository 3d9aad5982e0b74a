/**
 * Attribution with all seven models, conversions and value, on the embedded store (SPEC §10:
 * ≤ 2 s for 10 M interactions / 1 M customers on 2 cores), over the cached interactions of
 * bench/interactions-cache.ts (shared with the chain-conversion benchmark).
 * Run: node --import tsx bench/attribution.ts [--interactions N] [--seed S] [--runs R]
 */
import { availableParallelism, loadavg } from 'node:os';
import { DAY_MS } from '../src/analytics/analysis-scope.js';
import { attribution } from '../src/analytics/attribution.js';
import { ATTRIBUTION_MODELS } from '../src/analytics/attribution-models.js';
import { SYNTHETIC_START, SYNTHETIC_WORKSPACE } from '../test/fixtures/generate-interactions.js';
import { median, openCachedInteractions, parseBenchOptions, timeRuns } from './interactions-cache.js';
import { printTable } from './stats.js';

const options = parseBenchOptions('attribution');
const store = await openCachedInteractions(options);
const input = {
  workspaceId: SYNTHETIC_WORKSPACE,
  from: SYNTHETIC_START - 30 * DAY_MS,
  to: SYNTHETIC_START + 240 * DAY_MS,
  models: [...ATTRIBUTION_MODELS],
};
const { result, cold, wall, cpu } = await timeRuns(options.runs, () => attribution(store, input));
await store.close();

console.log(
  `\n${result.conversions.toLocaleString('en')} conversions (value ${result.value.toFixed(0)}), ${result.nullPaths.toLocaleString('en')} null paths, ${result.paths.toLocaleString('en')} distinct paths, ${availableParallelism()} cores`,
);
const keys = result.models[0]?.credits.map((c) => c.key) ?? [];
printTable(
  ['touchpoint', ...result.models.map((m) => m.model)],
  keys.map((key) => [
    key,
    ...result.models.map((m) => (m.credits.find((c) => c.key === key)?.conversions ?? 0).toFixed(0)),
  ]),
);
console.log(
  `\nattribution, ${result.models.length} models: median of ${options.runs} runs ${median(wall).toFixed(0)} ms`,
);
console.log(`(runs: ${wall.map((t) => t.toFixed(0)).join(', ')} ms; first, cold run ${cold.toFixed(0)} ms)`);
// CPU time of the process (DuckDB's threads included): what the analysis costs, even on a busy machine.
console.log(
  `CPU time per run, median: ${median(cpu).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)}`,
);
