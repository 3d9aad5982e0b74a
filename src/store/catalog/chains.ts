/**
 * Chains (SPEC §2, law 2): an ordered sequence of touchpoints — initial, middle and final links —
 * optionally mapped on a journey and continued by a next chain. Links are saved with the chain.
 */
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { checkLinkRoles, closesNextChainCycle } from '../../domain/chain-rules.js';
import { type FieldIssue, ValidationError } from '../../domain/errors.js';
import type { LinkRole } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { chainLinks, chains, journeys, touchpoints } from './schema.js';
import { findOne, updateVersioned, versionConflict } from './versioned.js';

export type ChainRow = typeof chains.$inferSelect;

/** A chain passes at most this many links. */
export const MAX_CHAIN_LINKS = 100;
export const DEFAULT_WINDOW_DAYS = 30;

export const CHAIN_SORTS = ['name', 'windowDays', 'createdAt', 'updatedAt'] as const;

export interface ChainLinkView {
  /** The link's id (a task can target it); new ids when the links are replaced. */
  id: string;
  position: number;
  touchpointId: string;
  touchpointKey: string;
  touchpointName: string;
  role: LinkRole;
}

export function toChainDto(c: ChainRow, links: ChainLinkView[]) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    journeyId: c.journeyId,
    nextChainId: c.nextChainId,
    windowDays: c.windowDays,
    links,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type ChainDto = ReturnType<typeof toChainDto>;

export interface ChainLinkInput {
  touchpointId: string;
  role: LinkRole;
}

export interface ChainInput {
  name: string;
  description?: string | undefined;
  journeyId?: string | null | undefined;
  nextChainId?: string | null | undefined;
  windowDays?: number | undefined;
  /** In order; empty is a draft. */
  links?: ChainLinkInput[] | undefined;
}

export type ChainPatch = Partial<ChainInput> & { version: number };

export interface ChainFilter extends PageQuery {
  journeyId?: string | undefined;
  q?: string | undefined;
}

/** The links of the given chains in order, with their touchpoint's key and name. */
async function linksOf(db: Db, chainIds: string[]): Promise<Map<string, ChainLinkView[]>> {
  const byChain = new Map<string, ChainLinkView[]>(chainIds.map((id) => [id, []]));
  if (chainIds.length === 0) return byChain;
  const rows = await db
    .select({
      id: chainLinks.id,
      chainId: chainLinks.chainId,
      position: chainLinks.position,
      touchpointId: chainLinks.touchpointId,
      touchpointKey: touchpoints.key,
      touchpointName: touchpoints.name,
      role: chainLinks.role,
    })
    .from(chainLinks)
    .innerJoin(touchpoints, eq(touchpoints.id, chainLinks.touchpointId))
    .where(inArray(chainLinks.chainId, chainIds))
    .orderBy(asc(chainLinks.chainId), asc(chainLinks.position));
  for (const { chainId, role, ...link } of rows)
    byChain.get(chainId)?.push({ ...link, role: role as LinkRole });
  return byChain;
}

async function withLinks(db: Db, row: ChainRow): Promise<ChainDto> {
  return toChainDto(row, (await linksOf(db, [row.id])).get(row.id) ?? []);
}

export async function listChains(db: Db, workspaceId: string, f: ChainFilter) {
  const where = and(
    eq(chains.workspaceId, workspaceId),
    f.journeyId ? eq(chains.journeyId, f.journeyId) : undefined,
    f.q ? or(ilike(chains.name, likePattern(f.q)), ilike(chains.description, likePattern(f.q))) : undefined,
  );
  const sortable = {
    name: chains.name,
    windowDays: chains.windowDays,
    createdAt: chains.createdAt,
    updatedAt: chains.updatedAt,
  };
  const { rows, total } = await readPage(db, chains, where, sortable, 'name', f);
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toChainDto(r, links.get(r.id) ?? [])),
    total,
    limit: f.limit,
    offset: f.offset,
  };
}

export async function getChain(db: Db, workspaceId: string, id: string): Promise<ChainDto> {
  return withLinks(db, await findOne(db, chains, 'chain', workspaceId, id));
}

/**
 * Checks what a chain refers to and the shape of its links; throws one 400 listing every issue.
 * `chainId` is the chain being saved (a fresh id on create), for the next-chain cycle check.
 */
