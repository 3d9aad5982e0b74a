/**
 * A plain TypeScript reading of SPEC §7.4, written straight from its text and kept slow on
 * purpose: per customer, per conversion, per coalition. Tests compare the engine's attribution
 * with it on generated data; nothing in the product calls it.
 */
import type { z } from 'zod';
import type { Interaction } from '../../store/events/event-store.js';
import { DAY_MS, parseAnalysisInput } from '../analysis-scope.js';
import { NO_CHANNEL } from '../attribution.js';
import { type AttributionInput, ZAttributionInput } from '../attribution.schemas.js';
import type { AggregatedPath, AttributionModel, Credit } from '../attribution-models.js';
import { byCustomerInOrder, compareText, passesFilters } from './common.js';

type Input = z.output<typeof ZAttributionInput>;

export interface ReferenceModel {
  credits: Map<string, Credit>;
  conversionProbability?: number;
  removalEffects?: Map<string, number>;
  phi?: Map<string, number>;
}

export interface ReferenceAttribution {
  /** Distinct paths, sorted by their keys joined with ' > '. */
  paths: AggregatedPath[];
  models: Map<AttributionModel, ReferenceModel>;
}

interface Touch {
  at: number;
  key: string;
  converts: boolean;
  value: number;
}

interface ConversionPath {
  touches: Touch[];
  conversion: Touch;
}

/** The attribution of SPEC §7.4 computed the slow, obvious way from raw interactions. */
export function referenceAttribution(
  interactions: readonly Interaction[],
  rawInput: AttributionInput,
): ReferenceAttribution {
  const input: Input = parseAnalysisInput(ZAttributionInput, rawInput);
  const lookbackMs = Math.round(input.lookbackDays * DAY_MS);
  const keyOf = (i: Interaction) =>
    input.by === 'channel' ? (input.channelOf?.[i.touchpointId] ?? NO_CHANNEL) : i.touchpointId;
  const kept = interactions.filter(
    (i) => passesFilters(i, input.workspaceId, input.filters) && i.at < input.to,
  );

  const conversions: ConversionPath[] = [];
  const nullPaths: Touch[][] = [];
  for (const ordered of byCustomerInOrder(kept).values()) {
    const touches: Touch[] = ordered.map((i) => ({
      at: i.at,
      key: keyOf(i),
      converts: i.outcome === 'converted',
      value: i.value ?? 0,
    }));
    let previous = -1;
    touches.forEach((touch, i) => {
      if (!touch.converts) return;
      if (touch.at >= input.from)
        conversions.push({
          touches: touches.slice(previous + 1, i + 1).filter((t) => touch.at - t.at <= lookbackMs),
          conversion: touch,
        });
      previous = i;
    });
    const rest = touches.slice(previous + 1).filter((t) => t.at >= input.from);
    if (rest.length > 0) nullPaths.push(rest);
  }

  const distinct = new Map<string, AggregatedPath>();
  const count = (touches: Touch[], conversions: number, value: number, nulls: number) => {
    const path = touches.map((t) => t.key);
    const id = path.join(' > ');
    const row = distinct.get(id) ?? { path, conversions: 0, value: 0, nulls: 0 };
    row.conversions += conversions;
    row.value += value;
    row.nulls += nulls;
    distinct.set(id, row);
  };
  for (const c of conversions) count(c.touches, 1, c.conversion.value, 0);
  for (const touches of nullPaths) count(touches, 0, 0, 1);
  const paths = [...distinct.entries()].sort(([a], [b]) => compareText(a, b)).map(([, p]) => p);

  const models = new Map<AttributionModel, ReferenceModel>();
  for (const model of input.models) {
    if (model === 'markov') models.set(model, referenceMarkov(conversions, nullPaths));
    else if (model === 'shapley')
      models.set(model, referenceShapley(conversions, nullPaths, input.shapleyBasis));
    else models.set(model, { credits: perConversion(model, conversions, input.halfLifeDays * DAY_MS) });
  }
  return { paths, models };
}

function give(credits: Map<string, Credit>, key: string, share: number, value: number) {
  const c = credits.get(key) ?? { conversions: 0, value: 0 };
  c.conversions += share;
  c.value += share * value;
  credits.set(key, c);
}

