/** A touchpoint's recorded history outlives its catalog entry only as a retired touchpoint, never as orphans. */
import { ConflictError } from '../domain/errors.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { deleteTouchpoint, getTouchpoint } from '../store/catalog/touchpoints.js';
import type { EventStore } from '../store/events/event-store.js';

/**
 * Deletes a touchpoint unless interactions were recorded at it (409: retire it instead). Its
 * key can change freely: interactions store the touchpoint's id, not its key.
 */
export async function deleteUnrecordedTouchpoint(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  id: string,
): Promise<void> {
  const touchpoint = await getTouchpoint(db, workspaceId, id);
  const recorded = (await events.countByTouchpoint(workspaceId, [id])).get(id) ?? 0;
  if (recorded > 0) {
    throw new ConflictError(
      `touchpoint "${touchpoint.key}" has ${recorded} recorded interaction${recorded === 1 ? '' : 's'}; retire it instead (status retired)`,
      { interactionCount: recorded },
      'in_use',
    );
  }
  await deleteTouchpoint(db, actor, workspaceId, id);
}
