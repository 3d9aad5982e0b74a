/**
 * What the event store removes for a data subject, a deleted workspace or a retention period,
 * and the export of one customer's records. Each purge is one transaction over every table that
 * holds the rows: `interactions`, its derived `interactions_by_touchpoint` and the
 * `customer_keys` dictionary, `feedback` and `quarantine` (and, for a workspace, its
 * `touchpoint_keys` and `touchpoint_aliases`). A purge that removed or changed anything records
 * `compact_pending` in the same transaction: the rows are gone for every query at its commit, and
 * the file still holds their bytes until the store rewrites it (see compact.ts).
 *
 * The integer keys stay valid (see schema.ts). Erasing whole customers leaves every other
 * customer's `seq`, `ord` and `prev_key` as they were: all three are numbered within one customer
 * (`seq` within one customer and instant). A customer key that goes is never referred to again;
 * the next new customer may get the same number, with none of the old rows left to mix with.
 * Retention removes each customer's oldest interactions, so the customers it touched are
 * numbered again (`ord` from 1, `prev_key` NULL on the first row left); `seq` stays valid, as an
 * instant is either wholly before the cutoff or not.
 */
import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import type {
  CustomerRecords,
  FeedbackAnswer,
  Interaction,
  PurgeResult,
  QuarantinedRecord,
  RetentionCutoffs,
  RetentionResult,
} from '../event-store.js';

/** The meta entry that says the file may still hold the bytes of purged rows. */
export const COMPACT_PENDING = 'compact_pending';

/** Runs `work` in one transaction on `connection`, rolled back if it throws. */
async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

async function markPending(connection: DuckDBConnection): Promise<void> {
  await connection.run(`INSERT OR REPLACE INTO event_store_meta VALUES ('${COMPACT_PENDING}', '1')`);
}

/** How many rows a statement changed. */
async function changed(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, string | number>,
): Promise<number> {
  return Number((await connection.run(sql, params)).rowsChanged);
}

/**
 * Erases the customer keys of a workspace from every table. The keys go to a temporary table
 * first, so each table is matched by a hash join rather than a list searched per row.
 */
export async function eraseCustomerRows(
  connection: DuckDBConnection,
  workspaceId: string,
  customers: readonly string[],
): Promise<PurgeResult> {
  const unique = [...new Set(customers)];
  if (unique.length === 0) return { interactions: 0, feedback: 0, quarantined: 0 };
  await connection.run('CREATE OR REPLACE TEMP TABLE purge_customers (customer VARCHAR PRIMARY KEY)');
  try {
    await connection.run('INSERT INTO temp.purge_customers SELECT unnest($customers)', {
      customers: listValue(unique),
    });
    const ws = { workspaceId };
    const erased = 'SELECT customer FROM temp.purge_customers';
    return await inTransaction(connection, async () => {
      // The ordered copy holds customer keys only: found through the dictionary, before it goes.
      await connection.run(
        `DELETE FROM interactions_by_touchpoint WHERE workspace_id = $workspaceId AND customer_key IN (
           SELECT customer_key FROM customer_keys WHERE workspace_id = $workspaceId AND customer IN (${erased}))`,
        ws,
      );
      const interactions = await changed(
        connection,
        `DELETE FROM interactions WHERE workspace_id = $workspaceId AND customer IN (${erased})`,
        ws,
      );
      await connection.run(
        `DELETE FROM customer_keys WHERE workspace_id = $workspaceId AND customer IN (${erased})`,
        ws,
      );
      const feedback = await changed(
        connection,
        `DELETE FROM feedback WHERE workspace_id = $workspaceId AND customer IN (${erased})`,
        ws,
      );
      const quarantined = await changed(
        connection,
        `DELETE FROM quarantine WHERE workspace_id = $workspaceId AND (record->>'customer') IN (${erased})`,
        ws,
      );
      if (interactions + feedback + quarantined > 0) await markPending(connection);
      return { interactions, feedback, quarantined };
    });
  } finally {
    await connection.run('DROP TABLE IF EXISTS temp.purge_customers');
  }
}

