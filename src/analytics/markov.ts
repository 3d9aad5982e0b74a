/**
 * Markov attribution (SPEC §7.4): a first-order chain over start / keys / conversion / null
 * built from all paths with consecutive repeats collapsed, solved exactly as an absorbing chain.
 */
import type { AggregatedPath, Credits } from './attribution-models.js';

export interface MarkovResult {
  /** P(conversion) from the start state. */
  conversionProbability: number;
  /** RE(c) = 1 − P(without c) / P, per key. */
  removalEffects: Map<string, number>;
  /** conversions × RE(c) / ΣRE (and the same share of the conversion value), per key. */
  credits: Credits;
}

/**
 * Markov-chain attribution with removal effects, computed exactly.
 *
 * With Q the transitions among keys, r the one-step conversion probabilities and N = (I − Q)⁻¹,
 * x = N·r is the conversion probability from each key and P = s·x from the start (s: the start
 * transitions). Removing c sends every transition into c to null, which takes away exactly the
 * conversions of the walks that visit c: P(without c) = P − h(c)·x(c), where the probability of
 * ever visiting c is h(c) = (s·N)(c) / N(c,c). One inversion of I − Q thus gives every removal
 * effect, instead of solving one system per key.
 * @example markov([{ path: ['a', 'b'], conversions: 3, value: 0, nulls: 1 },
 *   { path: ['a', 'c'], conversions: 1, value: 0, nulls: 1 }]) // P = 2/3; a 2, b 1.5, c 0.5
 */
export function markov(paths: readonly AggregatedPath[]): MarkovResult {
  return solveMarkovChain(countTransitions(paths));
}

/**
 * The first-order chain of the paths: how often each transition was taken, counted over
 * customers (a path's conversions plus nulls). States are the keys, numbered in `index`.
 */
export interface MarkovChain {
  index: Map<string, number>;
  /** Row-major n×n counts of key → key transitions. */
  counts: Float64Array;
  fromStart: Float64Array;
  toConversion: Float64Array;
  toNull: Float64Array;
  totalConversions: number;
  totalValue: number;
}

/** Counts the transitions of the paths, consecutive repeats collapsed on the way. */
export function countTransitions(paths: readonly AggregatedPath[]): MarkovChain {
  const index = new Map<string, number>();
  let totalConversions = 0;
  let totalValue = 0;
  for (const { path, conversions, value, nulls } of paths) {
    totalConversions += conversions;
    totalValue += value;
    if (conversions + nulls > 0) for (const key of path) if (!index.has(key)) index.set(key, index.size);
  }

  const n = index.size;
  const counts = new Float64Array(n * n);
  const toConversion = new Float64Array(n);
  const toNull = new Float64Array(n);
  const fromStart = new Float64Array(n);
  for (const { path, conversions, nulls } of paths) {
    const weight = conversions + nulls;
    if (path.length === 0 || weight === 0) continue;
    let previous = -1;
    for (const key of path) {
      const state = index.get(key) as number;
      if (state === previous) continue;
      if (previous < 0) fromStart[state] = (fromStart[state] as number) + weight;
      else counts[previous * n + state] = (counts[previous * n + state] as number) + weight;
      previous = state;
    }
    toConversion[previous] = (toConversion[previous] as number) + conversions;
    toNull[previous] = (toNull[previous] as number) + nulls;
  }
  return { index, counts, fromStart, toConversion, toNull, totalConversions, totalValue };
}

/**
 * Markov attribution from transition counts (of `countTransitions`, or counted by an engine).
 */
export function solveMarkovChain(chain: MarkovChain): MarkovResult {
  const { index, counts, fromStart, toConversion, toNull, totalConversions, totalValue } = chain;
  const n = index.size;

  // A = I − Q and r, row by row from the transition counts.
  const a = new Float64Array(n * n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let out = (toConversion[i] as number) + (toNull[i] as number);
    for (let j = 0; j < n; j++) out += counts[i * n + j] as number;
    for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) - (counts[i * n + j] as number) / out;
    r[i] = (toConversion[i] as number) / out;
  }
  const startTotal = fromStart.reduce((sum, v) => sum + v, 0);
  const s = fromStart.map((v) => (startTotal > 0 ? v / startTotal : 0));

  const inv = invert(a, n);
  const x = new Float64Array(n);
  const sN = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let xi = 0;
    for (let j = 0; j < n; j++) {
      xi += (inv[i * n + j] as number) * (r[j] as number);
      sN[j] = (sN[j] as number) + (s[i] as number) * (inv[i * n + j] as number);
    }
    x[i] = xi;
  }
  let p = 0;
  for (let i = 0; i < n; i++) p += (s[i] as number) * (x[i] as number);

  const removalEffects = new Map<string, number>();
  let effectTotal = 0;
  for (const [key, c] of index) {
    const visits = (sN[c] as number) / (inv[c * n + c] as number);
    const effect = p > 0 ? Math.min(1, Math.max(0, (visits * (x[c] as number)) / p)) : 0;
    removalEffects.set(key, effect);
    effectTotal += effect;
  }
  const credits: Credits = new Map();
  for (const [key, effect] of removalEffects) {
    const share = effectTotal > 0 ? effect / effectTotal : 0;
    credits.set(key, { conversions: totalConversions * share, value: totalValue * share });
  }
  return { conversionProbability: p, removalEffects, credits };
}

/** Inverse of the n×n row-major matrix m (Gauss–Jordan with partial pivoting). */
function invert(m: Float64Array, n: number): Float64Array {
  const w = 2 * n;
  const aug = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) aug[i * w + j] = m[i * n + j] as number;
    aug[i * w + n + i] = 1;
  }
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let i = col + 1; i < n; i++)
      if (Math.abs(aug[i * w + col] as number) > Math.abs(aug[pivot * w + col] as number)) pivot = i;
    if (pivot !== col)
      for (let j = 0; j < w; j++) {
        const t = aug[col * w + j] as number;
        aug[col * w + j] = aug[pivot * w + j] as number;
        aug[pivot * w + j] = t;
      }
    const d = aug[col * w + col] as number;
    for (let j = 0; j < w; j++) aug[col * w + j] = (aug[col * w + j] as number) / d;
    for (let i = 0; i < n; i++) {
      const f = aug[i * w + col] as number;
      if (i === col || f === 0) continue;
      for (let j = 0; j < w; j++)
        aug[i * w + j] = (aug[i * w + j] as number) - f * (aug[col * w + j] as number);
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv[i * n + j] = aug[i * w + n + j] as number;
  return inv;
}
