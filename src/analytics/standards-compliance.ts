/**
 * Standards compliance (SPEC §7.6), computed inside the engine.
 *
 * Definitions, for each standard over the interactions (or feedback answers) of the period
 * [from, to) that pass the filters, at the standard's touchpoints (the touchpoint and its
 * descendants, as passed in):
 * - per-interaction metrics (response_ms, wait_ms, duration_ms, prop): the interactions with the
 *   metric present are measured — for prop, those whose props hold a JSON number under that key
 *   (a string such as "12" is not a number); an interaction meets the target when value ≤ target
 *   (`lte`) or value ≥ target (`gte`); share meeting = meeting / measured; p50 / p90 / p99 of the
 *   metric by linear interpolation between closest ranks (DuckDB `quantile_cont`, Hyndman–Fan
 *   type 7); the standard passes when share meeting ≥ required share;
 * - aggregate metrics: csat = mean CSAT answer (1…5), nps = % promoters (9–10) − % detractors
 *   (0–6), ces = mean CES answer (1…7), over the answers of that kind; negative_share = share of
 *   sentiment −1 among the interactions with a sentiment. The value itself is compared to the
 *   target (the standard passes or fails as a whole); share meeting, meeting and the quantiles are
 *   not defined for them (null), and the required share is not used;
 * - weekly trend: the same measures per ISO week (Monday 00:00 UTC to the next Monday); the first
 *   and last weeks hold only the part inside the period; weeks without measured data are absent;
 * - nothing measured (an empty period): counts 0, shares, values and pass/fail null;
 * - feedback answers carry no props: under a props filter only the answers of customers with an
 *   interaction of the period that passes the filters count (as in the sentiment analysis);
 * - catalog metrics (complaint_first_response_ms, complaint_resolution_ms, review_reply_ms) are
 *   measured in the catalog (store/catalog/response-times.ts) over the complaints received (the
 *   reviews posted) in the period at the standard's touchpoints, weeks by their receipt: one still
 *   waiting at `now` longer than the target counts as measured and failing, one waiting within it
 *   is not measured yet. A channel or stage filter narrows their touchpoints; a props filter does
 *   not apply to them (complaints and reviews have no props). Without the catalog they measure
 *   nothing.
 */

import type { z } from 'zod';
import { isCatalogMetric } from '../domain/standard-rules.js';
import type { Db } from '../store/catalog/db.js';
import { responseTimeMeasures } from '../store/catalog/response-times.js';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  DAY_MS,
  duckdbFeedbackConditions,
  duckdbScopeConditions,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import {
  type StandardCompliance,
  type StandardsCompliance,
  type StandardsComplianceInput,
  type StandardWeek,
  ZStandardsComplianceInput,
} from './standards-compliance.schemas.js';

type Input = z.output<typeof ZStandardsComplianceInput>;
type Standard = Input['standards'][number];

const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

const FEEDBACK_METRICS = new Set<Standard['metric']>(['csat', 'nps', 'ces']);
const AGGREGATE_METRICS = new Set<Standard['metric']>(['csat', 'nps', 'ces', 'negative_share']);

/** SQL for the Monday 00:00 UTC that starts the ISO week of an epoch-ms expression. */
function weekStartSql(at: string): string {
  return `(${at} - ((${at} - ${FIRST_MONDAY_MS}) % ${WEEK_MS} + ${WEEK_MS}) % ${WEEK_MS})`;
}

/** What the engine returns per standard (week null: the whole period) or per standard and week. */
interface MeasureRow {
  s: unknown;
  week: unknown;
  measured: unknown;
  meeting?: unknown;
  negative?: unknown;
  q?: unknown;
  total?: unknown;
  promoters?: unknown;
  detractors?: unknown;
}

/**
 * The standards (index `s` into the input) and their touchpoints: the standards as a VALUES
 * relation with bound parameters, the (standard, touchpoint) pairs as two bound lists.
 */
function standardRelations(
  p: SqlParams,
  standards: readonly { s: number; standard: Standard }[],
): { ctes: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const rows = standards.map(({ s, standard }) => {
    const path = standard.prop === null ? 'CAST(NULL AS VARCHAR)' : p.text(`$."${standard.prop}"`);
    params[`target_${s}`] = standard.target;
    return `(${s}, ${p.text(standard.metric)}, ${path}, ${standard.comparator === 'lte'}, CAST($target_${s} AS DOUBLE))`;
  });
  const pairS: number[] = [];
  const pairTouchpoint: string[] = [];
  for (const { s, standard } of standards) {
    for (const id of new Set(standard.touchpointIds)) {
      pairS.push(s);
      pairTouchpoint.push(id);
    }
  }
  return {
    ctes: `standard(s, metric, path, is_lte, target) AS (VALUES ${rows.join(', ')}),
      standard_touchpoint AS (
        SELECT unnest(CAST($pair_s AS INTEGER[])) AS s, unnest(CAST($pair_touchpoint AS VARCHAR[])) AS touchpoint_id)`,
    params: { ...params, pair_s: pairS, pair_touchpoint: pairTouchpoint },
  };
}

