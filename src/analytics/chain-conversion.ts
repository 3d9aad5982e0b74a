/**
 * Chain conversion (SPEC §7.1), computed inside the engine.
 *
 * Definitions, for links L1…Ln (each matching a touchpoint and its descendants) and window W:
 * - only the interactions of the period [from, to) that pass the filters are seen — for every
 *   link, and for the negatives;
 * - t1 = a customer's first interaction at L1; for k > 1, tk = the first interaction at Lk with
 *   t(k−1) ≤ tk ≤ t(k−1) + W (both ends inclusive; one interaction may serve two links whose
 *   touchpoints overlap);
 * - per link: reached; conversion from the previous link and from L1; dropped = reached Lk but
 *   not Lk+1; broken by a negative = of the dropped, those with an interaction at Lk with
 *   sentiment −1 within [tk, tk + W]; median and p90 of tk − t(k−1), by linear interpolation
 *   between closest ranks (DuckDB `quantile_cont`, Hyndman–Fan type 7);
 * - weak link: the transition Lk → Lk+1 with the lowest reached(k+1) / reached(k) among those
 *   with at least `minEntrants` entrants (reached(k)); ties → the earliest.
 */

import type { z } from 'zod';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  duckdbScopeConditions,
  duckdbTouchpointKeyCondition,
  duckdbTouchpointKeys,
  parseAnalysisInput,
  SqlParams,
  toNumber,
  toNumberOrNull,
} from './analysis-scope.js';
import {
  type ChainConversion,
  type ChainConversionInput,
  type ChainLinkResult,
  type WeakLink,
  ZChainConversionInput,
} from './chain-conversion.schemas.js';

type Input = z.output<typeof ZChainConversionInput>;

/** What the engine returns per link; everything else is arithmetic on these few rows. */
interface LinkRow {
  link: unknown;
  reached: unknown;
  /** Of those who reached the previous link and not this one, how many had a negative there. */
  broken_before: unknown;
  median_ms: unknown;
  p90_ms: unknown;
}

/**
 * The touchpoints each link matches, as seen by the analysis: a touchpoint filter keeps only
 * interactions at its touchpoints, so a link matches the touchpoints it shares with the filter.
 */
function linkTouchpoints(input: Input): string[][] {
  const only = input.filters?.touchpointIds ? new Set(input.filters.touchpointIds) : null;
  return input.links.map((link) => link.touchpointIds.filter((id) => only === null || only.has(id)));
}

/**
 * One CTE per link on the integer keys. s1 holds t1 per customer (a filtered scan, a min per
 * customer). Each later s_k starts from the customers of s(k−1) who reached it and looks, within
 * [t(k−1), t(k−1) + W], at two kinds of interactions at once: those at Lk (their first is tk) and
 * the negatives at L(k−1) (any of them marks the customer). So s_k also answers "dropped at
 * L(k−1) and broken by a negative": no tk, but a negative. The answer is one row per link.
 *
 * The links read `interactions_by_touchpoint` (the store's columns for this query, ordered by
 * touchpoint: a link's scan skips the row groups of other touchpoints) unless a props filter
 * needs the props of `interactions`. A touchpoint filter needs neither: the links' touchpoints
 * are already cut down to it (linkTouchpoints).
 *
 * Shapes that measured fastest on 10 M interactions (docs/benchmarks.md): the window is checked
 * as a filter after an equality join on the customer key (as a join condition it made the join
 * about ten times slower); the negatives are scanned once and unioned into each step, instead
 * of an anti-join and a semi-join per link.
 */
