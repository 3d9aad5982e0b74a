import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORES } from '../../test/fixtures/analytics-store.js';
import { makeInteraction } from '../../test/fixtures/generate-interactions.js';
import { ValidationError } from '../domain/errors.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { touchesToConversionReference } from './reference/touches-to-conversion.js';
import { touchesToConversion } from './touches-to-conversion.js';

const T0 = Date.UTC(2026, 0, 1);
const FROM = T0;
const TO = T0 + 1_000_000;
const LOOKBACK = 10_000;
const WS = 'ws-synthetic';

function touch(id: string, ms: number, extra: Partial<Interaction> = {}): Interaction {
  return makeInteraction({
    id,
    customer: id.replace(/\d+$/, ''),
    touchpointId: 'tp-web',
    at: T0 + ms,
    ...extra,
  });
}
const converted = { outcome: 'converted' as const, touchpointId: 'tp-shop' };

const CASES: Interaction[] = [
  // x: three conversions. x3 counts x1, x2, x3. x4 shares x3's millisecond but sorts after it, so
  // it belongs to the next conversion: x6 counts x4, x5, x6 (not x3, the previous conversion).
  // x7 converts on the same millisecond as x6, after it: it counts itself only.
  touch('x1', 100_000),
  touch('x2', 101_000),
  touch('x3', 102_000, converted),
  touch('x4', 102_000),
  touch('x5', 105_000),
  touch('x6', 106_000, converted),
  touch('x7', 106_000, converted),
  // y: the lookback edge — y2 at exactly tc − lookback counts, y1 one ms earlier does not.
  touch('y1', 204_999),
  touch('y2', 205_000),
  touch('y3', 215_000, converted),
  // z: a conversion before the period is not reported but still closes the earlier touches;
  // the lookback reaches back before `from`.
  touch('z1', -3_000, converted),
  touch('z2', -2_000),
  touch('z3', 1_000, converted),
  // v: 45 touches, 100 ms apart, the last one converting: the open bin.
  ...Array.from({ length: 45 }, (_, i) =>
    makeInteraction({
      id: `v${String(i).padStart(2, '0')}`,
      customer: 'v',
      touchpointId: 'tp-web',
      at: T0 + 300_000 + i * 100,
      ...(i === 44 ? converted : {}),
    }),
  ),
  // w: a conversion at `to` is outside the period; another workspace is never seen.
  touch('w1', 1_000_000, converted),
  touch('o1', 500_000, { ...converted, workspaceId: 'ws-other' }),
];

for (const { name, openWith } of EVENT_STORES) {
  describe(`touches to conversion on ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await openWith(CASES);
    });
    afterAll(async () => {
      await store.close();
    });

    const input = { workspaceId: WS, from: FROM, to: TO, lookbackMs: LOOKBACK };

    it('counts from the later of the lookback start and the previous conversion (excluded) to the conversion', async () => {
      const result = await touchesToConversion(store, input);
      // touches: x 3, 3, 1; y 2; z 2; v 45
      expect(result.conversions).toBe(6);
      const bins = Object.fromEntries(result.touches.histogram.map((b) => [b.max ?? '>40', b.conversions]));
      expect(bins).toMatchObject({ 1: 1, 2: 2, 3: 2, 4: 0, 40: 0, '>40': 1 });
      expect(result.touches.histogram).toHaveLength(41);
      expect(result.touches.histogram.at(-1)).toEqual({ min: 41, max: null, conversions: 1 });
      expect(result.touches.median).toBe(2.5);
      expect(result.touches.mean).toBe(56 / 6);
      // time to conversion: x 2 000, 4 000, 0; y 10 000; z 3 000; v 4 400
      expect(result.timeToConversion).toEqual({ medianMs: 3_500, meanMs: 23_400 / 6 });
      expect(result).toEqual(touchesToConversionReference(CASES, input));
    });

    it('uses a 90-day lookback by default', async () => {
      const result = await touchesToConversion(store, { workspaceId: WS, from: FROM, to: TO });
      expect(result.lookbackMs).toBe(90 * 86_400_000);
      // y1 now counts for y3: touches 3, 3, 1, 3, 2, 45
      expect(result.touches.median).toBe(3);
    });

    it('sees only the interactions that pass the filters', async () => {
      const result = await touchesToConversion(store, { ...input, filters: { touchpointIds: ['tp-shop'] } });
      // only conversions are seen: each counts itself
      expect(result.conversions).toBe(6);
      expect(result.touches.mean).toBe(1);
      expect(result.timeToConversion.meanMs).toBe(0);
    });

    it('answers zeros, not errors, for an empty period', async () => {
      const result = await touchesToConversion(store, { ...input, from: TO + 1, to: TO + 2 });
      expect(result.conversions).toBe(0);
      expect(result.touches.histogram.every((b) => b.conversions === 0)).toBe(true);
      expect(result.touches).toMatchObject({ median: null, mean: null });
      expect(result.timeToConversion).toEqual({ medianMs: null, meanMs: null });
    });

    it('refuses a bad input naming the field', async () => {
      await expect(touchesToConversion(store, { ...input, lookbackMs: -1 })).rejects.toThrow(ValidationError);
      await expect(touchesToConversion(store, { ...input, to: FROM - 1 })).rejects.toMatchObject({
        issues: [{ field: 'to', message: 'must be after from' }],
      });
    });
  });
}
