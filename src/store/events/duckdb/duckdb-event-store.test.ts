import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runEventStoreSuite } from '../event-store.suite.js';
import { openDuckDbEventStore } from './duckdb-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'touchpoints-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runEventStoreSuite('duckdb in memory', () => openDuckDbEventStore());
runEventStoreSuite('duckdb file', () => openDuckDbEventStore({ file: join(dir, 'suite.duckdb') }));

const BATCH = 500;

/**
 * A child process that inserts batch after batch into `file`, printing "acked N" after each
 * resolved insert, until it is killed.
 */
const CHILD = `
import { openDuckDbEventStore } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'duckdb-event-store.ts')).href)};
const store = await openDuckDbEventStore({ file: process.argv[1] });
for (let batch = 0; ; batch++) {
  const rows = Array.from({ length: ${BATCH} }, (_, n) => ({
    workspaceId: 'ws', id: batch + '-' + n, customer: 'c' + n, touchpointId: 'tp', at: batch * 1000 + n,
    direction: 'in', sentiment: null, outcome: null, value: null, responseMs: null, waitMs: null,
    durationMs: null, props: null,
  }));
  await store.insertInteractions(rows);
  process.stdout.write('acked ' + batch + '\\n');
}
`;

describe('duckdb event store durability', () => {
  it('keeps every acknowledged batch when the process is killed with SIGKILL', async () => {
    const file = join(dir, 'killed.duckdb');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => {
      output += d;
    });
    const acked = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no acknowledgement:\n${output}`)), 30_000);
      let lines = '';
      child.stdout.on('data', (d) => {
        lines += d;
        const all = [...lines.matchAll(/acked (\d+)\n/g)];
        // Kill right after the fifth acknowledgement, while the next batch is being written.
        if (all.length >= 5) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolve(Math.max(...all.map((m) => Number(m[1]))));
        }
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}:\n${output}`));
      });
    });
    await new Promise((resolve) =>
      child.exitCode === null && !child.signalCode ? child.once('exit', resolve) : resolve(null),
    );

    const store = await openDuckDbEventStore({ file });
    try {
      const [row] = await store.query<{ n: number; batches: number; acked: number }>({
        sql: `SELECT count(*) AS n, count(DISTINCT split_part(id, '-', 1)) AS batches,
                     count(*) FILTER (split_part(id, '-', 1)::INTEGER <= $acked) AS acked
              FROM interactions`,
        params: { acked },
      });
      expect(row?.acked).toBe((acked + 1) * BATCH);
      // Batches are atomic: every batch present is complete.
      expect(row?.n).toBe((row?.batches ?? 0) * BATCH);
    } finally {
      await store.close();
    }
  }, 60_000);
});
