/**
 * Attribution of conversions (count and value) to touchpoints or channels (SPEC §7.4).
 *
 * Definitions. The interactions that pass the filters, per customer ordered by time, ties by id;
 * a conversion is an interaction with outcome `converted`, worth its value (none: 0).
 * - The conversions attributed are those in the period [from, to).
 * - A conversion's path: the customer's touches after their previous conversion, up to and
 *   including the converting one, at most `lookbackDays` before it (a touch exactly that long
 *   before is in). It may reach back before `from`.
 * - A customer's null path: their touches in the period with no conversion after them before
 *   `to` (all of them when the customer has none).
 * - By channel, each touch counts as its touchpoint's channel (`(none)` when it has none).
 *
 * The engine builds each conversion's path and each null path, then answers in aggregates, never
 * path by path: per key the credit of the positional models and of `time_decay`, the Markov
 * transition counts (repeats collapsed), the conversions, value and nulls per set of keys (all
 * Shapley needs), and the totals. The Markov and Shapley arithmetic runs in TypeScript on those
 * few rows. Keys travel as the store's integer touchpoint keys, or channel numbers.
 */
import type { z } from 'zod';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  DAY_MS,
  duckdbScopeConditions,
  duckdbTouchpointKeys,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import {
  type Attribution,
  type AttributionCredit,
  type AttributionInput,
  type ModelAttribution,
  ZAttributionInput,
} from './attribution.schemas.js';
import type { AggregatedPath, AttributionModel, Credits, PositionalModel } from './attribution-models.js';
import { type MarkovChain, solveMarkovChain } from './markov.js';
import { shapley } from './shapley.js';

/** The channel key of touchpoints without a channel. */
export const NO_CHANNEL = '(none)';

type Input = z.output<typeof ZAttributionInput>;

/** Integer keys of the query and the touchpoint ids or channels they stand for. */
interface KeyCodes {
  /** `(touchpoint_key, code)` pairs when codes are channels; absent when codes are touchpoint keys. */
  channelCodes?: [number, number][];
  names: Map<number, string>;
}

/**
 * Reads the workspace's touchpoint keys and, by channel, numbers the channels (0 = no channel).
 */
async function duckdbKeyCodes(events: AnalyticsSource, input: Input): Promise<KeyCodes> {
  const keys = [...(await duckdbTouchpointKeys(events, input.workspaceId))];
  if (input.by !== 'channel') return { names: new Map(keys.map(([id, key]) => [key, id])) };
  const channelOf = input.channelOf ?? {};
  const channels = [...new Set(Object.values(channelOf))].filter((c) => c !== NO_CHANNEL).sort();
  const codeOf = new Map(channels.map((c, i) => [c, i + 1]));
  const names = new Map<number, string>([
    [0, NO_CHANNEL],
    ...channels.map((c, i): [number, string] => [i + 1, c]),
  ]);
  const channelCodes = keys.flatMap(([id, key]): [number, number][] => {
    const code = codeOf.get(channelOf[id] ?? '');
    return code === undefined ? [] : [[key, code]];
  });
  return { channelCodes, names };
}

/**
 * Whether every path is an unbroken run of its customer's interactions, so that the store's
 * `ord` and `prev_key` give positions and the key before without sorting (see schema.ts): true
 * unless a filter leaves some of a customer's interactions out.
 */
function pathsAreRuns(input: Input): boolean {
  return !input.filters?.touchpointIds && Object.keys(input.filters?.props ?? {}).length === 0;
}

/**
 * The CTEs shared by both answers: `ranked` holds every touch on a path, with its path, its
 * position, the key before it and whether it is the last; `conversion_ranked` the touches of
 * conversion paths (with their time), `null_ranked` those of null paths (by customer) when
 * paths are runs; `credited` the touches of conversion paths with what the credit models need.
 * Keys are integers (touchpoint keys or channel numbers).
 *
 * A touch's path is found without ordering the customer's whole history: each conversion in
 * view knows the conversion before it (a window over the conversions only, a small share of the
 * rows), so a touch joins the conversion it leads up to — the one at or after it whose previous
 * conversion comes before it — by an equality join on the customer and a filter. A touch after
 * the customer's last conversion is on their null path. (Ordering every customer's history by
 * time and id first measured about four times slower on 10 M interactions.)
 *
 * Positions: when paths are runs, a touch's position is its `ord` minus its path's first `ord`,
 * plus one, and the key before it is its `prev_key` unless it is the first: a group-by per path
 * and a join instead of ordering the touches within their paths (0.72× the time on 10 M
 * interactions; docs/benchmarks.md). Otherwise the touches are ordered, once, within their paths
 * by time, then id (the store's seq).
 */
