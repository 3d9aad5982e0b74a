/**
 * Finds the touchpoints that incoming records name by key: the catalog first, then the aliases
 * recorded when an unknown key was mapped to a touchpoint with another key.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Direction } from '../domain/vocabulary.js';
import type { Db } from '../store/catalog/db.js';
import { touchpoints } from '../store/catalog/schema.js';
import type { EventStore } from '../store/events/event-store.js';

/** Where records of one key go, and the direction they get when they do not say. */
export interface ResolvedTouchpoint {
  id: string;
  direction: 'in' | 'out';
}

/** A touchpoint's direction as the default of its interactions: `both` counts as `in`. */
export function defaultDirection(direction: Direction | string): 'in' | 'out' {
  return direction === 'out' ? 'out' : 'in';
}

/** The touchpoint of each key that is known (unknown keys are absent): two catalog queries at most. */
export async function resolveTouchpointKeys(
  db: Db,
  events: EventStore,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, ResolvedTouchpoint>> {
  const resolved = new Map<string, ResolvedTouchpoint>();
  if (keys.length === 0) return resolved;
  const byKey = await db
    .select({ id: touchpoints.id, key: touchpoints.key, direction: touchpoints.direction })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.key, [...keys])));
  for (const t of byKey) resolved.set(t.key, { id: t.id, direction: defaultDirection(t.direction) });

  const unknown = keys.filter((k) => !resolved.has(k));
  if (unknown.length === 0) return resolved;
  const aliases = await events.findTouchpointAliases(workspaceId, unknown);
  if (aliases.size === 0) return resolved;
  // An alias of a touchpoint deleted since then leads nowhere: its records wait in quarantine.
  const targets = await db
    .select({ id: touchpoints.id, direction: touchpoints.direction })
    .from(touchpoints)
    .where(
      and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.id, [...new Set(aliases.values())])),
    );
  const direction = new Map(targets.map((t) => [t.id, defaultDirection(t.direction)]));
  for (const [key, id] of aliases) {
    const d = direction.get(id);
    if (d) resolved.set(key, { id, direction: d });
  }
  return resolved;
}
