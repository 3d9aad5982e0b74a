import { describe, expect, it } from 'vitest';
import type { AggregatedPath } from './attribution-models.js';
import { shapley } from './shapley.js';

const path = (keys: string, conversions: number, nulls = 0, value = 0): AggregatedPath => ({
  path: keys.split(' > '),
  conversions,
  value,
  nulls,
});
const r = (x: number) => Number(x.toFixed(12));
const rounded = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, r(v)]));

describe('shapley (SPEC §7.4 worked examples)', () => {
  it('a (4), a > b (6) → a 7, b 3', () => {
    const result = shapley([path('a', 4), path('a > b', 6)]);
    expect(rounded(result.phi)).toEqual({ a: 7, b: 3 });
    expect(Object.fromEntries([...result.credits].map(([k, c]) => [k, c.conversions]))).toEqual({
      a: 7,
      b: 3,
    });
  });

  it('a > b > c > d (10) → 2.5 each', () => {
    expect(rounded(shapley([path('a > b > c > d', 10)]).phi)).toEqual({ a: 2.5, b: 2.5, c: 2.5, d: 2.5 });
  });

  it('conversion rates per set F .2, O .1, L .17, F+O .17, F+L .3, O+L 0, F+O+L .06 → F 0.455, O 0.205, L 0.34', () => {
    // Each set's paths carry conversions and nulls giving exactly its rate, in any order of touches.
    const paths = [
      path('F', 2, 8),
      path('O', 1, 9),
      path('L', 17, 83),
      path('O > F', 17, 83),
      path('F > L > F', 3, 7),
      path('L > O', 0, 10),
      path('L > F > O', 4, 60),
      path('O > F > L', 2, 34),
    ];
    const result = shapley(paths, 'rate');
    expect(rounded(result.phi)).toEqual({ F: 0.455, O: 0.205, L: 0.34 });
    // The 46 conversions are shared in proportion to φ (Σφ = 1).
    expect(Object.fromEntries([...result.credits].map(([k, c]) => [k, r(c.conversions)]))).toEqual({
      F: r(46 * 0.455),
      O: r(46 * 0.205),
      L: r(46 * 0.34),
    });
  });
});

describe('shapley details', () => {
  it('works on sets: repeats and order do not matter', () => {
    expect(rounded(shapley([path('a > a', 4), path('b > a > b', 6)]).phi)).toEqual({ a: 7, b: 3 });
  });

  it('plays the same game with conversion value', () => {
    const result = shapley([path('a', 4, 0, 40), path('a > b', 6, 0, 60), path('c', 0, 3)]);
    expect(Object.fromEntries([...result.credits].map(([k, c]) => [k, c.value]))).toEqual({
      a: 70,
      b: 30,
      c: 0,
    });
    expect(result.phi.get('c')).toBe(0);
  });

  it('on the rate basis a set seen only without conversion is worth 0', () => {
    const result = shapley([path('a', 1, 1), path('a > b', 0, 5)], 'rate');
    expect(rounded(result.phi)).toEqual({ a: 0.5, b: 0 });
    expect(shapley([], 'rate').credits.size).toBe(0);
  });
});