function duckdbPathCtes(p: SqlParams, input: Input, codes: KeyCodes): string[] {
  const from = p.bigint(input.from);
  const to = p.bigint(input.to);
  const lookback = p.bigint(Math.round(input.lookbackDays * DAY_MS));
  const halfLife = p.bigint(Math.round(input.halfLifeDays * DAY_MS));
  const runs = pathsAreRuns(input);
  const ctes: string[] = [];
  const channelCodes = codes.channelCodes;
  if (channelCodes) {
    ctes.push(
      channelCodes.length > 0
        ? `channel_of(touchpoint_key, code) AS (VALUES ${channelCodes.map(([key, code]) => `(${key}, ${code})`).join(', ')})`
        : 'channel_of(touchpoint_key, code) AS (SELECT NULL::INTEGER, NULL::INTEGER WHERE false)',
    );
  }
  // The order of a customer's interactions: ord (with the key before), or time then id (seq).
  const order = runs ? `i.ord AS o, ${channelCodes ? 'coalesce(pc.code, 0)' : 'i.prev_key'} AS pk` : 'i.seq';
  // Read three times (the conversions, the two kinds of touches): scanned each time, not stored.
  ctes.push(`scoped AS NOT MATERIALIZED (
      SELECT i.customer_key AS customer, ${order}, i."at" AS ts, coalesce(i.outcome = 'converted', false) AS converts,
             coalesce(i.value, 0)::DOUBLE AS value,
             ${channelCodes ? 'coalesce(c.code, 0)' : 'i.touchpoint_key'} AS key
      FROM interactions i
      ${channelCodes ? 'LEFT JOIN channel_of c ON c.touchpoint_key = i.touchpoint_key' : ''}
      ${channelCodes && runs ? 'LEFT JOIN channel_of pc ON pc.touchpoint_key = i.prev_key' : ''}
      WHERE ${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
        AND i."at" >= ${from} - ${lookback} AND i."at" < ${to})`);
  // Every conversion in view, numbered (its path), with the customer's conversion before it and
  // whether it is their last. Ties in time go by id, which the store's `seq` stands for.
  ctes.push(
    runs
      ? `conversions AS MATERIALIZED (
      SELECT customer, ts, o, value, row_number() OVER () AS path,
             lag(o) OVER w AS prev_o, lead(ts) OVER w IS NULL AS last
      FROM scoped WHERE converts
      WINDOW w AS (PARTITION BY customer ORDER BY o))`
      : `conversions AS MATERIALIZED (
      SELECT customer, ts, seq, value, row_number() OVER () AS path,
             lag(ts) OVER w AS prev_ts, lag(seq) OVER w AS prev_seq, lead(ts) OVER w IS NULL AS last
      FROM scoped WHERE converts
      WINDOW w AS (PARTITION BY customer ORDER BY ts, seq))`,
  );
  // A conversion of the period and the touches leading up to it (after the previous conversion,
  // within the lookback); a customer's touches of the period after their last conversion, on the
  // null path numbered −customer.
  ctes.push(`attributed AS (SELECT path, ts AS conversion_at, value FROM conversions WHERE ts >= ${from})`);
  if (runs) {
    ctes.push(`conversion_touches_of AS (
      SELECT c.path, s.key, s.ts, s.o, s.pk
      FROM scoped s JOIN (SELECT * FROM conversions WHERE ts >= ${from}) c ON s.customer = c.customer
      WHERE s.o <= c.o AND (c.prev_o IS NULL OR s.o > c.prev_o) AND s.ts >= c.ts - ${lookback})`);
    ctes.push(`null_touches_of AS (
      SELECT s.customer, s.key, s.o, s.pk
      FROM scoped s LEFT JOIN (SELECT customer, o FROM conversions WHERE last) l ON s.customer = l.customer
      WHERE s.ts >= ${from} AND (l.o IS NULL OR s.o > l.o))`);
    // Conversion paths and null paths apart: each group-by and join then has one kind of key.
    const ranks = (name: string, touches: string, path: string, extra: string) =>
      `${name} AS MATERIALIZED (
      SELECT t.${path}, t.key,${extra} t.o - b.first_o + 1 AS pos,
             CASE WHEN t.o > b.first_o THEN t.pk END AS prev_key, t.o = b.last_o AS last
      FROM ${touches} t
      JOIN (SELECT ${path}, min(o) AS first_o, max(o) AS last_o FROM ${touches} GROUP BY ${path}) b USING (${path}))`;
    ctes.push(ranks('conversion_ranked', 'conversion_touches_of', 'path', ' t.ts,'));
    ctes.push(ranks('null_ranked', 'null_touches_of', 'customer', ''));
    ctes.push(`ranked AS (
      SELECT path, key, pos, prev_key, last, 1 AS conversions, 0 AS nulls FROM conversion_ranked
      UNION ALL
      SELECT -customer, key, pos, prev_key, last, 0, 1 FROM null_ranked)`);
  } else {
    ctes.push(`touches AS (
      SELECT c.path, s.key, s.ts, s.seq
      FROM scoped s JOIN (SELECT * FROM conversions WHERE ts >= ${from}) c ON s.customer = c.customer
      WHERE (s.ts < c.ts OR (s.ts = c.ts AND s.seq <= c.seq))
        AND (c.prev_ts IS NULL OR s.ts > c.prev_ts OR (s.ts = c.prev_ts AND s.seq > c.prev_seq))
        AND s.ts >= c.ts - ${lookback}
      UNION ALL
      SELECT -s.customer, s.key, s.ts, s.seq
      FROM scoped s LEFT JOIN (SELECT customer, ts, seq FROM conversions WHERE last) l ON s.customer = l.customer
      WHERE s.ts >= ${from} AND (l.ts IS NULL OR s.ts > l.ts OR (s.ts = l.ts AND s.seq > l.seq)))`);
    // One ordering of each path by time, then id (the store's seq): each touch's position, the
    // key before it and whether it is the last. The sort carries as few columns as it can; a
    // path's length, value and time-decay total are joined or summed per path afterwards (as
    // window aggregates over the ordering they measured up to 10× slower).
    ctes.push(`ranked AS MATERIALIZED (
      SELECT path, key, ts, (path > 0)::INTEGER AS conversions, (path < 0)::INTEGER AS nulls,
             row_number() OVER w AS pos, lag(key) OVER w AS prev_key, lead(key) OVER w IS NULL AS last
      FROM touches
      WINDOW w AS (PARTITION BY path ORDER BY ts, seq))`);
    ctes.push('conversion_ranked AS (SELECT path, key, ts, pos FROM ranked WHERE path > 0)');
  }
  // The touches of conversion paths with their path's length, value and time-decay weight share.
  ctes.push(`conversion_touches AS MATERIALIZED (
      SELECT r.path, r.key, r.pos, a.value, pow(2, -(a.conversion_at - r.ts) / ${halfLife}::DOUBLE) AS decay
      FROM conversion_ranked r JOIN attributed a USING (path))`);
  ctes.push(`credited AS (
      SELECT c.key, c.pos, t.n, c.value, c.decay / t.decay_total AS decay_share
      FROM conversion_touches c
      JOIN (SELECT path, count(*) AS n, sum(decay) AS decay_total FROM conversion_touches GROUP BY path) t
        USING (path))`);
  return ctes;
}

