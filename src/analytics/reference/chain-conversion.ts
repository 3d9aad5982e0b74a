/** Plain reference of chain conversion (SPEC §7.1), customer by customer; for consistency tests. */
import type { Interaction } from '../../store/events/event-store.js';
import {
  type ChainConversion,
  type ChainConversionInput,
  type WeakLink,
  ZChainConversionInput,
} from '../chain-conversion.schemas.js';
import { byCustomerInOrder, passesFilters, quantileCont } from './common.js';

/** Chain conversion over an array of interactions, read straight from the SPEC text. */
export function chainConversionReference(
  interactions: readonly Interaction[],
  rawInput: ChainConversionInput,
): ChainConversion {
  const input = ZChainConversionInput.parse(rawInput);
  const n = input.links.length;
  const linkSets = input.links.map((link) => new Set(link.touchpointIds));
  const seen = interactions.filter(
    (i) => passesFilters(i, input.workspaceId, input.filters) && i.at >= input.from && i.at < input.to,
  );
  const reached = new Array<number>(n).fill(0);
  const broken = new Array<number>(n).fill(0);
  const gaps: number[][] = linkSets.map(() => []);

  for (const own of byCustomerInOrder(seen).values()) {
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const at = linkSets[k] as Set<string>;
      const previous = times[k - 1];
      const candidates = own.filter(
        (i) =>
          at.has(i.touchpointId) &&
          (previous === undefined || (i.at >= previous && i.at <= previous + input.windowMs)),
      );
      if (candidates.length === 0) break;
      const tk = Math.min(...candidates.map((i) => i.at));
      times.push(tk);
      reached[k] = (reached[k] ?? 0) + 1;
      if (previous !== undefined) gaps[k]?.push(tk - previous);
    }
    const last = times.length - 1;
    const tLast = times[last];
    if (tLast !== undefined && last < n - 1) {
      const at = linkSets[last] as Set<string>;
      const negative = own.some(
        (i) =>
          at.has(i.touchpointId) && i.sentiment === -1 && i.at >= tLast && i.at <= tLast + input.windowMs,
      );
      if (negative) broken[last] = (broken[last] ?? 0) + 1;
    }
  }

  const first = reached[0] ?? 0;
  let weakLink: WeakLink | null = null;
  for (let k = 0; k + 1 < n; k++) {
    const entrants = reached[k] ?? 0;
    const arrived = reached[k + 1] ?? 0;
    if (entrants < input.minEntrants) continue;
    const conversion = arrived / entrants;
    if (weakLink === null || conversion < weakLink.conversion) {
      weakLink = { fromLink: k + 1, toLink: k + 2, entrants, reached: arrived, conversion };
    }
  }
  return {
    windowMs: input.windowMs,
    minEntrants: input.minEntrants,
    weakLink,
    links: reached.map((here, k) => {
      const previous = reached[k - 1] ?? 0;
      const next = reached[k + 1];
      return {
        link: k + 1,
        reached: here,
        conversionFromPrevious: k > 0 && previous > 0 ? here / previous : null,
        conversionFromFirst: first > 0 ? here / first : null,
        dropped: next === undefined ? null : here - next,
        brokenByNegative: k < n - 1 ? (broken[k] ?? 0) : null,
        medianMsFromPrevious: quantileCont(gaps[k] ?? [], 0.5),
        p90MsFromPrevious: quantileCont(gaps[k] ?? [], 0.9),
      };
    }),
  };
}
