/**
 * A customer's rights over what the workspace measured about them: export everything stored under
 * their customer key, or erase it from every store.
 */
import { type Actor, recordAudit } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { recordEventPurge } from '../store/catalog/event-purges.js';
import type { CustomerRecords, EventStore, PurgeResult } from '../store/events/event-store.js';
import { runEventPurge } from './event-purges.js';

/**
 * Everything stored about one customer key, as a JSON document: times in ISO 8601, props as
 * objects. The audit log records that an export happened and its counts, never the key.
 */
export async function exportCustomer(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  customer: string,
) {
  const records: CustomerRecords = await events.exportCustomer(workspaceId, customer);
  await recordAudit(db, actor, workspaceId, {
    action: 'export',
    entityType: 'customer',
    entityId: '-',
    after: {
      interactions: records.interactions.length,
      feedback: records.feedback.length,
      quarantined: records.quarantined.length,
    },
  });
  const iso = (at: number) => new Date(at).toISOString();
  return {
    workspaceId,
    customer,
    exportedAt: new Date().toISOString(),
    interactions: records.interactions.map(({ workspaceId: _, customer: __, ...i }) => ({
      ...i,
      at: iso(i.at),
      props: i.props === null ? null : (JSON.parse(i.props) as Record<string, unknown>),
    })),
    feedback: records.feedback.map(({ workspaceId: _, customer: __, ...f }) => ({ ...f, at: iso(f.at) })),
    quarantined: records.quarantined.map(({ workspaceId: _, ...q }) => ({
      ...q,
      at: iso(q.at),
      record: Object.fromEntries(Object.entries(q.record)),
    })),
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

export interface ErasureResult extends PurgeResult {
  /** Distinct customer keys erased (stored or not). */
  customers: number;
}

/**
 * Erases customer keys from every store. The promise (the keys, in `event_purges`) is written
 * first, so a crash before the end is finished on the next start; the audit entry, written when
 * the erasure is done, records its counts but never the keys. Resolves once no analysis counts
 * them any more.
 */
export async function eraseCustomers(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  customers: readonly string[],
): Promise<ErasureResult> {
  const keys = [...new Set(customers)];
  const purge = await recordEventPurge(db, { workspaceId, kind: 'customers', customers: keys });
  const removed = await runEventPurge(db, events, purge, actor);
  return { customers: keys.length, ...removed };
}
