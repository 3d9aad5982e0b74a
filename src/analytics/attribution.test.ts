import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORES } from '../../test/fixtures/analytics-store.js';
import {
  generateInteractionList,
  SYNTHETIC_START,
  SYNTHETIC_TOUCHPOINTS,
  SYNTHETIC_WORKSPACE,
  seededRandom,
} from '../../test/fixtures/generate-interactions.js';
import { ValidationError } from '../domain/errors.js';
import type { EventStore, Interaction } from '../store/events/event-store.js';
import { attribution, attributionPaths, NO_CHANNEL } from './attribution.js';
import type { Attribution, AttributionInput } from './attribution.schemas.js';
import { ATTRIBUTION_MODELS, type AttributionModel } from './attribution-models.js';
import { referenceAttribution } from './reference/attribution.js';
import { shapley } from './shapley.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const r = (x: number) => Number(x.toFixed(12));

// ---- Hand-written scenarios, one workspace each, all in one store. -------------------------

const rows: Interaction[] = [];
let idCounter = 0;
function touch(
  workspaceId: string,
  customer: string,
  touchpointId: string,
  at: number,
  extra: Partial<Interaction> = {},
): Interaction {
  idCounter += 1;
  const row: Interaction = {
    workspaceId,
    id: `i${String(idCounter).padStart(7, '0')}`,
    customer,
    touchpointId,
    at,
    direction: 'in',
    sentiment: null,
    outcome: null,
    value: null,
    responseMs: null,
    waitMs: null,
    durationMs: null,
    props: null,
    ...extra,
  };
  rows.push(row);
  return row;
}
const converts = (value: number | null = null): Partial<Interaction> => ({ outcome: 'converted', value });
const day = (d: number, ms = 0) => T0 + d * DAY + ms;

/** `n` customers who each touch the touchpoints one day apart, the last touch converting if `converted`. */
function customers(ws: string, prefix: string, n: number, touchpoints: string[], converted: boolean) {
  for (let c = 0; c < n; c++)
    touchpoints.forEach((tp, i) => {
      const last = i === touchpoints.length - 1;
      touch(ws, `${prefix}${c}`, tp, day(i + 1), last && converted ? converts() : {});
    });
}

// SPEC §7.4: direct (2 conv, 1 null), search > email (3, 2), search > social > email (5, 4).
const SPEC_WS = 'ws-spec';
customers(SPEC_WS, 'd', 2, ['direct'], true);
customers(SPEC_WS, 'dn', 1, ['direct'], false);
customers(SPEC_WS, 'se', 3, ['search', 'email'], true);
customers(SPEC_WS, 'sen', 2, ['search', 'email'], false);
customers(SPEC_WS, 'sse', 5, ['search', 'social', 'email'], true);
customers(SPEC_WS, 'ssen', 4, ['search', 'social', 'email'], false);

// One customer over time: two conversions, the 30-day edge, touches after the last conversion.
const TIME_WS = 'ws-time';
touch(TIME_WS, 'u', 'a', day(0));
touch(TIME_WS, 'u', 'b', day(5), converts(10));
touch(TIME_WS, 'u', 'c', day(10));
touch(TIME_WS, 'u', 'e', day(15, -1)); // 30 days and 1 ms before the second conversion: out
touch(TIME_WS, 'u', 'd', day(15)); // exactly 30 days before: in
touch(TIME_WS, 'u', 'a', day(41));
touch(TIME_WS, 'u', 'b', day(45), converts(20));
touch(TIME_WS, 'u', 'c', day(50));
touch(TIME_WS, 'u', 'a', day(52));
touch(TIME_WS, 'u', 'b', day(60)); // at `to`: outside the period

// Ties in time, ordered by id.
const TIE_WS = 'ws-tie';
touch(TIE_WS, 'v', 'x', day(1), { id: 'v-1' });
touch(TIE_WS, 'v', 'y', day(1), { id: 'v-2', ...converts(5) });
touch(TIE_WS, 'w', 'y', day(1), { id: 'w-1', ...converts(7) });
touch(TIE_WS, 'w', 'x', day(1), { id: 'w-2' });

