/**
 * Touches to conversion (SPEC §7.2), computed inside the engine.
 *
 * Definitions. A customer's interactions are ordered by time, ties by id. A conversion is an
 * interaction with outcome `converted` in the period [from, to) that passes the filters. Its
 * touches are the customer's interactions (passing the filters) that are
 * - within the lookback window: at ≥ tc − lookback (the window may reach back before `from`),
 * - after the customer's previous conversion — strictly: the previous conversion itself is the
 *   last touch of its own conversion and is not counted again, so every interaction counts for
 *   at most one conversion,
 * - up to and including the converting interaction (an interaction at the same millisecond counts
 *   when its id sorts before the conversion's).
 * Time to conversion runs from the first counted interaction to the conversion. Medians by linear
 * interpolation between closest ranks (`quantile_cont`); means are exact sums over the count.
 */
import type { z } from 'zod';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  duckdbScopeConditions,
  parseAnalysisInput,
  SqlParams,
  toNumber,
  toNumberOrNull,
} from './analysis-scope.js';
import {
  TOUCHES_HISTOGRAM_MAX,
  type TouchesToConversion,
  type TouchesToConversionInput,
  ZTouchesToConversionInput,
} from './touches-to-conversion.schemas.js';

type Input = z.output<typeof ZTouchesToConversionInput>;

/** The summary repeated on each histogram row (one row with a null bin when there is none). */
interface TouchesRow {
  conversions: unknown;
  touches_sum: unknown;
  touches_median: unknown;
  ms_sum: unknown;
  ms_median: unknown;
  bin: unknown;
  bin_conversions: unknown;
}

function duckdbTouchesToConversion(input: Input): EngineQuery {
  const p = new SqlParams();
  const lookback = p.bigint(input.lookbackMs);
  const from = p.bigint(input.from);
  const sql = `
    WITH scoped AS MATERIALIZED (
      SELECT i.customer_key AS customer, i.seq, i."at", coalesce(i.outcome = 'converted', false) AS is_conversion
      FROM interactions i
      WHERE ${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
        AND i."at" >= ${from} - ${lookback} AND i."at" < ${p.bigint(input.to)}
    ),
    conversion AS (
      SELECT customer, seq, "at", lag("at") OVER w AS prev_at, lag(seq) OVER w AS prev_seq
      FROM scoped WHERE is_conversion
      WINDOW w AS (PARTITION BY customer ORDER BY "at", seq)
    ),
    counted AS (
      SELECT c.customer, c.seq, count(*) AS touches, c."at" - min(s."at") AS ms
      FROM conversion c JOIN scoped s
        ON s.customer = c.customer
       AND s."at" >= c."at" - ${lookback}
       AND (s."at" < c."at" OR (s."at" = c."at" AND s.seq <= c.seq))
       AND (c.prev_at IS NULL OR s."at" > c.prev_at OR (s."at" = c.prev_at AND s.seq > c.prev_seq))
      WHERE c."at" >= ${from}
      GROUP BY c.customer, c."at", c.seq
    ),
    summary AS (
      SELECT count(*) AS conversions,
             CAST(sum(touches) AS BIGINT) AS touches_sum, quantile_cont(touches, 0.5) AS touches_median,
             CAST(sum(ms) AS BIGINT) AS ms_sum, quantile_cont(ms, 0.5) AS ms_median
      FROM counted
    ),
    bins AS (
      SELECT least(touches, ${TOUCHES_HISTOGRAM_MAX + 1}) AS bin, count(*) AS bin_conversions
      FROM counted GROUP BY 1
    )
    SELECT summary.*, bins.bin, bins.bin_conversions
    FROM summary LEFT JOIN bins ON true
    ORDER BY bins.bin`;
  return { sql, params: p.values };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbTouchesToConversion,
};

/** How many touches, and how much time, each conversion of the period took (SPEC §7.2). */
export async function touchesToConversion(
  events: AnalyticsSource,
  rawInput: TouchesToConversionInput,
): Promise<TouchesToConversion> {
  const input = parseAnalysisInput(ZTouchesToConversionInput, rawInput);
  const rows = await events.query<TouchesRow>(ENGINE_QUERIES[events.engine](input));
  const byBin = new Map(rows.map((r) => [toNumberOrNull(r.bin), toNumber(r.bin_conversions)]));
  const summary = rows[0];
  const conversions = toNumber(summary?.conversions);
  return {
    lookbackMs: input.lookbackMs,
    conversions,
    touches: {
      histogram: emptyHistogram().map((bin) => ({ ...bin, conversions: byBin.get(bin.min) ?? 0 })),
      median: toNumberOrNull(summary?.touches_median),
      mean: conversions > 0 ? toNumber(summary?.touches_sum) / conversions : null,
    },
    timeToConversion: {
      medianMs: toNumberOrNull(summary?.ms_median),
      meanMs: conversions > 0 ? toNumber(summary?.ms_sum) / conversions : null,
    },
  };
}

/** The 41 bins with no conversions: 1, 2, …, 40, then more than 40. */
function emptyHistogram(): { min: number; max: number | null; conversions: number }[] {
  return Array.from({ length: TOUCHES_HISTOGRAM_MAX + 1 }, (_, i) => ({
    min: i + 1,
    max: i < TOUCHES_HISTOGRAM_MAX ? i + 1 : null,
    conversions: 0,
  }));
}
