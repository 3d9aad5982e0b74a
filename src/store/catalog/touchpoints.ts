/**
 * Touchpoints: every place and moment where a customer meets the business (SPEC §2–§3).
 * Composite touchpoints form a tree through `parentId`; `key` is the stable slug ingestion uses.
 */
import {
  and,
  arrayContains,
  count,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { ConflictError, type FieldIssue, ValidationError } from '../../domain/errors.js';
import { closesParentCycle } from '../../domain/touchpoint-tree.js';
import {
  type ATTENTION_SPANS,
  DEFAULT_STAGE_KEYS,
  type Direction,
  type LIFETIMES,
  TOUCHPOINT_STATUSES,
} from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import { getOwnBrand } from './brands.js';
import type { Db } from './db.js';
import { removeTouchpointFromJourneys } from './journeys.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import {
  brands,
  chainLinks,
  chains,
  channels,
  standards,
  subjects,
  touchpoints,
  workspaces,
} from './schema.js';
import { toStandardDto } from './standards.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';
import { existingMemberIds } from './workspaces.js';

export type TouchpointRow = typeof touchpoints.$inferSelect;
export type StageKey = (typeof DEFAULT_STAGE_KEYS)[number];
export type AttentionSpan = (typeof ATTENTION_SPANS)[number];
export type Lifetime = (typeof LIFETIMES)[number];
export type TouchpointStatus = (typeof TOUCHPOINT_STATUSES)[number];

