import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDbEventStore } from '../store/events/duckdb/duckdb-event-store.js';
import type { EventStore, FeedbackAnswer, Interaction } from '../store/events/event-store.js';
import { standardsCompliance } from './standards-compliance.js';
import type { StandardsComplianceInput } from './standards-compliance.schemas.js';

const W = 'ws-1';
const DAY = 86_400_000;
/** 2024-01-01 is a Monday: ISO weeks 2024-W01 … start on the 1st, 8th, 15th, 22nd. */
const jan = (day: number, ms = 0) => Date.UTC(2024, 0, day) + ms;
const FROM = jan(3);
const TO = jan(22);
const P = 'tp-p';
/** A part of P: P's standards match it through the touchpoint ids passed in. */
const P_CHILD = 'tp-p-child';
const Q = 'tp-q';

let seq = 0;
function ix(touchpointId: string, at: number, more: Partial<Interaction> = {}): Interaction {
  return {
    workspaceId: W,
    id: `i${seq++}`,
    customer: 'c1',
    touchpointId,
    at,
    direction: 'in',
    sentiment: null,
    outcome: null,
    value: null,
    responseMs: null,
    waitMs: null,
    durationMs: null,
    props: null,
    ...more,
  };
}
function fb(touchpointId: string, at: number, kind: FeedbackAnswer['kind'], score: number): FeedbackAnswer {
  return { workspaceId: W, id: `f${seq++}`, touchpointId, customer: 'c1', at, kind, score, comment: null };
}

const INTERACTIONS: Interaction[] = [
  // W01 (from Wednesday the 3rd)
  ix(P, FROM, { responseMs: 500, sentiment: 1 }),
  ix(P, jan(8) - 1, { responseMs: 1000, sentiment: -1 }),
  // W02: Monday 00:00 UTC exactly opens it
  ix(P, jan(8), { responseMs: 1500, sentiment: 0 }),
  ix(P_CHILD, jan(9), { responseMs: 200 }),
  ix(P, jan(10), { sentiment: 1 }),
  // W03
  ix(P, jan(15), { responseMs: 3000, sentiment: -1 }),
  ix(P, jan(21), { responseMs: 800 }),
  // outside the period, the workspace or the standard's touchpoints
  ix(P, TO, { responseMs: 100, sentiment: -1 }),
  ix(P, FROM - 1, { responseMs: 100, sentiment: -1 }),
  ix(P, jan(9), { responseMs: 100, workspaceId: 'ws-2' }),
  ix(Q, jan(9), { responseMs: 5000, sentiment: 1 }),
  // props: a JSON number under the key "queue.len" is measured, anything else is not
  ix(Q, jan(4), { props: '{"queue.len": 3}' }),
  ix(Q, jan(4), { props: '{"queue.len": 2.5}' }),
  ix(Q, jan(4), { props: '{"queue.len": "7"}' }),
  ix(Q, jan(4), { props: '{"queue": {"len": 9}}' }),
  ix(Q, jan(16), { props: '{"queue.len": 10}' }),
];

const FEEDBACK: FeedbackAnswer[] = [
  fb(P, jan(4), 'csat', 5),
  fb(P, jan(5), 'csat', 4),
  fb(P, jan(9), 'csat', 3),
  fb(P, TO, 'csat', 1),
  fb(Q, jan(9), 'csat', 1),
  fb(P_CHILD, jan(4), 'nps', 10),
  fb(P, jan(4), 'nps', 6),
  fb(P, jan(16), 'nps', 8),
];

const STANDARDS: StandardsComplianceInput['standards'] = [
  {
    id: 'response',
    touchpointIds: [P, P_CHILD],
    metric: 'response_ms',
    comparator: 'lte',
    target: 1000,
    requiredShare: 0.75,
  },
  {
    id: 'queue',
    touchpointIds: [Q],
    metric: 'prop',
    prop: 'queue.len',
    comparator: 'gte',
    target: 3,
    requiredShare: 0.5,
  },
  { id: 'negative', touchpointIds: [P, P_CHILD], metric: 'negative_share', comparator: 'lte', target: 0.25 },
  { id: 'csat', touchpointIds: [P], metric: 'csat', comparator: 'gte', target: 4 },
  { id: 'nps', touchpointIds: [P, P_CHILD], metric: 'nps', comparator: 'gte', target: 0 },
  { id: 'ces', touchpointIds: [Q], metric: 'ces', comparator: 'lte', target: 3 },
];

let store: EventStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function open(interactions: Interaction[], feedback: FeedbackAnswer[]): Promise<EventStore> {
  store = await openDuckDbEventStore();
  await store.insertInteractions(interactions);
  await store.insertFeedback(feedback);
  return store;
}

async function check(from = FROM, to = TO) {
  const events = await open(INTERACTIONS, FEEDBACK);
  const result = await standardsCompliance(events, { workspaceId: W, from, to, standards: STANDARDS });
  return new Map(result.standards.map((s) => [s.standardId, s]));
}

