/**
 * Paths with Sankey edges (SPEC §7.3), computed inside the engine.
 *
 * Definitions. A customer's interactions of the period [from, to) that pass the filters, ordered
 * by time, ties by interaction id:
 * - with `start`, the path begins at the first interaction at the start touchpoint (or one of its
 *   descendants); with `end`, it stops at the first interaction at the end touchpoint (included);
 *   customers who never meet it have no path;
 * - each interaction shows as its display touchpoint (`displayTouchpoints`, default itself), and
 *   consecutive repeats are collapsed into one step;
 * - the path keeps its first N steps — with `end`, its last N, so that it still ends there.
 * A customer converted when any of their interactions of the period (passing the filters) has
 * outcome `converted`, whether or not it lies on the kept steps. The top 50 paths are the most
 * common, ties ordered by their steps' ids; Sankey edges count, over every customer's path, the
 * customers going from step i to step i + 1.
 */
import type { z } from 'zod';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  duckdbScopeConditions,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import { type PathEdge, type Paths, type PathsInput, TOP_PATHS, ZPathsInput } from './paths.schemas.js';

type Input = z.output<typeof ZPathsInput>;

/** Joins a path's steps into one sortable key; no touchpoint id holds this control character. */
const STEP_SEPARATOR = '\u001f';

interface PathsRow {
  kind: 'total' | 'path' | 'edge';
  path_key: string | null;
  step: unknown;
  from_tp: string | null;
  to_tp: string | null;
  customers: unknown;
  converted: unknown;
}

/**
 * Two window passes over each customer's interactions in order: the first marks what is kept
 * (after the start or up to the end) and where a new step begins (repeats collapsed), the second
 * numbers the steps and pairs each with the next for the Sankey edges. The answer has one row per
 * path or edge, plus one row of totals.
 */