async function checkChain(db: Db, workspaceId: string, chainId: string, input: Partial<ChainInput>) {
  const issues: FieldIssue[] = [];
  if (input.journeyId) {
    const [journey] = await db
      .select({ id: journeys.id })
      .from(journeys)
      .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, workspaceId)));
    if (!journey) issues.push({ field: 'journeyId', message: 'no such journey in this workspace' });
  }
  if (input.nextChainId) {
    // Locking the workspace's chains serializes concurrent continuation changes, so that two
    // of them cannot close a loop together.
    const all = await db
      .select({ id: chains.id, nextChainId: chains.nextChainId })
      .from(chains)
      .where(eq(chains.workspaceId, workspaceId))
      .orderBy(asc(chains.id))
      .for('update');
    const nextOf = new Map(all.map((c) => [c.id, c.nextChainId]));
    if (!nextOf.has(input.nextChainId))
      issues.push({ field: 'nextChainId', message: 'no such chain in this workspace' });
    else if (closesNextChainCycle(chainId, input.nextChainId, nextOf))
      issues.push({
        field: 'nextChainId',
        message:
          input.nextChainId === chainId
            ? 'a chain cannot continue into itself'
            : 'this continuation would lead back to this chain (a loop of chains)',
      });
  }
  if (input.links) issues.push(...(await linkIssues(db, workspaceId, input.links)));
  if (issues.length > 0) throw new ValidationError(issues);
}

async function linkIssues(db: Db, workspaceId: string, links: ChainLinkInput[]): Promise<FieldIssue[]> {
  const issues = checkLinkRoles(links.map((l) => l.role));
  const ids = [...new Set(links.map((l) => l.touchpointId))];
  const found =
    ids.length === 0
      ? []
      : await db
          .select({ id: touchpoints.id })
          .from(touchpoints)
          .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.id, ids)));
  const known = new Set(found.map((t) => t.id));
  const firstAt = new Map<string, number>();
  links.forEach(({ touchpointId }, i) => {
    const field = `links.${i}.touchpointId`;
    const first = firstAt.get(touchpointId);
    if (!known.has(touchpointId)) issues.push({ field, message: 'no such touchpoint in this workspace' });
    else if (first !== undefined)
      issues.push({
        field,
        message: `the touchpoint is already links.${first}; a chain passes a touchpoint once`,
      });
    else firstAt.set(touchpointId, i);
  });
  return issues;
}

async function writeLinks(db: Db, workspaceId: string, chainId: string, links: ChainLinkInput[]) {
  await db.delete(chainLinks).where(eq(chainLinks.chainId, chainId));
  if (links.length === 0) return;
  await db.insert(chainLinks).values(
    links.map((l, position) => ({
      id: crypto.randomUUID(),
      workspaceId,
      chainId,
      position,
      touchpointId: l.touchpointId,
      role: l.role,
    })),
  );
}

/** Creates a chain with its links (none: a draft). */
export async function createChain(db: Db, actor: Actor, workspaceId: string, input: ChainInput) {
  return db.transaction(async (tx) => {
    const id = crypto.randomUUID();
    await checkChain(tx, workspaceId, id, input);
    const { links = [], ...fields } = input;
    const [row] = await tx
      .insert(chains)
      .values({ ...fields, id, workspaceId, windowDays: input.windowDays ?? DEFAULT_WINDOW_DAYS })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await writeLinks(tx, workspaceId, id, links);
    const after = await withLinks(tx, row);
    await recordAudit(tx, actor, workspaceId, { action: 'create', entityType: 'chain', entityId: id, after });
    return after;
  });
}

/** Changes a chain; `links`, when given, replaces the whole ordered link list. */
export async function updateChain(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: ChainPatch,
): Promise<ChainDto> {
  return db.transaction(async (tx) => {
    const current = await findOne(tx, chains, 'chain', workspaceId, id);
    if (current.version !== patch.version) throw versionConflict('chain', current);
    const before = await withLinks(tx, current);
    await checkChain(tx, workspaceId, id, patch);
    const { version, links, ...values } = patch;
    const row = await updateVersioned(tx, chains, 'chain', workspaceId, id, version, values);
    if (links) await writeLinks(tx, workspaceId, id, links);
    const after = await withLinks(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'chain',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Clears a reference (`journeyId` or `nextChainId`) to `id` on every chain of the workspace that
 * holds it, bumping each chain's version and auditing the change; used when `id` is deleted.
 */
export async function detachChains(
  tx: Db,
  actor: Actor,
  workspaceId: string,
  column: 'journeyId' | 'nextChainId',
  id: string,
): Promise<void> {
  const detached = await tx
    .update(chains)
    .set({ [column]: null, version: sql`${chains.version} + 1`, updatedAt: new Date() })
    .where(and(eq(chains.workspaceId, workspaceId), eq(chains[column], id)))
    .returning({ id: chains.id, version: chains.version });
  for (const chain of detached) {
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'chain',
      entityId: chain.id,
      before: { [column]: id, version: chain.version - 1 },
      after: { [column]: null, version: chain.version },
    });
  }
}

/**
 * Deletes a chain and its links. Chains that continued into it lose their continuation (each
 * one's version is bumped and the change audited).
 */
export async function deleteChain(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getChain(tx, workspaceId, id);
    await detachChains(tx, actor, workspaceId, 'nextChainId', id);
    await tx.delete(chains).where(and(eq(chains.id, id), eq(chains.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'chain',
      entityId: id,
      before,
    });
  });
}
