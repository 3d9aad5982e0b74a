import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { makeInteraction } from '../../../../test/fixtures/generate-interactions.js';
import { runEventStoreSuite } from '../event-store.suite.js';
import { openDuckDbEventStore } from './duckdb-event-store.js';
import { DUCKDB_SCHEMA_VERSION } from './schema.js';

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

/** Each interaction's integer keys, by id. */
async function keysOf(store: Awaited<ReturnType<typeof openDuckDbEventStore>>, workspaceId: string) {
  const rows = await store.query<{ id: string; customer: string; ck: number; tk: number }>({
    sql: `SELECT id, customer, customer_key AS ck, touchpoint_key AS tk FROM interactions
          WHERE workspace_id = $workspaceId ORDER BY id`,
    params: { workspaceId },
  });
  return Object.fromEntries(rows.map((r) => [r.id, [r.customer, r.ck, r.tk]]));
}

const BY_TOUCHPOINT = 'workspace_id, touchpoint_key, customer_key, "at", sentiment';

/**
 * How `interactions_by_touchpoint` stands against `interactions`: rows in each, rows of one that
 * the other lacks (as multisets), and the places where a row sorts before the one stored before
 * it (0 when the table is one sorted run).
 */
async function byTouchpoint(store: Awaited<ReturnType<typeof openDuckDbEventStore>>) {
  const [row] = await store.query<Record<string, number>>({
    sql: `SELECT (SELECT count(*) FROM interactions_by_touchpoint) AS ordered,
                 (SELECT count(*) FROM interactions) AS stored,
                 (SELECT count(*) FROM (SELECT ${BY_TOUCHPOINT} FROM interactions
                    EXCEPT ALL SELECT ${BY_TOUCHPOINT} FROM interactions_by_touchpoint)) AS missing,
                 (SELECT count(*) FROM (SELECT ${BY_TOUCHPOINT} FROM interactions_by_touchpoint
                    EXCEPT ALL SELECT ${BY_TOUCHPOINT} FROM interactions)) AS extra,
                 (SELECT count(*) FILTER (back) FROM (
                    SELECT (workspace_id, touchpoint_key, customer_key, "at")
                             < lag((workspace_id, touchpoint_key, customer_key, "at")) OVER (ORDER BY rowid) AS back
                    FROM interactions_by_touchpoint)) AS descents,
                 (SELECT coalesce(max(value::INTEGER), 0) FROM event_store_meta
                    WHERE name = 'by_touchpoint_small_runs') AS small`,
    params: {},
  });
  return row;
}