function duckdbChainConversion(input: Input, keys: ReadonlyMap<string, number>): EngineQuery {
  const p = new SqlParams();
  const n = input.links.length;
  // Bound only when a later link uses it: DuckDB refuses a parameter the SQL does not name.
  const window = n > 1 ? p.bigint(input.windowMs) : '';
  const links = linkTouchpoints(input);
  const props =
    input.filters?.props && Object.keys(input.filters.props).length > 0 ? input.filters.props : undefined;
  const interactions = props ? 'interactions' : 'interactions_by_touchpoint';
  // Workspace, period and a segment: the conditions every interaction the analysis sees meets.
  const seen = (alias: string) =>
    `${duckdbScopeConditions(p, alias, input.workspaceId, props ? { props } : undefined)}
        AND ${alias}."at" >= ${p.bigint(input.from)} AND ${alias}."at" < ${p.bigint(input.to)}`;
  const at = (k: number, alias: string) => duckdbTouchpointKeyCondition(alias, keys, links[k - 1] ?? []);
  const ctes = [
    `s1 AS MATERIALIZED (
      SELECT i.customer_key AS customer, min(i."at") AS t, CAST(NULL AS BIGINT) AS tprev, false AS broken_prev
      FROM ${interactions} i WHERE ${seen('i')} AND ${at(1, 'i')}
      GROUP BY i.customer_key)`,
  ];
  if (n > 1) {
    const atAnyLink = duckdbTouchpointKeyCondition('i', keys, links.slice(0, n - 1).flat());
    ctes.push(`negative AS MATERIALIZED (
      SELECT i.customer_key, i."at", i.touchpoint_key
      FROM ${interactions} i WHERE ${seen('i')} AND i.sentiment = -1 AND ${atAnyLink})`);
  }
  for (let k = 2; k <= n; k++) {
    ctes.push(`s${k} AS MATERIALIZED (
      SELECT e.customer_key AS customer, min(e."at") FILTER (WHERE NOT e.negative) AS t,
             any_value(prev.t) AS tprev, bool_or(e.negative) AS broken_prev
      FROM (SELECT i.customer_key, i."at", false AS negative FROM ${interactions} i WHERE ${seen('i')} AND ${at(k, 'i')}
            UNION ALL
            SELECT e.customer_key, e."at", true FROM negative e WHERE ${at(k - 1, 'e')}) e
      JOIN (SELECT customer, t FROM s${k - 1} WHERE t IS NOT NULL) prev ON e.customer_key = prev.customer
      WHERE e."at" - prev.t BETWEEN 0 AND ${window}
      GROUP BY e.customer_key)`);
  }
  const rows: string[] = [];
  for (let k = 1; k <= n; k++) {
    rows.push(`SELECT ${k} AS link, count(t) AS reached,
      count(*) FILTER (WHERE t IS NULL AND broken_prev) AS broken_before,
      quantile_cont(t - tprev, 0.5) AS median_ms, quantile_cont(t - tprev, 0.9) AS p90_ms FROM s${k}`);
  }
  return {
    sql: `WITH ${ctes.join(',\n')}\n${rows.join('\nUNION ALL\n')}\nORDER BY link`,
    params: p.values,
  };
}

const ENGINE_RUNS: Record<
  AnalyticsSource['engine'],
  (events: AnalyticsSource, input: Input) => Promise<LinkRow[]>
> = {
  duckdb: async (events, input) => {
    const keys = await duckdbTouchpointKeys(events, input.workspaceId, linkTouchpoints(input).flat());
    return events.query<LinkRow>(duckdbChainConversion(input, keys));
  },
};

/** Conversion along a chain's links per customer, with drop-offs, negatives and the weak link (SPEC §7.1). */
export async function chainConversion(
  events: AnalyticsSource,
  rawInput: ChainConversionInput,
): Promise<ChainConversion> {
  const input = parseAnalysisInput(ZChainConversionInput, rawInput);
  const rows = await ENGINE_RUNS[events.engine](events, input);
  const reached = rows.map((r) => toNumber(r.reached));
  const links: ChainLinkResult[] = rows.map((row, i) => {
    const here = reached[i] ?? 0;
    const first = reached[0] ?? 0;
    const previous = i > 0 ? (reached[i - 1] ?? 0) : 0;
    const next = i + 1 < reached.length ? (reached[i + 1] ?? 0) : null;
    return {
      link: i + 1,
      reached: here,
      conversionFromPrevious: i > 0 && previous > 0 ? here / previous : null,
      conversionFromFirst: first > 0 ? here / first : null,
      dropped: next === null ? null : here - next,
      brokenByNegative: next === null ? null : toNumber(rows[i + 1]?.broken_before),
      medianMsFromPrevious: toNumberOrNull(row.median_ms),
      p90MsFromPrevious: toNumberOrNull(row.p90_ms),
    };
  });
  return {
    windowMs: input.windowMs,
    minEntrants: input.minEntrants,
    links,
    weakLink: findWeakLink(reached, input.minEntrants),
  };
}

/** Lowest conversion among transitions with enough entrants, compared exactly (cross-multiplied). */
function findWeakLink(reached: readonly number[], minEntrants: number): WeakLink | null {
  let weak: WeakLink | null = null;
  for (let k = 0; k + 1 < reached.length; k++) {
    const entrants = reached[k] ?? 0;
    const arrived = reached[k + 1] ?? 0;
    if (entrants < minEntrants) continue;
    if (weak === null || arrived * weak.entrants < weak.reached * entrants) {
      weak = { fromLink: k + 1, toLink: k + 2, entrants, reached: arrived, conversion: arrived / entrants };
    }
  }
  return weak;
}