/** The share of one conversion the touch at `pos` (1-based) of an `n`-touch path gets. */
const POSITION_SHARE: Record<PositionalModel, string> = {
  first_touch: 'CASE WHEN pos = 1 THEN 1.0 ELSE 0.0 END',
  last_touch: 'CASE WHEN pos = n THEN 1.0 ELSE 0.0 END',
  linear: '1.0 / n',
  position_based: `CASE WHEN n = 1 THEN 1.0 WHEN n = 2 THEN 0.5 WHEN pos = 1 OR pos = n THEN 0.4
                        ELSE 0.2 / (n - 2) END`,
};

/** Rows of the aggregated answer, told apart by `kind`. */
interface AggregateRow {
  kind: 'total' | 'key' | 'credit' | 'transition' | 'set';
  /** The model of a credit row. */
  model: string | null;
  /** A credit's key; a transition's origin (null: the start). */
  key: unknown;
  /** A transition's destination (null: absorbed — conversion or null by the counts). */
  to_key: unknown;
  /** A set's keys. */
  keys: unknown[] | null;
  conversions: unknown;
  value: unknown;
  nulls: unknown;
  paths: unknown;
}

/**
 * Keys below this fit a BIGINT bit set: a path's set of keys is then one integer (`bit_or`),
 * far cheaper to build and group than a sorted list.
 */
