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
  InteractionColumns,
  QuarantinedRecord,
} from '../store/events/event-store.js';
import {
  type DecodedInteractions,
  DIRECTIONS,
  decodedBatch,
  decodedRecord,
} from './decode-interaction-batch.js';
import { MAX_BATCH, OUTCOMES, type Rejection } from './records.js';
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
 * Stores a batch of interactions for the workspace: records as sent (each validated on its own),
 * or a batch the request's fast lane already decoded (all valid; see
 * decode-interaction-batch.ts). Records without an id get a random one, so re-sending them
 * stores them again: clients that retry should send ids.
 */
export async function ingestInteractions(
  db: Db,
  events: EventStore,
  workspaceId: string,
  records: readonly unknown[] | DecodedInteractions,
  options: IngestOptions = {},
): Promise<IngestResult> {
  let batch: DecodedInteractions;
  let rejected: Rejection[] = [];
  if (Array.isArray(records)) {
    checkBatchSize(records.length, 'interactions', options.maxBatch);
    const validated = validateInteractions(records);
    batch = decodedBatch(validated.valid);
    rejected = validated.rejected;
  } else {
    batch = records as DecodedInteractions;
    checkBatchSize(batch.length, 'interactions', options.maxBatch);
  }
  const keys = batch.touchpointKey.values;
  const resolved = await resolveTouchpointKeys(db, events, workspaceId, keys);

  // Per key code: the touchpoint's id (a placeholder for unknown keys, whose rows are not
  // stored) and the code of its direction, for records that give none.
  const touchpointIds = keys.map((key) => resolved.get(key)?.id ?? '');
  const defaultDirectionCode = [
    0,
    ...keys.map((key) => DIRECTIONS.indexOf(resolved.get(key)?.direction ?? 'in') + 1),
  ];
  const keyCodes = batch.touchpointKey.codes;
  const direction = Int8Array.from(
    batch.direction,
    (code, i) => code || (defaultDirectionCode[keyCodes[i] ?? 0] ?? 1),
  );
  for (let i = 0; i < batch.length; i++) batch.id[i] ??= crypto.randomUUID();

  const pending: QuarantinedRecord[] = [];
  let rows: number[] | undefined;
  if (resolved.size < keys.length) {
    rows = [];
    for (let i = 0; i < batch.length; i++) {
      if (resolved.has(keys[(keyCodes[i] ?? 0) - 1] ?? '')) {
        rows.push(i);
        continue;
      }
      const { id, touchpointKey, at, ...record } = decodedRecord(batch, i);
      pending.push({ workspaceId, kind: 'interaction', id: id ?? '', touchpointKey, at, record });
    }
  }
  const stored: InteractionColumns = {
    length: batch.length,
    rows,
    workspaceId: { values: [workspaceId], codes: new Int8Array(batch.length).fill(1) },
    id: batch.id as string[],
    customer: batch.customer,
    touchpointId: { values: touchpointIds, codes: keyCodes },
    at: batch.at,
    direction: { values: DIRECTIONS, codes: direction },
    sentiment: batch.sentiment,
    outcome: { values: OUTCOMES, codes: batch.outcome },
    value: batch.value,
    responseMs: batch.responseMs,
    waitMs: batch.waitMs,
    durationMs: batch.durationMs,
    props: batch.props,
  };
  const [inserted, quarantined] = await storeInTurn(
    options.turn,
    () => events.insertInteractionColumns(stored),
    () => events.quarantine(pending),
  );
  return {
    accepted: inserted.inserted,
    duplicates: inserted.duplicates + quarantined.duplicates,
    quarantined: quarantined.inserted,
    rejected,
  };
}