/** first/last/linear/position-based/time-decay: each conversion shared among its touches. */
function perConversion(model: AttributionModel, conversions: ConversionPath[], halfLifeMs: number) {
  const credits = new Map<string, Credit>();
  for (const { touches, conversion } of conversions) {
    const n = touches.length;
    const weights = touches.map((t, i) => {
      if (model === 'first_touch') return i === 0 ? 1 : 0;
      if (model === 'last_touch') return i === n - 1 ? 1 : 0;
      if (model === 'linear') return 1 / n;
      if (model === 'position_based') {
        if (n === 1) return 1;
        if (n === 2) return 0.5;
        return i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2);
      }
      return 2 ** (-(conversion.at - t.at) / halfLifeMs);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    touches.forEach((t, i) => {
      give(credits, t.key, (weights[i] as number) / total, conversion.value);
    });
  }
  return credits;
}

/** Markov: transition counts from every path, P(conversion) by Gaussian elimination, one solve per removal. */
function referenceMarkov(conversions: ConversionPath[], nullPaths: Touch[][]): ReferenceModel {
  const walks: { keys: string[]; end: 'conversion' | 'null' }[] = [
    ...conversions.map((c) => ({ keys: c.touches.map((t) => t.key), end: 'conversion' as const })),
    ...nullPaths.map((p) => ({ keys: p.map((t) => t.key), end: 'null' as const })),
  ].map((w) => ({ keys: w.keys.filter((k, i) => i === 0 || k !== w.keys[i - 1]), end: w.end }));
  const states = [...new Set(walks.flatMap((w) => w.keys))].sort();
  const next = new Map<string, Map<string, number>>();
  const step = (from: string, to: string) => {
    const row = next.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    next.set(from, row);
  };
  for (const w of walks) {
    const seq = ['@start', ...w.keys, `@${w.end}`];
    for (let i = 1; i < seq.length; i++) step(seq[i - 1] as string, seq[i] as string);
  }

  // P(conversion) from the start, with the removed state (if any) leading to null.
  const solve = (removed?: string): number => {
    const transient = ['@start', ...states.filter((s) => s !== removed)];
    const at = new Map(transient.map((s, i) => [s, i]));
    const m = transient.length;
    const a = transient.map(() => new Array<number>(m + 1).fill(0));
    transient.forEach((s, i) => {
      const row = a[i] as number[];
      row[i] = 1;
      const out = next.get(s) ?? new Map<string, number>();
      const total = [...out.values()].reduce((x, y) => x + y, 0);
      for (const [to, n] of out) {
        if (to === '@conversion') row[m] = (row[m] as number) + n / total;
        const j = at.get(to);
        if (j !== undefined) row[j] = (row[j] as number) - n / total;
      }
    });
    for (let col = 0; col < m; col++) {
      let pivot = col;
      for (let i = col + 1; i < m; i++)
        if (Math.abs((a[i] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
          pivot = i;
      [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
      const p = a[col] as number[];
      for (let i = 0; i < m; i++) {
        const r = a[i] as number[];
        if (i === col || r[col] === 0) continue;
        const f = (r[col] as number) / (p[col] as number);
        for (let j = col; j <= m; j++) r[j] = (r[j] as number) - f * (p[j] as number);
      }
    }
    const start = a[0] as number[];
    return (start[m] as number) / (start[0] as number);
  };

  const p = solve();
  const removalEffects = new Map(states.map((s) => [s, p > 0 ? 1 - solve(s) / p : 0]));
  const effectTotal = [...removalEffects.values()].reduce((x, y) => x + y, 0);
  const totalConversions = conversions.length;
  const totalValue = conversions.reduce((sum, c) => sum + c.conversion.value, 0);
  const credits = new Map<string, Credit>();
  for (const [s, re] of removalEffects)
    credits.set(s, {
      conversions: effectTotal > 0 ? (totalConversions * re) / effectTotal : 0,
      value: effectTotal > 0 ? (totalValue * re) / effectTotal : 0,
    });
  return { credits, conversionProbability: p, removalEffects };
}

/**
 * Shapley: the coalition values v(S) = Σ over T ⊆ S of w(T) for every S, then the Shapley value
 * from its definition, Σ over S ∌ c of |S|! (n − |S| − 1)! / n! · (v(S ∪ {c}) − v(S)).
 */
function referenceShapley(
  conversions: ConversionPath[],
  nullPaths: Touch[][],
  basis: 'conversions' | 'rate',
): ReferenceModel {
  const players = [
    ...new Set([...conversions.map((c) => c.touches), ...nullPaths].flat().map((t) => t.key)),
  ].sort();
  const n = players.length;
  if (n > 16) throw new Error('the reference Shapley enumerates coalitions: at most 16 keys');
  const mask = (touches: Touch[]) => touches.reduce((m, t) => m | (1 << players.indexOf(t.key)), 0);
  const perSet = new Map<number, { conversions: number; value: number; nulls: number }>();
  const add = (m: number, conversions: number, value: number, nulls: number) => {
    const s = perSet.get(m) ?? { conversions: 0, value: 0, nulls: 0 };
    s.conversions += conversions;
    s.value += value;
    s.nulls += nulls;
    perSet.set(m, s);
  };
  for (const c of conversions) add(mask(c.touches), 1, c.conversion.value, 0);
  for (const p of nullPaths) add(mask(p), 0, 0, 1);

  const game = (worth: (s: { conversions: number; value: number; nulls: number }) => number) => {
    // v(S) = Σ over T ⊆ S of w(T): the worth of each set, then summed over subsets bit by bit.
    const v = new Float64Array(1 << n);
    for (const [t, w] of perSet) v[t] = worth(w);
    for (let b = 0; b < n; b++)
      for (let s = 0; s < 1 << n; s++)
        if (s & (1 << b)) v[s] = (v[s] as number) + (v[s ^ (1 << b)] as number);
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    const phi = new Map<string, number>();
    players.forEach((player, c) => {
      let sum = 0;
      for (let s = 0; s < 1 << n; s++) {
        if (s & (1 << c)) continue;
        let size = 0;
        for (let b = s; b; b >>= 1) size += b & 1;
        const weight = (factorial(size) * factorial(n - size - 1)) / factorial(n);
        sum += weight * ((v[s | (1 << c)] as number) - (v[s] as number));
      }
      phi.set(player, sum);
    });
    return phi;
  };

  const credits = new Map<string, Credit>();
  if (basis === 'conversions') {
    const phi = game((w) => w.conversions);
    const phiValue = game((w) => w.value);
    for (const p of players) credits.set(p, { conversions: phi.get(p) ?? 0, value: phiValue.get(p) ?? 0 });
    return { credits, phi };
  }
  const phi = game((w) => (w.conversions + w.nulls > 0 ? w.conversions / (w.conversions + w.nulls) : 0));
  const phiTotal = [...phi.values()].reduce((x, y) => x + y, 0);
  const totalConversions = conversions.length;
  const totalValue = conversions.reduce((sum, c) => sum + c.conversion.value, 0);
  for (const [p, v] of phi)
    credits.set(p, {
      conversions: phiTotal > 0 ? (totalConversions * v) / phiTotal : 0,
      value: phiTotal > 0 ? (totalValue * v) / phiTotal : 0,
    });
  return { credits, phi };
}
