/**
 * Sentiment (SPEC §7.5) and standards compliance (SPEC §7.6) over the cached interactions of
 * bench/chain-conversion.ts (no SPEC target; measured so a regression shows). Sentiment per
 * touchpoint, stage and channel with the stage × channel heat map and one journey's emotion
 * curve; 20 standards: negative share per touchpoint and response times at the call centre.
 * Checks that every interaction with a sentiment is counted once. Exits non-zero when it is not.
 * Run: node --import tsx bench/sentiment-standards.ts [--interactions N] [--seed S] [--runs R]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DAY_MS } from '../src/analytics/analysis-scope.js';
import { sentiment } from '../src/analytics/sentiment.js';
import { standardsCompliance } from '../src/analytics/standards-compliance.js';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import {
  descendantsOf,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_TOUCHPOINTS,
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
  console.error('usage: bench/sentiment-standards.ts [--interactions N ≥ 10] [--seed S] [--runs R]');
  process.exit(2);
}

// The same file, named the same way, as bench/chain-conversion.ts (which builds it when missing).
const file = join(
  import.meta.dirname,
  '.cache',
  `interactions-${Math.round(wanted / 10)}c-seed${seed}.duckdb`,
);
if (!existsSync(file)) {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'chain-conversion.ts'),
      '--interactions',
      String(wanted),
    ].concat(['--seed', String(seed), '--runs', '1']),
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const STAGES = ['need_recognition', 'information_search', 'comparison', 'purchase', 'post_purchase'];
const CHANNELS = ['website', 'email', 'phone', 'social', 'sms'];
const scope = {
  workspaceId: SYNTHETIC_WORKSPACE,
  from: SYNTHETIC_START - 30 * DAY_MS,
  to: SYNTHETIC_START + 240 * DAY_MS,
};
const sentimentInput = {
  ...scope,
  touchpoints: SYNTHETIC_TOUCHPOINTS.map((t, i) => ({
    id: t.id,
    stage: STAGES[i % STAGES.length] ?? null,
    channel: CHANNELS[i % CHANNELS.length] ?? null,
  })),
  journeys: [
    {
      id: 'journey',
      stages: SYNTHETIC_CHAIN.map((id, i) => ({
        key: STAGES[i] ?? 'purchase',
        designedEmotion: 1,
        touchpointIds: descendantsOf(id),
      })),
    },
  ],
};
const standards = [
  ...SYNTHETIC_TOUCHPOINTS.map((t) => ({
    id: `negative-${t.id}`,
    touchpointIds: descendantsOf(t.id),
    metric: 'negative_share' as const,
    comparator: 'lte' as const,
    target: 0.06,
  })),
  ...[10_000, 20_000, 30_000, 45_000, 60_000, 90_000].map((target, i) => ({
    id: `answer-${target}`,
    touchpointIds: descendantsOf(i % 2 === 0 ? 'tp-call' : 'tp-call-operator'),
    metric: 'response_ms' as const,
    comparator: 'lte' as const,
    target,
    requiredShare: 0.8,
  })),
];

const store = await openDuckDbEventStore({ file });
const [counts] = await store.query<{ n: number; rated: number }>({
  sql: `SELECT count(*) AS n, count(sentiment) AS rated FROM interactions i
        WHERE i."at" >= $from AND i."at" < $to`,
  params: { from: scope.from, to: scope.to },
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; wall: number; cpu: number; cold: number }> {
  const coldStart = performance.now();
  let result = await work();
  const cold = performance.now() - coldStart;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    result = await work();
    walls.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { result, wall: median(walls), cpu: median(cpus), cold };
}

const s = await measure(() => sentiment(store, sentimentInput));
const c = await measure(() => standardsCompliance(store, { ...scope, standards }));
await store.close();

const { negative, neutral, positive } = s.result.overall.sentiment;
const rated = negative + neutral + positive;
console.log(
  `\n${(counts?.n ?? 0).toLocaleString('en')} interactions in the period, ${availableParallelism()} cores, ` +
    `load average ${loadavg()[0]?.toFixed(1)}`,
);
printTable(
  ['analysis', `median of ${runs}`, 'CPU per run', 'first (cold) run'],
  [
    ['sentiment (touchpoint, stage, channel, heat map, emotion curve)', s.wall, s.cpu, s.cold],
    [`standards compliance, ${standards.length} standards with weekly trend`, c.wall, c.cpu, c.cold],
  ].map(([name, ...ms]) => [String(name), ...ms.map((v) => `${Number(v).toFixed(0)} ms`)]),
);
const passed = c.result.standards.filter((r) => r.passed).length;
console.log(`standards passed: ${passed} of ${standards.length}`);
if (rated !== counts?.rated) {
  console.error(`FAILED: sentiment counted ${rated} rated interactions, the store holds ${counts?.rated}`);
  process.exit(1);
}
console.log('checks passed: every rated interaction counted once');