// time_decay: touches 14, 7 and 0 days before a conversion.
const DECAY_WS = 'ws-decay';
touch(DECAY_WS, 'p', 'a', day(1));
touch(DECAY_WS, 'p', 'b', day(8));
touch(DECAY_WS, 'p', 'c', day(15), converts(70));
touch(DECAY_WS, 'q', 'a', day(20), converts(null));

// Channels and segments.
const CHANNEL_WS = 'ws-channel';
const CHANNEL_OF = { home: 'website', pricing: 'website', newsletter: 'email', desk: 'phone' };
for (let c = 0; c < 6; c++) {
  const vip = JSON.stringify({ segment: 'vip' });
  touch(CHANNEL_WS, `c${c}`, 'home', day(1), { props: vip });
  touch(CHANNEL_WS, `c${c}`, 'pricing', day(2), { props: c < 2 ? vip : JSON.stringify({ segment: 5 }) });
  touch(CHANNEL_WS, `c${c}`, 'newsletter', day(3), { ...converts(10), props: vip });
}
touch(CHANNEL_WS, 'k', 'kiosk', day(1));
touch(CHANNEL_WS, 'k', 'desk', day(2), converts(5));

// ---- Generated data for the comparison with the reference. ---------------------------------

const synthetic = generateInteractionList({ customers: 12_000, seed: 20_240_101 });

/** Random walks over 10 touchpoints: many distinct paths, loops, ties, repeated conversions. */
const RANDOM_WS = 'ws-random';
/** The same over 80 touchpoints: more keys than a path's 64-bit key set holds. */
const WIDE_WS = 'ws-wide';
function randomWalks(
  seed: number,
  workspaceId = RANDOM_WS,
  touchpoints = 10,
  customers = 1_500,
): Interaction[] {
  const random = seededRandom(seed);
  const convertsAt: Record<string, number> = { tp4: 0.12, tp5: 0.08, tp6: 0.05, tp70: 0.1 };
  const out: Interaction[] = [];
  for (let c = 0; c < customers; c++) {
    const segment = random() < 0.3 ? '{"segment":"vip"}' : '{"segment":"basic"}';
    const n = 10 + Math.floor(random() * 41);
    for (let k = 0; k < n; k++) {
      const tp = `tp${Math.floor(random() ** 1.5 * touchpoints)}`;
      const converted = random() < (convertsAt[tp] ?? 0.01);
      out.push({
        workspaceId,
        id: `${Math.floor(random() * 1e6).toString(36)}-${out.length}`,
        customer: `r${c}`,
        touchpointId: tp,
        // Hour resolution over 120 days: the same hour twice is common (ties by id).
        at: T0 + Math.floor(random() * 120 * 24) * 3_600_000,
        direction: 'in',
        sentiment: null,
        outcome: converted ? 'converted' : random() < 0.02 ? 'lost' : null,
        value: converted && random() < 0.8 ? Math.round(random() * 50_000) / 100 : null,
        responseMs: null,
        waitMs: null,
        durationMs: null,
        props: random() < 0.9 ? segment : null,
      });
    }
  }
  return out;
}
const walks = randomWalks(7);
const wideWalks = randomWalks(8, WIDE_WS, 80, 600);

// ---- Helpers. ---------------------------------------------------------------------------------

function input(workspaceId: string, overrides: Partial<AttributionInput> = {}): AttributionInput {
  return { workspaceId, from: T0, to: day(60), ...overrides };
}

function credits(
  result: Attribution,
  model: AttributionModel,
  field: 'conversions' | 'value' = 'conversions',
) {
  const m = result.models.find((x) => x.model === model);
  if (!m) throw new Error(`no ${model}`);
  return Object.fromEntries(m.credits.map((c) => [c.key, r(c[field])]));
}

