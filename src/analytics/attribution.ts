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
  const rows = await events.query<{ id: string; key: unknown }>({
    sql: 'SELECT touchpoint_id AS id, touchpoint_key AS key FROM touchpoint_keys WHERE workspace_id = $workspaceId',
    params: { workspaceId: input.workspaceId },
  });
  if (input.by !== 'channel') return { names: new Map(rows.map((r) => [toNumber(r.key), r.id])) };
  const channelOf = input.channelOf ?? {};
  const channels = [...new Set(Object.values(channelOf))].filter((c) => c !== NO_CHANNEL).sort();
  const codeOf = new Map(channels.map((c, i) => [c, i + 1]));
  const names = new Map<number, string>([
    [0, NO_CHANNEL],
    ...channels.map((c, i): [number, string] => [i + 1, c]),
  ]);
  const channelCodes = rows.flatMap((r): [number, number][] => {
    const code = codeOf.get(channelOf[r.id] ?? '');
    return code === undefined ? [] : [[toNumber(r.key), code]];
  });
  return { channelCodes, names };
}

/** The CTEs shared by both answers: each conversion's path and each null path, keys as integers. */
function duckdbPathCtes(p: SqlParams, input: Input, codes: KeyCodes): string[] {
  const from = p.bigint(input.from);
  const to = p.bigint(input.to);
  const lookback = p.bigint(Math.round(input.lookbackDays * DAY_MS));
  const ctes: string[] = [];
  const channelCodes = codes.channelCodes;
  if (channelCodes) {
    ctes.push(
      channelCodes.length > 0
        ? `channel_of(touchpoint_key, code) AS (VALUES ${channelCodes.map(([key, code]) => `(${key}, ${code})`).join(', ')})`
        : 'channel_of(touchpoint_key, code) AS (SELECT NULL::INTEGER, NULL::INTEGER WHERE false)',
    );
  }
  ctes.push(`scoped AS (
      SELECT i.customer_key AS customer, i.id, i."at" AS ts, coalesce(i.outcome = 'converted', false) AS converts,
             coalesce(i.value, 0)::DOUBLE AS value,
             ${channelCodes ? 'coalesce(c.code, 0)' : 'i.touchpoint_key'} AS key
      FROM interactions i
      ${channelCodes ? 'LEFT JOIN channel_of c ON c.touchpoint_key = i.touchpoint_key' : ''}
      WHERE ${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
        AND i."at" >= ${from} - ${lookback} AND i."at" < ${to})`);
  // g: how many conversions come at or after the touch in the customer's order (time, then id).
  // The touches sharing a g > 0 lead up to one conversion, the last of them; g = 0 follows the
  // customer's last conversion. One running count, so the engine sorts each customer once.
  ctes.push(`grouped AS (
      SELECT customer, g, list({'ts': ts, 'id': id, 'key': key}) AS touches,
             max(ts) FILTER (WHERE converts) AS conversion_at,
             max(value) FILTER (WHERE converts) AS conversion_value
      FROM (SELECT *, count(*) FILTER (WHERE converts) OVER (
              PARTITION BY customer ORDER BY ts DESC, id DESC ROWS UNBOUNDED PRECEDING) AS g
            FROM scoped)
      GROUP BY customer, g)`);
  // Lists are gathered unordered and sorted afterwards (by time, then id): far cheaper than an
  // ordered aggregate.
  ctes.push(`conversion_paths AS MATERIALIZED (
      SELECT list_sort(list_filter(touches, lambda t: t.ts >= conversion_at - ${lookback})) AS touches,
             conversion_at, conversion_value AS value
      FROM grouped WHERE g > 0 AND conversion_at >= ${from})`);
  // Every path once, as its keys: a conversion path counts 1 conversion, a null path 1 null.
  ctes.push(`paths AS MATERIALIZED (
      SELECT list_transform(touches, lambda t: t.key) AS path, 1 AS conversions, value, 0 AS nulls
      FROM conversion_paths
      UNION ALL
      SELECT list_transform(touches, lambda t: t.key), 0, 0, 1
      FROM (SELECT list_sort(list_filter(touches, lambda t: t.ts >= ${from})) AS touches FROM grouped WHERE g = 0)
      WHERE len(touches) > 0)`);
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

function duckdbAttributionAggregates(input: Input, codes: KeyCodes): EngineQuery {
  const p = new SqlParams();
  const ctes = duckdbPathCtes(p, input, codes);
  const selects = [
    `SELECT 'total' AS kind, NULL::VARCHAR AS model, NULL::INTEGER AS key, NULL::INTEGER AS to_key,
            NULL::INTEGER[] AS keys, sum(conversions)::DOUBLE AS conversions, sum(value)::DOUBLE AS value,
            sum(nulls)::DOUBLE AS nulls, count(DISTINCT path)::DOUBLE AS paths
     FROM paths`,
    `SELECT 'key', NULL, key, NULL, NULL, 0, 0, 0, 0 FROM (SELECT DISTINCT unnest(path) AS key FROM paths)`,
  ];
  const positional = input.models.filter((m): m is PositionalModel => m in POSITION_SHARE);
  if (positional.length > 0) {
    ctes.push(`touch AS (
        SELECT unnest(path) AS key, unnest(range(1, len(path) + 1)) AS pos, len(path) AS n, value
        FROM paths WHERE conversions = 1)`);
    for (const model of positional)
      selects.push(`SELECT 'credit', '${model}', key, NULL, NULL, sum(share), sum(share * value), 0, 0
        FROM (SELECT key, value, (${POSITION_SHARE[model]})::DOUBLE AS share FROM touch) GROUP BY key`);
  }
  if (input.models.includes('time_decay')) {
    const halfLife = p.bigint(Math.round(input.halfLifeDays * DAY_MS));
    selects.push(`SELECT 'credit', 'time_decay', t.key, NULL, NULL, sum(t.weight / total), sum(t.weight / total * value), 0, 0
      FROM (SELECT unnest(weighted) AS t, list_sum(list_transform(weighted, lambda w: w.weight)) AS total, value
            FROM (SELECT value, list_transform(touches, lambda t: {'key': t.key,
                           'weight': pow(2, -(conversion_at - t.ts) / ${halfLife}::DOUBLE)}) AS weighted
                  FROM conversion_paths))
      GROUP BY t.key`);
  }
  if (input.models.includes('markov')) {
    // Each path's states with consecutive repeats collapsed, then its steps: start → first,
    // each state → the next, last → absorbed (counted as the path's conversions and nulls).
    ctes.push(`collapsed AS (
        SELECT list_filter(path, lambda k, i: i = 1 OR k <> path[i - 1]) AS states, conversions, nulls
        FROM paths WHERE len(path) > 0)`);
    selects.push(`SELECT 'transition', NULL, states[step - 1], states[step], NULL, sum(conversions), 0, sum(nulls), 0
      FROM (SELECT states, unnest(range(1, len(states) + 2)) AS step, conversions, nulls FROM collapsed)
      GROUP BY ALL`);
  }
  if (input.models.includes('shapley')) {
    selects.push(`SELECT 'set', NULL, NULL, NULL, keys, sum(conversions), sum(value), sum(nulls), 0
      FROM (SELECT list_sort(list_distinct(path)) AS keys, conversions, value, nulls FROM paths WHERE len(path) > 0)
      GROUP BY keys`);
  }
  return { sql: `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL\n')}`, params: p.values };
}

function duckdbAttributionPaths(input: Input, codes: KeyCodes): EngineQuery {
  const p = new SqlParams();
  const ctes = duckdbPathCtes(p, input, codes);
  return {
    sql: `WITH ${ctes.join(',\n')}
      SELECT path, sum(conversions)::DOUBLE AS conversions, sum(value)::DOUBLE AS value, sum(nulls)::DOUBLE AS nulls
      FROM paths GROUP BY path`,
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