/** Deletes every row of a workspace, from every table. */
export async function deleteWorkspaceRows(
  connection: DuckDBConnection,
  workspaceId: string,
): Promise<PurgeResult> {
  const ws = { workspaceId };
  return inTransaction(connection, async () => {
    const interactions = await changed(
      connection,
      'DELETE FROM interactions WHERE workspace_id = $workspaceId',
      ws,
    );
    const feedback = await changed(connection, 'DELETE FROM feedback WHERE workspace_id = $workspaceId', ws);
    const quarantined = await changed(
      connection,
      'DELETE FROM quarantine WHERE workspace_id = $workspaceId',
      ws,
    );
    let derived = 0;
    for (const table of [
      'interactions_by_touchpoint',
      'customer_keys',
      'touchpoint_keys',
      'touchpoint_aliases',
    ])
      derived += await changed(connection, `DELETE FROM ${table} WHERE workspace_id = $workspaceId`, ws);
    if (interactions + feedback + quarantined + derived > 0) await markPending(connection);
    return { interactions, feedback, quarantined };
  });
}

/**
 * Deletes a workspace's records older than `deleteBefore` and strips the comments of feedback
 * older than `stripCommentsBefore` (quarantined answers included). The customers who lost
 * interactions are numbered again (`ord`, `prev_key`), and those left with none leave the
 * dictionary of customer keys.
 */
export async function applyRetentionRows(
  connection: DuckDBConnection,
  workspaceId: string,
  cutoffs: RetentionCutoffs,
): Promise<RetentionResult> {
  const result: RetentionResult = { interactions: 0, feedback: 0, quarantined: 0, commentsStripped: 0 };
  await connection.run('CREATE OR REPLACE TEMP TABLE purge_keys (customer_key INTEGER)');
  try {
    return await inTransaction(connection, async () => {
      if (cutoffs.deleteBefore !== null) {
        const params = { workspaceId, before: cutoffs.deleteBefore };
        const old = 'workspace_id = $workspaceId AND "at" < $before';
        await connection.run(
          `INSERT INTO temp.purge_keys SELECT DISTINCT customer_key FROM interactions
           WHERE ${old} AND customer_key IS NOT NULL`,
          params,
        );
        await connection.run(`DELETE FROM interactions_by_touchpoint WHERE ${old}`, params);
        result.interactions = await changed(connection, `DELETE FROM interactions WHERE ${old}`, params);
        // The rows left of each customer touched: numbered from 1 again, as the key pass does
        // (rows matched by rowid within this transaction).
        await connection.run(
          `UPDATE interactions SET ord = t.ord, prev_key = t.prev_key FROM (
             SELECT i.rowid AS r, row_number() OVER w AS ord, lag(i.touchpoint_key) OVER w AS prev_key
             FROM interactions i
             WHERE i.workspace_id = $workspaceId AND i.customer_key IN (SELECT customer_key FROM temp.purge_keys)
             WINDOW w AS (PARTITION BY i.customer_key ORDER BY i."at", i.seq)) t
           WHERE interactions.rowid = t.r
             AND (interactions.ord IS DISTINCT FROM t.ord OR interactions.prev_key IS DISTINCT FROM t.prev_key)`,
          { workspaceId },
        );
        await connection.run(
          `DELETE FROM customer_keys k
           WHERE k.workspace_id = $workspaceId AND k.customer_key IN (SELECT customer_key FROM temp.purge_keys)
             AND NOT EXISTS (SELECT 1 FROM interactions i
                             WHERE i.workspace_id = $workspaceId AND i.customer_key = k.customer_key)`,
          { workspaceId },
        );
        result.feedback = await changed(connection, `DELETE FROM feedback WHERE ${old}`, params);
        result.quarantined = await changed(connection, `DELETE FROM quarantine WHERE ${old}`, params);
      }
      if (cutoffs.stripCommentsBefore !== null) {
        const params = { workspaceId, before: cutoffs.stripCommentsBefore };
        result.commentsStripped =
          (await changed(
            connection,
            `UPDATE feedback SET comment = NULL
             WHERE workspace_id = $workspaceId AND "at" < $before AND comment IS NOT NULL`,
            params,
          )) +
          (await changed(
            connection,
            `UPDATE quarantine SET record = json_merge_patch(record, '{"comment":null}')
             WHERE workspace_id = $workspaceId AND kind = 'feedback' AND "at" < $before
               AND (record->>'comment') IS NOT NULL`,
            params,
          ));
      }
      const { interactions, feedback, quarantined, commentsStripped } = result;
      if (interactions + feedback + quarantined + commentsStripped > 0) await markPending(connection);
      return result;
    });
  } finally {
    await connection.run('DROP TABLE IF EXISTS temp.purge_keys');
  }
}