describe('duckdb integer keys of customers and touchpoints', () => {
  it('gives analyses that start together after an insert the keys of every stored interaction', async () => {
    const store = await openDuckDbEventStore();
    try {
      const rows = Array.from({ length: 5000 }, (_, n) =>
        makeInteraction({
          workspaceId: 'w1',
          id: `i${n}`,
          customer: `c${n % 700}`,
          touchpointId: `tp${n % 9}`,
          at: n,
        }),
      );
      await store.insertInteractions(rows);
      const keyed = () =>
        store.query<{ n: number }>({
          sql: 'SELECT count(*)::INTEGER AS n FROM interactions WHERE customer_key IS NOT NULL AND touchpoint_key IS NOT NULL',
          params: {},
        });
      const answers = await Promise.all([keyed(), keyed(), keyed(), keyed()]);
      expect(answers.map((a) => a[0]?.n)).toEqual([5000, 5000, 5000, 5000]);
    } finally {
      await store.close();
    }
  });

  it('tells onKeyPass how many interactions a pass gives keys to, once per pass that has work', async () => {
    const passes: number[] = [];
    const store = await openDuckDbEventStore({ onKeyPass: (n) => passes.push(n) });
    try {
      const batch = (from: number, count: number) =>
        Array.from({ length: count }, (_, n) =>
          makeInteraction({
            workspaceId: 'w1',
            id: `i${from + n}`,
            customer: `c${n % 7}`,
            touchpointId: 'tp1',
            at: from + n,
          }),
        );
      const count = { sql: 'SELECT count(*) AS n FROM interactions', params: {} };
      await store.insertInteractions(batch(0, 300));
      await store.query(count);
      await store.query(count);
      await store.insertInteractions(batch(300, 45));
      await store.query(count);
      expect(passes).toEqual([300, 45]);
    } finally {
      await store.close();
    }
  });

  it('numbers customers and touchpoints densely per workspace, the same one always alike', async () => {
    const store = await openDuckDbEventStore();
    try {
      const i = (workspaceId: string, id: string, customer: string, touchpointId: string) =>
        makeInteraction({ workspaceId, id, customer, touchpointId, at: 0 });
      await store.insertInteractions([
        i('w1', 'a', 'anna', 'tp-x'),
        i('w1', 'b', 'bob', 'tp-y'),
        i('w2', 'a', 'zoe', 'tp-y'),
      ]);
      expect(await keysOf(store, 'w1')).toEqual({ a: ['anna', 1, 1], b: ['bob', 2, 2] });
      // Later: known customers and touchpoints keep their keys, new ones continue the numbering;
      // the customer of an ignored record (dan) gets none.
      await store.insertInteractions([
        i('w1', 'c', 'bob', 'tp-x'),
        i('w1', 'd', 'cleo', 'tp-z'),
        i('w1', 'e', 'aaron', 'tp-y'),
        i('w1', 'a', 'dan', 'tp-q'),
      ]);
      expect(await keysOf(store, 'w1')).toEqual({
        a: ['anna', 1, 1],
        b: ['bob', 2, 2],
        c: ['bob', 2, 1],
        d: ['cleo', 4, 3],
        e: ['aaron', 3, 2],
      });
      expect(await keysOf(store, 'w2')).toEqual({ a: ['zoe', 1, 1] });

      await store.quarantine([
        {
          workspaceId: 'w1',
          kind: 'interaction',
          id: 'q1',
          touchpointKey: 'new-key',
          at: 5,
          record: {
            customer: 'eve',
            direction: null,
            sentiment: null,
            outcome: null,
            value: null,
            responseMs: null,
            waitMs: null,
            durationMs: null,
            props: null,
          },
        },
      ]);
      await store.replayQuarantined('w1', 'new-key', { id: 'tp-new', direction: 'in' });
      expect((await keysOf(store, 'w1')).q1).toEqual(['eve', 5, 4]);
    } finally {
      await store.close();
    }
  });

  it("numbers a customer's interactions at one instant by id (seq), across batches and workspaces", async () => {
    const store = await openDuckDbEventStore();
    const seqOf = async (workspaceId: string) => {
      const rows = await store.query<{ id: string; seq: number }>({
        sql: 'SELECT id, seq FROM interactions WHERE workspace_id = $workspaceId ORDER BY id',
        params: { workspaceId },
      });
      return Object.fromEntries(rows.map((r) => [r.id, r.seq]));
    };
    const at = (workspaceId: string, id: string, customer: string, time: number) =>
      makeInteraction({ workspaceId, id, customer, touchpointId: 'tp-x', at: time });
    try {
      await store.insertInteractions([
        at('w1', 'm', 'anna', 100),
        at('w1', 'c', 'anna', 100),
        at('w1', 'z', 'anna', 200),
        at('w1', 'b', 'bob', 100),
        at('w2', 'a', 'anna', 100),
      ]);
      expect(await seqOf('w1')).toEqual({ b: 0, c: 0, m: 1, z: 0 });
      // A later interaction at the same instant renumbers the ones stored before it.
      await store.insertInteractions([at('w1', 'a', 'anna', 100), at('w1', 'y', 'anna', 200)]);
      expect(await seqOf('w1')).toEqual({ a: 0, b: 0, c: 1, m: 2, y: 0, z: 1 });
      expect(await seqOf('w2')).toEqual({ a: 0 });
    } finally {
      await store.close();
    }
  });

  it('finds stored ids without a primary key: after a reopen, bulk work, a replay and past its filter size', async () => {
    const file = join(dir, 'ids.duckdb');
    const rows = (from: number, to: number, customer = 'c') =>
      Array.from({ length: to - from }, (_, n) =>
        makeInteraction({ workspaceId: 'w', id: `i${from + n}`, customer, touchpointId: 'tp', at: from + n }),
      );
    let store = await openDuckDbEventStore({ file });
    try {
      expect(await store.insertInteractions(rows(0, 100))).toEqual({ inserted: 100, duplicates: 0 });
    } finally {
      await store.close();
    }
    store = await openDuckDbEventStore({ file });
    try {
      // Built from the file on the first insert: the ids stored before the reopen are known.
      expect(await store.insertInteractions(rows(50, 150))).toEqual({ inserted: 50, duplicates: 50 });
      // Rows stored by bulk work, which the filter never saw.
      await store.withBulkWriter((connection) =>
        connection.run(`INSERT INTO interactions (workspace_id, id, customer, touchpoint_id, "at", direction)
          SELECT 'w', 'bulk' || i, 'c', 'tp', i, 'in' FROM range(10) t(i)`),
      );
      const bulk = Array.from({ length: 12 }, (_, n) =>
        makeInteraction({ workspaceId: 'w', id: `bulk${n}`, customer: 'x', touchpointId: 'tp', at: n }),
      );
      expect(await store.insertInteractions(bulk)).toEqual({ inserted: 2, duplicates: 10 });
      // A replayed record's id is known too.
      await store.quarantine([
        {
          workspaceId: 'w',
          kind: 'interaction',
          id: 'late',
          touchpointKey: 'k',
          at: 5,
          record: {
            customer: 'c',
            direction: null,
            sentiment: null,
            outcome: null,
            value: null,
            responseMs: null,
            waitMs: null,
            durationMs: null,
            props: null,
          },
        },
      ]);
      await store.replayQuarantined('w', 'k', { id: 'tp', direction: 'in' });
      expect(await store.insertInteractions(rows(0, 1).map((r) => ({ ...r, id: 'late' })))).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      // Past the first filter's room (about 46,000 ids) it is built again, larger.
      for (let from = 150; from < 60_150; from += 20_000)
        expect(await store.insertInteractions(rows(from, from + 20_000))).toEqual({
          inserted: 20_000,
          duplicates: 0,
        });
      expect(await store.insertInteractions(rows(0, 60_150, 'again'))).toEqual({
        inserted: 0,
        duplicates: 60_150,
      });
      const [count] = await store.query<{ n: number; ids: number; again: number }>({
        sql: `SELECT count(*) AS n, count(DISTINCT id) AS ids, count(*) FILTER (customer = 'again') AS again
              FROM interactions`,
        params: {},
      });
      expect(count).toEqual({ n: 60_163, ids: 60_163, again: 0 });
    } finally {
      await store.close();
    }
  });

  it('numbers each customer’s interactions in order, and moves later ones when an earlier one arrives', async () => {
    const store = await openDuckDbEventStore();
    const at = (id: string, customer: string, touchpointId: string, time: number) =>
      makeInteraction({ workspaceId: 'w1', id, customer, touchpointId, at: time });
    const order = async () =>
      Object.fromEntries(
        (
          await store.query<{ id: string; ord: number; prev: string | null }>({
            sql: `SELECT i.id, i.ord, k.touchpoint_id AS prev FROM interactions i
                  LEFT JOIN touchpoint_keys k ON k.workspace_id = i.workspace_id AND k.touchpoint_key = i.prev_key
                  ORDER BY i.id`,
            params: {},
          })
        ).map((r) => [r.id, [r.ord, r.prev]]),
      );
    try {
      await store.insertInteractions([
        at('a1', 'anna', 'tp-a', 10),
        at('a3', 'anna', 'tp-b', 30),
        at('b1', 'bob', 'tp-a', 5),
      ]);
      expect(await order()).toEqual({ a1: [1, null], a3: [2, 'tp-a'], b1: [1, null] });
      // anna's new interaction comes between hers; a tie with bob's goes by id (seq).
      await store.insertInteractions([at('a2', 'anna', 'tp-c', 20), at('b0', 'bob', 'tp-b', 5)]);
      expect(await order()).toEqual({
        a1: [1, null],
        a2: [2, 'tp-a'],
        a3: [3, 'tp-c'],
        b0: [1, null],
        b1: [2, 'tp-b'],
      });
      // Many customers and batches: the stored numbers are those of a window over everything.
      for (let batch = 0; batch < 4; batch++) {
        await store.insertInteractions(
          Array.from({ length: 300 }, (_, n) =>
            at(
              `m${batch}-${n}`,
              `c${n % 17}`,
              `tp-${'abc'[(n + batch) % 3]}`,
              ((n * 7919 + batch * 104729) % 1000) + 0,
            ),
          ),
        );
        const [wrong] = await store.query<{ n: number }>({
          sql: `SELECT count(*) AS n FROM (
                  SELECT ord, prev_key, row_number() OVER w AS o, lag(touchpoint_key) OVER w AS p FROM interactions
                  WINDOW w AS (PARTITION BY workspace_id, customer_key ORDER BY "at", seq))
                WHERE ord IS DISTINCT FROM o OR prev_key IS DISTINCT FROM p`,
          params: {},
        });
        expect(wrong).toEqual({ n: 0 });
      }
    } finally {
      await store.close();
    }
  });

  it('keeps interactions_by_touchpoint equal to the keyed interactions, sorted anew when small runs pile up', async () => {
    const store = await openDuckDbEventStore({ touchpointOrder: { runRows: 50, smallRunRows: 20 } });
    // Each batch visits touchpoints z, y, x… in turn: touchpoint keys follow the first batch's
    // ids, so a later run starts below where the table ends.
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, n) =>
        makeInteraction({
          // Two workspaces, so that runs must keep each one's rows together.
          workspaceId: n % 5 === 0 ? 'w0' : 'w1',
          id: `i${from + n}`,
          customer: `c${(from + n) % 7}`,
          touchpointId: `tp-${'zyx'[n % 3]}`,
          at: 1000 - from - n,
          sentiment: n % 4 === 0 ? -1 : null,
        }),
      );
    try {
      await store.insertInteractions(batch(0, 100));
      expect(await byTouchpoint(store)).toEqual({
        ordered: 100,
        stored: 100,
        missing: 0,
        extra: 0,
        descents: 0,
        small: 0,
      });
      await store.insertInteractions(batch(100, 10));
      expect(await byTouchpoint(store)).toEqual({
        ordered: 110,
        stored: 110,
        missing: 0,
        extra: 0,
        descents: 1,
        small: 10,
      });
      // 25 rows in small runs: past 20, but not yet a quarter of 125.
      await store.insertInteractions(batch(110, 15));
      expect(await byTouchpoint(store)).toMatchObject({
        ordered: 125,
        missing: 0,
        extra: 0,
        descents: 2,
        small: 25,
      });
      await store.insertInteractions(batch(125, 10));
      expect(await byTouchpoint(store)).toEqual({
        ordered: 135,
        stored: 135,
        missing: 0,
        extra: 0,
        descents: 0,
        small: 0,
      });
    } finally {
      await store.close();
    }
  });

  it('gives keys once writes pause when asked to, also to a file opened with rows lacking them', async () => {
    const file = join(dir, 'idle-keys.duckdb');
    const rows = (from: number) =>
      Array.from({ length: 20 }, (_, n) =>
        makeInteraction({ id: `i${from + n}`, customer: `c${n % 3}`, touchpointId: 'tp-a', at: from + n }),
      );
    // Unkeyed rows counted straight from the file, after the store has closed it.
    const unkeyed = async () => {
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      try {
        const result = await connection.runAndReadAll(`SELECT
            (SELECT count(*) FROM interactions WHERE customer_key IS NULL)::INTEGER AS unkeyed,
            (SELECT count(*) FROM interactions_by_touchpoint)::INTEGER AS ordered`);
        return result.getRowObjectsJS()[0];
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, 400));

    let store = await openDuckDbEventStore({ file });
    await store.insertInteractions(rows(0));
    await pause();
    await store.close();
    expect(await unkeyed()).toEqual({ unkeyed: 20, ordered: 0 });

    store = await openDuckDbEventStore({ file, keyWhenIdleMs: 50 });
    await pause();
    await store.close();
    expect(await unkeyed()).toEqual({ unkeyed: 0, ordered: 20 });

    store = await openDuckDbEventStore({ file, keyWhenIdleMs: 50 });
    await store.insertInteractions(rows(100));
    await pause();
    await store.close();
    expect(await unkeyed()).toEqual({ unkeyed: 0, ordered: 40 });
  });

  it('fills interactions_by_touchpoint from the keyed interactions of a fourth-layout file', async () => {
    const file = join(dir, 'fourth-layout.duckdb');
    let store = await openDuckDbEventStore({ file });
    await store.insertInteractions(
      Array.from({ length: 30 }, (_, n) =>
        makeInteraction({ id: `i${n}`, customer: `c${n % 4}`, touchpointId: `tp-${n % 3}`, at: 30 - n }),
      ),
    );
    expect(await byTouchpoint(store)).toMatchObject({ ordered: 30, missing: 0 });
    await store.close();
    // What the fourth layout left: keyed interactions, and no such table.
    const old = await DuckDBInstance.create(file);
    const connection = await old.connect();
    await connection.run('DROP TABLE interactions_by_touchpoint');
    await connection.run(`UPDATE event_store_meta SET value = '4' WHERE name = 'schema_version'`);
    connection.closeSync();
    old.closeSync();
    store = await openDuckDbEventStore({ file });
    try {
      expect(await byTouchpoint(store)).toEqual({
        ordered: 30,
        stored: 30,
        missing: 0,
        extra: 0,
        descents: 0,
        small: 0,
      });
    } finally {
      await store.close();
    }
  });

  it('upgrades a file of the first layout in place, keeping every interaction', async () => {
    const file = join(dir, 'first-layout.duckdb');
    const old = await DuckDBInstance.create(file);
    const connection = await old.connect();
    await connection.run(`CREATE TABLE interactions (
      workspace_id VARCHAR NOT NULL, id VARCHAR NOT NULL, customer VARCHAR NOT NULL,
      touchpoint_id VARCHAR NOT NULL, "at" BIGINT NOT NULL, direction VARCHAR NOT NULL, sentiment TINYINT,
      outcome VARCHAR, value DOUBLE, response_ms DOUBLE, wait_ms DOUBLE, duration_ms DOUBLE, props VARCHAR,
      PRIMARY KEY (workspace_id, id))`);
    await connection.run(`INSERT INTO interactions VALUES
      ('w1', 'i1', 'anna', 'tp-x', 1, 'in', -1, NULL, NULL, NULL, NULL, NULL, NULL),
      ('w1', 'i2', 'bob', 'tp-y', 2, 'out', NULL, 'converted', 9.5, NULL, NULL, NULL, '{"a":1}'),
      ('w1', 'i3', 'anna', 'tp-y', 3, 'in', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      ('w2', 'i1', 'anna', 'tp-x', 4, 'in', NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    connection.closeSync();
    old.closeSync();

    let store = await openDuckDbEventStore({ file });
    try {
      expect(await keysOf(store, 'w1')).toEqual({
        i1: ['anna', 1, 1],
        i2: ['bob', 2, 2],
        i3: ['anna', 1, 2],
      });
      expect(await keysOf(store, 'w2')).toEqual({ i1: ['anna', 1, 1] });
      expect(await byTouchpoint(store)).toMatchObject({ ordered: 4, stored: 4, missing: 0, extra: 0 });
      const [kept] = await store.query<Record<string, unknown>>({
        sql: `SELECT direction, outcome, value, props FROM interactions WHERE workspace_id = 'w1' AND id = 'i2'`,
        params: {},
      });
      expect(kept).toEqual({ direction: 'out', outcome: 'converted', value: 9.5, props: '{"a":1}' });
      expect(
        await store.insertInteractions([
          makeInteraction({ workspaceId: 'w1', id: 'i2', customer: 'x', touchpointId: 'tp-x', at: 9 }),
          makeInteraction({ workspaceId: 'w1', id: 'i4', customer: 'cleo', touchpointId: 'tp-x', at: 9 }),
        ]),
      ).toEqual({ inserted: 1, duplicates: 1 });
      expect((await keysOf(store, 'w1')).i4).toEqual(['cleo', 3, 1]);
      const seq = await store.query<{ n: number }>({
        sql: 'SELECT count(*) AS n FROM interactions WHERE seq IS DISTINCT FROM 0',
        params: {},
      });
      expect(seq).toEqual([{ n: 0 }]);
    } finally {
      await store.close();
    }
    // Opening the upgraded file again changes nothing.
    store = await openDuckDbEventStore({ file });
    try {
      const [version] = await store.query<{ value: string }>({
        sql: `SELECT value FROM event_store_meta WHERE name = 'schema_version'`,
        params: {},
      });
      expect(version?.value).toBe(String(DUCKDB_SCHEMA_VERSION));
      const keys = await store.query({
        sql: `SELECT 1 FROM duckdb_constraints() WHERE table_name = 'interactions' AND constraint_type = 'PRIMARY KEY'`,
        params: {},
      });
      expect(keys).toEqual([]);
      expect(Object.keys(await keysOf(store, 'w1'))).toEqual(['i1', 'i2', 'i3', 'i4']);
    } finally {
      await store.close();
    }
  });
});
