/**
 * Comments on a journey map: on the map as a whole, on a cell (stage × lane) or on a card (an
 * item). A comment mentions members by `@e-mail` (domain/mentions.ts): every mention must name a
 * member of the workspace, and each newly mentioned member other than the author gets a
 * notification of kind `mention`. Comments are resolved and reopened by any writer; the text is
 * changed only by its author; a comment is deleted by its author or an owner.
 *
 * Comments do not bump the journey version: talking about a map must not make a colleague's
 * stage or lane change conflict.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { ForbiddenError, invalid, NotFoundError } from '../../domain/errors.js';
import { mentionedEmails } from '../../domain/mentions.js';
import type { Role } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { insertNotifications } from './notifications.js';
import type { PageQuery } from './paging.js';
import { journeyComments, journeyItems, journeys, memberships, stages, users } from './schema.js';
import { findOne } from './versioned.js';

type CommentRow = typeof journeyComments.$inferSelect;

/** A mentioned member as a comment shows them (a member who left keeps their id only). */
export interface MentionDto {
  userId: string;
  name: string;
  email: string;
}

export interface JourneyCommentDto {
  id: string;
  journeyId: string;
  stageId: string | null;
  lane: string | null;
  itemId: string | null;
  authorUserId: string | null;
  authorName: string;
  body: string;
  mentions: MentionDto[];
  resolvedAt: string | null;
  resolvedByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a comment is about: a cell, a card, or (neither) the map itself. */
export interface CommentTarget {
  stageId?: string | undefined;
  lane?: string | undefined;
  itemId?: string | undefined;
}

export interface CommentFilter extends PageQuery, CommentTarget {
  resolved?: boolean | undefined;
}

/** Who acts on a comment: the actor and their role (null for an API token, which acts as an owner). */
export interface CommentCaller {
  actor: Actor;
  role: Role | null;
}

const BODY_PREVIEW = 200;

function toDto(row: CommentRow, people: Map<string, MentionDto>): JourneyCommentDto {
  return {
    id: row.id,
    journeyId: row.journeyId,
    stageId: row.stageId,
    lane: row.lane,
    itemId: row.itemId,
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    body: row.body,
    mentions: row.mentions.map((id) => people.get(id) ?? { userId: id, name: '', email: '' }),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    resolvedByUserId: row.resolvedByUserId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function peopleOf(db: Db, rows: readonly CommentRow[]): Promise<Map<string, MentionDto>> {
  const ids = [...new Set(rows.flatMap((r) => r.mentions))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.userId, u]));
}

async function toDtos(db: Db, rows: readonly CommentRow[]): Promise<JourneyCommentDto[]> {
  const people = await peopleOf(db, rows);
  return rows.map((r) => toDto(r, people));
}

function targetWhere(f: CommentTarget): SQL | undefined {
  if (f.itemId) return eq(journeyComments.itemId, f.itemId);
  return and(
    f.stageId ? eq(journeyComments.stageId, f.stageId) : undefined,
    f.lane ? eq(journeyComments.lane, f.lane) : undefined,
    f.stageId || f.lane ? isNull(journeyComments.itemId) : undefined,
  );
}

/**
 * The comments of a journey map, oldest first: all of them, or those of a card (`itemId`), a
 * cell (`stageId` and `lane`) or a stage's cells (`stageId`); `resolved` keeps the resolved
 * (true) or open (false) ones. 404 when the journey is not in the workspace.
 */
export async function listJourneyComments(db: Db, workspaceId: string, journeyId: string, f: CommentFilter) {
  await findOne(db, journeys, 'journey', workspaceId, journeyId);
  const where = and(
    eq(journeyComments.workspaceId, workspaceId),
    eq(journeyComments.journeyId, journeyId),
    targetWhere(f),
    f.resolved === true ? isNotNull(journeyComments.resolvedAt) : undefined,
    f.resolved === false ? isNull(journeyComments.resolvedAt) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(journeyComments)
      .where(where)
      .orderBy(asc(journeyComments.createdAt), asc(journeyComments.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(journeyComments).where(where),
  ]);
  return {
    items: await toDtos(db, rows),
    total: Number(totals[0]?.n ?? 0),
    limit: f.limit,
    offset: f.offset,
  };
}

export interface CommentCount {
  total: number;
  unresolved: number;
}

/** Comment counts of a map: per card, per cell and on the map itself, for the map's badges. */
export async function countJourneyComments(db: Db, workspaceId: string, journeyId: string) {
  await findOne(db, journeys, 'journey', workspaceId, journeyId);
  const rows = await db
    .select({
      stageId: journeyComments.stageId,
      lane: journeyComments.lane,
      itemId: journeyComments.itemId,
      total: count(),
      unresolved: sql<number>`count(*) filter (where ${journeyComments.resolvedAt} is null)`,
    })
    .from(journeyComments)
    .where(and(eq(journeyComments.workspaceId, workspaceId), eq(journeyComments.journeyId, journeyId)))
    .groupBy(journeyComments.stageId, journeyComments.lane, journeyComments.itemId)
    .orderBy(journeyComments.stageId, journeyComments.lane, journeyComments.itemId);
  const items: ({ itemId: string } & CommentCount)[] = [];
  const cells: ({ stageId: string; lane: string } & CommentCount)[] = [];
  const map: CommentCount = { total: 0, unresolved: 0 };
  const all: CommentCount = { total: 0, unresolved: 0 };
  for (const r of rows) {
    const n = { total: Number(r.total), unresolved: Number(r.unresolved) };
    all.total += n.total;
    all.unresolved += n.unresolved;
    if (r.itemId) items.push({ itemId: r.itemId, ...n });
    else if (r.stageId && r.lane) cells.push({ stageId: r.stageId, lane: r.lane, ...n });
    else {
      map.total += n.total;
      map.unresolved += n.unresolved;
    }
  }
  return { ...all, map, items, cells };
}

/** Checks the target against the journey: a stage and lane of it, or an item of it, or nothing. */
async function checkTarget(db: Db, journey: typeof journeys.$inferSelect, target: CommentTarget) {
  if (target.itemId) {
    if (target.stageId || target.lane)
      throw invalid('itemId', 'a comment is on a card (itemId) or on a cell (stageId and lane), not both');
    const [item] = await db
      .select({ id: journeyItems.id })
      .from(journeyItems)
      .where(and(eq(journeyItems.id, target.itemId), eq(journeyItems.journeyId, journey.id)));
    if (!item) throw invalid('itemId', 'no such item on this journey map');
    return;
  }
  if (!target.stageId && !target.lane) return;
  if (!target.stageId) throw invalid('stageId', 'a cell comment needs the stage as well as the lane');
  if (!target.lane) throw invalid('lane', 'a cell comment needs the lane as well as the stage');
  const [stage] = await db
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.id, target.stageId), eq(stages.journeyId, journey.id)));
  if (!stage) throw invalid('stageId', 'no such stage in this journey');
  if (!journey.lanes.some((l) => l.key === target.lane))
    throw invalid(
      'lane',
      `no such lane in this journey (lanes: ${journey.lanes.map((l) => l.key).join(', ')})`,
    );
}

