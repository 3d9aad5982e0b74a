import { and, asc, count, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import { ConflictError, invalid, NotFoundError } from '../../domain/errors.js';
import { DEFAULT_CHANNELS, type Role } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { type EventPurge, recordEventPurge } from './event-purges.js';
import { likePattern } from './paging.js';
import { audits, brands, channels, complaints, memberships, tasks, users, workspaces } from './schema.js';
import { createUser, findUserByEmail } from './users.js';
import { versionConflict } from './versioned.js';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export function toWorkspaceDto(w: WorkspaceRow, role?: Role) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    settings: w.settings,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    ...(role ? { role } : {}),
  };
}

export interface NewWorkspace {
  name: string;
  description?: string | undefined;
  /** Name of the workspace's own brand; defaults to the workspace name. */
  brandName?: string | undefined;
  settings?: Record<string, unknown> | undefined;
}

/**
 * Creates a workspace with its own brand and the reference channel list, and makes
 * `ownerUserId` (when given) its owner. Runs in one transaction.
 */
export async function createWorkspace(
  db: Db,
  actor: Actor,
  input: NewWorkspace,
  ownerUserId: string | null,
): Promise<WorkspaceRow> {
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({
        id: crypto.randomUUID(),
        name: input.name,
        description: input.description ?? '',
        settings: input.settings ?? {},
      })
      .returning();
    if (!ws) throw new Error('insert returned no row');
    await tx.insert(brands).values({
      id: crypto.randomUUID(),
      workspaceId: ws.id,
      name: input.brandName ?? input.name,
      isOwn: true,
    });
    await tx.insert(channels).values(
      DEFAULT_CHANNELS.map((c) => ({
        id: crypto.randomUUID(),
        workspaceId: ws.id,
        ...c,
        name: null,
        builtin: true,
      })),
    );
    if (ownerUserId)
      await tx.insert(memberships).values({ workspaceId: ws.id, userId: ownerUserId, role: 'owner' });
    await recordAudit(tx, actor, ws.id, {
      action: 'create',
      entityType: 'workspace',
      entityId: ws.id,
      after: ws,
    });
    return ws;
  });
}

/** The workspaces a user belongs to, with the user's role in each. */
export async function listWorkspacesOfUser(db: Db, userId: string) {
  const rows = await db
    .select({ ws: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
  return rows.map((r) => toWorkspaceDto(r.ws, r.role as Role));
}

export async function listAllWorkspaces(db: Db) {
  return db.select().from(workspaces).orderBy(asc(workspaces.name));
}

export async function getWorkspace(db: Db, id: string): Promise<WorkspaceRow> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw new NotFoundError('workspace', id);
  return row;
}

export async function updateWorkspace(
  db: Db,
  actor: Actor,
  id: string,
  patch: {
    version: number;
    name?: string | undefined;
    description?: string | undefined;
    settings?: Record<string, unknown> | undefined;
  },
): Promise<WorkspaceRow> {
  return db.transaction(async (tx) => {
    const before = await getWorkspace(tx, id);
    const { version, ...values } = patch;
    const [after] = await tx
      .update(workspaces)
      .set({ ...values, version: sql`${workspaces.version} + 1`, updatedAt: new Date() })
      .where(and(eq(workspaces.id, id), eq(workspaces.version, version)))
      .returning();
    if (!after) throw versionConflict('workspace', before);
    await recordAudit(tx, actor, id, {
      action: 'update',
      entityType: 'workspace',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deletes the workspace's catalog rows and, in the same transaction, promises the deletion of its
 * events (an `event_purges` row): the caller runs that purge and removes the row
 * (privacy/delete-workspace.ts); after a crash the next start does.
 */
export async function deleteWorkspace(db: Db, id: string): Promise<EventPurge> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(workspaces).where(eq(workspaces.id, id)).returning({ id: workspaces.id });
    if (deleted.length === 0) throw new NotFoundError('workspace', id);
    return recordEventPurge(tx, { workspaceId: id, kind: 'workspace' });
  });
}

/** The caller's role in a workspace, or undefined when not a member. */
export async function findRole(db: Db, workspaceId: string, userId: string): Promise<Role | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row?.role as Role | undefined;
}

/** The workspace's members by e-mail, a page at a time; `q` keeps those whose e-mail or name holds it. */
export async function listMembers(
  db: Db,
  workspaceId: string,
  page: { limit: number; offset: number; q?: string | undefined },
) {
  const where = and(
    eq(memberships.workspaceId, workspaceId),
    page.q ? or(ilike(users.email, likePattern(page.q)), ilike(users.name, likePattern(page.q))) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        since: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.email), asc(users.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: count() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, role: r.role as Role, since: r.since.toISOString() })),
    total: Number(totals[0]?.n ?? 0),
    limit: page.limit,
    offset: page.offset,
  };
}