function duckdbPaths(input: Input): EngineQuery {
  const p = new SqlParams();
  const n = input.steps;
  const display = Object.entries(input.displayTouchpoints ?? {});
  const cutIds = input.start ?? input.end;
  const ctes: string[] = [];
  if (display.length > 0) {
    const values = display.map(([id, shown]) => `(${p.text(id)}, ${p.text(shown)})`).join(', ');
    ctes.push(`display(touchpoint_id, shown) AS (VALUES ${values})`);
  }
  ctes.push(`scoped AS (
      SELECT i.customer_key AS customer, i."at", i.seq, coalesce(i.outcome = 'converted', false) AS is_conversion,
             ${display.length > 0 ? 'coalesce(d.shown, i.touchpoint_id)' : 'i.touchpoint_id'} AS shown,
             ${cutIds ? `i.touchpoint_id IN ${p.textList([...new Set(cutIds)])}` : 'false'} AS is_cut
      FROM interactions i
      ${display.length > 0 ? 'LEFT JOIN display d ON d.touchpoint_id = i.touchpoint_id' : ''}
      WHERE ${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
        AND i."at" >= ${p.bigint(input.from)} AND i."at" < ${p.bigint(input.to)})`);
  // Whether a cut touch came strictly before this row: the rows after the start are those with
  // one at or before them; the rows up to the end are those with none strictly before them.
  const cutBefore = `coalesce(bool_or(is_cut) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false)`;
  const keep = input.start
    ? `is_cut OR ${cutBefore}`
    : input.end
      ? `NOT ${cutBefore} AND bool_or(is_cut) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`
      : 'true';
  const firstKept = input.start ? `(is_cut AND NOT ${cutBefore})` : 'false';
  ctes.push(`marked AS (
      SELECT customer, row_number() OVER w AS rn, shown, ${keep} AS is_kept,
             bool_or(is_conversion) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS converted,
             ${firstKept} OR lag(shown) OVER w IS DISTINCT FROM shown AS is_new_step
      FROM scoped
      WINDOW w AS (PARTITION BY customer ORDER BY "at", seq))`);
  ctes.push(`numbered AS (
      SELECT customer, shown, converted, row_number() OVER w AS position,
             count(*) OVER (PARTITION BY customer) AS length,
             lead(shown) OVER w AS next_shown
      FROM marked WHERE is_kept AND is_new_step
      WINDOW w AS (PARTITION BY customer ORDER BY rn))`);
  const first = input.end ? `greatest(length - ${n}, 0)` : '0';
  ctes.push(`stepped AS (
      SELECT customer, shown, converted, position - ${first} AS step,
             CASE WHEN position < ${input.end ? 'length' : `least(length, ${n})`} THEN next_shown END AS next_shown
      FROM numbered WHERE position > ${first} AND position <= ${first} + ${n})`);
  // The key of a path: its steps joined; pivoted by step rather than an ordered string_agg,
  // which would sort every customer's steps again.
  const stepColumns = Array.from({ length: n }, (_, i) => `max(shown) FILTER (WHERE step = ${i + 1})`);
  ctes.push(`path AS (
      SELECT customer, bool_or(converted) AS converted, concat_ws(chr(31), ${stepColumns.join(', ')}) AS path_key
      FROM stepped GROUP BY customer)`);
  ctes.push(`path_count AS (
      SELECT path_key, count(*) AS customers, count(*) FILTER (WHERE converted) AS converted
      FROM path GROUP BY path_key)`);
  ctes.push(`edge AS (
      SELECT step, shown AS from_tp, next_shown AS to_tp, count(*) AS customers
      FROM stepped WHERE next_shown IS NOT NULL GROUP BY step, shown, next_shown)`);
  const sql = `WITH ${ctes.join(',\n')}
    SELECT 'total' AS kind, CAST(NULL AS VARCHAR) AS path_key, CAST(NULL AS BIGINT) AS step,
           CAST(NULL AS VARCHAR) AS from_tp, CAST(NULL AS VARCHAR) AS to_tp,
           CAST(coalesce(sum(customers), 0) AS BIGINT) AS customers,
           CAST(coalesce(sum(converted), 0) AS BIGINT) AS converted
    FROM path_count
    UNION ALL
    SELECT * FROM (
      SELECT 'path', path_key, NULL, NULL, NULL, customers, converted FROM path_count
      ORDER BY customers DESC, path_key LIMIT ${TOP_PATHS})
    UNION ALL
    SELECT 'edge', NULL, step, from_tp, to_tp, customers, NULL FROM edge`;
  return { sql, params: p.values };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbPaths,
};

/** The most common paths through the touchpoints, their conversion, and Sankey edges (SPEC §7.3). */
export async function paths(events: AnalyticsSource, rawInput: PathsInput): Promise<Paths> {
  const input = parseAnalysisInput(ZPathsInput, rawInput);
  const rows = await events.query<PathsRow>(ENGINE_QUERIES[events.engine](input));
  const total = rows.find((r) => r.kind === 'total');
  const top = rows
    .filter((r) => r.kind === 'path')
    .map((r) => ({
      key: r.path_key ?? '',
      customers: toNumber(r.customers),
      converted: toNumber(r.converted),
    }))
    .sort((a, b) => b.customers - a.customers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const edges: PathEdge[] = rows
    .filter((r) => r.kind === 'edge')
    .map((r) => ({
      step: toNumber(r.step),
      from: r.from_tp ?? '',
      to: r.to_tp ?? '',
      customers: toNumber(r.customers),
    }))
    .sort(compareEdges);
  return {
    steps: input.steps,
    customers: toNumber(total?.customers),
    converted: toNumber(total?.converted),
    paths: top.map((path) => ({
      touchpointIds: path.key.split(STEP_SEPARATOR),
      customers: path.customers,
      converted: path.converted,
      conversionRate: path.converted / path.customers,
    })),
    edges,
  };
}

/** Sankey edges by step, then most customers first, then by ids. */
function compareEdges(a: PathEdge, b: PathEdge): number {
  return (
    a.step - b.step ||
    b.customers - a.customers ||
    (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
    (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)
  );
}