/** The members mentioned in `body`, by id; a mention of anyone else is refused (400 on `body`). */
async function mentionedMembers(db: Db, workspaceId: string, body: string) {
  const emails = mentionedEmails(body);
  if (emails.length === 0) return [];
  const found = await db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(sql`lower(${users.email})`, emails)));
  const byEmail = new Map(found.map((u) => [u.email.toLowerCase(), u]));
  const strangers = emails.filter((e) => !byEmail.has(e));
  if (strangers.length > 0)
    throw invalid(
      'body',
      `mentions ${strangers.map((e) => `@${e}`).join(', ')}, who ${strangers.length === 1 ? 'is' : 'are'} not a member of this workspace`,
    );
  return emails.map((e) => byEmail.get(e)).filter((u) => u !== undefined);
}

async function authorNameOf(db: Db, actor: Actor): Promise<string> {
  if (!actor.userId) return actor.tokenId ? 'API token' : 'system';
  const [user] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId))
    .limit(1);
  return user?.name || user?.email || 'user';
}

/** Tells newly mentioned members (never the author) about the comment, with a link to it. */
async function notifyMentioned(
  db: Db,
  workspaceId: string,
  journey: typeof journeys.$inferSelect,
  comment: CommentRow,
  userIds: readonly string[],
  author: Actor,
): Promise<void> {
  const preview =
    comment.body.length > BODY_PREVIEW ? `${comment.body.slice(0, BODY_PREVIEW - 1)}…` : comment.body;
  await insertNotifications(
    db,
    workspaceId,
    userIds
      .filter((id) => id !== author.userId)
      .map((userId) => ({
        userId,
        kind: 'mention' as const,
        title: `${comment.authorName} mentioned you on the journey map "${journey.name}"`,
        body: preview,
        link: `/w/${workspaceId}/journeys/${journey.id}?comment=${comment.id}`,
      })),
  );
}

/**
 * Adds a comment to the map, a cell or a card; mentions must name members (400 on `body`
 * otherwise) and each mentioned member but the author is notified.
 */
export async function createJourneyComment(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  input: CommentTarget & { body: string },
): Promise<JourneyCommentDto> {
  return db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    await checkTarget(tx, journey, input);
    const mentioned = await mentionedMembers(tx, workspaceId, input.body);
    const isItem = Boolean(input.itemId);
    const [row] = await tx
      .insert(journeyComments)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        journeyId,
        stageId: isItem ? null : (input.stageId ?? null),
        lane: isItem ? null : (input.lane ?? null),
        itemId: input.itemId ?? null,
        authorUserId: actor.userId,
        authorName: await authorNameOf(tx, actor),
        body: input.body,
        mentions: mentioned.map((m) => m.userId),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await notifyMentioned(tx, workspaceId, journey, row, row.mentions, actor);
    const [after] = await toDtos(tx, [row]);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'journey_comment',
      entityId: row.id,
      after,
    });
    return after as JourneyCommentDto;
  });
}

