/**
 * A customer's rights over what the workspace measured about them: export everything stored under
 * their customer key, or erase it from every store — the event store's interactions and feedback,
 * and the catalog's complaints (with their history), reviews (by customer key or author) and
 * survey contacts.
 */
import { type Actor, recordAudit } from '../store/catalog/audit.js';
import { complaintsOfCustomer, deleteComplaintsOfCustomers } from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';
import { recordEventPurge } from '../store/catalog/event-purges.js';
import { deleteReviewsOfCustomer, reviewsOfCustomer } from '../store/catalog/reviews.js';
import { contactsOfCustomer, deleteContactsOfCustomer } from '../store/catalog/survey-contacts.js';
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
  const [complaints, reviews, surveyContacts] = await Promise.all([
    complaintsOfCustomer(db, workspaceId, customer),
    reviewsOfCustomer(db, workspaceId, customer),
    contactsOfCustomer(db, workspaceId, customer),
  ]);
  await recordAudit(db, actor, workspaceId, {
    action: 'export',
    entityType: 'customer',
    entityId: '-',
    after: {
      interactions: records.interactions.length,
      feedback: records.feedback.length,
      quarantined: records.quarantined.length,
      complaints: complaints.length,
      reviews: reviews.length,
      surveyContacts: surveyContacts.length,
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
    complaints,
    reviews,
    surveyContacts,
  };
}

export type CustomerExport = Awaited<ReturnType<typeof exportCustomer>>;

export interface ErasureResult extends PurgeResult {
  /** Distinct customer keys erased (stored or not). */
  customers: number;
  /** Catalog rows deleted: complaints (with their history), reviews, survey contacts. */
  complaints: number;
  reviews: number;
  surveyContacts: number;
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
  // The catalog's rows go in the transaction that promises the event store's purge.
  const { purge, catalog } = await db.transaction(async (tx) => {
    const complaints = await deleteComplaintsOfCustomers(tx, workspaceId, keys);
    const reviews = (await deleteReviewsOfCustomer(tx, workspaceId, keys)).length;
    let surveyContacts = 0;
    for (const key of keys) surveyContacts += await deleteContactsOfCustomer(tx, workspaceId, key);
    const promised = await recordEventPurge(tx, { workspaceId, kind: 'customers', customers: keys });
    return { purge: promised, catalog: { complaints, reviews, surveyContacts } };
  });
  const removed = await runEventPurge(db, events, purge, actor);
  return { customers: keys.length, ...removed, ...catalog };
}