/** Turns DuckDB's BIGINT values into numbers. */
function num(value: unknown): number {
  return Number(value);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Every record of one customer key in a workspace, each kind oldest first (by time, then id). */
export async function customerRecords(
  connection: DuckDBConnection,
  workspaceId: string,
  customer: string,
): Promise<CustomerRecords> {
  const params = { workspaceId, customer };
  const rows = async (sql: string) =>
    (await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];
  const interactions = (
    await rows(`SELECT workspace_id, id, customer, touchpoint_id, i."at" AS at_ms, direction, sentiment, outcome,
                       value, response_ms, wait_ms, duration_ms, props
                FROM interactions i WHERE workspace_id = $workspaceId AND customer = $customer
                ORDER BY i."at", i.id`)
  ).map(
    (r): Interaction => ({
      workspaceId: String(r.workspace_id),
      id: String(r.id),
      customer: String(r.customer),
      touchpointId: String(r.touchpoint_id),
      at: num(r.at_ms),
      direction: r.direction as Interaction['direction'],
      sentiment: numOrNull(r.sentiment) as Interaction['sentiment'],
      outcome: (r.outcome ?? null) as Interaction['outcome'],
      value: numOrNull(r.value),
      responseMs: numOrNull(r.response_ms),
      waitMs: numOrNull(r.wait_ms),
      durationMs: numOrNull(r.duration_ms),
      props: (r.props ?? null) as string | null,
    }),
  );
  const feedback = (
    await rows(`SELECT workspace_id, id, touchpoint_id, customer, f."at" AS at_ms, kind, score, comment,
                       survey_id, question, source, f."language" AS language, choice
                FROM feedback f WHERE workspace_id = $workspaceId AND customer = $customer
                ORDER BY f."at", f.id`)
  ).map(
    (r): FeedbackAnswer => ({
      workspaceId: String(r.workspace_id),
      id: String(r.id),
      touchpointId: String(r.touchpoint_id),
      customer: String(r.customer),
      at: num(r.at_ms),
      kind: r.kind as FeedbackAnswer['kind'],
      score: num(r.score),
      comment: (r.comment ?? null) as string | null,
      // The survey tags only where the answer has them (answers sent by API or file may not).
      ...(r.survey_id != null && { surveyId: String(r.survey_id) }),
      ...(r.question != null && { question: String(r.question) }),
      ...(r.source != null && { source: r.source as FeedbackAnswer['source'] }),
      ...(r.language != null && { language: String(r.language) }),
      ...(r.choice != null && { choice: String(r.choice) }),
    }),
  );
  const quarantined = (
    await rows(`SELECT workspace_id, kind, id, touchpoint_key, q."at" AS at_ms, record
                FROM quarantine q WHERE workspace_id = $workspaceId AND (record->>'customer') = $customer
                ORDER BY q."at", q.kind, q.id`)
  ).map((r): QuarantinedRecord => {
    const base = {
      workspaceId: String(r.workspace_id),
      id: String(r.id),
      touchpointKey: String(r.touchpoint_key),
      at: num(r.at_ms),
    };
    const record = JSON.parse(String(r.record));
    // A stripped comment leaves the record without the field.
    return r.kind === 'feedback'
      ? { ...base, kind: 'feedback', record: { ...record, comment: record.comment ?? null } }
      : { ...base, kind: 'interaction', record };
  });
  return { interactions, feedback, quarantined };
}
