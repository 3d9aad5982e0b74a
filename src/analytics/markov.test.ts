import { describe, expect, it } from 'vitest';
import { loadAttributionPaths } from '../../test/attribution-paths-file.js';
import type { AggregatedPath } from './attribution-models.js';
import { markov } from './markov.js';

const path = (keys: string, conversions: number, nulls = 0, value = 0): AggregatedPath => ({
  path: keys.split(' > '),
  conversions,
  value,
  nulls,
});
const r = (x: number) => Number(x.toFixed(12));
const rounded = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, r(v)]));
const conversions = (result: ReturnType<typeof markov>) =>
  Object.fromEntries([...result.credits].map(([k, c]) => [k, r(c.conversions)]));

describe('markov (SPEC §7.4 worked examples)', () => {
  it('a > b (3 conv, 1 null), a > c (1, 1) → a 2.0, b 1.5, c 0.5; P(conv) = 2/3', () => {
    const result = markov([path('a > b', 3, 1), path('a > c', 1, 1)]);
    expect(r(result.conversionProbability)).toBe(r(2 / 3));
    expect(rounded(result.removalEffects)).toEqual({ a: 1, b: 0.75, c: 0.25 });
    expect(conversions(result)).toEqual({ a: 2, b: 1.5, c: 0.5 });
  });

  it('google (2, 1), mailing (1, 0), google > mailing (1, 0) → google 2.4, mailing 1.6; P(conv) = 0.8', () => {
    const result = markov([path('google', 2, 1), path('mailing', 1, 0), path('google > mailing', 1, 0)]);
    expect(r(result.conversionProbability)).toBe(0.8);
    expect(rounded(result.removalEffects)).toEqual({ google: 0.75, mailing: 0.5 });
    expect(conversions(result)).toEqual({ google: 2.4, mailing: 1.6 });
  });

  it('C1 > C2 > C3 (1 conv), C1 (1 null), C2 > C3 (1 null) → C1 0.2, C2 0.4, C3 0.4', () => {
    const result = markov([path('C1 > C2 > C3', 1, 0), path('C1', 0, 1), path('C2 > C3', 0, 1)]);
    expect(r(result.conversionProbability)).toBe(r(1 / 3));
    expect(rounded(result.removalEffects)).toEqual({ C1: 0.5, C2: 1, C3: 1 });
    expect(conversions(result)).toEqual({ C1: 0.2, C2: 0.4, C3: 0.4 });
  });
});

describe('markov details', () => {
  it('collapses consecutive repeats: a > a > b, a > c > c give the first example again', () => {
    const result = markov([path('a > a > b', 3, 1), path('a > c > c', 1, 1)]);
    expect(conversions(result)).toEqual({ a: 2, b: 1.5, c: 0.5 });
  });

  it('solves chains with loops exactly: a > b > a (1 conv, value 9), b (1 null)', () => {
    // x(a) = ½·x(b) + ½, x(b) = ½·x(a) → x(a) = 2/3, x(b) = 1/3, P = ½·2/3 + ½·1/3 = ½.
    // Without a: P = 0 (RE 1). Without b: x(a) = ½, P = ¼ (RE ½). Shares 2/3 and 1/3.
    const result = markov([path('a > b > a', 1, 0, 9), path('b', 0, 1)]);
    expect(r(result.conversionProbability)).toBe(0.5);
    expect(rounded(result.removalEffects)).toEqual({ a: 1, b: 0.5 });
    expect(conversions(result)).toEqual({ a: r(2 / 3), b: r(1 / 3) });
    expect(Object.fromEntries([...result.credits].map(([k, c]) => [k, r(c.value)]))).toEqual({ a: 6, b: 3 });
  });

  it('shares the conversion value like the conversions', () => {
    const result = markov([path('a > b', 3, 1, 30), path('a > c', 1, 1, 10)]);
    expect(Object.fromEntries([...result.credits].map(([k, c]) => [k, r(c.value)]))).toEqual({
      a: 20,
      b: 15,
      c: 5,
    });
  });

  it('gives nothing when nothing converts, and handles no paths at all', () => {
    const none = markov([path('a > b', 0, 3)]);
    expect(none.conversionProbability).toBe(0);
    expect(conversions(none)).toEqual({ a: 0, b: 0 });
    const empty = markov([]);
    expect(empty.conversionProbability).toBe(0);
    expect(empty.credits.size).toBe(0);
  });
});

describe('markov on the sample of 10,000 aggregated paths over 12 channels', () => {
  const paths = loadAttributionPaths();

  it('reads the whole file', () => {
    expect(paths).toHaveLength(10_000);
    expect(paths.reduce((s, p) => s + p.conversions, 0)).toBe(19_785);
    expect(paths.reduce((s, p) => s + p.nulls, 0)).toBe(68_602);
  });

  it('credits all 19,785 conversions and the whole value, none negative, to the 12 channels', () => {
    const result = markov(paths);
    const credits = [...result.credits.values()];
    expect(result.credits.size).toBe(12);
    expect(credits.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(19_785, 6);
    const totalValue = paths.reduce((s, p) => s + p.value, 0);
    expect(credits.reduce((s, c) => s + c.value, 0)).toBeCloseTo(totalValue, 6);
    for (const c of credits) {
      expect(c.conversions).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeGreaterThanOrEqual(0);
    }
    for (const re of result.removalEffects.values()) {
      expect(re).toBeGreaterThanOrEqual(0);
      expect(re).toBeLessThanOrEqual(1);
    }
    // The chain is estimated from these very paths, so it converts as often as they do.
    expect(result.conversionProbability).toBeCloseTo(19_785 / (19_785 + 68_602), 12);
  });

  it('is deterministic', () => {
    const first = markov(paths);
    const second = markov(paths);
    expect(second.conversionProbability).toBe(first.conversionProbability);
    expect([...second.credits]).toEqual([...first.credits]);
  });
});
