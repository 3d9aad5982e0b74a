/**
 * Brands: the workspace's own brand (exactly one, created with the workspace) and its
 * competitors. Touchpoints belong to a brand, so competitor touchpoints can be audited too.
 */
import { and, count, eq, ilike, ne, or } from 'drizzle-orm';
import { ConflictError } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { audits, brands, touchpoints } from './schema.js';
import { findOne, updateVersioned } from './versioned.js';

export type BrandRow = typeof brands.$inferSelect;

export function toBrandDto(b: BrandRow) {
  return {
    id: b.id,
    name: b.name,
    website: b.website,
    isOwn: b.isOwn,
    version: b.version,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export interface BrandInput {
  name: string;
  website?: string | undefined;
}

export interface BrandFilter extends PageQuery {
  isOwn?: boolean | undefined;
  q?: string | undefined;
}

export const BRAND_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

/** One page of the workspace's brands, filtered by own/competitor and text. */
export async function listBrands(db: Db, workspaceId: string, f: BrandFilter) {
  const where = and(
    eq(brands.workspaceId, workspaceId),
    f.isOwn === undefined ? undefined : eq(brands.isOwn, f.isOwn),
    f.q ? or(ilike(brands.name, likePattern(f.q)), ilike(brands.website, likePattern(f.q))) : undefined,
  );
  const sortable = { name: brands.name, createdAt: brands.createdAt, updatedAt: brands.updatedAt };
  const { rows, total } = await readPage(db, brands, where, sortable, 'name', f);
  return { items: rows.map(toBrandDto), total, limit: f.limit, offset: f.offset };
}

export async function getBrand(db: Db, workspaceId: string, id: string): Promise<BrandRow> {
  return findOne(db, brands, 'brand', workspaceId, id);
}

/** The workspace's own brand, the default brand of new touchpoints. */
export async function getOwnBrand(db: Db, workspaceId: string): Promise<BrandRow> {
  const [row] = await db
    .select()
    .from(brands)
    .where(and(eq(brands.workspaceId, workspaceId), eq(brands.isOwn, true)))
    .limit(1);
  if (!row) throw new Error(`workspace ${workspaceId} has no own brand`);
  return row;
}

/** Brand names are unique per workspace; says so clearly instead of a bare constraint name. */
async function ensureNameFree(db: Db, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: brands.id })
    .from(brands)
    .where(
      and(
        eq(brands.workspaceId, workspaceId),
        eq(brands.name, name),
        exceptId ? ne(brands.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw new ConflictError(`a brand named "${name}" already exists in this workspace`, { field: 'name' });
}

/** Adds a competitor brand (the own brand comes with the workspace). */
export async function createBrand(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: BrandInput,
): Promise<BrandRow> {
  return db.transaction(async (tx) => {
    await ensureNameFree(tx, workspaceId, input.name);
    const [row] = await tx
      .insert(brands)
      .values({ id: crypto.randomUUID(), workspaceId, ...input, isOwn: false })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'brand',
      entityId: row.id,
      after: toBrandDto(row),
    });
    return row;
  });
}

/** Renames a brand or changes its website; whether it is the own brand never changes. */
export async function updateBrand(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<BrandInput> & { version: number },
): Promise<BrandRow> {
  return db.transaction(async (tx) => {
    const before = await getBrand(tx, workspaceId, id);
    const { version, ...values } = patch;
    if (values.name !== undefined && values.name !== before.name)
      await ensureNameFree(tx, workspaceId, values.name, id);
    const after = await updateVersioned(tx, brands, 'brand', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'brand',
      entityId: id,
      before: toBrandDto(before),
      after: toBrandDto(after),
    });
    return after;
  });
}

/** Deletes a competitor brand that no touchpoint uses; the own brand always stays. */
export async function deleteBrand(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getBrand(tx, workspaceId, id);
    if (before.isOwn)
      throw new ConflictError('the own brand of the workspace cannot be deleted; rename it instead', {
        field: 'isOwn',
      });
    const [used] = await tx
      .select({ n: count() })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.brandId, id)));
    const n = Number(used?.n ?? 0);
    if (n > 0) {
      throw new ConflictError(
        `brand "${before.name}" is used by ${n} touchpoint${n === 1 ? '' : 's'}; move ${n === 1 ? 'it' : 'them'} to another brand or delete ${n === 1 ? 'it' : 'them'} first`,
        { touchpointCount: n },
        'in_use',
      );
    }
    const [audited] = await tx
      .select({ n: count() })
      .from(audits)
      .where(and(eq(audits.workspaceId, workspaceId), eq(audits.brandId, id)));
    const a = Number(audited?.n ?? 0);
    if (a > 0) {
      throw new ConflictError(
        `brand "${before.name}" has ${a} audit${a === 1 ? '' : 's'}; delete ${a === 1 ? 'it' : 'them'} first`,
        { auditCount: a },
        'in_use',
      );
    }
    await tx.delete(brands).where(and(eq(brands.id, id), eq(brands.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'brand',
      entityId: id,
      before: toBrandDto(before),
    });
  });
}
