import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORES } from '../../test/fixtures/analytics-store.js';
import { makeInteraction } from '../../test/fixtures/generate-interactions.js';
import { ValidationError } from '../domain/errors.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { DAY_MS } from './analysis-scope.js';
import { chainConversion } from './chain-conversion.js';
import { chainConversionReference } from './reference/chain-conversion.js';

const T0 = Date.UTC(2026, 0, 1);
const FROM = T0;
const TO = T0 + 100_000;
const W = 10_000;
const WS = 'ws-synthetic';

// L2 is a composite touchpoint: tp-b with its part tp-b1, itself with a part tp-b11.
const LINKS = [
  { touchpointIds: ['tp-a'] },
  { touchpointIds: ['tp-b', 'tp-b1', 'tp-b11'] },
  { touchpointIds: ['tp-c'] },
];

function at(customer: string, n: number, touchpointId: string, ms: number, extra: Partial<Interaction> = {}) {
  return makeInteraction({ id: `${customer}-${n}`, customer, touchpointId, at: T0 + ms, ...extra });
}

const CASES: Interaction[] = [
  // alice: L2 through a descendant, L3 exactly at t2 + W (inside).
  at('alice', 1, 'tp-a', 0),
  at('alice', 2, 'tp-b1', 5_000),
  at('alice', 3, 'tp-c', 15_000),
  // bob: L2 at t1 + W + 1 (outside); a negative at L1 within [t1, t1 + W]: broken at L1.
  at('bob', 1, 'tp-a', 0),
  at('bob', 2, 'tp-a', 2_000, { sentiment: -1 }),
  at('bob', 3, 'tp-b', 10_001),
  // carol: L2 before L1 does not count; L2 at the same ms as L1 (a tie, through a grandchild)
  // does; L3 too late; a negative at L2 exactly at t2 + W: broken at L2.
  at('carol', 1, 'tp-b', 100),
  at('carol', 2, 'tp-a', 1_000),
  at('carol', 3, 'tp-b11', 1_000),
  at('carol', 4, 'tp-b', 11_000, { sentiment: -1 }),
  at('carol', 5, 'tp-c', 20_000),
  // dave: negative at L1 but goes on; negative at L2 one ms after t2 + W: not broken.
  at('dave', 1, 'tp-a', 0, { sentiment: -1 }),
  at('dave', 2, 'tp-b', 500),
  at('dave', 3, 'tp-b', 10_501, { sentiment: -1 }),
  // erin never meets L1.
  at('erin', 1, 'tp-c', 0),
  // frank: an L1 before the period is not seen; t1 is his first L1 in the period.
  at('frank', 1, 'tp-a', -1),
  at('frank', 2, 'tp-a', 3_000),
  at('frank', 3, 'tp-b', 4_000),
  at('frank', 4, 'tp-c', 14_000),
  // gina: at `to` is outside the period; another workspace is never seen.
  at('gina', 1, 'tp-a', 100_000),
  at('hugo', 1, 'tp-a', 0, { workspaceId: 'ws-other' }),
];

