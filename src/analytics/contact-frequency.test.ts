import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDbEventStore } from '../store/events/duckdb/duckdb-event-store.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { contactFrequency } from './contact-frequency.js';

const W = 'ws-1';
const DAY = 86_400_000;
// 2024 is a leap year: 30 days before 1 March is 31 January.
const FROM = Date.UTC(2024, 2, 1);
const TO = Date.UTC(2024, 3, 1);
const mar = (day: number, ms = 0) => Date.UTC(2024, 2, day) + ms;
const feb = (day: number) => Date.UTC(2024, 1, day);
const X = 'tp-newsletter';
const Y = 'tp-sms';
/** A part of Y: Y's cap counts it through the touchpoint ids passed in. */
const Y1 = 'tp-sms-reminder';

let seq = 0;
function touch(
  customer: string,
  at: number,
  direction: 'in' | 'out',
  more: Partial<Interaction> = {},
): Interaction {
  return {
    workspaceId: W,
    id: `i${seq++}`,
    customer,
    touchpointId: X,
    at,
    direction,
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

let store: EventStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function open(interactions: Interaction[]): Promise<EventStore> {
  store = await openDuckDbEventStore();
  await store.insertInteractions(interactions);
  return store;
}

/** Cap 2. Peaks: c1 3, c2 2, c3 3, c4 3, c5 2, c6 4, c7 0; c8 is no customer of the period. */
const CUSTOMERS: Interaction[] = [
  // c1: three out-touches within 30 days → 3; lost, one negative.
  touch('c1', mar(1), 'out'),
  touch('c1', mar(10), 'out'),
  touch('c1', mar(20), 'out'),
  touch('c1', mar(21), 'in', { outcome: 'lost', sentiment: -1 }),
  // c2: the third touch is exactly 30 days after the first, which has left the window → 2.
  touch('c2', mar(1), 'out'),
  touch('c2', mar(5), 'out'),
  touch('c2', mar(1) + 30 * DAY, 'out', { sentiment: 1, outcome: 'lost' }),
  // c3: the same, one millisecond earlier → 3.
  touch('c3', mar(1), 'out', { sentiment: 0 }),
  touch('c3', mar(5), 'out'),
  touch('c3', mar(1) + 30 * DAY - 1, 'out'),
  // c4: touched before the period: at 1 March the window (31 Jan, 1 Mar] holds 3.
  touch('c4', feb(20), 'out', { sentiment: -1, outcome: 'lost' }),
  touch('c4', feb(25), 'out'),
  touch('c4', feb(28), 'out'),
  touch('c4', mar(15), 'in', { sentiment: -1 }),
  // c5: the touch at exactly 31 January 00:00 is out of the window at 1 March → 2.
  touch('c5', Date.UTC(2024, 0, 31), 'out'),
  touch('c5', feb(25), 'out', { outcome: 'lost' }),
  touch('c5', feb(28), 'out'),
  touch('c5', mar(2), 'in', { sentiment: 0 }),
  // c6: four touches at the same millisecond count together → 4.
  touch('c6', mar(10), 'out'),
  touch('c6', mar(10), 'out'),
  touch('c6', mar(10), 'out'),
  touch('c6', mar(10), 'out'),
  // c7: only customer→business touches → 0; lost.
  touch('c7', mar(3), 'in', { sentiment: 1, outcome: 'lost' }),
  touch('c7', mar(4), 'in'),
  touch('c7', mar(5), 'in'),
  // c8: nothing in the period; others: another workspace, or after the period.
  touch('c8', feb(28), 'out'),
  touch('c8', feb(28), 'out'),
  touch('c8', feb(28), 'out'),
  touch('c9', mar(3), 'out', { workspaceId: 'ws-2' }),
  touch('c7', TO, 'out'),
  touch('c7', TO, 'out'),
  touch('c7', TO, 'out'),
];

describe('contactFrequency', () => {
  it('finds customers over the cap with a rolling (t − 30 d, t] window and compares their rates', async () => {
    const events = await open(CUSTOMERS);
    const result = await contactFrequency(events, { workspaceId: W, from: FROM, to: TO, cap: 2 });
    expect(result).toEqual({
      windowMs: 30 * DAY,
      cap: 2,
      customers: 7,
      overCap: 4,
      histogram: [
        { maxTouches: 0, customers: 1 },
        { maxTouches: 2, customers: 2 },
        { maxTouches: 3, customers: 3 },
        { maxTouches: 4, customers: 1 },
      ],
      groups: {
        // c1, c3, c4, c6: c1 lost; rated c1 −1, c3 0, c4 −1 (c4's February touch is outside the period).
        overCap: {
          customers: 4,
          lostCustomers: 1,
          lostRate: 0.25,
          ratedInteractions: 3,
          negativeInteractions: 2,
          negativeRate: 2 / 3,
        },
        // c2, c5, c7: c2 and c7 lost (c5's loss was in February); rated c2 1, c5 0, c7 1.
        underCap: {
          customers: 3,
          lostCustomers: 2,
          lostRate: 2 / 3,
          ratedInteractions: 3,
          negativeInteractions: 0,
          negativeRate: 0,
        },
      },
      touchpointCaps: [],
    });
  });

  it('uses a cap of 8 by default', async () => {
    const nine = Array.from({ length: 9 }, (_, d) => touch('e9', mar(1 + d), 'out'));
    const eight = Array.from({ length: 8 }, (_, d) => touch('e8', mar(1 + d), 'out'));
    const events = await open([...nine, ...eight]);
    const result = await contactFrequency(events, { workspaceId: W, from: FROM, to: TO });
    expect(result).toMatchObject({
      cap: 8,
      customers: 2,
      overCap: 1,
      histogram: [
        { maxTouches: 8, customers: 1 },
        { maxTouches: 9, customers: 1 },
      ],
    });
  });

  it('applies a touchpoint cap to the touchpoint and its descendants', async () => {
    const events = await open([
      // d1: Y and its part Y1 → 2 at Y: over.
      touch('d1', mar(3), 'out', { touchpointId: Y }),
      touch('d1', mar(4), 'out', { touchpointId: Y1 }),
      // d2: one at Y, one at X → 1 at Y: under.
      touch('d2', mar(3), 'out', { touchpointId: Y }),
      touch('d2', mar(4), 'out', { touchpointId: X }),
      // d3: a February touch at Y is in the window of 3 March → 2 at Y: over.
      touch('d3', feb(20), 'out', { touchpointId: Y }),
      touch('d3', mar(3), 'out', { touchpointId: Y }),
      // d4: exactly 30 days apart → 1 at Y: under.
      touch('d4', mar(1), 'out', { touchpointId: Y }),
      touch('d4', mar(31), 'out', { touchpointId: Y }),
    ]);
    const result = await contactFrequency(events, {
      workspaceId: W,
      from: FROM,
      to: TO,
      touchpointCaps: [
        { touchpointId: Y, touchpointIds: [Y, Y1, Y], cap: 1 },
        { touchpointId: X, touchpointIds: [X], cap: 0 },
      ],
    });
    expect(result).toMatchObject({
      cap: 8,
      customers: 4,
      overCap: 3,
      histogram: [
        { maxTouches: 1, customers: 1 },
        { maxTouches: 2, customers: 3 },
      ],
      touchpointCaps: [
        { touchpointId: Y, cap: 1, customersOver: 2 },
        { touchpointId: X, cap: 0, customersOver: 1 },
      ],
    });
  });

  it('honours a touchpoint filter and a shorter window', async () => {
    const events = await open([
      ...CUSTOMERS,
      // filtered out: would lift c1 to 3 on 10 March, and add a customer
      touch('c1', mar(10), 'out', { touchpointId: Y }),
      touch('c1', mar(10), 'out', { touchpointId: Y }),
      touch('y-only', mar(10), 'out', { touchpointId: Y }),
    ]);
    const result = await contactFrequency(events, {
      workspaceId: W,
      from: FROM,
      to: TO,
      cap: 1,
      windowMs: 5 * DAY,
      filters: { touchpointIds: [X] },
    });
    // (t − 5 d, t]: c2 and c3 hold 1 and 5 March together → 2; c4 and c5 hold only 28 February at
    // 1 March (25 February is exactly 5 days before) → 1; c1 → 1; c6 → 4; c7 → 0.
    expect(result.histogram).toEqual([
      { maxTouches: 0, customers: 1 },
      { maxTouches: 1, customers: 3 },
      { maxTouches: 2, customers: 2 },
      { maxTouches: 4, customers: 1 },
    ]);
    expect(result).toMatchObject({ customers: 7, overCap: 3, windowMs: 5 * DAY });
  });

  it('answers zeros and nulls for an empty period', async () => {
    const events = await open(CUSTOMERS);
    const result = await contactFrequency(events, {
      workspaceId: W,
      from: TO + DAY,
      to: TO + 2 * DAY,
      touchpointCaps: [{ touchpointId: Y, touchpointIds: [Y], cap: 1 }],
    });
    const none = {
      customers: 0,
      lostCustomers: 0,
      lostRate: null,
      ratedInteractions: 0,
      negativeInteractions: 0,
      negativeRate: null,
    };
    expect(result).toEqual({
      windowMs: 30 * DAY,
      cap: 8,
      customers: 0,
      overCap: 0,
      histogram: [],
      groups: { overCap: none, underCap: none },
      touchpointCaps: [{ touchpointId: Y, cap: 1, customersOver: 0 }],
    });
  });

  it('rejects a negative cap with the field named', async () => {
    const events = await open([]);
    await expect(
      contactFrequency(events, { workspaceId: W, from: FROM, to: TO, cap: -1 }),
    ).rejects.toMatchObject({
      issues: [{ field: 'cap' }],
    });
  });
});