const BIT_SET_KEYS = 63;

function duckdbAttributionAggregates(input: Input, codes: KeyCodes): EngineQuery {
  const p = new SqlParams();
  const ctes = duckdbPathCtes(p, input, codes);
  const bitSet = Math.max(0, ...codes.names.keys()) < BIT_SET_KEYS;
  // Per path: its set of keys, and a fingerprint of its sequence (the XOR of a 64-bit hash of
  // each position-and-key, packed into one integer so the hash mixes them, with the length) to
  // count distinct paths without building them.
  const keySet = bitSet ? 'bit_or(1::BIGINT << key)' : 'list_sort(list(DISTINCT key))';
  const fingerprint = 'bit_xor(hash((pos::BIGINT << 32) | key))';
  ctes.push(
    pathsAreRuns(input)
      ? `per_path AS MATERIALIZED (
      SELECT g.*, 1 AS conversions, 0 AS nulls, coalesce(a.value, 0) AS value
      FROM (SELECT path, ${keySet} AS keys, ${fingerprint} AS fingerprint, count(*) AS n
            FROM conversion_ranked GROUP BY path) g
      LEFT JOIN attributed a USING (path)
      UNION ALL
      SELECT -customer, ${keySet}, ${fingerprint}, count(*), 0, 1, 0 FROM null_ranked GROUP BY customer)`
      : `per_path AS MATERIALIZED (
      SELECT g.*, (g.path > 0)::INTEGER AS conversions, (g.path < 0)::INTEGER AS nulls,
             coalesce(a.value, 0) AS value
      FROM (SELECT path, ${keySet} AS keys, ${fingerprint} AS fingerprint, count(*) AS n
            FROM ranked GROUP BY path) g
      LEFT JOIN attributed a USING (path))`,
  );
  // Each credit model's share of a conversion per touch of a conversion path.
  const shares: [AttributionModel, string][] = [
    ...input.models
      .filter((m): m is PositionalModel => m in POSITION_SHARE)
      .map((m): [AttributionModel, string] => [m, POSITION_SHARE[m]]),
    ...(input.models.includes('time_decay')
      ? [['time_decay', 'decay_share'] as [AttributionModel, string]]
      : []),
  ];
  // Per key: every model's credit in conversions and in value (the share times the value).
  const sums = shares.flatMap(([model, share]) => [
    `sum((${share})::DOUBLE) AS ${model}`,
    `sum((${share}) * value) AS ${model}_value`,
  ]);
  ctes.push(`per_key AS MATERIALIZED (
      SELECT key${sums.map((sum) => `, ${sum}`).join('')} FROM credited GROUP BY key)`);
  const selects = [
    `SELECT 'total' AS kind, NULL::VARCHAR AS model, NULL::INTEGER AS key, NULL::INTEGER AS to_key,
            NULL::INTEGER[] AS keys, sum(conversions)::DOUBLE AS conversions, sum(value)::DOUBLE AS value,
            sum(nulls)::DOUBLE AS nulls, count(DISTINCT (fingerprint, n))::DOUBLE AS paths
     FROM per_path`,
    bitSet
      ? `SELECT 'key', NULL, key, NULL, NULL, 0, 0, 0, 0
         FROM (SELECT unnest(list_filter(range(0, ${BIT_SET_KEYS}), lambda b: (keys >> b) & 1 = 1)) AS key
               FROM (SELECT bit_or(keys) AS keys FROM per_path))`
      : `SELECT DISTINCT 'key', NULL, key, NULL, NULL, 0, 0, 0, 0 FROM ranked`,
    ...shares.map(
      ([model]) =>
        `SELECT 'credit', '${model}', key, NULL, NULL, coalesce(${model}, 0), coalesce(${model}_value, 0), 0, 0 FROM per_key`,
    ),
  ];
  if (input.models.includes('markov')) {
    // The path's states with consecutive repeats collapsed, as steps: start → first, each state →
    // the next different one, last → absorbed (counted as the path's conversions and nulls).
    selects.push(`SELECT 'transition', NULL, CASE WHEN pos = 1 THEN NULL ELSE prev_key END, key, NULL,
             sum(conversions), 0, sum(nulls), 0
      FROM ranked WHERE pos = 1 OR prev_key <> key GROUP BY ALL`);
    selects.push(`SELECT 'transition', NULL, key, NULL, NULL, sum(conversions), 0, sum(nulls), 0
      FROM ranked WHERE last GROUP BY key`);
  }
  if (input.models.includes('shapley')) {
    const keys = bitSet ? `list_filter(range(0, ${BIT_SET_KEYS}), lambda b: (keys >> b) & 1 = 1)` : 'keys';
    selects.push(`SELECT 'set', NULL, NULL, NULL, ${keys}, sum(conversions), sum(value), sum(nulls), 0
      FROM per_path GROUP BY keys`);
  }
  return { sql: `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL\n')}`, params: p.values };
}

