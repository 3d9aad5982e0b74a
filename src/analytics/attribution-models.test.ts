import { describe, expect, it } from 'vitest';
import { type AggregatedPath, type Credits, positionalCredits } from './attribution-models.js';

const path = (keys: string, conversions: number, nulls = 0, value = 0): AggregatedPath => ({
  path: keys.split(' > '),
  conversions,
  value,
  nulls,
});

/** Credits as plain numbers per key, rounded to 12 digits so that 19/6 compares exactly. */
function counts(credits: Credits): Record<string, number> {
  return Object.fromEntries([...credits].map(([k, c]) => [k, Number(c.conversions.toFixed(12))]));
}
function values(credits: Credits): Record<string, number> {
  return Object.fromEntries([...credits].map(([k, c]) => [k, Number(c.value.toFixed(12))]));
}
const r = (x: number) => Number(x.toFixed(12));

describe('positional models (SPEC §7.4 worked example)', () => {
  const paths = [path('direct', 2, 1), path('search > email', 3, 2), path('search > social > email', 5, 4)];

  it('first_touch: direct 2, search 8', () => {
    expect(counts(positionalCredits('first_touch', paths))).toEqual({ direct: 2, search: 8 });
  });
  it('last_touch: direct 2, email 8', () => {
    expect(counts(positionalCredits('last_touch', paths))).toEqual({ direct: 2, email: 8 });
  });
  it('linear: direct 2, search 19/6, email 19/6, social 5/3', () => {
    expect(counts(positionalCredits('linear', paths))).toEqual({
      direct: 2,
      search: r(19 / 6),
      email: r(19 / 6),
      social: r(5 / 3),
    });
  });
  it('position_based: direct 2, search 3.5, email 3.5, social 1', () => {
    expect(counts(positionalCredits('position_based', paths))).toEqual({
      direct: 2,
      search: 3.5,
      email: 3.5,
      social: 1,
    });
  });
});

describe('positional models on repeated touches (no collapsing)', () => {
  it('linear gives an equal share per touch occurrence: a > a > b with 6 conversions → a 4, b 2', () => {
    expect(counts(positionalCredits('linear', [path('a > a > b', 6)]))).toEqual({ a: 4, b: 2 });
  });
  it('position_based on a > a > b: first a 40 %, middle a 20 %, last b 40 %', () => {
    expect(counts(positionalCredits('position_based', [path('a > a > b', 10)]))).toEqual({ a: 6, b: 4 });
  });
  it('position_based: 1 touch → 100 %, 2 touches → 50/50, 4 touches → 40/10/10/40', () => {
    expect(counts(positionalCredits('position_based', [path('a', 3)]))).toEqual({ a: 3 });
    expect(counts(positionalCredits('position_based', [path('a > b', 3)]))).toEqual({ a: 1.5, b: 1.5 });
    expect(counts(positionalCredits('position_based', [path('a > b > c > d', 10)]))).toEqual({
      a: 4,
      b: 1,
      c: 1,
      d: 4,
    });
    expect(counts(positionalCredits('position_based', [path('a > b > a > a', 10)]))).toEqual({ a: 9, b: 1 });
  });
  it('first_touch and last_touch on a path that starts and ends at the same key', () => {
    expect(counts(positionalCredits('first_touch', [path('a > b > a', 2)]))).toEqual({ a: 2 });
    expect(counts(positionalCredits('last_touch', [path('b > a > b', 2)]))).toEqual({ b: 2 });
  });
});

describe('conversion value', () => {
  it('is shared like the conversions; paths without conversions give nothing', () => {
    const paths = [path('a > b', 2, 0, 30), path('b > c > a', 1, 0, 10), path('c', 0, 5, 0)];
    expect(values(positionalCredits('linear', paths))).toEqual({
      a: r(15 + 10 / 3),
      b: r(15 + 10 / 3),
      c: r(10 / 3),
    });
    expect(values(positionalCredits('position_based', paths))).toEqual({ a: 19, b: 19, c: 2 });
    expect(counts(positionalCredits('first_touch', paths))).toEqual({ a: 2, b: 1 });
    expect(positionalCredits('last_touch', [])).toEqual(new Map());
  });
});
