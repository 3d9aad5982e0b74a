/**
 * CSV import (SPEC §10: 10 M rows ≤ 30 s, with a progress bar): `touchpoints import
 * interactions FILE` as a user runs it, in a child process straight on a data directory (no
 * server). The file holds the synthetic interactions (generated once per size and seed into
 * bench/.cache/); a server start beforehand creates the owner, the synthetic touchpoints and
 * stops again. Afterwards the stored rows and distinct ids are counted; a small file is imported
 * a second time, which must add nothing. Exits non-zero when a check fails.
 * Run: node --import tsx bench/import-csv.ts [--interactions N] [--seed S]
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
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
    seed: { type: 'string', default: '1' },
    'node-arg': { type: 'string', multiple: true, default: [] },
  },
});
const wanted = Number(values.interactions);
const seed = Number(values.seed);
if (!Number.isInteger(wanted) || wanted < 10 || !Number.isInteger(seed)) {
  console.error('usage: bench/import-csv.ts [--interactions N ≥ 10] [--seed S]');
  process.exit(2);
}

const HEADER = 'id,customer,touchpoint,at,direction,sentiment,outcome,value,response_ms,props';

function csvLine(r: ApiRecord): string {
  const props = r.props ? `"${JSON.stringify(r.props).replaceAll('"', '""')}"` : '';
  return `${r.id},${r.customer},${r.touchpoint},${r.at},${r.direction},${r.sentiment ?? ''},${r.outcome ?? ''},${r.value ?? ''},${r.response_ms ?? ''},${props}\n`;
}

/** Writes the first `wanted` synthetic interactions as CSV, once. */
async function csvFile(): Promise<string> {
  const cacheDir = join(import.meta.dirname, '.cache');
  const file = join(cacheDir, `interactions-${wanted}-seed${seed}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const building = `${file}.building`;
  const out = createWriteStream(building);
  out.write(`${HEADER}\n`);
  let n = 0;
  let chunk = '';
  for (const record of apiRecords(Math.ceil(wanted / 8), seed)) {
    chunk += csvLine(record);
    if (++n % 10_000 === 0) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
    if (n === wanted) break;
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  renameSync(building, file);
  return file;
}

/** Runs the CLI; returns its output, wall time, CPU time and peak RSS (both polled from /proc). */
function runImport(dataDir: string, file: string, workspaceId: string) {
  const bin = join(import.meta.dirname, '../bin/touchpoints.js');
  const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise<{ code: number | null; stdout: string; ms: number; cpuMs: number; peakRss: number }>(
    (resolve) => {
      const started = performance.now();
      const child = spawn(
        process.execPath,
        [
          ...values['node-arg'],
          bin,
          'import',
          'interactions',
          file,
          '--workspace',
          workspaceId,
          '--progress',
        ],
        { env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let stdout = '';
      let peakRss = 0;
      let cpuMs = 0;
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      const poll = setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
          // Fields 14 and 15 of /proc/pid/stat: user and system time in clock ticks (100 a second).
          const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
          cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
          // The process has just ended.
        }
      }, 100);
      child.once('exit', (code) => {
        clearInterval(poll);
        resolve({ code, stdout, ms: performance.now() - started, cpuMs, peakRss });
      });
    },
  );
}

const failures: string[] = [];
function check(ok: boolean, message: string) {
  if (!ok) failures.push(message);
}

const file = await csvFile();
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-bench-import-'));
const server = await startServerProcess(dataDir);
let workspaceId: string;
try {
  ({ workspaceId } = await prepareWorkspace(server.url));
} finally {
  await server.stop();
}

const first = await runImport(dataDir, file, workspaceId);
const accepted = Number(/accepted\s+(\d+)/.exec(first.stdout)?.[1]);
check(first.code === 0, `import exited with ${first.code}:\n${first.stdout}`);
check(accepted === wanted, `accepted ${accepted} of ${wanted}`);
// A second run of the same file adds nothing (only for small files: it costs a whole import).
if (wanted <= 100_000) {
  const again = await runImport(dataDir, file, workspaceId);
  check(
    again.code === 0 && new RegExp(`duplicates\\s+${wanted}\\b`).test(again.stdout),
    `re-run: ${again.stdout}`,
  );
}
const events = await openDuckDbEventStore({ file: join(dataDir, 'events.duckdb') });
const [stored] = await events.query<{ n: number; ids: number }>({
  sql: 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM interactions',
  params: {},
});
await events.close();
check(stored?.n === wanted && stored.ids === wanted, `stored ${JSON.stringify(stored)}, expected ${wanted}`);
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\nCSV import: ${wanted.toLocaleString('en')} rows (${(statSync(file).size / 1024 / 1024).toFixed(0)} MB), ` +
    `${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}`,
);
printTable(
  ['rows/s', 'elapsed s (process start to exit)', 'CPU s', 'peak RSS', 'stored rows / ids'],
  [
    [
      Math.round((wanted * 1000) / first.ms).toLocaleString('en'),
      (first.ms / 1000).toFixed(1),
      (first.cpuMs / 1000).toFixed(1),
      `${(first.peakRss / 1024 / 1024).toFixed(0)} MB`,
      `${stored?.n.toLocaleString('en')} / ${stored?.ids.toLocaleString('en')}`,
    ],
  ],
);
if (failures.length > 0) {
  console.error(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('checks passed: every row stored once');
