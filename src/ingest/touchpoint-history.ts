/**
 * A touchpoint's life next to its recorded history: records waiting for its key are replayed when
 * it is added or re-keyed, and a touchpoint with history is retired, never deleted.
 */
import { ConflictError } from '../domain/errors.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import {
  createTouchpoint,
  deleteTouchpoint,
  getTouchpoint,
  type TouchpointInput,
  type TouchpointRow,
  updateTouchpoint,
} from '../store/catalog/touchpoints.js';
import type { EventStore } from '../store/events/event-store.js';
import { replayQuarantinedFor } from './unmapped-touchpoints.js';

/** "3 interactions and 1 feedback answer": the recorded history that keeps a touchpoint. */
function describeHistory(interactions: number, feedback: number): string {
  const parts: string[] = [];
  if (interactions > 0) parts.push(`${interactions} recorded interaction${interactions === 1 ? '' : 's'}`);
  if (feedback > 0) parts.push(`${feedback} recorded feedback answer${feedback === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

/**
 * Deletes a touchpoint unless interactions or feedback answers were recorded at it (409: retire
 * it instead). Its key can change freely: records store the touchpoint's id, not its key.
 */
export async function deleteUnrecordedTouchpoint(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  id: string,
): Promise<void> {
  const touchpoint = await getTouchpoint(db, workspaceId, id);
  const [interactions, feedback] = await Promise.all([
    events.countByTouchpoint(workspaceId, [id]).then((m) => m.get(id) ?? 0),
    events.countFeedbackByTouchpoint(workspaceId, [id]).then((m) => m.get(id) ?? 0),
  ]);
  if (interactions > 0 || feedback > 0) {
    throw new ConflictError(
      `touchpoint "${touchpoint.key}" has ${describeHistory(interactions, feedback)}; retire it instead (status retired)`,
      { interactionCount: interactions, feedbackCount: feedback },
      'in_use',
    );
  }
  await deleteTouchpoint(db, actor, workspaceId, id);
}

/** Adds a touchpoint; records waiting in quarantine under its key are replayed onto it. */
export async function addTouchpoint(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  input: TouchpointInput,
): Promise<TouchpointRow> {
  const touchpoint = await createTouchpoint(db, actor, workspaceId, input);
  await replayQuarantinedFor(events, workspaceId, touchpoint);
  return touchpoint;
}

/** Changes a touchpoint; a new key keeps its history and replays records waiting under that key. */
export async function changeTouchpoint(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<TouchpointInput> & { version: number },
): Promise<TouchpointRow> {
  const touchpoint = await updateTouchpoint(db, actor, workspaceId, id, patch);
  if (patch.key !== undefined) await replayQuarantinedFor(events, workspaceId, touchpoint);
  return touchpoint;
}
