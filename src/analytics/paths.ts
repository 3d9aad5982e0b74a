/**
 * Paths with Sankey edges (SPEC §7.3), computed inside the engine.
 *
 * Definitions. A customer's interactions of the period [from, to) that pass the filters, ordered
 * by time, ties by interaction id (the store's `seq`):
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
  duckdbTouchpointKeyCondition,
  duckdbTouchpointKeys,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import { type PathEdge, type Paths, type PathsInput, TOP_PATHS, ZPathsInput } from './paths.schemas.js';

type Input = z.output<typeof ZPathsInput>;

/** Joins a path's steps to compare paths; no touchpoint id holds this control character. */
const STEP_SEPARATOR = '\u001f';

interface PathsRow {
  kind: 'total' | 'path' | 'edge';
  /** A path's steps as display codes. */
  path_key: unknown[] | null;
  step: unknown;
  from_tp: unknown;
  to_tp: unknown;
  customers: unknown;
  converted: unknown;
}

/**
 * The display touchpoints as numbers: each touchpoint key of the workspace (see the store's
 * schema) gets the code of the touchpoint it shows as, codes numbered in the byte order of the
 * ids they stand for — so a path of codes sorts as the path of ids would, while the engine sorts
 * and compares integers instead of text.
 */
interface DisplayCodes {
  /** `(touchpoint_key, code)` for every touchpoint key of the workspace. */
  codes: [number, number][];
  /** The id each code stands for (code 1 is names[0]). */
  names: string[];
  keys: Map<string, number>;
}

async function duckdbDisplayCodes(events: AnalyticsSource, input: Input): Promise<DisplayCodes> {
  const keys = await duckdbTouchpointKeys(events, input.workspaceId);
  const display = input.displayTouchpoints ?? {};
  const shownAs = (id: string) => display[id] ?? id;
  const names = [...new Set([...keys.keys()].map(shownAs))].sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
  const codeOf = new Map(names.map((name, i) => [name, i + 1]));
  return {
    codes: [...keys].map(([id, key]) => [key, codeOf.get(shownAs(id)) ?? 0]),
    names,
    keys,
  };
}

/**
 * Two window passes over each customer's interactions in order: the first marks what is kept
 * (after the start or up to the end) and where a new step begins (repeats collapsed), the second
 * numbers the steps and pairs each with the next for the Sankey edges. Steps travel as display
 * codes; whether a customer converted is a plain group-by, joined to their path at the end (as
 * a window aggregate over the ordering it cost several times more). The answer has one row per
 * path or edge, plus one row of totals.
 */
