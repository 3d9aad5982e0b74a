/**
 * Unmapped touchpoints: keys that records named but the catalog did not know. Their records
 * wait in quarantine until the key is mapped to a touchpoint (or one is created with that key),
 * and are then replayed into the store.
 */
import { and, eq } from 'drizzle-orm';
import { ConflictError } from '../domain/errors.js';
import { type Actor, recordAudit } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { touchpoints } from '../store/catalog/schema.js';
import {
  createTouchpoint,
  getTouchpoint,
  type TouchpointInput,
  type TouchpointRow,
} from '../store/catalog/touchpoints.js';
import type { EventStore, ReplayResult } from '../store/events/event-store.js';
import { defaultDirection, resolveTouchpointKeys } from './resolve-touchpoint-keys.js';

export interface UnmappedTouchpoint {
  touchpointKey: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** A touchpoint the key now resolves to (created or mapped after these records came): map to replay. */
  touchpointId: string | null;
}

/** The workspace's unknown keys with their record counts and first/last record times, most records first. */
export async function listUnmappedTouchpoints(
  db: Db,
  events: EventStore,
  workspaceId: string,
): Promise<UnmappedTouchpoint[]> {
  const unmapped = await events.listUnmapped(workspaceId);
  const resolved = await resolveTouchpointKeys(
    db,
    events,
    workspaceId,
    unmapped.map((u) => u.touchpointKey),
  );
  return unmapped.map((u) => ({
    touchpointKey: u.touchpointKey,
    count: u.count,
    firstSeen: new Date(u.firstSeen).toISOString(),
    lastSeen: new Date(u.lastSeen).toISOString(),
    touchpointId: resolved.get(u.touchpointKey)?.id ?? null,
  }));
}

export type MapUnmappedInput =
  | { touchpointKey: string; touchpointId: string }
  | { touchpointKey: string; create: Omit<TouchpointInput, 'key'> };

export interface MapUnmappedResult {
  touchpoint: TouchpointRow;
  /** The touchpoint was created with the key. */
  created: boolean;
  /** The key was recorded as an alias of a touchpoint with another key: later records follow it. */
  aliased: boolean;
  replayed: ReplayResult;
}

/**
 * Maps an unknown key to an existing touchpoint (recorded as an alias when the keys differ) or
 * to a new touchpoint created with that key, then replays the key's quarantined records.
 */
export async function mapUnmappedTouchpoint(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  input: MapUnmappedInput,
): Promise<MapUnmappedResult> {
  const key = input.touchpointKey;
  if ('create' in input) {
    const touchpoint = await createTouchpoint(db, actor, workspaceId, { ...input.create, key });
    const replayed = await replayQuarantinedFor(events, workspaceId, touchpoint);
    return { touchpoint, created: true, aliased: false, replayed };
  }
  const touchpoint = await getTouchpoint(db, workspaceId, input.touchpointId);
  const aliased = touchpoint.key !== key;
  if (aliased) {
    const [owner] = await db
      .select({ id: touchpoints.id })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.key, key)))
      .limit(1);
    if (owner) {
      throw new ConflictError(
        `touchpoint key "${key}" belongs to another touchpoint (${owner.id}); map the key to that one`,
        { field: 'touchpointKey', touchpointId: owner.id },
      );
    }
    await events.setTouchpointAlias(workspaceId, key, touchpoint.id);
    await recordAudit(db, actor, workspaceId, {
      action: 'map_key',
      entityType: 'touchpoint',
      entityId: touchpoint.id,
      after: { alias: key },
    });
  }
  const replayed = await events.replayQuarantined(workspaceId, key, {
    id: touchpoint.id,
    direction: defaultDirection(touchpoint.direction),
  });
  return { touchpoint, created: false, aliased, replayed };
}

/** Replays the records quarantined under a touchpoint's own key (after it was created or re-keyed). */
export function replayQuarantinedFor(
  events: EventStore,
  workspaceId: string,
  touchpoint: TouchpointRow,
): Promise<ReplayResult> {
  return events.replayQuarantined(workspaceId, touchpoint.key, {
    id: touchpoint.id,
    direction: defaultDirection(touchpoint.direction),
  });
}
