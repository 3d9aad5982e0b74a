/**
 * Ingests a batch of feedback answers (SPEC §6: CSAT 1–5, NPS 0–10, CES 1–7) the same way as
 * interactions: record by record, idempotent by id, unknown touchpoint keys quarantined.
 */
import type { Db } from '../store/catalog/db.js';
import type { EventStore, FeedbackAnswer, QuarantinedRecord } from '../store/events/event-store.js';
import { checkBatchSize, type IngestOptions, type IngestResult, storeInTurn } from './ingest-interactions.js';
import { validateRecords, ZFeedbackRecord } from './records.js';
import { resolveTouchpointKeys } from './resolve-touchpoint-keys.js';

/** Stores a batch of survey answers for the workspace; answers without an id get a random one. */
export async function ingestFeedback(
  db: Db,
  events: EventStore,
  workspaceId: string,
  records: readonly unknown[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  checkBatchSize(records.length, 'answers', options.maxBatch);
  const { valid, rejected } = validateRecords(ZFeedbackRecord, records);
  const keys = [...new Set(valid.map((v) => v.record.touchpoint))];
  const resolved = await resolveTouchpointKeys(db, events, workspaceId, keys);

  const stored: FeedbackAnswer[] = [];
  const pending: QuarantinedRecord[] = [];
  for (const { record: r } of valid) {
    const id = r.id ?? crypto.randomUUID();
    const fields = {
      customer: r.customer ?? null,
      kind: r.kind,
      score: r.score,
      comment: r.comment ?? null,
      source: r.source ?? 'import',
      language: r.language ?? null,
    };
    const touchpoint = resolved.get(r.touchpoint);
    if (touchpoint) stored.push({ workspaceId, id, touchpointId: touchpoint.id, at: r.at, ...fields });
    else
      pending.push({
        workspaceId,
        kind: 'feedback',
        id,
        touchpointKey: r.touchpoint,
        at: r.at,
        record: fields,
      });
  }
  const [inserted, quarantined] = await storeInTurn(
    options.turn,
    () => events.insertFeedback(stored),
    () => events.quarantine(pending),
  );
  return {
    accepted: inserted.inserted,
    duplicates: inserted.duplicates + quarantined.duplicates,
    quarantined: quarantined.inserted,
    rejected,
  };
}