async function findComment(db: Db, workspaceId: string, journeyId: string, id: string): Promise<CommentRow> {
  const [row] = await db
    .select()
    .from(journeyComments)
    .where(
      and(
        eq(journeyComments.id, id),
        eq(journeyComments.journeyId, journeyId),
        eq(journeyComments.workspaceId, workspaceId),
      ),
    );
  if (!row) throw new NotFoundError('comment', id);
  return row;
}

export interface CommentPatch {
  body?: string | undefined;
  /** true resolves the comment, false reopens it. */
  resolved?: boolean | undefined;
}

/**
 * Changes a comment: its text (its author only; members mentioned for the first time are
 * notified) and whether it is resolved (any writer).
 */
export async function updateJourneyComment(
  db: Db,
  caller: CommentCaller,
  workspaceId: string,
  journeyId: string,
  id: string,
  patch: CommentPatch,
): Promise<JourneyCommentDto> {
  const { actor } = caller;
  return db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const current = await findComment(tx, workspaceId, journeyId, id);
    const values: Partial<typeof journeyComments.$inferInsert> = {};
    let newlyMentioned: string[] = [];
    if (patch.body !== undefined && patch.body !== current.body) {
      if (!actor.userId || actor.userId !== current.authorUserId)
        throw new ForbiddenError('only the author of a comment can change its text');
      const mentioned = (await mentionedMembers(tx, workspaceId, patch.body)).map((m) => m.userId);
      newlyMentioned = mentioned.filter((userId) => !current.mentions.includes(userId));
      values.body = patch.body;
      values.mentions = mentioned;
    }
    if (patch.resolved === true && !current.resolvedAt) {
      values.resolvedAt = new Date();
      values.resolvedByUserId = actor.userId;
    }
    if (patch.resolved === false && current.resolvedAt) {
      values.resolvedAt = null;
      values.resolvedByUserId = null;
    }
    if (Object.keys(values).length === 0) return (await toDtos(tx, [current]))[0] as JourneyCommentDto;
    const [row] = await tx
      .update(journeyComments)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(journeyComments.id, id))
      .returning();
    if (!row) throw new NotFoundError('comment', id);
    await notifyMentioned(tx, workspaceId, journey, row, newlyMentioned, actor);
    const [before, after] = await toDtos(tx, [current, row]);
    const action = values.body !== undefined ? 'update' : values.resolvedAt ? 'resolve' : ('reopen' as const);
    await recordAudit(tx, actor, workspaceId, {
      action,
      entityType: 'journey_comment',
      entityId: id,
      before,
      after,
    });
    return after as JourneyCommentDto;
  });
}

/** Deletes a comment: its author or an owner (an API token with the admin scope acts as one). */
export async function deleteJourneyComment(
  db: Db,
  caller: CommentCaller,
  workspaceId: string,
  journeyId: string,
  id: string,
): Promise<void> {
  const { actor, role } = caller;
  await db.transaction(async (tx) => {
    await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const current = await findComment(tx, workspaceId, journeyId, id);
    const isAuthor = actor.userId !== null && actor.userId === current.authorUserId;
    const isOwner = role === 'owner' || (role === null && actor.tokenId !== null);
    if (!isAuthor && !isOwner)
      throw new ForbiddenError('only the author of a comment or an owner can delete it');
    await tx.delete(journeyComments).where(eq(journeyComments.id, id));
    const [before] = await toDtos(tx, [current]);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey_comment',
      entityId: id,
      before,
    });
  });
}

/** What a watcher of a journey compares to tell that something changed. */
export interface JourneyStamp {
  id: string;
  workspaceId: string;
  version: number;
  /** Changes whenever a comment of the journey is added, changed or deleted. */
  comments: string;
}

/** The version and comment stamp of each of `ids` that still exists (live updates, journey-hub.ts). */
export async function journeyStamps(db: Db, ids: readonly string[]): Promise<JourneyStamp[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: journeys.id,
      workspaceId: journeys.workspaceId,
      version: journeys.version,
      count: count(journeyComments.id),
      latest: sql<string | null>`max(${journeyComments.updatedAt})::text`,
    })
    .from(journeys)
    .leftJoin(journeyComments, eq(journeyComments.journeyId, journeys.id))
    .where(inArray(journeys.id, [...ids]))
    .groupBy(journeys.id);
  return rows.map(({ count: n, latest, ...r }) => ({ ...r, comments: `${Number(n)}:${latest ?? ''}` }));
}