export function toTouchpointDto(t: TouchpointRow) {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    description: t.description,
    brandId: t.brandId,
    subjectId: t.subjectId,
    parentId: t.parentId,
    channelId: t.channelId,
    direction: t.direction as Direction,
    stage: t.stage as StageKey | null,
    online: t.online,
    attention: t.attention as AttentionSpan | null,
    lifetime: t.lifetime as Lifetime | null,
    controllable: t.controllable,
    priority: t.priority,
    ownerUserId: t.ownerUserId,
    status: t.status as TouchpointStatus,
    tags: t.tags,
    brandedMaterial: t.brandedMaterial,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** A touchpoint as written by a client; references are ids of the same workspace. */
export interface TouchpointInput {
  key: string;
  name: string;
  description?: string | undefined;
  /** Default: the workspace's own brand. */
  brandId?: string | undefined;
  subjectId?: string | null | undefined;
  parentId?: string | null | undefined;
  channelId?: string | null | undefined;
  direction?: Direction | undefined;
  stage?: StageKey | null | undefined;
  /** Default: the channel's online flag, or online when there is no channel. */
  online?: boolean | undefined;
  attention?: AttentionSpan | null | undefined;
  lifetime?: Lifetime | null | undefined;
  controllable?: boolean | undefined;
  priority?: number | undefined;
  ownerUserId?: string | null | undefined;
  status?: TouchpointStatus | undefined;
  tags?: string[] | undefined;
  brandedMaterial?: string | undefined;
}

export interface TouchpointFilter extends PageQuery {
  stage?: StageKey | undefined;
  channelId?: string | undefined;
  /** A channel key, as an alternative to `channelId`. */
  channel?: string | undefined;
  direction?: Direction | undefined;
  subjectId?: string | undefined;
  brandId?: string | undefined;
  status?: TouchpointStatus | undefined;
  tag?: string | undefined;
  parentId?: string | undefined;
  /** true: only top-level touchpoints (no parent); false: only children. */
  root?: boolean | undefined;
  ownerUserId?: string | undefined;
  online?: boolean | undefined;
  q?: string | undefined;
}

export const TOUCHPOINT_SORTS = [
  'key',
  'name',
  'priority',
  'stage',
  'status',
  'createdAt',
  'updatedAt',
] as const;

/** Position of a value in a fixed vocabulary, so stages and statuses sort in their natural order. */
function orderOf(column: PgColumn, values: readonly string[]): SQL {
  return sql`array_position(ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[], ${column})`;
}

/** One page of the workspace's touchpoints matching every given filter. */
export async function listTouchpoints(db: Db, workspaceId: string, f: TouchpointFilter) {
  const where = and(
    eq(touchpoints.workspaceId, workspaceId),
    f.stage ? eq(touchpoints.stage, f.stage) : undefined,
    f.channelId ? eq(touchpoints.channelId, f.channelId) : undefined,
    f.channel
      ? inArray(
          touchpoints.channelId,
          db
            .select({ id: channels.id })
            .from(channels)
            .where(and(eq(channels.workspaceId, workspaceId), eq(channels.key, f.channel))),
        )
      : undefined,
    f.direction ? eq(touchpoints.direction, f.direction) : undefined,
    f.subjectId ? eq(touchpoints.subjectId, f.subjectId) : undefined,
    f.brandId ? eq(touchpoints.brandId, f.brandId) : undefined,
    f.status ? eq(touchpoints.status, f.status) : undefined,
    f.tag ? arrayContains(touchpoints.tags, [f.tag]) : undefined,
    f.parentId ? eq(touchpoints.parentId, f.parentId) : undefined,
    f.root === undefined
      ? undefined
      : f.root
        ? isNull(touchpoints.parentId)
        : isNotNull(touchpoints.parentId),
    f.ownerUserId ? eq(touchpoints.ownerUserId, f.ownerUserId) : undefined,
    f.online === undefined ? undefined : eq(touchpoints.online, f.online),
    f.q
      ? or(
          ilike(touchpoints.key, likePattern(f.q)),
          ilike(touchpoints.name, likePattern(f.q)),
          ilike(touchpoints.description, likePattern(f.q)),
        )
      : undefined,
  );
  const sortable = {
    key: touchpoints.key,
    name: touchpoints.name,
    priority: touchpoints.priority,
    stage: orderOf(touchpoints.stage, DEFAULT_STAGE_KEYS),
    status: orderOf(touchpoints.status, TOUCHPOINT_STATUSES),
    createdAt: touchpoints.createdAt,
    updatedAt: touchpoints.updatedAt,
  };
  const { rows, total } = await readPage(db, touchpoints, where, sortable, 'name', f);
  return { items: rows.map(toTouchpointDto), total, limit: f.limit, offset: f.offset };
}

export async function getTouchpoint(db: Db, workspaceId: string, id: string): Promise<TouchpointRow> {
  return findOne(db, touchpoints, 'touchpoint', workspaceId, id);
}

/** The direct children of a composite touchpoint (404 when the touchpoint is not in the workspace). */
export async function listTouchpointChildren(db: Db, workspaceId: string, id: string, page: PageQuery) {
  await getTouchpoint(db, workspaceId, id);
  return listTouchpoints(db, workspaceId, { ...page, parentId: id });
}

async function ensureKeyFree(db: Db, workspaceId: string, key: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(
      and(
        eq(touchpoints.workspaceId, workspaceId),
        eq(touchpoints.key, key),
        exceptId ? ne(touchpoints.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash)
    throw new ConflictError(`a touchpoint with key "${key}" already exists in this workspace`, {
      field: 'key',
    });
}

/**
 * Checks the references a write sets (those given and different from `before`): each must name an
 * object of the same workspace, the owner must be a member, and a new parent must not close a
 * cycle in the tree. Throws one 400 listing every field at fault; returns a new channel's online flag.
 */
async function checkReferences(
  db: Db,
  workspaceId: string,
  values: Partial<TouchpointInput>,
  before?: TouchpointRow,
): Promise<{ channelOnline?: boolean }> {
  const changed = <K extends 'brandId' | 'subjectId' | 'channelId' | 'parentId' | 'ownerUserId'>(k: K) => {
    const v = values[k];
    return v !== undefined && v !== null && v !== before?.[k] ? v : undefined;
  };
  const issues: FieldIssue[] = [];
  const brandId = changed('brandId');
  if (brandId && !(await existsInWorkspace(db, brands, workspaceId, brandId)))
    issues.push({ field: 'brandId', message: 'no such brand in this workspace' });
  const subjectId = changed('subjectId');
  if (subjectId && !(await existsInWorkspace(db, subjects, workspaceId, subjectId)))
    issues.push({ field: 'subjectId', message: 'no such subject in this workspace' });
  let channelOnline: boolean | undefined;
  const channelId = changed('channelId');
  if (channelId) {
    const [channel] = await db
      .select({ online: channels.online })
      .from(channels)
      .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)))
      .limit(1);
    if (channel) channelOnline = channel.online;
    else issues.push({ field: 'channelId', message: 'no such channel in this workspace' });
  }
  const ownerUserId = changed('ownerUserId');
  if (ownerUserId && !(await existingMemberIds(db, workspaceId, [ownerUserId])).has(ownerUserId))
    issues.push({ field: 'ownerUserId', message: 'the owner must be a member of this workspace' });
  const parentId = changed('parentId');
  if (parentId) {
    const issue = await checkParent(db, workspaceId, parentId, before?.id);
    if (issue) issues.push({ field: 'parentId', message: issue });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return channelOnline === undefined ? {} : { channelOnline };
}

/** Why `parentId` cannot be the parent of `touchpointId` (a new touchpoint when undefined), or null. */
async function checkParent(
  db: Db,
  workspaceId: string,
  parentId: string,
  touchpointId: string | undefined,
): Promise<string | null> {
  if (!(await existsInWorkspace(db, touchpoints, workspaceId, parentId)))
    return 'no such touchpoint in this workspace';
  if (!touchpointId) return null;
  if (parentId === touchpointId) return 'a touchpoint cannot be its own parent';
  // Serialize re-parenting within the workspace so two concurrent moves cannot close a loop
  // that neither saw. NO KEY UPDATE leaves inserts referencing the workspace unblocked.
  await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('no key update');
  const rows = await db
    .select({ id: touchpoints.id, parentId: touchpoints.parentId })
    .from(touchpoints)
    .where(eq(touchpoints.workspaceId, workspaceId));
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  return closesParentCycle(touchpointId, parentId, parentOf)
    ? 'would close a cycle: the new parent is this touchpoint or one of its descendants'
    : null;
}

/**
 * Adds a touchpoint: its key must be free (409), its references in the workspace (400). The brand
 * defaults to the own brand and `online` to the channel's flag.
 */
export async function createTouchpoint(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: TouchpointInput,
): Promise<TouchpointRow> {
  return db.transaction(async (tx) => {
    await ensureKeyFree(tx, workspaceId, input.key);
    const { channelOnline } = await checkReferences(tx, workspaceId, input);
    const [row] = await tx
      .insert(touchpoints)
      .values({
        ...input,
        id: crypto.randomUUID(),
        workspaceId,
        brandId: input.brandId ?? (await getOwnBrand(tx, workspaceId)).id,
        online: input.online ?? channelOnline ?? true,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'touchpoint',
      entityId: row.id,
      after: toTouchpointDto(row),
    });
    return row;
  });
}

/** Changes a touchpoint at the version read; new references and a new parent are checked as on create. */
export async function updateTouchpoint(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<TouchpointInput> & { version: number },
): Promise<TouchpointRow> {
  return db.transaction(async (tx) => {
    const before = await getTouchpoint(tx, workspaceId, id);
    const { version, ...values } = patch;
    if (values.key !== undefined && values.key !== before.key)
      await ensureKeyFree(tx, workspaceId, values.key, id);
    await checkReferences(tx, workspaceId, values, before);
    const after = await updateVersioned(tx, touchpoints, 'touchpoint', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'touchpoint',
      entityId: id,
      before: toTouchpointDto(before),
      after: toTouchpointDto(after),
    });
    return after;
  });
}

