/**
 * Interactions that ended in a complaint (outcome = complaint) in a period, for the complaint
 * register's sweep (complaints/interaction-sweep.ts): oldest first, at most `limit`, each with
 * the `comment` string of its props when it has one.
 */
import type { EngineQuery } from '../store/events/event-store.js';
import { type AnalyticsSource, SqlParams, toNumber } from './analysis-scope.js';

export interface ComplaintInteraction {
  id: string;
  touchpointId: string;
  customer: string;
  at: number;
  comment: string | null;
}

export interface ComplaintInteractionsInput {
  workspaceId: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  limit: number;
}

function duckdbComplaintInteractions(input: ComplaintInteractionsInput): EngineQuery {
  const p = new SqlParams();
  return {
    sql: `SELECT id, touchpoint_id, customer, "at",
        CASE WHEN json_type(props, '$.comment') = 'VARCHAR' THEN json_extract_string(props, '$.comment') END AS comment
      FROM interactions
      WHERE workspace_id = ${p.text(input.workspaceId)} AND outcome = 'complaint'
        AND "at" >= ${p.bigint(input.from)} AND "at" < ${p.bigint(input.to)}
      ORDER BY "at", id
      LIMIT ${p.bigint(input.limit)}`,
    params: p.values,
  };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], typeof duckdbComplaintInteractions> = {
  duckdb: duckdbComplaintInteractions,
};

/** The workspace's interactions with outcome = complaint in [from, to), oldest first. */
export async function complaintInteractions(
  events: AnalyticsSource,
  input: ComplaintInteractionsInput,
): Promise<ComplaintInteraction[]> {
  const rows = await events.query<Record<string, unknown>>(ENGINE_QUERIES[events.engine](input));
  return rows.map((r) => ({
    id: String(r.id),
    touchpointId: String(r.touchpoint_id),
    customer: String(r.customer),
    at: toNumber(r.at),
    comment: typeof r.comment === 'string' && r.comment.trim() !== '' ? r.comment : null,
  }));
}
