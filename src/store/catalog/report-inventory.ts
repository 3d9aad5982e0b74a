/**
 * The touchpoint inventory as the audit report lists it: every touchpoint of a workspace with its
 * brand, channel, stage, direction and status, in one query (a catalog holds hundreds of
 * touchpoints, not millions), ordered by name.
 */
import { asc, eq } from 'drizzle-orm';
import type { Direction } from '../../domain/vocabulary.js';
import type { Db } from './db.js';
import { brands, channels, touchpoints } from './schema.js';

export interface InventoryTouchpoint {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
  brandId: string;
  brandName: string;
  isOwnBrand: boolean;
  channelKey: string | null;
  /** The name the workspace gave the channel; null for a built-in one never renamed (or no channel). */
  channelName: string | null;
  stage: string | null;
  direction: Direction;
  status: 'planned' | 'active' | 'retired';
}

/** Every touchpoint of the workspace with its brand and channel, by name. */
export async function touchpointInventory(db: Db, workspaceId: string): Promise<InventoryTouchpoint[]> {
  const rows = await db
    .select({
      id: touchpoints.id,
      key: touchpoints.key,
      name: touchpoints.name,
      parentId: touchpoints.parentId,
      brandId: touchpoints.brandId,
      brandName: brands.name,
      isOwnBrand: brands.isOwn,
      channelKey: channels.key,
      channelName: channels.name,
      stage: touchpoints.stage,
      direction: touchpoints.direction,
      status: touchpoints.status,
    })
    .from(touchpoints)
    .innerJoin(brands, eq(brands.id, touchpoints.brandId))
    .leftJoin(channels, eq(channels.id, touchpoints.channelId))
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.name), asc(touchpoints.id));
  return rows.map((r) => ({
    ...r,
    direction: r.direction as Direction,
    status: r.status as InventoryTouchpoint['status'],
  }));
}