for (const { name, openWith } of EVENT_STORES) {
  describe(`chain conversion on ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await openWith(CASES);
    });
    afterAll(async () => {
      await store.close();
    });

    const input = { workspaceId: WS, from: FROM, to: TO, links: LINKS, windowMs: W, minEntrants: 1 };

    it('follows each customer link by link, with window edges, ties and descendants', async () => {
      const result = await chainConversion(store, input);
      expect(result.links.map((l) => l.reached)).toEqual([5, 4, 2]);
      expect(result.links[0]).toEqual({
        link: 1,
        reached: 5,
        conversionFromPrevious: null,
        conversionFromFirst: 1,
        dropped: 1,
        brokenByNegative: 1,
        medianMsFromPrevious: null,
        p90MsFromPrevious: null,
      });
      expect(result.links[1]).toMatchObject({
        reached: 4,
        conversionFromPrevious: 0.8,
        conversionFromFirst: 0.8,
        dropped: 2,
        brokenByNegative: 1,
        // gaps 0 (carol, a tie), 500 (dave), 1 000 (frank), 5 000 (alice)
        medianMsFromPrevious: 750,
      });
      expect(result.links[1]?.p90MsFromPrevious).toBeCloseTo(0.3 * 1_000 + 0.7 * 5_000, 6);
      expect(result.links[2]).toEqual({
        link: 3,
        reached: 2,
        conversionFromPrevious: 0.5,
        conversionFromFirst: 0.4,
        dropped: null,
        brokenByNegative: null,
        medianMsFromPrevious: 10_000,
        p90MsFromPrevious: 10_000,
      });
      expect(result.weakLink).toEqual({ fromLink: 2, toLink: 3, entrants: 4, reached: 2, conversion: 0.5 });
      expect(result).toEqual(chainConversionReference(CASES, input));
    });

    it('has no weak link below minEntrants (default 30), and skips transitions with too few entrants', async () => {
      expect((await chainConversion(store, { ...input, minEntrants: undefined })).weakLink).toBeNull();
      expect((await chainConversion(store, { ...input, minEntrants: 5 })).weakLink).toEqual({
        fromLink: 1,
        toLink: 2,
        entrants: 5,
        reached: 4,
        conversion: 0.8,
      });
    });

    it('lets one interaction serve two links that match the same touchpoint (tk ≥ t(k−1))', async () => {
      const result = await chainConversion(store, { ...input, links: [LINKS[0], LINKS[0]] as typeof LINKS });
      // everyone's t2 is their t1 itself (bob's second L1 is later, but the first counts)
      expect(result.links.map((l) => l.reached)).toEqual([5, 5]);
      expect(result.links[1]?.medianMsFromPrevious).toBe(0);
    });

    it('answers zeros, not errors, for an empty period', async () => {
      const result = await chainConversion(store, { ...input, from: TO + 1, to: TO + 1_000 });
      expect(result.links).toEqual(
        [1, 2, 3].map((link) => ({
          link,
          reached: 0,
          conversionFromPrevious: null,
          conversionFromFirst: null,
          dropped: link < 3 ? 0 : null,
          brokenByNegative: link < 3 ? 0 : null,
          medianMsFromPrevious: null,
          p90MsFromPrevious: null,
        })),
      );
      expect(result.weakLink).toBeNull();
    });

    it('refuses a bad input naming the field', async () => {
      await expect(chainConversion(store, { ...input, to: FROM })).rejects.toThrow(ValidationError);
      await expect(chainConversion(store, { ...input, links: [] })).rejects.toMatchObject({
        issues: [{ field: 'links', message: 'a chain needs at least one link' }],
      });
    });
  });

  describe(`chain conversion on ${name}: the default 30-day window and filters`, () => {
    const day30 = 30 * DAY_MS;
    const rows = [
      at('in', 1, 'tp-a', 0, { props: '{"segment":"b2b"}' }),
      at('in', 2, 'tp-b', day30, { props: '{"segment":"b2b"}' }),
      at('out', 1, 'tp-a', 0, { props: '{"segment":"b2c"}' }),
      at('out', 2, 'tp-b', day30 + 1, { props: '{"segment":"b2c"}' }),
      at('tie1', 1, 'tp-a', 0),
      at('tie1', 2, 'tp-b', 10),
      at('tie2', 1, 'tp-a', 0),
      at('tie2', 2, 'tp-b', 10),
      at('tie3', 1, 'tp-a', 0),
      at('tie3', 2, 'tp-c', 20),
    ];
    let store: EventStore;
    beforeAll(async () => {
      store = await openWith(rows);
    });
    afterAll(async () => {
      await store.close();
    });
    const input = { workspaceId: WS, from: FROM, to: FROM + 60 * DAY_MS, links: LINKS.slice(0, 2) };

    it('keeps t(k−1) + 30 days inside and one ms more outside', async () => {
      const result = await chainConversion(store, input);
      expect(result.windowMs).toBe(day30);
      expect(result.links.map((l) => l.reached)).toEqual([5, 3]);
      expect(result.links[1]?.medianMsFromPrevious).toBe(10);
    });

    it('sees only the interactions that pass the filters', async () => {
      const b2b = await chainConversion(store, { ...input, filters: { props: { segment: 'b2b' } } });
      expect(b2b.links.map((l) => l.reached)).toEqual([1, 1]);
      const onlyA = await chainConversion(store, { ...input, filters: { touchpointIds: ['tp-a'] } });
      expect(onlyA.links.map((l) => l.reached)).toEqual([5, 0]);
    });

    it('breaks ties between equally weak transitions by taking the earliest', async () => {
      // L1 → L2: 2 of 4; L2 → L3: 1 of 2 — both 0.5
      const tied = [
        at('k1', 1, 'tp-a', 0),
        at('k1', 2, 'tp-b', 1),
        at('k1', 3, 'tp-c', 2),
        at('k2', 1, 'tp-a', 0),
        at('k2', 2, 'tp-b', 1),
        at('k3', 1, 'tp-a', 0),
        at('k4', 1, 'tp-a', 0),
      ];
      const tiedStore = await openWith(tied);
      try {
        const result = await chainConversion(tiedStore, { ...input, links: LINKS, minEntrants: 1 });
        expect(result.links.map((l) => l.reached)).toEqual([4, 2, 1]);
        expect(result.weakLink).toEqual({ fromLink: 1, toLink: 2, entrants: 4, reached: 2, conversion: 0.5 });
      } finally {
        await tiedStore.close();
      }
    });
  });
}
