import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORES } from '../../test/fixtures/analytics-store.js';
import { makeInteraction } from '../../test/fixtures/generate-interactions.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { paths } from './paths.js';
import { pathsReference } from './reference/paths.js';

const T0 = Date.UTC(2026, 0, 1);
const FROM = T0;
const TO = T0 + 100_000;
const WS = 'ws-synthetic';

function touch(id: string, touchpointId: string, ms: number, extra: Partial<Interaction> = {}): Interaction {
  return makeInteraction({ id, customer: id.replace(/\d+$/, ''), touchpointId, at: T0 + ms, ...extra });
}

// tp-b1 is a part of the composite tp-b.
const CASES: Interaction[] = [
  // p: a a b b1 c c(converted) → a > b > b1 > c
  touch('p1', 'tp-a', 0),
  touch('p2', 'tp-a', 1),
  touch('p3', 'tp-b', 2),
  touch('p4', 'tp-b1', 3),
  touch('p5', 'tp-c', 4),
  touch('p6', 'tp-c', 5, { outcome: 'converted' }),
  // q: a tie in time is ordered by id — q1 (a) before q2 (b) → a > b
  touch('q2', 'tp-b', 10),
  touch('q1', 'tp-a', 10),
  // r: a > b, converted
  touch('r1', 'tp-a', 0),
  touch('r2', 'tp-b', 1, { outcome: 'converted' }),
  // s: c > a > c > a
  touch('s1', 'tp-c', 0),
  touch('s2', 'tp-a', 1),
  touch('s3', 'tp-c', 2),
  touch('s4', 'tp-a', 3),
  // t: converts only at `to` (outside the period): a path, not converted
  touch('t1', 'tp-a', 50),
  touch('t2', 'tp-c', 100_000, { outcome: 'converted' }),
  touch('o1', 'tp-a', 50, { workspaceId: 'ws-other' }),
];

for (const { name, openWith } of EVENT_STORES) {
  describe(`paths on ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await openWith(CASES);
    });
    afterAll(async () => {
      await store.close();
    });

    const input = { workspaceId: WS, from: FROM, to: TO };
    const check = async (extra: Partial<Parameters<typeof paths>[1]> = {}) => {
      const result = await paths(store, { ...input, ...extra });
      expect(result).toEqual(pathsReference(CASES, { ...input, ...extra }));
      return result;
    };

    it('orders by time then id, collapses repeats, counts customers and conversions', async () => {
      const result = await check();
      expect(result).toMatchObject({ steps: 6, customers: 5, converted: 2 });
      expect(result.paths).toEqual([
        { touchpointIds: ['tp-a', 'tp-b'], customers: 2, converted: 1, conversionRate: 0.5 },
        { touchpointIds: ['tp-a'], customers: 1, converted: 0, conversionRate: 0 },
        { touchpointIds: ['tp-a', 'tp-b', 'tp-b1', 'tp-c'], customers: 1, converted: 1, conversionRate: 1 },
        { touchpointIds: ['tp-c', 'tp-a', 'tp-c', 'tp-a'], customers: 1, converted: 0, conversionRate: 0 },
      ]);
      expect(result.edges).toEqual([
        { step: 1, from: 'tp-a', to: 'tp-b', customers: 3 },
        { step: 1, from: 'tp-c', to: 'tp-a', customers: 1 },
        { step: 2, from: 'tp-a', to: 'tp-c', customers: 1 },
        { step: 2, from: 'tp-b', to: 'tp-b1', customers: 1 },
        { step: 3, from: 'tp-b1', to: 'tp-c', customers: 1 },
        { step: 3, from: 'tp-c', to: 'tp-a', customers: 1 },
      ]);
    });

    it('keeps the first N steps; a conversion off the kept steps still counts', async () => {
      const result = await check({ steps: 1 });
      expect(result.paths).toEqual([
        { touchpointIds: ['tp-a'], customers: 4, converted: 2, conversionRate: 0.5 },
        { touchpointIds: ['tp-c'], customers: 1, converted: 0, conversionRate: 0 },
      ]);
      expect(result.edges).toEqual([]);
    });

    it('shows parts as their composite touchpoint and collapses them', async () => {
      const result = await check({ displayTouchpoints: { 'tp-b1': 'tp-b' } });
      expect(result.paths.find((p) => p.converted === 1 && p.customers === 1)?.touchpointIds).toEqual([
        'tp-a',
        'tp-b',
        'tp-c',
      ]);
    });

    it('begins at the first occurrence of the start touchpoint (or a descendant)', async () => {
      const result = await check({ start: ['tp-b', 'tp-b1'] });
      expect(result.customers).toBe(3);
      expect(result.paths).toEqual([
        { touchpointIds: ['tp-b'], customers: 2, converted: 1, conversionRate: 0.5 },
        { touchpointIds: ['tp-b', 'tp-b1', 'tp-c'], customers: 1, converted: 1, conversionRate: 1 },
      ]);
    });

    it('ends at the first occurrence of the end touchpoint, keeping the last N steps', async () => {
      const result = await check({ end: ['tp-c'], steps: 2 });
      expect(result.paths).toEqual([
        { touchpointIds: ['tp-b1', 'tp-c'], customers: 1, converted: 1, conversionRate: 1 },
        { touchpointIds: ['tp-c'], customers: 1, converted: 0, conversionRate: 0 },
      ]);
      expect(result.edges).toEqual([{ step: 1, from: 'tp-b1', to: 'tp-c', customers: 1 }]);
    });

    it('answers no paths, not errors, for an empty period', async () => {
      expect(await check({ from: TO + 1, to: TO + 2 })).toEqual({
        steps: 6,
        customers: 0,
        converted: 0,
        paths: [],
        edges: [],
      });
    });

    it('refuses a start and an end together, naming the field', async () => {
      await expect(paths(store, { ...input, start: ['tp-a'], end: ['tp-c'] })).rejects.toMatchObject({
        issues: [{ field: 'end', message: 'give a start or an end touchpoint, not both' }],
      });
    });
  });
}