/**
 * Per-interaction metrics and negative_share: counts and meeting per standard and week, and per
 * standard with the quantiles — in two aggregations, as quantiles per week would cost as much
 * again and are not reported.
 */
function duckdbInteractionMeasures(
  input: Input,
  standards: { s: number; standard: Standard }[],
): EngineQuery {
  const p = new SqlParams();
  const relations = standardRelations(p, standards);
  const counts = `count(*) AS measured,
    count(*) FILTER (WHERE CASE WHEN is_lte THEN v <= target ELSE v >= target END) AS meeting,
    count(*) FILTER (WHERE v = -1) AS negative`;
  return {
    sql: `WITH ${relations.ctes},
      measure AS (
        SELECT sd.s, sd.metric, sd.is_lte, sd.target, ${weekStartSql('i."at"')} AS week,
          CASE sd.metric
            WHEN 'response_ms' THEN i.response_ms
            WHEN 'wait_ms' THEN i.wait_ms
            WHEN 'duration_ms' THEN i.duration_ms
            WHEN 'negative_share' THEN CAST(i.sentiment AS DOUBLE)
            WHEN 'prop' THEN CASE WHEN json_type(i.props, sd.path) IN ('BIGINT', 'UBIGINT', 'DOUBLE')
              THEN CAST(json_extract(i.props, sd.path) AS DOUBLE) END
          END AS v
        FROM interactions i
          JOIN standard_touchpoint st ON st.touchpoint_id = i.touchpoint_id
          JOIN standard sd ON sd.s = st.s
        WHERE ${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
          AND i."at" >= ${p.bigint(input.from)} AND i."at" < ${p.bigint(input.to)})
      SELECT s, week, ${counts}, CAST(NULL AS DOUBLE[]) AS q
      FROM measure WHERE v IS NOT NULL GROUP BY s, week
      UNION ALL
      SELECT s, NULL, ${counts},
        quantile_cont(v, [0.5, 0.9, 0.99]) FILTER (WHERE metric <> 'negative_share') AS q
      FROM measure WHERE v IS NOT NULL GROUP BY s`,
    params: { ...p.values, ...relations.params },
  };
}

/** csat / nps / ces: answers, sum of scores, promoters and detractors per standard (and week). */
function duckdbFeedbackMeasures(input: Input, standards: { s: number; standard: Standard }[]): EngineQuery {
  const p = new SqlParams();
  const relations = standardRelations(p, standards);
  return {
    sql: `WITH ${relations.ctes},
      measure AS (
        SELECT sd.s, f.score, ${weekStartSql('f."at"')} AS week
        FROM feedback f
          JOIN standard_touchpoint st ON st.touchpoint_id = f.touchpoint_id
          JOIN standard sd ON sd.s = st.s AND sd.metric = f.kind
        WHERE ${duckdbFeedbackConditions(p, 'f', input)})
      SELECT s, CASE WHEN grouping(week) = 0 THEN week END AS week, count(*) AS measured,
        sum(score) AS total,
        count(*) FILTER (WHERE score >= 9) AS promoters,
        count(*) FILTER (WHERE score <= 6) AS detractors
      FROM measure
      GROUP BY GROUPING SETS ((s), (s, week))`,
    params: { ...p.values, ...relations.params },
  };
}

const ENGINE_QUERIES: Record<
  AnalyticsSource['engine'],
  {
    interactions: typeof duckdbInteractionMeasures;
    feedback: typeof duckdbFeedbackMeasures;
  }
> = {
  duckdb: { interactions: duckdbInteractionMeasures, feedback: duckdbFeedbackMeasures },
};

type Measure = Pick<StandardWeek, 'measured' | 'meeting' | 'shareMeeting' | 'value' | 'passed'>;

function meets(value: number, standard: Standard): boolean {
  return standard.comparator === 'lte' ? value <= standard.target : value >= standard.target;
}

/** The measures of one row for one standard, following the definitions above. */
function measureOf(standard: Standard, row: MeasureRow | undefined): Measure {
  const measured = row ? toNumber(row.measured) : 0;
  if (!AGGREGATE_METRICS.has(standard.metric)) {
    const meeting = row ? toNumber(row.meeting) : 0;
    const shareMeeting = measured > 0 ? meeting / measured : null;
    return {
      measured,
      meeting,
      shareMeeting,
      value: null,
      passed: shareMeeting === null ? null : shareMeeting >= standard.requiredShare,
    };
  }
  let value: number | null = null;
  if (row && measured > 0) {
    if (standard.metric === 'negative_share') value = toNumber(row.negative) / measured;
    else if (standard.metric === 'nps')
      value = ((toNumber(row.promoters) - toNumber(row.detractors)) * 100) / measured;
    else value = toNumber(row.total) / measured;
  }
  return {
    measured,
    meeting: null,
    shareMeeting: null,
    value,
    passed: value === null ? null : meets(value, standard),
  };
}

