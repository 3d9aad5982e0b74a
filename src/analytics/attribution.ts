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
 * The engine builds the paths and aggregates them to distinct paths with their conversions,
 * value and nulls; the models then run in TypeScript over those aggregated rows. `time_decay`
 * needs each touch's time to its conversion, so the engine also sums its weights per key.
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
import { type AggregatedPath, type Credits, positionalCredits } from './attribution-models.js';
import { markov } from './markov.js';
import { shapley } from './shapley.js';

/** The channel key of touchpoints without a channel. */
export const NO_CHANNEL = '(none)';

type Input = z.output<typeof ZAttributionInput>;

/** Joins a path's keys into one text; no touchpoint id or channel key holds this control character. */
const KEY_SEPARATOR = '\u001f';

interface AttributionRow {
  kind: 'path' | 'time_decay';
  /** The keys of a path joined by KEY_SEPARATOR; for `time_decay`, the one key credited. */
  keys: string;
  conversions: unknown;
  value: unknown;
  nulls: unknown;
}

function duckdbAttribution(input: Input): EngineQuery {
  const p = new SqlParams();
  const from = p.bigint(input.from);
  const to = p.bigint(input.to);
  const lookback = p.bigint(Math.round(input.lookbackDays * DAY_MS));
  const ctes: string[] = [];
  if (input.by === 'channel') {
    const channels = Object.entries(input.channelOf ?? {});
    ctes.push(
      channels.length > 0
        ? `channel_of(touchpoint_id, channel) AS (VALUES ${channels.map(([id, key]) => `(${p.text(id)}, ${p.text(key)})`).join(', ')})`
        : 'channel_of(touchpoint_id, channel) AS (SELECT NULL::VARCHAR, NULL::VARCHAR WHERE false)',
    );
  }
  ctes.push(`scoped AS (
      SELECT i.customer, i.id, i."at" AS ts, coalesce(i.outcome = 'converted', false) AS converts,
             coalesce(i.value, 0)::DOUBLE AS value,
             ${input.by === 'channel' ? `coalesce(c.channel, ${p.text(NO_CHANNEL)})` : 'i.touchpoint_id'} AS key
      FROM interactions i
      ${input.by === 'channel' ? 'LEFT JOIN channel_of c ON c.touchpoint_id = i.touchpoint_id' : ''}
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
  // A path travels as one text, its keys joined by a control character (cheaper than a list).
  ctes.push(`paths AS (
      SELECT array_to_string(list_transform(touches, lambda t: t.key), chr(31)) AS keys, 1 AS conversions, value,
             0 AS nulls
      FROM conversion_paths
      UNION ALL
      SELECT array_to_string(list_transform(touches, lambda t: t.key), chr(31)), 0, 0, 1
      FROM (SELECT list_sort(list_filter(touches, lambda t: t.ts >= ${from})) AS touches FROM grouped WHERE g = 0)
      WHERE len(touches) > 0)`);
  const decay = input.models.includes('time_decay');
  const halfLife = decay ? p.bigint(Math.round(input.halfLifeDays * DAY_MS)) : '';
  const sql = `WITH ${ctes.join(',\n')}
    SELECT 'path' AS kind, keys, sum(conversions)::DOUBLE AS conversions, sum(value)::DOUBLE AS value,
           sum(nulls)::DOUBLE AS nulls
    FROM paths GROUP BY keys
    ${
      decay
        ? `UNION ALL
    SELECT 'time_decay', t.key, sum(t.weight / total), sum(t.weight / total * value), 0
    FROM (SELECT unnest(weighted) AS t, list_sum(list_transform(weighted, lambda w: w.weight)) AS total, value
          FROM (SELECT value, list_transform(touches, lambda t: {'key': t.key,
                         'weight': pow(2, -(conversion_at - t.ts) / ${halfLife}::DOUBLE)}) AS weighted
                FROM conversion_paths))
    GROUP BY t.key`
        : ''
    }
    ORDER BY kind, keys`;
  return { sql, params: p.values };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbAttribution,
};

export interface AttributionPaths {
  /** The distinct paths (conversion and null), ordered by their keys. */
  paths: AggregatedPath[];
  /** The `time_decay` credit per key (empty unless that model is asked for). */
  timeDecay: Credits;
}

/** The distinct paths of the period with their conversions, value and nulls, built in the engine. */
export async function attributionPaths(
  events: AnalyticsSource,
  rawInput: AttributionInput,
): Promise<AttributionPaths> {
  const input = parseAnalysisInput(ZAttributionInput, rawInput);
  const rows = await events.query<AttributionRow>(ENGINE_QUERIES[events.engine](input));
  const paths: AggregatedPath[] = [];
  const timeDecay: Credits = new Map();
  for (const row of rows) {
    const credit = { conversions: toNumber(row.conversions), value: toNumber(row.value) };
    if (row.kind === 'path')
      paths.push({ path: row.keys.split(KEY_SEPARATOR), ...credit, nulls: toNumber(row.nulls) });
    else timeDecay.set(row.keys, credit);
  }
  return { paths, timeDecay };
}

/**
 * Attribution of the period's conversions and their value by each model asked for (SPEC §7.4).
 * @example await attribution(events, { workspaceId, from, to, by: 'channel', channelOf, models: ['markov'] })
 */
export async function attribution(events: AnalyticsSource, rawInput: AttributionInput): Promise<Attribution> {
  const input = parseAnalysisInput(ZAttributionInput, rawInput);
  const { paths, timeDecay } = await attributionPaths(events, input);
  const keys = new Set(paths.flatMap((p) => p.path));
  const models = input.models.map((model): ModelAttribution => {
    switch (model) {
      case 'time_decay':
        return { model, credits: creditRows(keys, timeDecay) };
      case 'markov': {
        const result = markov(paths);
        const credits = creditRows(keys, result.credits, (row) => {
          row.removalEffect = result.removalEffects.get(row.key) ?? 0;
        });
        return { model, credits, conversionProbability: result.conversionProbability };
      }
      case 'shapley': {
        const result = shapley(paths, input.shapleyBasis);
        const credits = creditRows(keys, result.credits, (row) => {
          row.phi = result.phi.get(row.key) ?? 0;
        });
        return { model, credits };
      }
      default:
        return { model, credits: creditRows(keys, positionalCredits(model, paths)) };
    }
  });
  return {
    by: input.by,
    conversions: paths.reduce((sum, p) => sum + p.conversions, 0),
    value: paths.reduce((sum, p) => sum + p.value, 0),
    nullPaths: paths.reduce((sum, p) => sum + p.nulls, 0),
    paths: paths.length,
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
