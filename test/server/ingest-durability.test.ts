/**
 * Nothing lost, nothing duplicated (SPEC §5): the real server process ingests batches while it
 * is killed with SIGKILL at random moments and restarted; batches without an answer are sent
 * again. At the end every id is stored exactly once; each batch is stored whole or not at all,
 * and only a batch that went unanswered can come back as duplicates on its retry.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDbEventStore } from '../../src/store/events/duckdb/duckdb-event-store.js';
import { startServerProcess } from '../fixtures/server-process.js';

const _bin = join(import.meta.dirname, '../../bin/touchpoints.js');
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-durability-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  TOUCHPOINTS_DATA_DIR: dataDir,
  PORT: '0',
  TOUCHPOINTS_ADMIN_EMAIL: 'owner@example.com',
  TOUCHPOINTS_ADMIN_PASSWORD: 'correct horse battery',
};
delete env.DATABASE_URL;
const running: ChildProcess[] = [];

const BATCH = 1000;
const BATCHES = 60;
const KILLS = 3;

async function start(): Promise<{ url: string; child: ChildProcess }> {
  return startServerProcess(env, running);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

function records(batch: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `b${batch}-${i}`,
    customer: `c${i % 97}`,
    touchpoint: 'website',
    at: 1_714_550_400_000 + batch * BATCH + i,
    sentiment: (i % 3) - 1,
  }));
}

afterAll(() => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ingestion through server crashes', () => {
  it('stores every acknowledged interaction exactly once across SIGKILLs and restarts', async () => {
    let server = await start();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await json(await fetch(`${server.url}/api/me`, { headers: { cookie } }))) as {
      workspaces: { id: string }[];
    };
    const base = `/api/workspaces/${me.workspaces[0]?.id}`;
    const post = (url: string, body: unknown, auth: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        // The origin a browser would send: the API refuses cookie writes without it.
        headers: { 'content-type': 'application/json', origin: server.url, ...auth },
        body: JSON.stringify(body),
      });
    await json(
      await post(`${server.url}${base}/touchpoints`, { key: 'website', name: 'Website' }, { cookie }),
    );
    const { token } = (await json(
      await post(`${server.url}${base}/tokens`, { name: 'loader', scopes: ['ingest'] }, { cookie }),
    )) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const pending = Array.from({ length: BATCHES }, (_, b) => b);
    const unanswered = new Set<number>();
    const answers: { batch: number; accepted: number; duplicates: number; rejected: unknown[] }[] = [];
    let lastFailure = '';
    /** Sends pending batches (two at a time) until none is left or the server dies. */
    const sendAll = async (url: string) => {
      const worker = async () => {
        for (let b = pending.shift(); b !== undefined; b = pending.shift()) {
          try {
            const res = await post(`${url}${base}/interactions`, { interactions: records(b) }, auth);
            answers.push({ ...((await json(res)) as Omit<(typeof answers)[number], 'batch'>), batch: b });
          } catch (error) {
            // No answer: the batch may or may not be stored; it is sent again after the restart.
            lastFailure = String(error);
            unanswered.add(b);
            pending.push(b);
            return;
          }
        }
      };
      await Promise.all([worker(), worker()]);
    };

    for (let kill = 0; kill < KILLS; kill++) {
      const sending = sendAll(server.url);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 600));
      server.child.kill('SIGKILL');
      await exited(server.child);
      await sending;
      // The killed server's lock file is stale: the next start takes it over.
      server = await start();
    }
    await sendAll(server.url);
    expect(pending, lastFailure).toEqual([]);
    expect(answers).toHaveLength(BATCHES);
    for (const answer of answers) {
      expect(answer.rejected).toEqual([]);
      if (unanswered.has(answer.batch)) expect([0, BATCH]).toContain(answer.accepted);
      else expect(answer.accepted).toBe(BATCH);
      expect(answer.accepted + answer.duplicates).toBe(BATCH);
    }
    // The kills landed while batches were in flight.
    expect(unanswered.size).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    await exited(server.child);

    const events = await openDuckDbEventStore({ file: join(dataDir, 'events.duckdb') });
    try {
      const [row] = await events.query<{ n: number; ids: number; batches: number }>({
        sql: `SELECT count(*) AS n, count(DISTINCT id) AS ids, count(DISTINCT split_part(id, '-', 1)) AS batches
              FROM interactions`,
        params: {},
      });
      expect(row).toEqual({ n: BATCHES * BATCH, ids: BATCHES * BATCH, batches: BATCHES });
    } finally {
      await events.close();
    }
  }, 300_000);
});