/**
 * Adds a member by e-mail. An unknown e-mail needs `password` (a new account is created);
 * 409 when already a member.
 */
export async function addMember(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: { email: string; role: Role; name?: string | undefined; password?: string | undefined },
) {
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, input.email);
    if (!user) {
      if (!input.password)
        throw invalid('email', 'no user has this e-mail; give a password to create the account');
      user = await createUser(tx, { email: input.email, password: input.password, name: input.name });
    }
    if (await findRole(tx, workspaceId, user.id)) {
      throw new ConflictError(`${user.email} is already a member of this workspace`, { field: 'email' });
    }
    await tx.insert(memberships).values({ workspaceId, userId: user.id, role: input.role });
    const member = { userId: user.id, email: user.email, role: input.role };
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'member',
      entityId: user.id,
      after: member,
    });
    return member;
  });
}

async function ownerCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return Number(row?.n ?? 0);
}

/** Changes a member's role; a workspace always keeps at least one owner. */
export async function setMemberRole(db: Db, actor: Actor, workspaceId: string, userId: string, role: Role) {
  return db.transaction(async (tx) => {
    const before = await findRole(tx, workspaceId, userId);
    if (!before) throw new NotFoundError('member', userId);
    if (before === 'owner' && role !== 'owner' && (await ownerCount(tx, workspaceId)) <= 1) {
      throw new ConflictError('a workspace needs at least one owner; make someone else owner first', {
        field: 'role',
      });
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'member',
      entityId: userId,
      before: { role: before },
      after: { role },
    });
    return { userId, role };
  });
}

export async function removeMember(db: Db, actor: Actor, workspaceId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findRole(tx, workspaceId, userId);
    if (!before) throw new NotFoundError('member', userId);
    if (before === 'owner' && (await ownerCount(tx, workspaceId)) <= 1) {
      throw new ConflictError('the last owner cannot leave the workspace', { field: 'userId' });
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'member',
      entityId: userId,
      before: { role: before },
    });
    await releaseWorkOf(tx, actor, workspaceId, userId);
  });
}

/** Task statuses whose owner still has something to do or to hear (the verification's outcome). */
const UNFINISHED_TASK_STATUSES = ['planned', 'in_progress', 'done'];

/**
 * A former member's unfinished work in the workspace loses them: tasks not yet verified (or found
 * not effective) and open complaints lose their owner, audits not yet submitted their auditor (the
 * name stays).
 * Finished ones keep the person as history. Each change bumps the object's version and is audited.
 */
async function releaseWorkOf(db: Db, actor: Actor, workspaceId: string, userId: string): Promise<void> {
  const released = { reason: 'removed from the workspace' };
  const taskRows = await db
    .update(tasks)
    .set({ ownerUserId: null, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(tasks.workspaceId, workspaceId),
        eq(tasks.ownerUserId, userId),
        inArray(tasks.status, UNFINISHED_TASK_STATUSES),
      ),
    )
    .returning({ id: tasks.id });
  for (const { id } of taskRows)
    await recordAudit(db, actor, workspaceId, {
      action: 'update',
      entityType: 'task',
      entityId: id,
      before: { ownerUserId: userId },
      after: { ownerUserId: null, ...released },
    });
  const auditRows = await db
    .update(audits)
    .set({ auditorUserId: null, version: sql`${audits.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(audits.workspaceId, workspaceId),
        eq(audits.auditorUserId, userId),
        ne(audits.status, 'submitted'),
      ),
    )
    .returning({ id: audits.id });
  for (const { id } of auditRows)
    await recordAudit(db, actor, workspaceId, {
      action: 'update',
      entityType: 'audit',
      entityId: id,
      before: { auditorUserId: userId },
      after: { auditorUserId: null, ...released },
    });
  const complaintRows = await db
    .update(complaints)
    .set({ ownerUserId: null, version: sql`${complaints.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(complaints.workspaceId, workspaceId),
        eq(complaints.ownerUserId, userId),
        inArray(complaints.status, ['new', 'in_progress']),
      ),
    )
    .returning({ id: complaints.id });
  for (const { id } of complaintRows)
    await recordAudit(db, actor, workspaceId, {
      action: 'update',
      entityType: 'complaint',
      entityId: id,
      before: { ownerUserId: userId },
      after: { ownerUserId: null, ...released },
    });
}

/** Ids of the given users that exist (used to validate owner references). */
export async function existingMemberIds(
  db: Db,
  workspaceId: string,
  userIds: string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.id));
}