function duckdbAttributionPaths(input: Input, codes: KeyCodes): EngineQuery {
  const p = new SqlParams();
  const ctes = duckdbPathCtes(p, input, codes);
  return {
    sql: `WITH ${ctes.join(',\n')}
      SELECT path, sum(conversions)::DOUBLE AS conversions, sum(value)::DOUBLE AS value, sum(nulls)::DOUBLE AS nulls
      FROM (SELECT list(r.key ORDER BY r.pos) AS path, any_value(r.conversions) AS conversions,
                   coalesce(any_value(a.value), 0) AS value, any_value(r.nulls) AS nulls
            FROM ranked r LEFT JOIN attributed a USING (path) GROUP BY r.path)
      GROUP BY path`,
    params: p.values,
  };
}

/** What attribution needs from an engine: the aggregates, or (for checks) the distinct paths. */
interface AttributionEngine {
  aggregates(events: AnalyticsSource, input: Input): Promise<Aggregates>;
  paths(events: AnalyticsSource, input: Input): Promise<AggregatedPath[]>;
}

/** The engine's answer, keys decoded. */
interface Aggregates {
  conversions: number;
  value: number;
  nulls: number;
  paths: number;
  /** Credit per key of the positional models and `time_decay`. */
  credits: Map<AttributionModel, Credits>;
  /** Transition counts, when `markov` is asked for. */
  chain: MarkovChain | null;
  /** Conversions, value and nulls per set of keys (a path per set, in the keys' order). */
  sets: AggregatedPath[];
  /** Every key met on a path (conversion or null). */
  keys: Set<string>;
}

const ENGINES: Record<AnalyticsSource['engine'], AttributionEngine> = {
  duckdb: {
    async aggregates(events, input) {
      const codes = await duckdbKeyCodes(events, input);
      const rows = await events.query<AggregateRow>(duckdbAttributionAggregates(input, codes));
      return decodeAggregates(rows, codes.names, input);
    },
    async paths(events, input) {
      const codes = await duckdbKeyCodes(events, input);
      const rows = await events.query<{
        path: unknown[];
        conversions: unknown;
        value: unknown;
        nulls: unknown;
      }>(duckdbAttributionPaths(input, codes));
      return rows
        .map((row) => ({
          path: row.path.map((k) => codes.names.get(toNumber(k)) ?? String(k)),
          conversions: toNumber(row.conversions),
          value: toNumber(row.value),
          nulls: toNumber(row.nulls),
        }))
        .sort((a, b) => {
          const x = a.path.join(KEY_SEPARATOR);
          const y = b.path.join(KEY_SEPARATOR);
          return x < y ? -1 : x > y ? 1 : 0;
        });
    },
  },
};

/** Joins a path's keys to sort paths by them; no touchpoint id or channel key holds this control character. */
const KEY_SEPARATOR = '\u001f';

