/**
 * The counts the alert rules need that no analysis of SPEC §7 answers in this form, computed
 * inside the engine (one small row per touchpoint, never the interactions themselves):
 * - feedback in two adjacent windows, [split − length, split) "before" and [split, split + length)
 *   "after", per touchpoint: rated interactions and negative ones (sentiment), CSAT answers with
 *   their sum and sum of squares (for Welch's t-test), NPS answers with promoters (9–10) and
 *   detractors (0–6);
 * - interactions per touchpoint in a period (a silent touchpoint has none).
 */
import type { EngineQuery } from '../store/events/event-store.js';
import { type AnalyticsSource, SqlParams, toNumber } from './analysis-scope.js';

export interface FeedbackWindow {
  rated: number;
  negative: number;
  csatAnswers: number;
  csatSum: number;
  csatSumSquares: number;
  npsAnswers: number;
  npsPromoters: number;
  npsDetractors: number;
}

export interface FeedbackWindows {
  touchpointId: string;
  before: FeedbackWindow;
  after: FeedbackWindow;
}

export function emptyWindow(): FeedbackWindow {
  return {
    rated: 0,
    negative: 0,
    csatAnswers: 0,
    csatSum: 0,
    csatSumSquares: 0,
    npsAnswers: 0,
    npsPromoters: 0,
    npsDetractors: 0,
  };
}

/** Adds `part` into `total` (touchpoints with their descendants). */
export function addWindow(total: FeedbackWindow, part: FeedbackWindow): void {
  for (const key of Object.keys(total) as (keyof FeedbackWindow)[]) total[key] += part[key];
}

interface Input {
  workspaceId: string;
  /** Epoch ms: the start of the "after" window and the end of the "before" one. */
  split: number;
  lengthMs: number;
}

function duckdbFeedbackWindows(input: Input): EngineQuery {
  const p = new SqlParams();
  const ws = p.text(input.workspaceId);
  const from = p.bigint(input.split - input.lengthMs);
  const split = p.bigint(input.split);
  const to = p.bigint(input.split + input.lengthMs);
  return {
    sql: `WITH ia AS (
        SELECT i.touchpoint_id, (i."at" >= ${split}) AS after,
          count(*) FILTER (WHERE i.sentiment IS NOT NULL) AS rated,
          count(*) FILTER (WHERE i.sentiment = -1) AS negative
        FROM interactions i
        WHERE i.workspace_id = ${ws} AND i."at" >= ${from} AND i."at" < ${to} AND i.sentiment IS NOT NULL
        GROUP BY 1, 2),
      fa AS (
        SELECT f.touchpoint_id, (f."at" >= ${split}) AS after,
          count(*) FILTER (WHERE f.kind = 'csat') AS csat_answers,
          coalesce(sum(f.score) FILTER (WHERE f.kind = 'csat'), 0) AS csat_sum,
          coalesce(sum(f.score * f.score) FILTER (WHERE f.kind = 'csat'), 0) AS csat_sum_squares,
          count(*) FILTER (WHERE f.kind = 'nps') AS nps_answers,
          count(*) FILTER (WHERE f.kind = 'nps' AND f.score >= 9) AS nps_promoters,
          count(*) FILTER (WHERE f.kind = 'nps' AND f.score <= 6) AS nps_detractors
        FROM feedback f
        WHERE f.workspace_id = ${ws} AND f."at" >= ${from} AND f."at" < ${to} AND f.kind IN ('csat', 'nps')
        GROUP BY 1, 2)
      SELECT coalesce(ia.touchpoint_id, fa.touchpoint_id) AS touchpoint_id,
        coalesce(ia.after, fa.after) AS after,
        coalesce(ia.rated, 0) AS rated, coalesce(ia.negative, 0) AS negative,
        coalesce(fa.csat_answers, 0) AS csat_answers, coalesce(fa.csat_sum, 0) AS csat_sum,
        coalesce(fa.csat_sum_squares, 0) AS csat_sum_squares, coalesce(fa.nps_answers, 0) AS nps_answers,
        coalesce(fa.nps_promoters, 0) AS nps_promoters, coalesce(fa.nps_detractors, 0) AS nps_detractors
      FROM ia FULL JOIN fa ON fa.touchpoint_id = ia.touchpoint_id AND fa.after = ia.after
      ORDER BY 1, 2`,
    params: p.values,
  };
}

interface WindowRow {
  touchpoint_id: string;
  after: boolean;
  rated: unknown;
  negative: unknown;
  csat_answers: unknown;
  csat_sum: unknown;
  csat_sum_squares: unknown;
  nps_answers: unknown;
  nps_promoters: unknown;
  nps_detractors: unknown;
}

const FEEDBACK_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbFeedbackWindows,
};

/** Feedback per touchpoint in the window before `split` and the one from it, each `lengthMs` long. */
export async function feedbackWindows(events: AnalyticsSource, input: Input): Promise<FeedbackWindows[]> {
  const rows = await events.query<WindowRow>(FEEDBACK_QUERIES[events.engine](input));
  const byTouchpoint = new Map<string, FeedbackWindows>();
  for (const row of rows) {
    let entry = byTouchpoint.get(row.touchpoint_id);
    if (!entry) {
      entry = { touchpointId: row.touchpoint_id, before: emptyWindow(), after: emptyWindow() };
      byTouchpoint.set(row.touchpoint_id, entry);
    }
    addWindow(row.after ? entry.after : entry.before, {
      rated: toNumber(row.rated),
      negative: toNumber(row.negative),
      csatAnswers: toNumber(row.csat_answers),
      csatSum: toNumber(row.csat_sum),
      csatSumSquares: toNumber(row.csat_sum_squares),
      npsAnswers: toNumber(row.nps_answers),
      npsPromoters: toNumber(row.nps_promoters),
      npsDetractors: toNumber(row.nps_detractors),
    });
  }
  return [...byTouchpoint.values()];
}

const COUNT_QUERIES: Record<
  AnalyticsSource['engine'],
  (input: { workspaceId: string; from: number; to: number }) => EngineQuery
> = {
  duckdb: (input) => {
    const p = new SqlParams();
    return {
      sql: `SELECT i.touchpoint_id, count(*) AS n FROM interactions i
        WHERE i.workspace_id = ${p.text(input.workspaceId)}
          AND i."at" >= ${p.bigint(input.from)} AND i."at" < ${p.bigint(input.to)}
        GROUP BY 1`,
      params: p.values,
    };
  },
};

/** Interactions per touchpoint in [from, to); touchpoints without any are absent. */
export async function interactionCounts(
  events: AnalyticsSource,
  input: { workspaceId: string; from: number; to: number },
): Promise<Map<string, number>> {
  const rows = await events.query<{ touchpoint_id: string; n: unknown }>(COUNT_QUERIES[events.engine](input));
  return new Map(rows.map((r) => [r.touchpoint_id, toNumber(r.n)]));
}
