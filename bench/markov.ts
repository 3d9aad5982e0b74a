/**
 * Markov attribution on the sample of 10,000 aggregated paths over 12 channels (SPEC §10:
 * ≤ 50 ms): the median of 20 runs, after 3 warm-up runs, parsing excluded.
 * Run: node --import tsx bench/markov.ts
 */
import { markov } from '../src/analytics/markov.js';
import { loadAttributionPaths } from '../test/attribution-paths-file.js';
import { percentile, printTable } from './stats.js';

const RUNS = 20;
const paths = loadAttributionPaths();
for (let i = 0; i < 3; i++) markov(paths);
const times: number[] = [];
let result = markov(paths);
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  result = markov(paths);
  times.push(performance.now() - start);
}

printTable(
  ['benchmark', 'paths', 'median (ms)', 'min (ms)', 'max (ms)', 'target'],
  [
    [
      `markov, ${RUNS} runs`,
      String(paths.length),
      percentile(times, 50).toFixed(2),
      Math.min(...times).toFixed(2),
      Math.max(...times).toFixed(2),
      '≤ 50 ms',
    ],
  ],
);
console.log(`\nP(conversion) = ${result.conversionProbability.toFixed(6)}`);
printTable(
  ['channel', 'removal effect', 'conversions', 'value'],
  [...result.credits]
    .sort(([, a], [, b]) => b.conversions - a.conversions)
    .map(([key, c]) => [
      key,
      (result.removalEffects.get(key) ?? 0).toFixed(4),
      c.conversions.toFixed(1),
      c.value.toFixed(1),
    ]),
);
