import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  descendantsOf,
  generateInteractionList,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../../../../test/fixtures/generate-interactions.js';
import { DAY_MS } from '../../../analytics/analysis-scope.js';
import { attribution, attributionPaths } from '../../../analytics/attribution.js';
import type { AttributionInput } from '../../../analytics/attribution.schemas.js';
import { chainConversion } from '../../../analytics/chain-conversion.js';
import { referenceAttribution } from '../../../analytics/reference/attribution.js';
import { chainConversionReference } from '../../../analytics/reference/chain-conversion.js';
import type { EventStore, FeedbackAnswer, Interaction, QuarantinedRecord } from '../event-store.js';
import { compactingFile } from './compact.js';
import { openDuckDbEventStore } from './duckdb-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'touchpoints-purge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2025, 5, 1);
const HOUR = 3_600_000;
const ERASED = 'erase-me-7f3a9c';
const CONTROL = 'keep-me-1b2c3d';

function interaction(
  workspaceId: string,
  id: string,
  customer: string,
  at: number,
  touchpointId = 'tp-a',
): Interaction {
  return {
    workspaceId,
    id,
    customer,
    touchpointId,
    at,
    direction: 'in',
    sentiment: 1,
    outcome: null,
    value: null,
    responseMs: null,
    waitMs: null,
    durationMs: null,
    props: null,
  };
}

function answer(
  workspaceId: string,
  id: string,
  customer: string | null,
  at: number,
  comment: string | null,
) {
  return {
    workspaceId,
    id,
    touchpointId: 'tp-a',
    customer,
    at,
    kind: 'csat',
    score: 4,
    comment,
  } as FeedbackAnswer;
}

function held(workspaceId: string, id: string, customer: string, at: number): QuarantinedRecord {
  return {
    workspaceId,
    kind: 'feedback',
    id,
    touchpointKey: 'unknown-key',
    at,
    record: { customer, kind: 'nps', score: 2, comment: `said by ${customer}` },
  };
}

/** Many ordinary interactions, so the tables span row groups and compressed segments. */
function bulk(workspaceId: string, n: number): Interaction[] {
  return Array.from({ length: n }, (_, k) =>
    interaction(workspaceId, `bulk-${k}`, `customer-${k % 997}`, T0 + k * 1000, `tp-${k % 7}`),
  );
}

