/**
 * Runs the event-store purges the catalog has promised (`event_purges`, see
 * store/catalog/event-purges.ts): the event store first, then the outbox row goes. Every purge is
 * idempotent, so a purge run twice (a crash after the event store, before the row went) does no
 * harm.
 */
import { type Actor, SYSTEM_ACTOR } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import {
  completeCustomerErasure,
  type EventPurge,
  listEventPurges,
  removeEventPurge,
} from '../store/catalog/event-purges.js';
import type { EventStore, PurgeResult } from '../store/events/event-store.js';

/** Runs one promised purge and removes its outbox row; a customer erasure also writes its audit entry. */
export async function runEventPurge(
  db: Db,
  events: EventStore,
  purge: EventPurge,
  actor: Actor = SYSTEM_ACTOR,
): Promise<PurgeResult> {
  if (purge.kind === 'workspace') {
    const removed = await events.deleteWorkspace(purge.workspaceId);
    await removeEventPurge(db, purge.id);
    return removed;
  }
  if (purge.kind === 'customers') {
    const customers = purge.customers ?? [];
    const removed = await events.eraseCustomers(purge.workspaceId, customers);
    await completeCustomerErasure(db, purge, actor, { customers: customers.length, ...removed });
    return removed;
  }
  throw new Error(`unknown event purge kind "${purge.kind}"`);
}

/**
 * Finishes the purges a crash left behind (oldest first); run when the store opens, before
 * anything reads the event store. Answers how many it finished.
 */
export async function finishPendingPurges(db: Db, events: EventStore): Promise<number> {
  const pending = await listEventPurges(db);
  for (const purge of pending) await runEventPurge(db, events, purge);
  return pending.length;
}
