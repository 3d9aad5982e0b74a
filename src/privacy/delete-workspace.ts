import type { Db } from '../store/catalog/db.js';
import { deleteWorkspace } from '../store/catalog/workspaces.js';
import type { EventStore, PurgeResult } from '../store/events/event-store.js';
import { runEventPurge } from './event-purges.js';

/**
 * Deletes a workspace from every store: the catalog rows with the promise of the event-store
 * purge (one transaction), then the workspace's interactions, feedback and quarantined records.
 * Resolves only once both are done; a crash in between is finished on the next start.
 */
export async function deleteWorkspaceEverywhere(
  db: Db,
  events: EventStore,
  workspaceId: string,
): Promise<PurgeResult> {
  const purge = await deleteWorkspace(db, workspaceId);
  return runEventPurge(db, events, purge);
}
