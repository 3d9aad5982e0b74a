/**
 * The synthetic interactions the analytics benchmarks read: generated once per size and seed
 * (about ten per customer, walking the five-link chain of test/fixtures) into a DuckDB
 * event-store file under bench/.cache/, then opened from there.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import type { EventStore, Interaction } from '../src/store/events/event-store.js';
import { generateInteractions } from '../test/fixtures/generate-interactions.js';

export interface BenchOptions {
  interactions: number;
  seed: number;
  runs: number;
}

/** `--interactions N --seed S --runs R` of a benchmark's command line. */
export function parseBenchOptions(name: string, defaultInteractions = 1_000_000): BenchOptions {
  const { values } = parseArgs({
    options: {
      interactions: { type: 'string', default: String(defaultInteractions) },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
    },
  });
  const options = {
    interactions: Number(values.interactions),
    seed: Number(values.seed),
    runs: Number(values.runs),
  };
  if (
    !Number.isInteger(options.interactions) ||
    options.interactions < 10 ||
    !Number.isInteger(options.seed)
  ) {
    console.error(`usage: bench/${name}.ts [--interactions N ≥ 10] [--seed S] [--runs R]`);
    process.exit(2);
  }
  if (!(options.runs >= 1)) options.runs = 1;
  return options;
}

/** The cached event-store file of about `interactions` interactions, generated the first time. */
export async function cachedInteractionsFile({ interactions, seed }: BenchOptions): Promise<string> {
  const customers = Math.max(1, Math.round(interactions / 10));
  const cacheDir = join(import.meta.dirname, '.cache');
  const file = join(cacheDir, `interactions-${customers}c-seed${seed}.duckdb`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    const building = `${file}.building`;
    rmSync(building, { force: true });
    rmSync(`${building}.wal`, { force: true });
    console.log(
      `generating ${customers.toLocaleString('en')} customers (≈ ${interactions.toLocaleString('en')} interactions) into ${file}`,
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
  return file;
}

/** Opens the cached event store of about `interactions` interactions, generating it the first time. */
export async function openCachedInteractions(options: BenchOptions): Promise<EventStore> {
  const store = await openDuckDbEventStore({ file: await cachedInteractionsFile(options) });
  // The first query gives the interactions stored since the last one their integer keys.
  const started = performance.now();
  await store.query({ sql: 'SELECT 1', params: {} });
  const keying = performance.now() - started;
  if (keying > 1_000)
    console.log(`integer keys assigned to new interactions in ${(keying / 1000).toFixed(1)} s`);
  return store;
}

/** Times `runs` runs of `work` after one cold run: wall-clock and process CPU time (DuckDB's threads included). */
export async function timeRuns<T>(runs: number, work: () => Promise<T>) {
  const coldStart = performance.now();
  let result = await work();
  const cold = performance.now() - coldStart;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    result = await work();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { result, cold, wall, cpu };
}

/** The median (lower middle for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;
}
