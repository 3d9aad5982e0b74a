/**
 * The response times the catalog measures for standards (analytics/standards-compliance.ts):
 * complaint_first_response_ms and complaint_resolution_ms over the complaints received in the
 * period at the standard's touchpoints, review_reply_ms over the reviews posted in it. Counted
 * in the database, per standard and per ISO week of receipt (posting), with the quantiles of
 * the whole period.
 *
 * A complaint (review) is measured once its time is known — answered, resolved (or rejected),
 * replied — or, still waiting, once its wait at `now` exceeds the target: it has failed already.
 * The waiting ones enter the quantiles with their wait so far (a lower bound of their time).
 * One still waiting within the target is not measured yet.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogMetric } from '../../domain/standard-rules.js';
import type { Db } from './db.js';

export interface ResponseTimeStandard {
  /** The caller's index of the standard. */
  s: number;
  metric: CatalogMetric;
  touchpointIds: readonly string[];
  /** Milliseconds; a time ≤ target meets it. */
  target: number;
}

/** Counts of one standard over the whole period (week null) or one week (Monday 00:00 UTC, epoch ms). */
export interface ResponseTimeMeasure {
  s: number;
  week: number | null;
  measured: number;
  meeting: number;
  /** p50, p90, p99 of the measured times (whole period only). */
  quantiles: [number, number, number] | null;
}

/** The rows each metric measures: touchpoint, start and end (null while waiting). */
function itemsOf(metric: CatalogMetric, workspaceId: string): SQL {
  if (metric === 'review_reply_ms')
    return sql`SELECT touchpoint_id, posted_at AS started, reply_at AS ended FROM reviews
      WHERE workspace_id = ${workspaceId}::uuid`;
  const ended = metric === 'complaint_first_response_ms' ? sql`first_response_at` : sql`resolved_at`;
  return sql`SELECT touchpoint_id, received_at AS started, ${ended} AS ended FROM complaints
    WHERE workspace_id = ${workspaceId}::uuid`;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The measures of the given standards over [from, to) at `now` (see the module header). */
export async function responseTimeMeasures(
  db: Db,
  input: {
    workspaceId: string;
    from: number;
    to: number;
    now: number;
    standards: readonly ResponseTimeStandard[];
  },
): Promise<ResponseTimeMeasure[]> {
  const out: ResponseTimeMeasure[] = [];
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const now = new Date(input.now).toISOString();
  for (const standard of input.standards) {
    if (standard.touchpointIds.length === 0) continue;
    const source = itemsOf(standard.metric, input.workspaceId);
    const touchpointIds = sql.join(
      [...new Set(standard.touchpointIds)].map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = rowsOf<{
      week: string | number | null;
      measured: string | number;
      meeting: string | number;
      q: unknown;
    }>(
      await db.execute(sql`
        WITH item AS (${source}),
        measure AS (
          SELECT
            floor(extract(epoch FROM date_trunc('week', started AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') * 1000) AS week,
            extract(epoch FROM (coalesce(ended, ${now}::timestamptz) - started)) * 1000 AS v,
            ended IS NOT NULL AS done
          FROM item
          WHERE touchpoint_id IN (${touchpointIds})
            AND started >= ${from}::timestamptz AND started < ${to}::timestamptz)
        SELECT CASE WHEN grouping(week) = 0 THEN week END AS week,
          count(*) AS measured,
          count(*) FILTER (WHERE done AND v <= ${standard.target}) AS meeting,
          CASE WHEN grouping(week) = 1
            THEN percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY v) END AS q
        FROM measure
        WHERE done OR v > ${standard.target}
        GROUP BY GROUPING SETS ((), (week))`),
    );
    for (const r of rows) {
      const q = Array.isArray(r.q) ? r.q.map(Number) : typeof r.q === 'string' ? parseArray(r.q) : null;
      out.push({
        s: standard.s,
        week: r.week === null ? null : Number(r.week),
        measured: Number(r.measured),
        meeting: Number(r.meeting),
        quantiles: q && q.length === 3 ? [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0] : null,
      });
    }
  }
  return out;
}

/** A PostgreSQL array in its text form (`{1,2.5,3}`), as some drivers return it. */
function parseArray(text: string): number[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
}
