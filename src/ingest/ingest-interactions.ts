/**
 * Ingests a batch of interactions (SPEC §5): each record is validated on its own, touchpoint
 * keys are resolved once per batch, known ones are stored (ids already stored are ignored) and
 * unknown ones are quarantined until their key is mapped.
 */
import { AppError } from '../domain/errors.js';
import type { Db } from '../store/catalog/db.js';
import type {
  EventStore,
  InsertResult,
  Interaction,
  QuarantinedRecord,
} from '../store/events/event-store.js';
import { MAX_BATCH, type Rejection } from './records.js';
import { resolveTouchpointKeys } from './resolve-touchpoint-keys.js';
import { validateInteractions } from './validate-interactions.js';

/** What became of a batch: stored, already there, waiting for their touchpoint, refused. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  quarantined: number;
  rejected: Rejection[];
}

export interface IngestOptions {
  /** How large a batch may be: MAX_BATCH for a request, more for a file imported on the data directory. */
  maxBatch?: number;
  /**
   * The turn of this batch among batches ingested together (a file's, in file order): the batch
   * is handed to the store only once `turn.after` has settled, and calls `turn.handed()` as soon
   * as it has been — so the store takes them in that order, and the first record of a repeated
   * id wins, whichever batch is validated and resolved first.
   */
  turn?: { after: Promise<unknown>; handed: () => void };
}

/**
 * Hands the stored and the quarantined records of a batch to the store, in the batch's turn: the
 * store orders its writes by call, so both calls are made before the next batch may make its own.
 */
export async function storeInTurn<T>(
  turn: IngestOptions['turn'],
  store: () => Promise<T>,
  quarantine: () => Promise<InsertResult>,
): Promise<[T, InsertResult]> {
  if (turn) await turn.after;
  const storing = store();
  const quarantining = quarantine();
  turn?.handed();
  return Promise.all([storing, quarantining]);
}

/** 413 for a batch over the limit: the client should split it, not drop records. */
export function checkBatchSize(count: number, what: string, maxBatch = MAX_BATCH): void {
  if (count > maxBatch) {
    throw new AppError(
      413,
      'payload_too_large',
      `at most ${maxBatch} ${what} per request; this one has ${count}: split the batch`,
    );
  }
}

/**
 * Stores a batch of interactions for the workspace. Records without an id get a random one, so
 * re-sending them stores them again: clients that retry should send ids.
 */
export async function ingestInteractions(
  db: Db,
  events: EventStore,
  workspaceId: string,
  records: readonly unknown[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  checkBatchSize(records.length, 'interactions', options.maxBatch);
  const { valid, rejected } = validateInteractions(records);
  const keys = new Set<string>();
  for (const r of valid) keys.add(r.touchpointKey);
  const resolved = await resolveTouchpointKeys(db, events, workspaceId, [...keys]);

  const stored: Interaction[] = [];
  const pending: QuarantinedRecord[] = [];
  for (const r of valid) {
    const id = r.id ?? crypto.randomUUID();
    const touchpoint = resolved.get(r.touchpointKey);
    if (touchpoint) {
      stored.push({
        workspaceId,
        id,
        customer: r.customer,
        touchpointId: touchpoint.id,
        at: r.at,
        direction: r.direction ?? touchpoint.direction,
        sentiment: r.sentiment,
        outcome: r.outcome,
        value: r.value,
        responseMs: r.responseMs,
        waitMs: r.waitMs,
        durationMs: r.durationMs,
        props: r.props,
      });
    } else {
      const { id: _id, touchpointKey, at, ...record } = r;
      pending.push({ workspaceId, kind: 'interaction', id, touchpointKey, at, record });
    }
  }
  const [inserted, quarantined] = await storeInTurn(
    options.turn,
    () => events.insertInteractions(stored),
    () => events.quarantine(pending),
  );
  return {
    accepted: inserted.inserted,
    duplicates: inserted.duplicates + quarantined.duplicates,
    quarantined: quarantined.inserted,
    rejected,
  };
}
