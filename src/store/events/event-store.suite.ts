/**
 * The shared test suite of the EventStore interface: every engine runs it unchanged through
 * `runEventStoreSuite(name, open)`. The few raw queries it needs are written per engine in
 * `SQL` below; adding an engine to `EventStore['engine']` makes the compiler ask for its text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EngineQuery,
  EventStore,
  FeedbackAnswer,
  Interaction,
  InteractionColumns,
  QuarantinedRecord,
} from './event-store.js';

const SQL: Record<EventStore['engine'], Record<'interactions' | 'feedback' | 'conversions', string>> = {
  duckdb: {
    interactions: `SELECT id, customer, touchpoint_id AS "touchpointId", i.at AS "at", direction, sentiment,
                          outcome, value, response_ms AS "responseMs", wait_ms AS "waitMs",
                          duration_ms AS "durationMs", props
                   FROM interactions i WHERE workspace_id = $workspaceId ORDER BY id`,
    feedback: `SELECT id, touchpoint_id AS "touchpointId", customer, f.at AS "at", kind, score, comment
               FROM feedback f WHERE workspace_id = $workspaceId ORDER BY id`,
    conversions: `SELECT count(*) AS n, sum(i.at) AS total, sum(i.at)::HUGEINT AS huge,
                         avg(value)::DECIMAL(10, 2) AS mean, 7::BIGINT AS big,
                         [1::BIGINT, 2::BIGINT] AS list, {'k': 3::BIGINT} AS struct, NULL AS nothing,
                         max(customer) AS customer
                  FROM interactions i WHERE workspace_id = $workspaceId AND list_contains($ids, id)`,
  },
};

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

let counter = 0;
/** A fresh workspace id, so tests on a shared store never see each other's rows. */
function newWorkspace(): string {
  return `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
}

function interaction(workspaceId: string, id: string, overrides: Partial<Interaction> = {}): Interaction {
  return {
    workspaceId,
    id,
    customer: 'c1',
    touchpointId: 'tp-a',
    at: T0,
    direction: 'in',
    sentiment: null,
    outcome: null,
    value: null,
    responseMs: null,
    waitMs: null,
    durationMs: null,
    props: null,
    ...overrides,
  };
}

/** An interaction as a query reads it back (without its workspace). */
function stored({ workspaceId: _, ...rest }: Interaction): Omit<Interaction, 'workspaceId'> {
  return rest;
}

function answer(workspaceId: string, id: string, overrides: Partial<FeedbackAnswer> = {}): FeedbackAnswer {
  return {
    workspaceId,
    id,
    touchpointId: 'tp-a',
    customer: null,
    at: T0,
    kind: 'csat',
    score: 5,
    comment: null,
    ...overrides,
  };
}

function pendingInteraction(
  workspaceId: string,
  id: string,
  touchpointKey: string,
  at: number,
  record: Partial<Extract<QuarantinedRecord, { kind: 'interaction' }>['record']> = {},
): QuarantinedRecord {
  return {
    workspaceId,
    kind: 'interaction',
    id,
    touchpointKey,
    at,
    record: {
      customer: 'c1',
      direction: null,
      sentiment: null,
      outcome: null,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
      props: null,
      ...record,
    },
  };
}

function pendingAnswer(
  workspaceId: string,
  id: string,
  touchpointKey: string,
  at: number,
): QuarantinedRecord {
  return {
    workspaceId,
    kind: 'feedback',
    id,
    touchpointKey,
    at,
    record: { customer: 'c9', kind: 'nps', score: 9, comment: 'quick' },
  };
}

/** Declares the suite for one engine; `open` gives a fresh, empty store. */
export function runEventStoreSuite(name: string, open: () => Promise<EventStore>): void {
  describe(`event store: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const sql = (which: keyof (typeof SQL)['duckdb'], params: EngineQuery['params']): EngineQuery => ({
      sql: SQL[store.engine][which],
      params,
    });
    const interactionsOf = (workspaceId: string) =>
      store.query<Omit<Interaction, 'workspaceId'>>(sql('interactions', { workspaceId }));
    const feedbackOf = (workspaceId: string) =>
      store.query<Omit<FeedbackAnswer, 'workspaceId'>>(sql('feedback', { workspaceId }));

    it('stores every field of an interaction and reads plain numbers back', async () => {
      const ws = newWorkspace();
      const full = interaction(ws, 'i-full', {
        customer: 'cust-7',
        touchpointId: 'tp-b',
        at: T0 + 1234,
        direction: 'out',
        sentiment: -1,
        outcome: 'converted',
        value: 99.5,
        responseMs: 1500,
        waitMs: 20,
        durationMs: 60_000,
        props: '{"plan":"pro","seats":3}',
      });
      expect(await store.insertInteractions([full, interaction(ws, 'i-bare')])).toEqual({
        inserted: 2,
        duplicates: 0,
      });
      expect(await interactionsOf(ws)).toEqual([stored(interaction(ws, 'i-bare')), stored(full)]);
    });

    it('ignores ids already stored, in later batches and within one batch (the first wins)', async () => {
      const ws = newWorkspace();
      const batch = [1, 2, 3, 4].map((n) => interaction(ws, `i${n}`, { at: T0 + n }));
      expect(await store.insertInteractions(batch)).toEqual({ inserted: 4, duplicates: 0 });
      expect(await store.insertInteractions(batch)).toEqual({ inserted: 0, duplicates: 4 });
      expect(await store.insertInteractions(batch.slice(2))).toEqual({ inserted: 0, duplicates: 2 });
      const mixed = [
        interaction(ws, 'i5', { customer: 'first' }),
        interaction(ws, 'i5', { customer: 'second' }),
        interaction(ws, 'i1', { customer: 'changed' }),
        interaction(ws, 'i6'),
      ];
      expect(await store.insertInteractions(mixed)).toEqual({ inserted: 2, duplicates: 2 });
      // A repeat within the batch alone, with no id stored before.
      const repeated = [
        interaction(ws, 'i7', { customer: 'first' }),
        interaction(ws, 'i7', { customer: 'second' }),
      ];
      expect(await store.insertInteractions(repeated)).toEqual({ inserted: 1, duplicates: 1 });
      const rows = await interactionsOf(ws);
      expect(rows.map((r) => [r.id, r.customer])).toEqual([
        ['i1', 'c1'],
        ['i2', 'c1'],
        ['i3', 'c1'],
        ['i4', 'c1'],
        ['i5', 'first'],
        ['i6', 'c1'],
        ['i7', 'first'],
      ]);
      expect(await store.insertInteractions([])).toEqual({ inserted: 0, duplicates: 0 });
    });

    it('stores interactions given as columns: only the rows picked, NaN and code 0 as NULL, repeats ignored', async () => {
      const ws = newWorkspace();
      const nan = Number.NaN;
      const columns: InteractionColumns = {
        length: 4,
        rows: [3, 0, 2, 0],
        workspaceId: { values: [ws], codes: [1, 1, 1, 1] },
        id: ['k0', 'k1', 'k2', 'k3'],
        customer: ['c0', 'c1', 'c2', 'c3'],
        touchpointId: { values: ['tp-a', 'tp-b'], codes: [2, 1, 1, 2] },
        at: [T0, T0 + 1, T0 + 2, T0 + 3],
        direction: { values: ['in', 'out'], codes: [2, 1, 1, 1] },
        sentiment: [-1, nan, 0, 1],
        outcome: { values: ['converted', 'lost', 'complaint'], codes: [0, 0, 2, 1] },
        value: [nan, nan, 0, 12.5],
        responseMs: [350, nan, nan, -0],
        waitMs: [nan, nan, 7, nan],
        durationMs: [60_000, nan, nan, nan],
        props: { values: ['{"a":1}'], codes: [1, 0, 0, 1] },
      };
      expect(await store.insertInteractionColumns(columns)).toEqual({ inserted: 3, duplicates: 1 });
      expect(await interactionsOf(ws)).toEqual([
        stored(
          interaction(ws, 'k0', {
            customer: 'c0',
            touchpointId: 'tp-b',
            direction: 'out',
            sentiment: -1,
            responseMs: 350,
            durationMs: 60_000,
            props: '{"a":1}',
          }),
        ),
        stored(
          interaction(ws, 'k2', {
            customer: 'c2',
            at: T0 + 2,
            sentiment: 0,
            outcome: 'lost',
            value: 0,
            waitMs: 7,
          }),
        ),
        stored(
          interaction(ws, 'k3', {
            customer: 'c3',
            touchpointId: 'tp-b',
            at: T0 + 3,
            sentiment: 1,
            outcome: 'converted',
            value: 12.5,
            responseMs: -0,
            props: '{"a":1}',
          }),
        ),
      ]);
      // The same rows again, and the one left out: only k1 is new.
      expect(await store.insertInteractionColumns({ ...columns, rows: undefined })).toEqual({
        inserted: 1,
        duplicates: 3,
      });
    });

    it('keeps workspaces apart: the same id in two workspaces is two interactions', async () => {
      const a = newWorkspace();
      const b = newWorkspace();
      expect(await store.insertInteractions([interaction(a, 'same'), interaction(b, 'same')])).toEqual({
        inserted: 2,
        duplicates: 0,
      });
      expect(await interactionsOf(a)).toHaveLength(1);
      expect(await interactionsOf(b)).toHaveLength(1);
      expect(await store.countByTouchpoint(b, ['tp-a'])).toEqual(new Map([['tp-a', 1]]));
      expect(await store.countByTouchpoint(newWorkspace(), ['tp-a'])).toEqual(new Map());
    });

    it('stores large batches and concurrent batches completely', async () => {
      const ws = newWorkspace();
      const big = Array.from({ length: 5000 }, (_, n) => interaction(ws, `big-${n}`, { at: T0 + n }));
      const results = await Promise.all([
        store.insertInteractions(big.slice(0, 3000)),
        store.insertInteractions(big.slice(2000)),
        store.insertInteractions(big.slice(1000, 4000)),
      ]);
      expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(5000);
      expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(4000);
      expect(await store.countByTouchpoint(ws, ['tp-a', 'tp-z'])).toEqual(new Map([['tp-a', 5000]]));
    });

    it('stores concurrent batches in the order they were given: an earlier batch wins a repeated id', async () => {
      const ws = newWorkspace();
      const batch = (customer: string) =>
        Array.from({ length: 3000 }, (_, n) => interaction(ws, `same-${n}`, { customer }));
      const results = await Promise.all(
        ['first', 'second', 'third'].map((c) => store.insertInteractions(batch(c))),
      );
      expect(results).toEqual([
        { inserted: 3000, duplicates: 0 },
        { inserted: 0, duplicates: 3000 },
        { inserted: 0, duplicates: 3000 },
      ]);
      const customers = new Set((await interactionsOf(ws)).map((r) => r.customer));
      expect(customers).toEqual(new Set(['first']));
    });

    it('stores feedback answers idempotently', async () => {
      const ws = newWorkspace();
      const answers = [
        answer(ws, 'f1', { kind: 'nps', score: 0, customer: 'c1', comment: 'slow' }),
        answer(ws, 'f2', { kind: 'ces', score: 7, at: T0 + HOUR }),
        answer(ws, 'f2', { kind: 'ces', score: 1 }),
      ];
      expect(await store.insertFeedback(answers)).toEqual({ inserted: 2, duplicates: 1 });
      expect(await store.insertFeedback(answers.slice(0, 1))).toEqual({ inserted: 0, duplicates: 1 });
      expect(await feedbackOf(ws)).toEqual([
        { id: 'f1', touchpointId: 'tp-a', customer: 'c1', at: T0, kind: 'nps', score: 0, comment: 'slow' },
        {
          id: 'f2',
          touchpointId: 'tp-a',
          customer: null,
          at: T0 + HOUR,
          kind: 'ces',
          score: 7,
          comment: null,
        },
      ]);
      // Feedback ids and interaction ids are separate: the same id in both is no duplicate.
      expect(await store.insertInteractions([interaction(ws, 'f1')])).toEqual({ inserted: 1, duplicates: 0 });
    });

    it('counts feedback answers per touchpoint, apart from interactions', async () => {
      const ws = newWorkspace();
      await store.insertFeedback([
        answer(ws, 'c1'),
        answer(ws, 'c2', { touchpointId: 'tp-b' }),
        answer(ws, 'c3', { touchpointId: 'tp-b' }),
      ]);
      await store.insertInteractions([interaction(ws, 'i1', { touchpointId: 'tp-z' })]);
      expect(await store.countFeedbackByTouchpoint(ws, ['tp-a', 'tp-b', 'tp-z'])).toEqual(
        new Map([
          ['tp-a', 1],
          ['tp-b', 2],
        ]),
      );
      expect(await store.countFeedbackByTouchpoint(newWorkspace(), ['tp-a'])).toEqual(new Map());
      expect(await store.countFeedbackByTouchpoint(ws, [])).toEqual(new Map());
    });

    it('quarantines unknown keys, lists them and replays them once mapped', async () => {
      const ws = newWorkspace();
      const other = newWorkspace();
      const records = [
        pendingInteraction(ws, 'q1', 'web-form', T0 + 2 * HOUR, { sentiment: 1, props: '{"a":1}' }),
        pendingInteraction(ws, 'q2', 'web-form', T0, { direction: 'out', outcome: 'lost', value: 12.5 }),
        pendingInteraction(ws, 'q3', 'kiosk', T0 + HOUR, { responseMs: 10, waitMs: 20, durationMs: 30 }),
        pendingAnswer(ws, 'q1', 'web-form', T0 + 3 * HOUR),
        pendingInteraction(ws, 'q2', 'web-form', T0 + 9 * HOUR),
        pendingInteraction(other, 'q1', 'web-form', T0),
      ];
      expect(await store.quarantine(records)).toEqual({ inserted: 5, duplicates: 1 });
      expect(await store.quarantine(records.slice(0, 2))).toEqual({ inserted: 0, duplicates: 2 });
      expect(await store.listUnmapped(ws)).toEqual([
        { touchpointKey: 'web-form', count: 3, firstSeen: T0, lastSeen: T0 + 3 * HOUR },
        { touchpointKey: 'kiosk', count: 1, firstSeen: T0 + HOUR, lastSeen: T0 + HOUR },
      ]);

      // One of them arrived meanwhile under a known touchpoint: the replay counts it as a duplicate.
      await store.insertInteractions([interaction(ws, 'q2', { touchpointId: 'tp-x' })]);
      const replay = await store.replayQuarantined(ws, 'web-form', { id: 'tp-web', direction: 'in' });
      expect(replay).toEqual({
        interactions: { inserted: 1, duplicates: 1 },
        feedback: { inserted: 1, duplicates: 0 },
      });
      expect(await store.listUnmapped(ws)).toEqual([
        { touchpointKey: 'kiosk', count: 1, firstSeen: T0 + HOUR, lastSeen: T0 + HOUR },
      ]);
      expect(await store.replayQuarantined(ws, 'kiosk', { id: 'tp-kiosk', direction: 'out' })).toEqual({
        interactions: { inserted: 1, duplicates: 0 },
        feedback: { inserted: 0, duplicates: 0 },
      });
      expect(await store.listUnmapped(ws)).toEqual([]);
      expect(await store.replayQuarantined(ws, 'kiosk', { id: 'tp-kiosk', direction: 'out' })).toEqual({
        interactions: { inserted: 0, duplicates: 0 },
        feedback: { inserted: 0, duplicates: 0 },
      });

      expect(await interactionsOf(ws)).toEqual([
        stored(
          interaction(ws, 'q1', {
            touchpointId: 'tp-web',
            at: T0 + 2 * HOUR,
            sentiment: 1,
            props: '{"a":1}',
          }),
        ),
        stored(interaction(ws, 'q2', { touchpointId: 'tp-x' })),
        stored(
          interaction(ws, 'q3', {
            touchpointId: 'tp-kiosk',
            at: T0 + HOUR,
            direction: 'out',
            responseMs: 10,
            waitMs: 20,
            durationMs: 30,
          }),
        ),
      ]);
      expect(await feedbackOf(ws)).toEqual([
        {
          id: 'q1',
          touchpointId: 'tp-web',
          customer: 'c9',
          at: T0 + 3 * HOUR,
          kind: 'nps',
          score: 9,
          comment: 'quick',
        },
      ]);
      // The other workspace's record with the same key stays where it was.
      expect(await store.listUnmapped(other)).toEqual([
        { touchpointKey: 'web-form', count: 1, firstSeen: T0, lastSeen: T0 },
      ]);
      // A replayed id sent again under the unknown key is a duplicate, not a new quarantined record.
      expect(await store.quarantine([pendingInteraction(ws, 'q1', 'web-form', T0)])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      expect(await store.listUnmapped(ws)).toEqual([]);
    });

    it('remembers key aliases per workspace', async () => {
      const ws = newWorkspace();
      await store.setTouchpointAlias(ws, 'webform', 'tp-1');
      await store.setTouchpointAlias(ws, 'contact', 'tp-2');
      await store.setTouchpointAlias(ws, 'webform', 'tp-3');
      await store.setTouchpointAlias(newWorkspace(), 'other', 'tp-4');
      expect(await store.findTouchpointAliases(ws, ['webform', 'contact', 'other', 'none'])).toEqual(
        new Map([
          ['webform', 'tp-3'],
          ['contact', 'tp-2'],
        ]),
      );
      expect(await store.findTouchpointAliases(ws, [])).toEqual(new Map());
    });

    /** Two workspaces, three customers in the first, one in the second, of every kind. */
    async function fillPeople(ws: string, other: string) {
      const rows = [
        interaction(ws, 'e-a1', { customer: 'ann', at: T0 + 2 * HOUR, touchpointId: 'tp-a' }),
        interaction(ws, 'e-a2', { customer: 'ann', at: T0, touchpointId: 'tp-b', sentiment: -1 }),
        interaction(ws, 'e-b1', { customer: 'bob', at: T0 + HOUR, touchpointId: 'tp-a' }),
        interaction(ws, 'e-c1', { customer: 'cid', at: T0 + 3 * HOUR, touchpointId: 'tp-b' }),
        interaction(other, 'e-a1', { customer: 'ann', at: T0, touchpointId: 'tp-a' }),
      ];
      await store.insertInteractions(rows);
      const answers = [
        answer(ws, 'f-a1', { customer: 'ann', at: T0 + 5 * HOUR, comment: 'rude staff' }),
        answer(ws, 'f-a0', { customer: 'ann', at: T0 + HOUR, comment: null }),
        answer(ws, 'f-b1', { customer: 'bob', at: T0 + HOUR, comment: 'fine' }),
        answer(ws, 'f-n1', { customer: null, at: T0 }),
        answer(other, 'f-a1', { customer: 'ann', at: T0, comment: 'other place' }),
      ];
      await store.insertFeedback(answers);
      const held = [
        pendingInteraction(ws, 'q-a1', 'key-x', T0 + 4 * HOUR, { customer: 'ann' }),
        {
          ...pendingAnswer(ws, 'q-af', 'key-x', T0 + 6 * HOUR),
          record: { ...pendingAnswer(ws, '', '', 0).record, customer: 'ann' },
        } as QuarantinedRecord,
        pendingInteraction(ws, 'q-b1', 'key-x', T0 + 4 * HOUR, { customer: 'bob' }),
        pendingInteraction(other, 'q-a1', 'key-x', T0, { customer: 'ann' }),
      ];
      await store.quarantine(held);
      return { rows, answers, held };
    }

    it('exports every record of exactly one customer, oldest first', async () => {
      const ws = newWorkspace();
      const other = newWorkspace();
      const { rows, answers, held } = await fillPeople(ws, other);
      const records = await store.exportCustomer(ws, 'ann');
      expect(records.interactions).toEqual([rows[1], rows[0]]);
      expect(records.feedback).toEqual([answers[1], answers[0]]);
      expect(records.quarantined).toEqual([held[0], held[1]]);
      expect(await store.exportCustomer(ws, 'nobody')).toEqual({
        interactions: [],
        feedback: [],
        quarantined: [],
      });
      expect((await store.exportCustomer(other, 'ann')).interactions).toEqual([rows[4]]);
    });

    it('erases customers from every record, after the writes given before, and only them', async () => {
      const ws = newWorkspace();
      const other = newWorkspace();
      await fillPeople(ws, other);
      const bobBefore = await store.exportCustomer(ws, 'bob');
      const otherBefore = await store.exportCustomer(other, 'ann');
      // Given before the erasure, not awaited: erased too.
      const late = store.insertInteractions([
        interaction(ws, 'e-a3', { customer: 'ann', at: T0 + 9 * HOUR }),
      ]);
      const erased = store.eraseCustomers(ws, ['ann', 'ann', 'never-seen']);
      expect((await late).inserted).toBe(1);
      expect(await erased).toEqual({ interactions: 3, feedback: 2, quarantined: 2 });

      expect(await store.exportCustomer(ws, 'ann')).toEqual({
        interactions: [],
        feedback: [],
        quarantined: [],
      });
      expect((await interactionsOf(ws)).map((r) => r.customer).sort()).toEqual(['bob', 'cid']);
      expect((await feedbackOf(ws)).map((r) => r.customer)).toEqual(['bob', null]);
      expect(Object.fromEntries(await store.countByTouchpoint(ws, ['tp-a', 'tp-b']))).toEqual({
        'tp-a': 1,
        'tp-b': 1,
      });
      expect(Object.fromEntries(await store.countFeedbackByTouchpoint(ws, ['tp-a']))).toEqual({ 'tp-a': 2 });
      expect((await store.listUnmapped(ws)).map((k) => [k.touchpointKey, k.count])).toEqual([['key-x', 1]]);
      expect(await store.exportCustomer(ws, 'bob')).toEqual(bobBefore);
      expect(await store.exportCustomer(other, 'ann')).toEqual(otherBefore);

      // Idempotent, and nothing to do for no keys.
      expect(await store.eraseCustomers(ws, ['ann'])).toEqual({
        interactions: 0,
        feedback: 0,
        quarantined: 0,
      });
      expect(await store.eraseCustomers(ws, [])).toEqual({ interactions: 0, feedback: 0, quarantined: 0 });
      // Ids of erased records may be sent again, and are stored again.
      const again = interaction(ws, 'e-a1', { customer: 'ann', at: T0 + 10 * HOUR });
      expect(await store.insertInteractions([again])).toEqual({ inserted: 1, duplicates: 0 });
      expect(await store.insertInteractions([again])).toEqual({ inserted: 0, duplicates: 1 });
      expect(await store.insertFeedback([answer(ws, 'f-a1', { customer: 'ann' })])).toEqual({
        inserted: 1,
        duplicates: 0,
      });
      expect((await store.exportCustomer(ws, 'ann')).interactions).toEqual([again]);
    });

    it('erases what concurrent batches given before it stored, and keeps what later ones store', async () => {
      const ws = newWorkspace();
      const batch = (n: number) =>
        Array.from({ length: 200 }, (_, k) =>
          interaction(ws, `b${n}-${k}`, { customer: k % 2 === 0 ? 'dan' : 'eve', at: T0 + n * HOUR + k }),
        );
      const before = [0, 1, 2, 3, 4].map((n) => store.insertInteractions(batch(n)));
      const erasure = store.eraseCustomers(ws, ['dan']);
      const after = [5, 6, 7].map((n) => store.insertInteractions(batch(n)));
      await Promise.all([...before, ...after]);
      expect(await erasure).toEqual({ interactions: 500, feedback: 0, quarantined: 0 });
      const left = await interactionsOf(ws);
      expect(left.filter((r) => r.customer === 'dan')).toHaveLength(300);
      expect(left.filter((r) => r.customer === 'dan' && r.at < T0 + 5 * HOUR)).toEqual([]);
      expect(left.filter((r) => r.customer === 'eve')).toHaveLength(800);
    });

    it('deletes a workspace from every record and leaves the others', async () => {
      const ws = newWorkspace();
      const other = newWorkspace();
      await fillPeople(ws, other);
      await store.setTouchpointAlias(ws, 'old-key', 'tp-a');
      await store.setTouchpointAlias(other, 'old-key', 'tp-b');
      const otherBefore = [
        await interactionsOf(other),
        await feedbackOf(other),
        await store.listUnmapped(other),
      ];

      expect(await store.deleteWorkspace(ws)).toEqual({ interactions: 4, feedback: 4, quarantined: 3 });
      expect(await interactionsOf(ws)).toEqual([]);
      expect(await feedbackOf(ws)).toEqual([]);
      expect(await store.listUnmapped(ws)).toEqual([]);
      expect(await store.findTouchpointAliases(ws, ['old-key'])).toEqual(new Map());
      expect(await store.countByTouchpoint(ws, ['tp-a', 'tp-b'])).toEqual(new Map());
      expect([await interactionsOf(other), await feedbackOf(other), await store.listUnmapped(other)]).toEqual(
        otherBefore,
      );
      expect(await store.findTouchpointAliases(other, ['old-key'])).toEqual(new Map([['old-key', 'tp-b']]));
      expect(await store.deleteWorkspace(ws)).toEqual({ interactions: 0, feedback: 0, quarantined: 0 });
      // The workspace's ids are free again.
      expect((await store.insertInteractions([interaction(ws, 'e-a1')])).inserted).toBe(1);
    });

    it('applies retention: older records go, older comments are stripped, the rest stays', async () => {
      const ws = newWorkspace();
      const other = newWorkspace();
      await fillPeople(ws, other);
      const nothing = await store.applyRetention(ws, { deleteBefore: null, stripCommentsBefore: null });
      expect(nothing).toEqual({ interactions: 0, feedback: 0, quarantined: 0, commentsStripped: 0 });

      // Comments of answers before T0 + 3 h: 'fine' (bob, T0 + 1 h); 'rude staff' (T0 + 5 h) stays.
      const stripped = await store.applyRetention(ws, {
        deleteBefore: null,
        stripCommentsBefore: T0 + 3 * HOUR,
      });
      expect(stripped).toEqual({ interactions: 0, feedback: 0, quarantined: 0, commentsStripped: 1 });
      expect((await feedbackOf(ws)).map((f) => [f.id, f.comment])).toEqual([
        ['f-a0', null],
        ['f-a1', 'rude staff'],
        ['f-b1', null],
        ['f-n1', null],
      ]);
      // Quarantined answers lose their comment too.
      const later = await store.applyRetention(ws, {
        deleteBefore: null,
        stripCommentsBefore: T0 + 7 * HOUR,
      });
      expect(later.commentsStripped).toBe(2);
      expect((await store.exportCustomer(ws, 'ann')).quarantined[1]).toMatchObject({
        kind: 'feedback',
        record: { comment: null, score: 9 },
      });

      // Records before T0 + 2 h go: interactions e-a2, e-b1; answers f-a0, f-b1, f-n1; no quarantined.
      const removed = await store.applyRetention(ws, {
        deleteBefore: T0 + 2 * HOUR,
        stripCommentsBefore: null,
      });
      expect(removed).toEqual({ interactions: 2, feedback: 3, quarantined: 0, commentsStripped: 0 });
      expect((await interactionsOf(ws)).map((r) => r.id)).toEqual(['e-a1', 'e-c1']);
      expect((await feedbackOf(ws)).map((r) => r.id)).toEqual(['f-a1']);
      const quarantined = await store.applyRetention(ws, {
        deleteBefore: T0 + 5 * HOUR,
        stripCommentsBefore: null,
      });
      expect(quarantined).toEqual({ interactions: 2, feedback: 0, quarantined: 2, commentsStripped: 0 });
      expect(await store.listUnmapped(ws)).toMatchObject([{ touchpointKey: 'key-x', count: 1 }]);
      expect(
        await store.applyRetention(ws, { deleteBefore: T0 + 5 * HOUR, stripCommentsBefore: T0 }),
      ).toEqual({
        interactions: 0,
        feedback: 0,
        quarantined: 0,
        commentsStripped: 0,
      });
      // The other workspace keeps its old records.
      expect(await interactionsOf(other)).toHaveLength(1);
      expect((await feedbackOf(other))[0]?.comment).toBe('other place');
    });

    it('answers queries with plain JS numbers and runs only reads', async () => {
      const ws = newWorkspace();
      await store.insertInteractions([
        interaction(ws, 'n1', { at: 2 ** 40, value: 1, customer: 'a' }),
        interaction(ws, 'n2', { at: 2 ** 40 + 1, value: 2.5, customer: 'b' }),
        interaction(ws, 'n3', { at: 5, value: 100 }),
      ]);
      const [row] = await store.query(sql('conversions', { workspaceId: ws, ids: ['n1', 'n2'] }));
      expect(row).toEqual({
        n: 2,
        total: 2 ** 41 + 1,
        huge: 2 ** 41 + 1,
        mean: 1.75,
        big: 7,
        list: [1, 2],
        struct: { k: 3 },
        nothing: null,
        customer: 'b',
      });
      expect(typeof row?.n).toBe('number');
      await expect(store.query({ sql: 'DELETE FROM interactions', params: {} })).rejects.toThrow(/read-only/);
      expect(await interactionsOf(ws)).toHaveLength(3);
    });
  });
}
