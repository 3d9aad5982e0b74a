/**
 * The outbox of event-store purges (`event_purges`): a purge the catalog has promised is written
 * in the same transaction as the catalog change and removed once the event store has done it, so
 * a crash between the two leaves a row that the next start finishes (privacy/event-purges.ts).
 */
import { asc, eq } from 'drizzle-orm';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { eventPurges, workspaces } from './schema.js';

export type EventPurge = typeof eventPurges.$inferSelect;

export type NewEventPurge =
  | { workspaceId: string; kind: 'workspace' }
  | { workspaceId: string; kind: 'customers'; customers: readonly string[] };

/** Promises a purge; call it inside the transaction of the catalog change it belongs to. */
export async function recordEventPurge(db: Db, purge: NewEventPurge): Promise<EventPurge> {
  const [row] = await db
    .insert(eventPurges)
    .values({
      id: crypto.randomUUID(),
      workspaceId: purge.workspaceId,
      kind: purge.kind,
      customers: purge.kind === 'customers' ? [...purge.customers] : null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** The purges not done yet, oldest first. */
export async function listEventPurges(db: Db): Promise<EventPurge[]> {
  return db.select().from(eventPurges).orderBy(asc(eventPurges.requestedAt), asc(eventPurges.id));
}

/** Removes a done purge (with the customer keys it held). */
export async function removeEventPurge(db: Db, id: string): Promise<void> {
  await db.delete(eventPurges).where(eq(eventPurges.id, id));
}

/**
 * Removes a done customer erasure and, in the same transaction, writes its audit entry: that an
 * erasure happened and how much it removed, never the keys or the data (the log outlives what it
 * describes). A workspace deleted meanwhile has no audit log left to write to.
 */
export async function completeCustomerErasure(
  db: Db,
  purge: EventPurge,
  actor: Actor,
  counts: { customers: number; interactions: number; feedback: number; quarantined: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await removeEventPurge(tx, purge.id);
    const [workspace] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, purge.workspaceId));
    if (!workspace) return;
    await recordAudit(tx, actor, purge.workspaceId, {
      action: 'erase',
      entityType: 'customer',
      entityId: purge.id,
      after: counts,
    });
  });
}
