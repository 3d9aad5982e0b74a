/**
 * Attribution over aggregated paths (SPEC §7.4), pure: no I/O. A path is the ordered list of keys
 * (touchpoint ids or channel keys) a customer touched; the positional models here read it as is,
 * repeats included. `markov.ts` and `shapley.ts` hold the other two models over the same paths.
 */

/** Customers who followed one path: `conversions` of them converted (worth `value`), `nulls` did not. */
export interface AggregatedPath {
  path: readonly string[];
  conversions: number;
  value: number;
  nulls: number;
}

/** The conversions and conversion value a model gives to one key. */
export interface Credit {
  conversions: number;
  value: number;
}

/** Credit per key, in the order keys are first met. */
export type Credits = Map<string, Credit>;

export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'position_based',
  'time_decay',
  'markov',
  'shapley',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** The models that share each conversion among its touches by position only. */
export type PositionalModel = 'first_touch' | 'last_touch' | 'linear' | 'position_based';

/** Adds conversions and value to the credit of `key`. */
export function addCredit(credits: Credits, key: string, conversions: number, value: number): void {
  const credit = credits.get(key);
  if (credit) {
    credit.conversions += conversions;
    credit.value += value;
  } else credits.set(key, { conversions, value });
}

/** The share of one conversion each touch of an n-touch path gets (sums to 1). */
function positionShares(model: PositionalModel, n: number): number[] {
  const shares = new Array<number>(n).fill(0);
  switch (model) {
    case 'first_touch':
      shares[0] = 1;
      break;
    case 'last_touch':
      shares[n - 1] = 1;
      break;
    case 'linear':
      shares.fill(1 / n);
      break;
    case 'position_based':
      if (n === 1) shares[0] = 1;
      else if (n === 2) shares.fill(0.5);
      else {
        shares.fill(0.2 / (n - 2));
        shares[0] = 0.4;
        shares[n - 1] = 0.4;
      }
      break;
  }
  return shares;
}

/**
 * Credits of a positional model: each converting path's conversions and value shared among its
 * touches (`first_touch`, `last_touch`, `linear` per touch occurrence, `position_based` 40/20/40).
 * @example positionalCredits('linear', [{ path: ['a', 'a', 'b'], conversions: 6, value: 0, nulls: 0 }])
 *   // a → 4, b → 2
 */
export function positionalCredits(model: PositionalModel, paths: readonly AggregatedPath[]): Credits {
  const credits: Credits = new Map();
  for (const { path, conversions, value } of paths) {
    if (conversions === 0 || path.length === 0) continue;
    positionShares(model, path.length).forEach((share, i) => {
      if (share > 0) addCredit(credits, path[i] as string, conversions * share, value * share);
    });
  }
  return credits;
}
