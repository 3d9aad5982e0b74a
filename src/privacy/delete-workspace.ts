import type { Db } from '../store/catalog/db.js';
import { deleteWorkspace } from '../store/catalog/workspaces.js';
import type { EventStore, PurgeResult } from '../store/events/event-store.js';
import { type PhotoStore, removeWorkspacePhotos } from '../store/photos.js';
import { runEventPurge } from './event-purges.js';

/**
 * Deletes a workspace from every store: the catalog rows with the promise of the event-store
 * purge (one transaction), then the workspace's audit photo files and its interactions, feedback
 * and quarantined records. Resolves only once all are done; a crash in between is finished on the
 * next start (the outbox for the event store, `sweepOrphanPhotos` for the photo files).
 */
export async function deleteWorkspaceEverywhere(
  db: Db,
  events: EventStore,
  workspaceId: string,
  photos?: Pick<PhotoStore, 'dir'>,
): Promise<PurgeResult> {
  const purge = await deleteWorkspace(db, workspaceId);
  if (photos) await removeWorkspacePhotos(photos, workspaceId);
  return runEventPurge(db, events, purge);
}