for (const { name, openWith } of EVENT_STORES) {
  describe(`attribution on ${name}`, () => {
    let events: EventStore;
    beforeAll(async () => {
      events = await openWith([...rows, ...synthetic, ...walks, ...wideWalks]);
    }, 120_000);
    afterAll(async () => {
      await events.close();
    });

    async function pathsOf(i: AttributionInput) {
      const { paths } = await attributionPaths(events, i);
      return paths
        .map((p) => ({
          path: p.path.join(' > '),
          conversions: p.conversions,
          value: r(p.value),
          nulls: p.nulls,
        }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.value - b.value));
    }

    describe('the SPEC §7.4 worked example built from interactions', () => {
      it('builds the paths direct (2, 1), search > email (3, 2), search > social > email (5, 4)', async () => {
        expect(await pathsOf(input(SPEC_WS))).toEqual([
          { path: 'direct', conversions: 2, value: 0, nulls: 1 },
          { path: 'search > email', conversions: 3, value: 0, nulls: 2 },
          { path: 'search > social > email', conversions: 5, value: 0, nulls: 4 },
        ]);
      });

      it('attributes as the SPEC says, by every model', async () => {
        const result = await attribution(events, input(SPEC_WS));
        expect(result).toMatchObject({ by: 'touchpoint', conversions: 10, value: 0, nullPaths: 7, paths: 3 });
        expect(result.models.map((m) => m.model)).toEqual([...ATTRIBUTION_MODELS]);
        expect(credits(result, 'first_touch')).toEqual({ search: 8, direct: 2, email: 0, social: 0 });
        expect(credits(result, 'last_touch')).toEqual({ email: 8, direct: 2, search: 0, social: 0 });
        expect(credits(result, 'linear')).toEqual({
          email: r(19 / 6),
          search: r(19 / 6),
          direct: 2,
          social: r(5 / 3),
        });
        expect(credits(result, 'position_based')).toEqual({ email: 3.5, search: 3.5, direct: 2, social: 1 });
        // By hand: P = 10/17; without direct 8/17, without search or email 2/17, without social
        // 2/7 → RE .2, .8, .8, 18/35, ΣRE = 81/35.
        expect(credits(result, 'markov')).toEqual({
          email: r(280 / 81),
          search: r(280 / 81),
          social: r(20 / 9),
          direct: r(70 / 81),
        });
        const markov = result.models.find((m) => m.model === 'markov');
        expect(r(markov?.conversionProbability ?? 0)).toBe(r(10 / 17));
        expect(
          Object.fromEntries(markov?.credits.map((c) => [c.key, r(c.removalEffect ?? -1)]) ?? []),
        ).toEqual({
          email: 0.8,
          search: 0.8,
          social: r(18 / 35),
          direct: 0.2,
        });
        expect(credits(result, 'shapley')).toEqual({
          email: r(19 / 6),
          search: r(19 / 6),
          direct: 2,
          social: r(5 / 3),
        });
        // Touches one day apart, half-life 7 days: a touch k days before weighs 2^(−k/7).
        const h = (k: number) => 2 ** (-k / 7);
        expect(credits(result, 'time_decay')).toEqual({
          email: r(3 / (1 + h(1)) + 5 / (1 + h(1) + h(2))),
          search: r((3 * h(1)) / (1 + h(1)) + (5 * h(2)) / (1 + h(1) + h(2))),
          direct: 2,
          social: r((5 * h(1)) / (1 + h(1) + h(2))),
        });
      });

      it('computes only the models asked for, in that order', async () => {
        const result = await attribution(events, input(SPEC_WS, { models: ['shapley', 'linear'] }));
        expect(result.models.map((m) => m.model)).toEqual(['shapley', 'linear']);
      });
    });

    describe('paths over time', () => {
      it('splits at each conversion, looks back 30 days (edge included), then a null path', async () => {
        expect(await pathsOf(input(TIME_WS))).toEqual([
          { path: 'a > b', conversions: 1, value: 10, nulls: 0 },
          { path: 'c > a', conversions: 0, value: 0, nulls: 1 },
          { path: 'd > a > b', conversions: 1, value: 20, nulls: 0 },
        ]);
      });

      it('takes the lookback as an option', async () => {
        // 4 days: a at day 0 leaves the first path; a at day 41 is exactly 4 days before day 45.
        expect(await pathsOf(input(TIME_WS, { lookbackDays: 4 }))).toEqual([
          { path: 'a > b', conversions: 1, value: 20, nulls: 0 },
          { path: 'b', conversions: 1, value: 10, nulls: 0 },
          { path: 'c > a', conversions: 0, value: 0, nulls: 1 },
        ]);
      });

      it('attributes the conversions in [from, to), their paths reaching back before from', async () => {
        // From day 40: the first conversion is out, the second keeps d (day 15); touches before
        // the period make no null path.
        expect(await pathsOf(input(TIME_WS, { from: day(40) }))).toEqual([
          { path: 'c > a', conversions: 0, value: 0, nulls: 1 },
          { path: 'd > a > b', conversions: 1, value: 20, nulls: 0 },
        ]);
        // To day 45, exclusive: that conversion is out, so what follows the first one is null.
        expect(await pathsOf(input(TIME_WS, { to: day(45) }))).toEqual([
          { path: 'a > b', conversions: 1, value: 10, nulls: 0 },
          { path: 'c > e > d > a', conversions: 0, value: 0, nulls: 1 },
        ]);
        // From day 45, inclusive.
        expect(await pathsOf(input(TIME_WS, { from: day(45), to: day(51) }))).toEqual([
          { path: 'c', conversions: 0, value: 0, nulls: 1 },
          { path: 'd > a > b', conversions: 1, value: 20, nulls: 0 },
        ]);
      });

      it('orders touches at the same time by id', async () => {
        // v: x (v-1) then y converting (v-2). w: y converting (w-1) first, so x (w-2) is after it.
        expect(await pathsOf(input(TIE_WS))).toEqual([
          { path: 'x', conversions: 0, value: 0, nulls: 1 },
          { path: 'x > y', conversions: 1, value: 5, nulls: 0 },
          { path: 'y', conversions: 1, value: 7, nulls: 0 },
        ]);
      });

      it('answers an empty period with no paths and no credits', async () => {
        const result = await attribution(events, input(TIME_WS, { from: day(100), to: day(200) }));
        expect(result).toEqual({
          by: 'touchpoint',
          conversions: 0,
          value: 0,
          nullPaths: 0,
          paths: 0,
          models: ATTRIBUTION_MODELS.map((model) =>
            model === 'markov' ? { model, credits: [], conversionProbability: 0 } : { model, credits: [] },
          ),
        });
        expect((await attribution(events, input('ws-unknown'))).paths).toBe(0);
      });
    });

    describe('time_decay', () => {
      it('weighs touches 14, 7 and 0 days before 1/4, 1/2, 1, normalised to 1/7, 2/7, 4/7', async () => {
        const result = await attribution(events, input(DECAY_WS, { models: ['time_decay'] }));
        expect(credits(result, 'time_decay')).toEqual({ a: r(1 + 1 / 7), c: r(4 / 7), b: r(2 / 7) });
        expect(credits(result, 'time_decay', 'value')).toEqual({ c: 40, b: 20, a: 10 });
      });

      it('takes the half-life as an option', async () => {
        const result = await attribution(
          events,
          input(DECAY_WS, { models: ['time_decay'], halfLifeDays: 14 }),
        );
        const total = 0.5 + 2 ** -0.5 + 1;
        expect(credits(result, 'time_decay')).toEqual({
          a: r(1 + 0.5 / total),
          c: r(1 / total),
          b: r(2 ** -0.5 / total),
        });
      });
    });

    describe('by channel, and filters', () => {
      it('counts each touch as its channel ((none) without one), repeats kept: a > a > b', async () => {
        const i = input(CHANNEL_WS, { by: 'channel', channelOf: CHANNEL_OF });
        expect(await pathsOf(i)).toEqual([
          { path: `${NO_CHANNEL} > phone`, conversions: 1, value: 5, nulls: 0 },
          { path: 'website > website > email', conversions: 6, value: 60, nulls: 0 },
        ]);
        const result = await attribution(events, { ...i, models: ['linear', 'markov', 'shapley'] });
        expect(result.by).toBe('channel');
        expect(credits(result, 'linear')).toEqual({ website: 4, email: 2, [NO_CHANNEL]: 0.5, phone: 0.5 });
        expect(credits(result, 'linear', 'value')).toEqual({
          website: 40,
          email: 20,
          [NO_CHANNEL]: 2.5,
          phone: 2.5,
        });
        // Collapsed for markov: website > email and (none) > phone, both always converting.
        expect(credits(result, 'markov')).toEqual({ website: 3, email: 3, [NO_CHANNEL]: 0.5, phone: 0.5 });
        expect(credits(result, 'shapley')).toEqual({ website: 3, email: 3, [NO_CHANNEL]: 0.5, phone: 0.5 });
      });

      it('sees only the interactions that pass the filters', async () => {
        expect(
          await pathsOf(input(CHANNEL_WS, { filters: { touchpointIds: ['home', 'pricing', 'kiosk'] } })),
        ).toEqual([
          { path: 'home > pricing', conversions: 0, value: 0, nulls: 6 },
          { path: 'kiosk', conversions: 0, value: 0, nulls: 1 },
        ]);
        // The number 5 is not the text "vip", nor anything else.
        expect(await pathsOf(input(CHANNEL_WS, { filters: { props: { segment: 'vip' } } }))).toEqual([
          { path: 'home > newsletter', conversions: 4, value: 40, nulls: 0 },
          { path: 'home > pricing > newsletter', conversions: 2, value: 20, nulls: 0 },
        ]);
        expect(await pathsOf(input(CHANNEL_WS, { filters: { props: { segment: 'basic' } } }))).toEqual([]);
      });
    });

    describe('input', () => {
      it('applies the defaults', async () => {
        const result = await attribution(events, input(SPEC_WS));
        expect(result.by).toBe('touchpoint');
        expect(result.models.map((m) => m.model)).toEqual([...ATTRIBUTION_MODELS]);
      });

      it('names the field at fault', async () => {
        const fields = async (i: Partial<AttributionInput> & Record<string, unknown>) => {
          const error = await attribution(events, { ...input(SPEC_WS), ...i } as AttributionInput).catch(
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(ValidationError);
          return (error as ValidationError).issues.map((issue) => issue.field);
        };
        expect(await fields({ from: day(2), to: day(1) })).toEqual(['to']);
        expect(await fields({ models: [] })).toEqual(['models']);
        expect(await fields({ models: ['linear', 'magic' as AttributionModel] })).toEqual(['models.1']);
        expect(await fields({ lookbackDays: 0 })).toEqual(['lookbackDays']);
        expect(await fields({ halfLifeDays: -1 })).toEqual(['halfLifeDays']);
        expect(await fields({ by: 'stage' as 'channel' })).toEqual(['by']);
        expect(await fields({ shapleyBasis: 'value' as 'rate' })).toEqual(['shapleyBasis']);
      });
    });

    describe('equals the plain reference on generated data', () => {
      it('has enough data of the right kind', () => {
        expect(synthetic.length).toBeGreaterThanOrEqual(100_000);
        const perCustomer = new Map<string, number>();
        for (const x of [...synthetic, ...walks])
          if (x.outcome === 'converted') perCustomer.set(x.customer, (perCustomer.get(x.customer) ?? 0) + 1);
        expect([...perCustomer.values()].filter((n) => n >= 2).length).toBeGreaterThan(300);
      });

      const channelOf = Object.fromEntries(
        SYNTHETIC_TOUCHPOINTS.filter((_, i) => i % 5 !== 4).map((t, i) => [t.id, `channel-${i % 4}`]),
      );
      const syntheticPeriod = { from: SYNTHETIC_START + 20 * DAY, to: SYNTHETIC_START + 140 * DAY };
      const scenarios: [string, Interaction[], AttributionInput][] = [
        [
          'generated chains, by touchpoint',
          synthetic,
          { workspaceId: SYNTHETIC_WORKSPACE, ...syntheticPeriod },
        ],
        [
          'generated chains, by channel, shapley on rates, lookback 14 days, half-life 3 days',
          synthetic,
          {
            workspaceId: SYNTHETIC_WORKSPACE,
            ...syntheticPeriod,
            by: 'channel',
            channelOf,
            shapleyBasis: 'rate',
            lookbackDays: 14,
            halfLifeDays: 3,
          },
        ],
        [
          'generated chains, b2b segment, some touchpoints only',
          synthetic,
          {
            workspaceId: SYNTHETIC_WORKSPACE,
            ...syntheticPeriod,
            filters: {
              props: { segment: 'b2b' },
              touchpointIds: SYNTHETIC_TOUCHPOINTS.filter((_, i) => i % 3 !== 1).map((t) => t.id),
            },
          },
        ],
        [
          'random walks, by touchpoint',
          walks,
          { workspaceId: RANDOM_WS, from: T0 + 20 * DAY, to: T0 + 100 * DAY, shapleyBasis: 'rate' },
        ],
        [
          'random walks over 80 touchpoints (more keys than a 64-bit set)',
          wideWalks,
          {
            workspaceId: WIDE_WS,
            from: T0 + 20 * DAY,
            to: T0 + 100 * DAY,
            // The reference's Shapley enumerates coalitions (≤ 16 keys): checked on its own below.
            models: ATTRIBUTION_MODELS.filter((m) => m !== 'shapley'),
          },
        ],
      ];
      it("sets Shapley's key sets past 63 keys as the paths have them", async () => {
        const i: AttributionInput = { workspaceId: WIDE_WS, from: T0 + 20 * DAY, to: T0 + 100 * DAY };
        const { paths } = await attributionPaths(events, i);
        expect(new Set(paths.flatMap((p) => p.path)).size).toBeGreaterThan(63);
        const expected = shapley(paths, 'conversions');
        const result = await attribution(events, { ...i, models: ['shapley'] });
        const got = result.models[0]?.credits ?? [];
        expect(got.length).toBeGreaterThan(63);
        for (const credit of got) {
          expect(credit.phi, credit.key).toBeCloseTo(expected.phi.get(credit.key) ?? 0, 9);
          expect(credit.value, credit.key).toBeCloseTo(expected.credits.get(credit.key)?.value ?? 0, 6);
        }
      });

      for (const [title, data, i] of scenarios)
        it(title, async () => {
          const expected = referenceAttribution(data, i);
          const { paths } = await attributionPaths(events, i);
          const key = (p: { path: readonly string[] }) => p.path.join(' > ');
          const sorted = [...paths].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
          expect(sorted.map((p) => [key(p), p.conversions, p.nulls])).toEqual(
            expected.paths.map((p) => [key(p), p.conversions, p.nulls]),
          );
          sorted.forEach((p, k) => {
            expect(p.value).toBeCloseTo(expected.paths[k]?.value ?? Number.NaN, 6);
          });
          expect(paths.length).toBeGreaterThan(50);

          const result = await attribution(events, i);
          expect(result.conversions).toBeGreaterThan(50);
          expect(result.nullPaths).toBeGreaterThan(50);
          expect(result.paths).toBe(expected.paths.length);
          for (const m of result.models) {
            const ref = expected.models.get(m.model);
            if (!ref) throw new Error(`no reference for ${m.model}`);
            const keys = new Set([...m.credits.map((c) => c.key), ...ref.credits.keys()]);
            for (const k of keys) {
              const got = m.credits.find((c) => c.key === k) ?? { key: k, conversions: 0, value: 0 };
              const want = ref.credits.get(k) ?? { conversions: 0, value: 0 };
              expect(got.conversions, `${m.model} ${k} conversions`).toBeCloseTo(want.conversions, 6);
              expect(got.value, `${m.model} ${k} value`).toBeCloseTo(want.value, 4);
              if (m.model === 'markov')
                expect(got.removalEffect ?? 0, `${k} RE`).toBeCloseTo(ref.removalEffects?.get(k) ?? 0, 9);
              if (m.model === 'shapley') expect(got.phi ?? 0, `${k} φ`).toBeCloseTo(ref.phi?.get(k) ?? 0, 9);
            }
            if (m.model === 'markov')
              expect(m.conversionProbability ?? 0).toBeCloseTo(ref.conversionProbability ?? Number.NaN, 12);
            expect(m.credits.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(result.conversions, 6);
          }
        });
    });
  });
}