/** The store's file and log, as bytes. */
function fileBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}.wal`].filter(existsSync).map((f) => readFileSync(f)));
}

/** Opens the file with DuckDB itself and counts, per table and text column, the rows holding `text`. */
async function occurrences(file: string, text: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    const columns = (
      await connection.runAndReadAll(
        `SELECT table_name, column_name FROM duckdb_columns()
         WHERE data_type = 'VARCHAR' AND database_name = current_database() AND NOT internal`,
      )
    ).getRowObjectsJS();
    const found: Record<string, number> = {};
    for (const { table_name: table, column_name: column } of columns) {
      const n = (
        await connection.runAndReadAll(
          `SELECT count(*)::INTEGER AS n FROM "${table}" WHERE contains("${column}", $text)`,
          { text },
        )
      ).getRowObjectsJS()[0]?.n;
      found[`${table}.${column}`] = Number(n);
    }
    return found;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function rowsOfWorkspace(file: string, workspaceId: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    const tables = (
      await connection.runAndReadAll(
        `SELECT DISTINCT table_name FROM duckdb_columns()
         WHERE column_name = 'workspace_id' AND database_name = current_database() AND NOT internal`,
      )
    ).getRowObjectsJS();
    const found: Record<string, number> = {};
    for (const { table_name: table } of tables)
      found[String(table)] = Number(
        (
          await connection.runAndReadAll(
            `SELECT count(*)::INTEGER AS n FROM "${table}" WHERE workspace_id = $workspaceId`,
            { workspaceId },
          )
        ).getRowObjectsJS()[0]?.n,
      );
    return found;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

/** Every interaction's `ord` and `prev_key` against their definition, recomputed. */
async function misnumbered(store: EventStore): Promise<number> {
  const [row] = await store.query<{ n: number }>({
    sql: `SELECT count(*) AS n FROM (
            SELECT ord, prev_key, row_number() OVER w AS want_ord, lag(touchpoint_key) OVER w AS want_prev
            FROM interactions WINDOW w AS (PARTITION BY workspace_id, customer_key ORDER BY "at", seq))
          WHERE ord IS DISTINCT FROM want_ord OR prev_key IS DISTINCT FROM want_prev`,
    params: {},
  });
  return row?.n ?? -1;
}

describe('duckdb purges reach every table and the bytes of the file', () => {
  it('erases a customer: no table holds the key, the file and its log hold its bytes no more', async () => {
    const file = join(dir, 'erase.duckdb');
    let store = await openDuckDbEventStore({ file });
    await store.insertInteractions([
      ...bulk('ws-1', 30_000),
      interaction('ws-1', 'x-1', ERASED, T0 + HOUR),
      interaction('ws-1', 'x-2', ERASED, T0 + 2 * HOUR, 'tp-b'),
      interaction('ws-1', 'k-1', CONTROL, T0 + HOUR),
      interaction('ws-2', 'x-1', ERASED, T0),
    ]);
    await store.insertFeedback([
      answer('ws-1', 'f-1', ERASED, T0, `a comment by ${ERASED}`),
      answer('ws-1', 'f-2', CONTROL, T0, `a comment by ${CONTROL}`),
    ]);
    await store.quarantine([held('ws-1', 'q-1', ERASED, T0), held('ws-1', 'q-2', CONTROL, T0)]);
    // The key pass puts the customer in the dictionary and the ordered copy too.
    await store.query({ sql: 'SELECT 1', params: {} });
    await store.close();
    // The test could fail: the bytes are there before.
    expect(fileBytes(file).includes(ERASED)).toBe(true);
    expect(total(await occurrences(file, ERASED))).toBeGreaterThan(0);

    store = await openDuckDbEventStore({ file });
    const keyOf = async () =>
      (
        await store.query<{ k: number }>({
          sql: `SELECT customer_key AS k FROM customer_keys WHERE workspace_id = 'ws-1' AND customer = $c`,
          params: { c: ERASED },
        })
      )[0]?.k;
    const erasedKey = await keyOf();
    expect(erasedKey).toBeGreaterThan(0);
    // The rewritten file keeps the order of the sorted runs (which chain conversion relies on).
    const runs = async () =>
      (
        await store.query<{ h: string }>({
          sql: `SELECT md5(string_agg(concat_ws(',', workspace_id, touchpoint_key, customer_key, "at"), ';' ORDER BY rowid)) AS h
                FROM interactions_by_touchpoint WHERE NOT (workspace_id = 'ws-1' AND customer_key = $k)`,
          params: { k: erasedKey ?? -1 },
        })
      )[0]?.h;
    const runsBefore = await runs();
    // Reads given during the purge and its file rewrite all answer.
    const erasure = store.eraseCustomers('ws-1', [ERASED]);
    const counts = await Promise.all(
      Array.from({ length: 6 }, () =>
        store.query<{ n: number }>({
          sql: `SELECT count(*) AS n FROM interactions WHERE customer = $c`,
          params: { c: CONTROL },
        }),
      ),
    );
    expect(counts.map((c) => c[0]?.n)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await erasure).toEqual({ interactions: 2, feedback: 1, quarantined: 1 });
    const [ordered] = await store.query<{ n: number; keyed: number }>({
      sql: `SELECT (SELECT count(*) FROM interactions_by_touchpoint WHERE workspace_id = 'ws-1' AND customer_key = $k) AS n,
                   (SELECT count(*) FROM interactions_by_touchpoint) - (SELECT count(*) FROM interactions) AS keyed`,
      params: { k: erasedKey ?? -1 },
    });
    expect(ordered).toEqual({ n: 0, keyed: 0 });
    expect(await keyOf()).toBeUndefined();
    expect(await runs()).toBe(runsBefore);
    expect(await misnumbered(store)).toBe(0);
    await store.close();

    // Only the other workspace's record of the same key is left, in interactions and the dictionary.
    const left = Object.entries(await occurrences(file, ERASED)).filter(([, n]) => n > 0);
    expect(Object.fromEntries(left)).toEqual({ 'interactions.customer': 1, 'customer_keys.customer': 1 });
    expect(await rowsOfWorkspace(file, 'ws-2')).toMatchObject({ interactions: 1, customer_keys: 1 });
    expect(total(await occurrences(file, CONTROL))).toBeGreaterThan(0);

    store = await openDuckDbEventStore({ file });
    expect((await store.eraseCustomers('ws-2', [ERASED])).interactions).toBe(1);
    await store.close();
    const bytes = fileBytes(file);
    expect(bytes.includes(ERASED)).toBe(false);
    expect(bytes.includes(`a comment by ${CONTROL}`)).toBe(true);
    expect(bytes.includes(CONTROL)).toBe(true);
    expect(total(await occurrences(file, ERASED))).toBe(0);
    expect(existsSync(compactingFile(file))).toBe(false);
  });

  it('deletes a workspace from every table, in the file too, across a reopen', async () => {
    const file = join(dir, 'workspace.duckdb');
    const gone = 'ws-gone-4e1d9a';
    let store = await openDuckDbEventStore({ file });
    await store.insertInteractions([...bulk(gone, 20_000), ...bulk('ws-kept', 5_000)]);
    await store.insertInteractions([interaction(gone, 'x', ERASED, T0)]);
    await store.insertFeedback([
      answer(gone, 'f', ERASED, T0, 'gone comment 5c7e'),
      answer('ws-kept', 'f', CONTROL, T0, 'kept'),
    ]);
    await store.quarantine([held(gone, 'q', ERASED, T0), held('ws-kept', 'q', CONTROL, T0)]);
    await store.setTouchpointAlias(gone, 'alias-key', 'tp-a');
    await store.query({ sql: 'SELECT 1', params: {} });
    const keptBefore = await rowsOfWorkspaceThrough(store, 'ws-kept');
    expect(fileBytes(file).includes(gone)).toBe(true);
    expect(await store.deleteWorkspace(gone)).toEqual({ interactions: 20_001, feedback: 1, quarantined: 1 });
    // Gone from the file as soon as the promise resolves, the store still open.
    expect(fileBytes(file).includes(gone)).toBe(false);
    await store.close();

    expect(total(await rowsOfWorkspace(file, gone))).toBe(0);
    const bytes = fileBytes(file);
    for (const text of [gone, ERASED, 'gone comment 5c7e']) expect(bytes.includes(text), text).toBe(false);
    store = await openDuckDbEventStore({ file });
    expect(await rowsOfWorkspaceThrough(store, gone)).toEqual({
      interactions: 0,
      feedback: 0,
      quarantine: 0,
    });
    expect(await rowsOfWorkspaceThrough(store, 'ws-kept')).toEqual(keptBefore);
    expect(await misnumbered(store)).toBe(0);
    await store.close();
    expect(await rowsOfWorkspace(file, 'ws-kept')).toMatchObject({
      interactions: 5_000,
      interactions_by_touchpoint: 5_000,
      customer_keys: 997,
      touchpoint_keys: 7,
    });
  });

  it('lets purges given together share one file rewrite, each resolving after it', async () => {
    const file = join(dir, 'together.duckdb');
    let rewrites = 0;
    const store = await openDuckDbEventStore({
      file,
      onFileRewrite: () => {
        rewrites++;
      },
    });
    const people = ['first-e81c', 'second-3b7a', 'third-c5d0'];
    await store.insertInteractions([
      ...bulk('ws', 5_000),
      ...people.map((p, k) => interaction('ws', p, p, T0 + k)),
      interaction('ws-other', 'x', 'other-9d2f', T0),
    ]);
    const seen: number[] = [];
    const purges = [
      ...people.map((p) => store.eraseCustomers('ws', [p])),
      store.deleteWorkspace('ws-other'),
      store.eraseCustomers('ws', ['nobody']),
    ].map((purge) =>
      purge.then((result) => {
        seen.push(rewrites);
        return result;
      }),
    );
    expect((await Promise.all(purges)).map((r) => r.interactions)).toEqual([1, 1, 1, 1, 0]);
    expect(rewrites).toBe(1);
    expect(seen).toEqual([1, 1, 1, 1, 1]);
    const bytes = fileBytes(file);
    for (const text of [...people, 'other-9d2f']) expect(bytes.includes(text), text).toBe(false);
    // A purge given later has its own rewrite; one that removes nothing has none.
    await store.eraseCustomers('ws', ['customer-5']);
    await store.eraseCustomers('ws', ['customer-5']);
    expect(rewrites).toBe(2);
    await store.close();
  });

  it('keeps working when a rewrite fails, and rewrites at the next purge', async () => {
    const file = join(dir, 'failing.duckdb');
    const store = await openDuckDbEventStore({ file });
    await store.insertInteractions([...bulk('ws', 5_000), interaction('ws', 'x', ERASED, T0)]);
    // Something in the way of the copy: the erasure is applied, its rewrite fails.
    mkdirSync(join(compactingFile(file), 'in-the-way'), { recursive: true });
    await expect(store.eraseCustomers('ws', [ERASED])).rejects.toThrow();
    expect(await store.exportCustomer('ws', ERASED)).toEqual({
      interactions: [],
      feedback: [],
      quarantined: [],
    });
    expect((await store.insertInteractions([interaction('ws', 'y', CONTROL, T0)])).inserted).toBe(1);
    rmSync(compactingFile(file), { recursive: true });
    // A purge with nothing to remove still finishes the rewrite left undone.
    expect(await store.eraseCustomers('ws', [ERASED])).toEqual({
      interactions: 0,
      feedback: 0,
      quarantined: 0,
    });
    expect(fileBytes(file).includes(ERASED)).toBe(false);
    expect((await store.exportCustomer('ws', CONTROL)).interactions).toHaveLength(1);
    await store.close();
  });

  it('strips old comments from the file bytes too', async () => {
    const file = join(dir, 'strip.duckdb');
    const store = await openDuckDbEventStore({ file });
    await store.insertInteractions(bulk('ws', 5_000));
    await store.insertFeedback([
      answer('ws', 'old', 'c1', T0, 'old comment 0a9f'),
      answer('ws', 'new', 'c1', T0 + 10 * HOUR, 'new comment 77d2'),
    ]);
    await store.close();
    const reopened = await openDuckDbEventStore({ file });
    expect(
      await reopened.applyRetention('ws', { deleteBefore: null, stripCommentsBefore: T0 + HOUR }),
    ).toEqual({
      interactions: 0,
      feedback: 0,
      quarantined: 0,
      commentsStripped: 1,
    });
    await reopened.close();
    const bytes = fileBytes(file);
    expect(bytes.includes('old comment 0a9f')).toBe(false);
    expect(bytes.includes('new comment 77d2')).toBe(true);
  });

  it('finishes a file rewrite that a purge left undone when the store is opened', async () => {
    const file = join(dir, 'pending.duckdb');
    let store = await openDuckDbEventStore({ file });
    await store.insertInteractions([...bulk('ws', 5_000), interaction('ws', 'x', ERASED, T0)]);
    await store.close();
    // A purge committed, then the process ended before the rewrite: the mark is set, the rows
    // deleted, and half a copy lies beside the file.
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(`DELETE FROM interactions WHERE customer = '${ERASED}'`);
    await connection.run(`INSERT OR REPLACE INTO event_store_meta VALUES ('compact_pending', '1')`);
    connection.closeSync();
    instance.closeSync();
    writeFileSync(compactingFile(file), 'half a copy');
    expect(fileBytes(file).includes(ERASED)).toBe(true);

    store = await openDuckDbEventStore({ file });
    // Queued behind the rewrite.
    expect((await store.exportCustomer('ws', 'customer-1')).interactions.length).toBeGreaterThan(0);
    const [meta] = await store.query<{ n: number }>({
      sql: `SELECT count(*) AS n FROM event_store_meta WHERE name = 'compact_pending'`,
      params: {},
    });
    expect(meta?.n).toBe(0);
    await store.close();
    expect(fileBytes(file).includes(ERASED)).toBe(false);
    expect(existsSync(compactingFile(file))).toBe(false);
  });
});

/** Interactions, feedback and quarantined records of a workspace, counted through the store. */
async function rowsOfWorkspaceThrough(store: EventStore, workspaceId: string) {
  const [row] = await store.query<{ interactions: number; feedback: number; quarantine: number }>({
    sql: `SELECT (SELECT count(*) FROM interactions WHERE workspace_id = $w) AS interactions,
                 (SELECT count(*) FROM feedback WHERE workspace_id = $w) AS feedback,
                 (SELECT count(*) FROM quarantine WHERE workspace_id = $w) AS quarantine`,
    params: { w: workspaceId },
  });
  return row;
}

describe('duckdb analyses after purges agree with the references', () => {
  const generated = generateInteractionList({ customers: 3_000, seed: 4_242 });
  const period = {
    workspaceId: SYNTHETIC_WORKSPACE,
    from: SYNTHETIC_START,
    to: SYNTHETIC_START + 150 * DAY_MS,
  };
  const links = SYNTHETIC_CHAIN.map((id) => ({ touchpointIds: descendantsOf(id) }));

  function expectAttributionAsReference(
    store: EventStore,
    data: readonly Interaction[],
    input: AttributionInput,
  ): Promise<void> {
    return (async () => {
      const expected = referenceAttribution(data, input);
      const { paths } = await attributionPaths(store, input);
      const key = (p: { path: readonly string[] }) => p.path.join(' > ');
      const sorted = [...paths].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      expect(sorted.map((p) => [key(p), p.conversions, p.nulls])).toEqual(
        expected.paths.map((p) => [key(p), p.conversions, p.nulls]),
      );
      const result = await attribution(store, input);
      expect(result.paths).toBe(expected.paths.length);
      for (const m of result.models) {
        const ref = expected.models.get(m.model);
        if (!ref) throw new Error(`no reference for ${m.model}`);
        for (const k of new Set([...m.credits.map((c) => c.key), ...ref.credits.keys()])) {
          const got = m.credits.find((c) => c.key === k) ?? { conversions: 0, value: 0 };
          const want = ref.credits.get(k) ?? { conversions: 0, value: 0 };
          expect(got.conversions, `${m.model} ${k}`).toBeCloseTo(want.conversions, 6);
          expect(got.value, `${m.model} ${k} value`).toBeCloseTo(want.value, 4);
        }
      }
    })();
  }

  it('counts no erased customer, and numbers paths exactly after retention', async () => {
    const store = await openDuckDbEventStore({ file: join(dir, 'analyses.duckdb') });
    try {
      await store.insertInteractions(generated);
      await store.query({ sql: 'SELECT 1', params: {} });
      const customers = [...new Set(generated.map((i) => i.customer))];
      const erased = new Set(customers.filter((_, k) => k % 10 === 3));
      const before = await chainConversion(store, { ...period, links });

      const result = await store.eraseCustomers(SYNTHETIC_WORKSPACE, [...erased]);
      let data = generated.filter((i) => !erased.has(i.customer));
      expect(result.interactions).toBe(generated.length - data.length);
      const after = await chainConversion(store, { ...period, links });
      expect(after).toEqual(chainConversionReference(data, { ...period, links }));
      expect(after.links[0]?.reached).toBeLessThan(before.links[0]?.reached ?? 0);
      await expectAttributionAsReference(store, data, period);

      // Retention cuts the oldest interactions of most customers: the paths left start later.
      const cutoff = SYNTHETIC_START + 25 * DAY_MS;
      const retained = await store.applyRetention(SYNTHETIC_WORKSPACE, {
        deleteBefore: cutoff,
        stripCommentsBefore: null,
      });
      const kept = data.filter((i) => i.at >= cutoff);
      expect(retained.interactions).toBe(data.length - kept.length);
      expect(retained.interactions).toBeGreaterThan(1_000);
      data = kept;
      expect(await misnumbered(store)).toBe(0);
      const [first] = await store.query<{ n: number }>({
        sql: `SELECT count(*) AS n FROM interactions WHERE ord = 1 AND prev_key IS NOT NULL`,
        params: {},
      });
      expect(first?.n).toBe(0);
      await expectAttributionAsReference(store, data, period);
      await expectAttributionAsReference(store, data, {
        ...period,
        by: 'channel',
        channelOf: { 'tp-form': 'web', 'tp-call': 'phone' },
      });
      expect(await chainConversion(store, { ...period, links })).toEqual(
        chainConversionReference(data, { ...period, links }),
      );
      // New interactions of a customer cut by retention are numbered after the ones left.
      const someone = data[0];
      if (!someone) throw new Error('no data');
      const late = { ...someone, id: 'late-1', at: SYNTHETIC_START + 149 * DAY_MS };
      await store.insertInteractions([late]);
      data = [...data, late];
      expect(await misnumbered(store)).toBe(0);
      await expectAttributionAsReference(store, data, period);
    } finally {
      await store.close();
    }
  }, 120_000);
});