describe('standardsCompliance', () => {
  it('measures a time standard over the touchpoint and its descendants, with quantiles and weeks', async () => {
    const response = (await check()).get('response');
    // Values 200, 500, 800, 1000, 1500, 3000; ≤ 1000 (the tie included): 4 of 6.
    expect(response).toMatchObject({
      metric: 'response_ms',
      comparator: 'lte',
      target: 1000,
      requiredShare: 0.75,
      measured: 6,
      meeting: 4,
      shareMeeting: 4 / 6,
      value: null,
      passed: false,
      p50: 900,
      p90: 2250,
    });
    // Linear interpolation at rank 5 × 0.99 = 4.95: 1500 + 0.95 × 1500.
    expect(response?.p99).toBeCloseTo(2925, 9);
    expect(response?.weeks).toEqual([
      {
        weekStart: jan(1),
        week: '2024-W01',
        measured: 2,
        meeting: 2,
        shareMeeting: 1,
        value: null,
        passed: true,
      },
      {
        weekStart: jan(8),
        week: '2024-W02',
        measured: 2,
        meeting: 1,
        shareMeeting: 0.5,
        value: null,
        passed: false,
      },
      {
        weekStart: jan(15),
        week: '2024-W03',
        measured: 2,
        meeting: 1,
        shareMeeting: 0.5,
        value: null,
        passed: false,
      },
    ]);
  });

  it('reads a numeric property under its key, skipping strings and absent keys', async () => {
    const queue = (await check()).get('queue');
    // Values 2.5, 3, 10; ≥ 3: 2 of 3, required half.
    expect(queue).toMatchObject({ measured: 3, meeting: 2, shareMeeting: 2 / 3, passed: true, p50: 3 });
    expect(queue?.p90).toBeCloseTo(8.6, 9);
    expect(queue?.weeks.map((w) => [w.week, w.measured, w.meeting])).toEqual([
      ['2024-W01', 2, 1],
      ['2024-W03', 1, 1],
    ]);
  });

  it('compares the aggregate value to the target for negative_share, csat, nps and ces', async () => {
    const results = await check();
    // Rated at P and its part: 1, −1, 0, 1, −1 → 2 negatives of 5.
    expect(results.get('negative')).toMatchObject({
      measured: 5,
      meeting: null,
      shareMeeting: null,
      value: 0.4,
      passed: false,
      p50: null,
      p90: null,
      p99: null,
    });
    expect(results.get('negative')?.weeks.map((w) => [w.week, w.measured, w.value, w.passed])).toEqual([
      ['2024-W01', 2, 0.5, false],
      ['2024-W02', 2, 0, true],
      ['2024-W03', 1, 1, false],
    ]);
    // CSAT answers 5, 4, 3 at P: mean 4 ≥ 4 (a tie passes).
    expect(results.get('csat')).toMatchObject({
      measured: 3,
      meeting: null,
      value: 4,
      passed: true,
      p50: null,
    });
    expect(results.get('csat')?.weeks.map((w) => [w.week, w.value, w.passed])).toEqual([
      ['2024-W01', 4.5, true],
      ['2024-W02', 3, false],
    ]);
    // NPS answers 10 (at the part), 6, 8: 1 promoter − 1 detractor = 0.
    expect(results.get('nps')).toMatchObject({ measured: 3, value: 0, passed: true });
    expect(results.get('nps')?.weeks.map((w) => [w.week, w.measured, w.value])).toEqual([
      ['2024-W01', 2, 0],
      ['2024-W03', 1, 0],
    ]);
    expect(results.get('ces')).toMatchObject({ measured: 0, value: null, passed: null, weeks: [] });
  });

  it('answers zeros and nulls for an empty period', async () => {
    const results = await check(TO + DAY, TO + 2 * DAY);
    for (const standard of STANDARDS) {
      const aggregate = ['negative_share', 'csat', 'nps', 'ces'].includes(standard.metric);
      expect(results.get(standard.id)).toMatchObject({
        measured: 0,
        meeting: aggregate ? null : 0,
        shareMeeting: null,
        value: null,
        passed: null,
        p50: null,
        p90: null,
        p99: null,
        weeks: [],
      });
    }
  });

  it('names ISO weeks across a year boundary', async () => {
    const events = await open([ix(P, Date.UTC(2021, 0, 3, 23, 59), { waitMs: 10 })], []);
    const result = await standardsCompliance(events, {
      workspaceId: W,
      from: Date.UTC(2020, 11, 1),
      to: Date.UTC(2021, 1, 1),
      standards: [{ id: 'wait', touchpointIds: [P], metric: 'wait_ms', comparator: 'lte', target: 10 }],
    });
    // Sunday 2021-01-03 belongs to the week of Monday 2020-12-28, ISO 2020-W53.
    expect(result.standards[0]?.weeks).toEqual([
      {
        weekStart: Date.UTC(2020, 11, 28),
        week: '2020-W53',
        measured: 1,
        meeting: 1,
        shareMeeting: 1,
        value: null,
        passed: true,
      },
    ]);
    expect(result.standards[0]?.requiredShare).toBe(0.9);
  });

  it('answers an empty list for no standards and rejects an inconsistent standard', async () => {
    const events = await open([], []);
    expect(await standardsCompliance(events, { workspaceId: W, from: FROM, to: TO, standards: [] })).toEqual({
      standards: [],
    });
    await expect(
      standardsCompliance(events, {
        workspaceId: W,
        from: FROM,
        to: TO,
        standards: [{ id: 's', touchpointIds: [P], metric: 'prop', comparator: 'lte', target: 1 }],
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'standards.0.prop' }] });
  });
});
