/**
 * Each engine against the plain references on generated data (≥ 100,000 interactions): chain
 * conversion, touches to conversion and paths must agree exactly, in several configurations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORES } from '../../test/fixtures/analytics-store.js';
import {
  descendantsOf,
  generateInteractionList,
  SYNTHETIC_CHAIN,
  SYNTHETIC_START,
  SYNTHETIC_WORKSPACE,
} from '../../test/fixtures/generate-interactions.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { DAY_MS } from './analysis-scope.js';
import { chainConversion } from './chain-conversion.js';
import { paths } from './paths.js';
import { chainConversionReference } from './reference/chain-conversion.js';
import { pathsReference } from './reference/paths.js';
import { touchesToConversionReference } from './reference/touches-to-conversion.js';
import { touchesToConversion } from './touches-to-conversion.js';

const interactions: Interaction[] = generateInteractionList({ customers: 12_000, seed: 20_261_123 });
const period = {
  workspaceId: SYNTHETIC_WORKSPACE,
  from: SYNTHETIC_START,
  to: SYNTHETIC_START + 150 * DAY_MS,
};
const chainLinks = SYNTHETIC_CHAIN.map((id) => ({ touchpointIds: descendantsOf(id) }));
const partsShownAsWhole = Object.fromEntries(
  SYNTHETIC_CHAIN.flatMap((id) => descendantsOf(id).map((part) => [part, id])),
);

for (const { name, openWith } of EVENT_STORES) {
  describe(`${name} agrees with the references`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await openWith(interactions);
    }, 120_000);
    afterAll(async () => {
      await store.close();
    });

    it('on enough generated data, with every feature exercised', () => {
      expect(interactions.length).toBeGreaterThanOrEqual(100_000);
      expect(interactions.filter((i) => i.outcome === 'converted').length).toBeGreaterThan(1_000);
    });

    it.each([
      ['the whole chain, default window', { ...period, links: chainLinks }],
      [
        'a 7-day window and few entrants needed',
        { ...period, links: chainLinks, windowMs: 7 * DAY_MS, minEntrants: 1 },
      ],
      [
        'the b2b segment, links out of order',
        { ...period, links: [...chainLinks].reverse(), filters: { props: { segment: 'b2b' } } },
      ],
      ['a short period', { ...period, to: period.from + 20 * DAY_MS, links: chainLinks.slice(1, 4) }],
    ])('chain conversion: %s', async (_, input) => {
      const result = await chainConversion(store, input);
      expect(result).toEqual(chainConversionReference(interactions, input));
      expect(result.links[0]?.reached).toBeGreaterThan(0);
    });

    it.each([
      ['default lookback', period],
      ['a 3-day lookback', { ...period, lookbackMs: 3 * DAY_MS }],
      [
        'the website and conversions only',
        { ...period, filters: { touchpointIds: [...descendantsOf('tp-website'), 'tp-call-operator'] } },
      ],
    ])('touches to conversion: %s', async (_, input) => {
      const result = await touchesToConversion(store, input);
      expect(result).toEqual(touchesToConversionReference(interactions, input));
      expect(result.conversions).toBeGreaterThan(0);
    });

    it.each([
      ['default', period],
      ['parts shown as the whole, 4 steps', { ...period, steps: 4, displayTouchpoints: partsShownAsWhole }],
      ['from the website', { ...period, start: descendantsOf('tp-website') }],
      ['up to the call, 3 steps', { ...period, end: descendantsOf('tp-call'), steps: 3 }],
    ])('paths: %s', async (_, input) => {
      const result = await paths(store, input);
      expect(result).toEqual(pathsReference(interactions, input));
      expect(result.paths).toHaveLength(50);
    });
  });
}
