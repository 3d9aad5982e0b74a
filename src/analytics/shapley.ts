/**
 * Shapley attribution (SPEC §7.4) over the sets of keys of the paths. The coalition value is
 * v(S) = Σ over sets T ⊆ S of w(T), with w(T) the conversions of the paths whose set of keys is
 * exactly T (or, as an option, their conversion rate). For such a game the Shapley value is the
 * sum of the dividends w(T) shared equally among T's members: φ(c) = Σ over T ∋ c of w(T) / |T|.
 */
import { type AggregatedPath, addCredit, type Credits } from './attribution-models.js';

/** What a set of keys is worth: its conversions, or its conversion rate conversions / (conversions + nulls). */
export type ShapleyBasis = 'conversions' | 'rate';

export interface ShapleyResult {
  /** φ(c) per key, in the units of the basis (conversions, or conversion rate). */
  phi: Map<string, number>;
  /**
   * Conversions and value per key: on the `conversions` basis φ itself and the same game played
   * with conversion value; on the `rate` basis the totals shared in proportion to φ.
   */
  credits: Credits;
}

interface KeySet {
  keys: string[];
  conversions: number;
  value: number;
  nulls: number;
}

/**
 * Shapley values of the keys, from the conversions (or conversion rates) per set of keys.
 * @example shapley([{ path: ['a'], conversions: 4, value: 0, nulls: 0 },
 *   { path: ['a', 'b'], conversions: 6, value: 0, nulls: 0 }], 'conversions').phi // a 7, b 3
 */
export function shapley(
  paths: readonly AggregatedPath[],
  basis: ShapleyBasis = 'conversions',
): ShapleyResult {
  const index = new Map<string, number>();
  const names: string[] = [];
  const sets = new Map<string, KeySet>();
  let totalConversions = 0;
  let totalValue = 0;
  for (const { path, conversions, value, nulls } of paths) {
    totalConversions += conversions;
    totalValue += value;
    if (path.length === 0) continue;
    const members: number[] = [];
    for (const key of path) {
      let i = index.get(key);
      if (i === undefined) {
        i = names.length;
        index.set(key, i);
        names.push(key);
      }
      if (!members.includes(i)) members.push(i);
    }
    const id = members.sort((a, b) => a - b).join(',');
    const set = sets.get(id);
    if (set) {
      set.conversions += conversions;
      set.value += value;
      set.nulls += nulls;
    } else sets.set(id, { keys: members.map((i) => names[i] as string), conversions, value, nulls });
  }

  const phi = new Map<string, number>();
  const dividends: Credits = new Map();
  for (const { keys, conversions, value, nulls } of sets.values()) {
    const worth = basis === 'conversions' ? conversions : shapleyRate(conversions, nulls);
    for (const key of keys) {
      phi.set(key, (phi.get(key) ?? 0) + worth / keys.length);
      addCredit(dividends, key, conversions / keys.length, value / keys.length);
    }
  }
  if (basis === 'conversions') return { phi, credits: dividends };

  const phiTotal = [...phi.values()].reduce((sum, v) => sum + v, 0);
  const credits: Credits = new Map();
  for (const [key, v] of phi) {
    const share = phiTotal > 0 ? v / phiTotal : 0;
    credits.set(key, { conversions: totalConversions * share, value: totalValue * share });
  }
  return { phi, credits };
}

function shapleyRate(conversions: number, nulls: number): number {
  return conversions + nulls > 0 ? conversions / (conversions + nulls) : 0;
}