function duckdbPaths(input: Input, display: DisplayCodes): EngineQuery {
  const p = new SqlParams();
  const n = input.steps;
  const cutIds = input.start ?? input.end;
  const ctes: string[] = [
    display.codes.length > 0
      ? `shown_of(touchpoint_key, code) AS (VALUES ${display.codes.map(([key, code]) => `(${key}, ${code})`).join(', ')})`
      : 'shown_of(touchpoint_key, code) AS (SELECT NULL::INTEGER, NULL::INTEGER WHERE false)',
  ];
  const seen = (alias: string) => `${duckdbScopeConditions(p, alias, input.workspaceId, input.filters)}
        AND ${alias}."at" >= ${p.bigint(input.from)} AND ${alias}."at" < ${p.bigint(input.to)}`;
  ctes.push(`scoped AS (
      SELECT i.customer_key AS customer, i."at", i.seq, d.code AS shown,
             ${cutIds ? duckdbTouchpointKeyCondition('i', display.keys, cutIds) : 'false'} AS is_cut
      FROM interactions i JOIN shown_of d ON d.touchpoint_key = i.touchpoint_key
      WHERE ${seen('i')})`);
  ctes.push(`converted_customer AS (
      SELECT i.customer_key AS customer FROM interactions i
      WHERE ${seen('i')} AND i.outcome = 'converted' GROUP BY i.customer_key)`);
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
             ${firstKept} OR lag(shown) OVER w IS DISTINCT FROM shown AS is_new_step
      FROM scoped
      WINDOW w AS (PARTITION BY customer ORDER BY "at", seq))`);
  // The length of a customer's path only matters with an end (the last N steps are kept).
  ctes.push(`numbered AS (
      SELECT customer, shown, row_number() OVER w AS position,
             ${input.end ? 'count(*) OVER (PARTITION BY customer)' : 'NULL'} AS length,
             lead(shown) OVER w AS next_shown
      FROM marked WHERE is_kept AND is_new_step
      WINDOW w AS (PARTITION BY customer ORDER BY rn))`);
  const first = input.end ? `greatest(length - ${n}, 0)` : '0';
  // The next step, if it is kept too (lead gives none after the last).
  const last = input.end ? 'length' : String(n);
  ctes.push(`stepped AS (
      SELECT customer, shown, position - ${first} AS step,
             CASE WHEN position < ${last} THEN next_shown END AS next_shown
      FROM numbered WHERE position > ${first} AND position <= ${first} + ${n})`);
  // The key of a path: its steps as a list; pivoted by step rather than an ordered list
  // aggregate, which would sort every customer's steps again.
  const stepColumns = Array.from({ length: n }, (_, i) => `max(shown) FILTER (WHERE step = ${i + 1})`);
  ctes.push(`path AS (
      SELECT customer, list_filter([${stepColumns.join(', ')}], lambda x: x IS NOT NULL) AS path_key
      FROM stepped GROUP BY customer)`);
  ctes.push(`path_count AS (
      SELECT path_key, count(*) AS customers, count(c.customer) AS converted
      FROM path LEFT JOIN converted_customer c USING (customer) GROUP BY path_key)`);
  ctes.push(`edge AS (
      SELECT step, shown AS from_tp, next_shown AS to_tp, count(*) AS customers
      FROM stepped WHERE next_shown IS NOT NULL GROUP BY step, shown, next_shown)`);
  const sql = `WITH ${ctes.join(',\n')}
    SELECT 'total' AS kind, CAST(NULL AS INTEGER[]) AS path_key, CAST(NULL AS BIGINT) AS step,
           CAST(NULL AS INTEGER) AS from_tp, CAST(NULL AS INTEGER) AS to_tp,
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

const ENGINE_RUNS: Record<
  AnalyticsSource['engine'],
  (events: AnalyticsSource, input: Input) => Promise<{ rows: PathsRow[]; names: string[] }>
> = {
  duckdb: async (events, input) => {
    const display = await duckdbDisplayCodes(events, input);
    return { rows: await events.query<PathsRow>(duckdbPaths(input, display)), names: display.names };
  },
};

/** The most common paths through the touchpoints, their conversion, and Sankey edges (SPEC §7.3). */
export async function paths(events: AnalyticsSource, rawInput: PathsInput): Promise<Paths> {
  const input = parseAnalysisInput(ZPathsInput, rawInput);
  const { rows, names } = await ENGINE_RUNS[events.engine](events, input);
  const name = (code: unknown) => names[toNumber(code) - 1] ?? String(code);
  const total = rows.find((r) => r.kind === 'total');
  const top = rows
    .filter((r) => r.kind === 'path')
    .map((r) => {
      const touchpointIds = (r.path_key ?? []).map(name);
      return {
        touchpointIds,
        key: touchpointIds.join(STEP_SEPARATOR),
        customers: toNumber(r.customers),
        converted: toNumber(r.converted),
      };
    })
    .sort((a, b) => b.customers - a.customers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const edges: PathEdge[] = rows
    .filter((r) => r.kind === 'edge')
    .map((r) => ({
      step: toNumber(r.step),
      from: name(r.from_tp),
      to: name(r.to_tp),
      customers: toNumber(r.customers),
    }))
    .sort(compareEdges);
  return {
    steps: input.steps,
    customers: toNumber(total?.customers),
    converted: toNumber(total?.converted),
    paths: top.map((path) => ({
      touchpointIds: path.touchpointIds,
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