/**
 * Deletes a touchpoint with its standards and its places on journey maps (each affected journey's
 * version is bumped and the removal audited). Refused while it has child touchpoints or is a link
 * of a chain: those must be moved or removed first.
 */
export async function deleteTouchpoint(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getTouchpoint(tx, workspaceId, id);
    const [children] = await tx
      .select({ n: count() })
      .from(touchpoints)
      .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.parentId, id)));
    const n = Number(children?.n ?? 0);
    if (n > 0) {
      throw new ConflictError(
        `touchpoint "${before.key}" has ${n} child touchpoint${n === 1 ? '' : 's'}; move ${n === 1 ? 'it' : 'them'} to another parent or delete ${n === 1 ? 'it' : 'them'} first`,
        { childCount: n },
        'in_use',
      );
    }
    const usedIn = await tx
      .selectDistinct({ id: chains.id, name: chains.name })
      .from(chainLinks)
      .innerJoin(chains, eq(chains.id, chainLinks.chainId))
      .where(and(eq(chainLinks.workspaceId, workspaceId), eq(chainLinks.touchpointId, id)))
      .orderBy(chains.name, chains.id);
    if (usedIn.length > 0) {
      throw new ConflictError(
        `touchpoint "${before.key}" is a link of chain${usedIn.length === 1 ? '' : 's'} ${usedIn.map((c) => `"${c.name}"`).join(', ')}; remove it from ${usedIn.length === 1 ? 'that chain' : 'those chains'} first`,
        { chains: usedIn },
        'in_use',
      );
    }
    const ownStandards = await tx
      .select()
      .from(standards)
      .where(and(eq(standards.workspaceId, workspaceId), eq(standards.touchpointId, id)));
    await removeTouchpointFromJourneys(tx, actor, workspaceId, id);
    await tx.delete(touchpoints).where(and(eq(touchpoints.id, id), eq(touchpoints.workspaceId, workspaceId)));
    for (const s of ownStandards) {
      await recordAudit(tx, actor, workspaceId, {
        action: 'delete',
        entityType: 'standard',
        entityId: s.id,
        before: toStandardDto(s),
      });
    }
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'touchpoint',
      entityId: id,
      before: toTouchpointDto(before),
    });
  });
}