/** ISO 8601 week name (`2024-W01`) of the week starting on Monday `weekStart` (UTC). */
function isoWeek(weekStart: number): string {
  const thursday = new Date(weekStart + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function quantile(q: unknown, i: number): number | null {
  return Array.isArray(q) && q[i] !== null && q[i] !== undefined ? toNumber(q[i]) : null;
}

/** The catalog metrics' measures, as rows of the engine's shape. */
async function catalogMeasures(
  catalog: { db: Db; now?: number | undefined },
  input: Input,
  standards: { s: number; standard: Standard }[],
): Promise<MeasureRow[]> {
  const only = input.filters?.touchpointIds ? new Set(input.filters.touchpointIds) : null;
  const measures = await responseTimeMeasures(catalog.db, {
    workspaceId: input.workspaceId,
    from: input.from,
    to: input.to,
    now: catalog.now ?? Date.now(),
    standards: standards.flatMap(({ s, standard }) =>
      isCatalogMetric(standard.metric)
        ? [
            {
              s,
              metric: standard.metric,
              touchpointIds: only
                ? standard.touchpointIds.filter((id) => only.has(id))
                : standard.touchpointIds,
              target: standard.target,
            },
          ]
        : [],
    ),
  });
  return measures.map((m) => ({
    s: m.s,
    week: m.week,
    measured: m.measured,
    meeting: m.meeting,
    q: m.quantiles,
  }));
}

/**
 * Share of interactions meeting each standard, its quantiles, pass/fail and weekly trend (SPEC §7.6).
 * `catalog` measures the catalog metrics (at `now`, default the current time).
 */
export async function standardsCompliance(
  events: AnalyticsSource,
  rawInput: StandardsComplianceInput,
  catalog?: { db: Db; now?: number | undefined },
): Promise<StandardsCompliance> {
  const input = parseAnalysisInput(ZStandardsComplianceInput, rawInput);
  const indexed = input.standards.map((standard, s) => ({ s, standard }));
  const fromCatalog = indexed.filter(({ standard }) => isCatalogMetric(standard.metric));
  const fromFeedback = indexed.filter(({ standard }) => FEEDBACK_METRICS.has(standard.metric));
  const fromInteractions = indexed.filter(
    ({ standard }) => !FEEDBACK_METRICS.has(standard.metric) && !isCatalogMetric(standard.metric),
  );
  const queries = ENGINE_QUERIES[events.engine];
  const rows = [
    ...(fromInteractions.length > 0
      ? await events.query<MeasureRow>(queries.interactions(input, fromInteractions))
      : []),
    ...(fromFeedback.length > 0 ? await events.query<MeasureRow>(queries.feedback(input, fromFeedback)) : []),
    ...(fromCatalog.length > 0 && catalog ? await catalogMeasures(catalog, input, fromCatalog) : []),
  ];

  const whole = new Map<number, MeasureRow>();
  const weekly = new Map<number, MeasureRow[]>();
  for (const row of rows) {
    const s = toNumber(row.s);
    if (row.week === null || row.week === undefined) whole.set(s, row);
    else {
      const weeks = weekly.get(s) ?? [];
      weeks.push(row);
      weekly.set(s, weeks);
    }
  }

  return {
    standards: indexed.map(({ s, standard }): StandardCompliance => {
      const row = whole.get(s);
      const hasQuantiles = !AGGREGATE_METRICS.has(standard.metric);
      const weeks = (weekly.get(s) ?? [])
        .map((weekRow) => ({ weekStart: toNumber(weekRow.week), row: weekRow }))
        .sort((a, b) => a.weekStart - b.weekStart)
        .map(({ weekStart, row: weekRow }) => ({
          weekStart,
          week: isoWeek(weekStart),
          ...measureOf(standard, weekRow),
        }));
      return {
        standardId: standard.id,
        metric: standard.metric,
        prop: standard.prop,
        comparator: standard.comparator,
        target: standard.target,
        requiredShare: standard.requiredShare,
        ...measureOf(standard, row),
        p50: hasQuantiles ? quantile(row?.q, 0) : null,
        p90: hasQuantiles ? quantile(row?.q, 1) : null,
        p99: hasQuantiles ? quantile(row?.q, 2) : null,
        weeks,
      };
    }),
  };
}