function decodeAggregates(
  rows: readonly AggregateRow[],
  names: ReadonlyMap<number, string>,
  input: Input,
): Aggregates {
  const name = (key: unknown) => names.get(toNumber(key)) ?? String(key);
  const result: Aggregates = {
    conversions: 0,
    value: 0,
    nulls: 0,
    paths: 0,
    credits: new Map(),
    chain: null,
    sets: [],
    keys: new Set(),
  };
  const transitions: AggregateRow[] = [];
  for (const row of rows) {
    switch (row.kind) {
      case 'total':
        result.conversions = toNumber(row.conversions);
        result.value = toNumber(row.value);
        result.nulls = toNumber(row.nulls);
        result.paths = toNumber(row.paths);
        break;
      case 'key':
        result.keys.add(name(row.key));
        break;
      case 'credit': {
        const model = row.model as AttributionModel;
        const credits = result.credits.get(model) ?? new Map();
        credits.set(name(row.key), { conversions: toNumber(row.conversions), value: toNumber(row.value) });
        result.credits.set(model, credits);
        break;
      }
      case 'transition':
        transitions.push(row);
        break;
      case 'set': {
        const path = (row.keys ?? []).map(name);
        result.sets.push({
          path,
          conversions: toNumber(row.conversions),
          value: toNumber(row.value),
          nulls: toNumber(row.nulls),
        });
        break;
      }
    }
  }
  if (input.models.includes('markov')) {
    const index = new Map<string, number>();
    for (const row of transitions)
      for (const key of [row.key, row.to_key])
        if (key !== null) index.set(name(key), index.get(name(key)) ?? index.size);
    const n = index.size;
    const chain: MarkovChain = {
      index,
      counts: new Float64Array(n * n),
      fromStart: new Float64Array(n),
      toConversion: new Float64Array(n),
      toNull: new Float64Array(n),
      totalConversions: result.conversions,
      totalValue: result.value,
    };
    for (const row of transitions) {
      const weight = toNumber(row.conversions) + toNumber(row.nulls);
      const from = row.key === null ? -1 : (index.get(name(row.key)) as number);
      const to = row.to_key === null ? -1 : (index.get(name(row.to_key)) as number);
      if (from < 0 && to >= 0) chain.fromStart[to] = (chain.fromStart[to] as number) + weight;
      else if (from >= 0 && to >= 0)
        chain.counts[from * n + to] = (chain.counts[from * n + to] as number) + weight;
      else if (from >= 0) {
        chain.toConversion[from] = (chain.toConversion[from] as number) + toNumber(row.conversions);
        chain.toNull[from] = (chain.toNull[from] as number) + toNumber(row.nulls);
      }
    }
    result.chain = chain;
  }
  return result;
}

export interface AttributionPaths {
  /** The distinct paths (conversion and null), ordered by their keys. */
  paths: AggregatedPath[];
}

/** The distinct paths of the period with their conversions, value and nulls, built in the engine. */
export async function attributionPaths(
  events: AnalyticsSource,
  rawInput: AttributionInput,
): Promise<AttributionPaths> {
  const input = parseAnalysisInput(ZAttributionInput, rawInput);
  return { paths: await ENGINES[events.engine].paths(events, input) };
}

/**
 * Attribution of the period's conversions and their value by each model asked for (SPEC §7.4).
 * @example await attribution(events, { workspaceId, from, to, by: 'channel', channelOf, models: ['markov'] })
 */
export async function attribution(events: AnalyticsSource, rawInput: AttributionInput): Promise<Attribution> {
  const input = parseAnalysisInput(ZAttributionInput, rawInput);
  const found = await ENGINES[events.engine].aggregates(events, input);
  const { keys } = found;
  const models = input.models.map((model): ModelAttribution => {
    switch (model) {
      case 'markov': {
        const result = solveMarkovChain(found.chain as MarkovChain);
        const credits = creditRows(keys, result.credits, (row) => {
          row.removalEffect = result.removalEffects.get(row.key) ?? 0;
        });
        return { model, credits, conversionProbability: result.conversionProbability };
      }
      case 'shapley': {
        const result = shapley(found.sets, input.shapleyBasis);
        const credits = creditRows(keys, result.credits, (row) => {
          row.phi = result.phi.get(row.key) ?? 0;
        });
        return { model, credits };
      }
      default:
        return { model, credits: creditRows(keys, found.credits.get(model) ?? new Map()) };
    }
  });
  return {
    by: input.by,
    conversions: found.conversions,
    value: found.value,
    nullPaths: found.nulls,
    paths: found.paths,
    models,
  };
}

/** Every key with its credit (zero when the model gave it none), most conversions first, ties by key. */
function creditRows(
  keys: ReadonlySet<string>,
  credits: Credits,
  extra?: (row: AttributionCredit) => void,
): AttributionCredit[] {
  const rows = [...keys].map((key) => {
    const credit = credits.get(key);
    const row: AttributionCredit = { key, conversions: credit?.conversions ?? 0, value: credit?.value ?? 0 };
    extra?.(row);
    return row;
  });
  return rows.sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
