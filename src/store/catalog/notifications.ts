/**
 * The in-app notification centre: one row per user and message. A user reads and marks only their
 * own notifications, and only in workspaces they are still a member of.
 */
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { NotificationKind } from '../../domain/alert-rules.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Role } from '../../domain/vocabulary.js';
import type { Db } from './db.js';
import type { Page } from './paging.js';
import { memberships, notifications, users } from './schema.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NotificationDto {
  id: string;
  workspaceId: string;
  episodeId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface NewNotification {
  userId: string;
  episodeId?: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
}

export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

export function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    episodeId: row.episodeId,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** Members of the workspace with one of `roles`, plus `alsoUserIds` who are members at all. */
export async function workspaceRecipients(
  db: Db,
  workspaceId: string,
  roles: readonly Role[],
  alsoUserIds: readonly string[] = [],
): Promise<Recipient[]> {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.email);
  return rows
    .filter((r) => (roles as readonly string[]).includes(r.role) || alsoUserIds.includes(r.userId))
    .map(({ userId, email, name }) => ({ userId, email, name }));
}

/** Inserts one notification per recipient (call inside the transaction that made the news). */
export async function insertNotifications(
  db: Db,
  workspaceId: string,
  rows: readonly NewNotification[],
): Promise<number> {
  if (rows.length === 0) return 0;
  await db.insert(notifications).values(
    rows.map((r) => ({
      id: crypto.randomUUID(),
      workspaceId,
      userId: r.userId,
      episodeId: r.episodeId ?? null,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
    })),
  );
  return rows.length;
}

/** The user's notifications in a workspace, newest first. */
export async function listNotifications(
  db: Db,
  userId: string,
  workspaceId: string,
  q: { limit: number; offset: number; unread?: boolean | undefined },
): Promise<Page<NotificationDto>> {
  const conditions: (SQL | undefined)[] = [
    eq(notifications.userId, userId),
    eq(notifications.workspaceId, workspaceId),
  ];
  if (q.unread === true) conditions.push(isNull(notifications.readAt));
  if (q.unread === false) conditions.push(sql`${notifications.readAt} is not null`);
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return {
    items: rows.map(toNotificationDto),
    total: Number(totals[0]?.n ?? 0),
    limit: q.limit,
    offset: q.offset,
  };
}

/** The user's unread notifications, in total and per workspace (only workspaces they belong to). */
export async function unreadCount(
  db: Db,
  userId: string,
): Promise<{ unread: number; workspaces: { workspaceId: string; unread: number }[] }> {
  const rows = await db
    .select({ workspaceId: notifications.workspaceId, n: count() })
    .from(notifications)
    .innerJoin(
      memberships,
      and(
        eq(memberships.workspaceId, notifications.workspaceId),
        eq(memberships.userId, notifications.userId),
      ),
    )
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .groupBy(notifications.workspaceId)
    .orderBy(notifications.workspaceId);
  const workspaces = rows.map((r) => ({ workspaceId: r.workspaceId, unread: Number(r.n) }));
  return { unread: workspaces.reduce((sum, w) => sum + w.unread, 0), workspaces };
}

/** Marks one of the user's notifications read (idempotent); 404 when it is not theirs. */
export async function markNotificationRead(
  db: Db,
  userId: string,
  workspaceId: string,
  notificationId: string,
): Promise<NotificationDto> {
  const mine = and(
    eq(notifications.id, notificationId),
    eq(notifications.userId, userId),
    eq(notifications.workspaceId, workspaceId),
  );
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(mine, isNull(notifications.readAt)));
  const [row] = await db.select().from(notifications).where(mine);
  if (!row) throw new NotFoundError('notification', notificationId);
  return toNotificationDto(row);
}

/** Marks all the user's notifications of a workspace read; answers how many were unread. */
export async function markAllNotificationsRead(
  db: Db,
  userId: string,
  workspaceId: string,
): Promise<{ marked: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.workspaceId, workspaceId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return { marked: rows.length };
}

/** Notifications of some episodes (tests and the demo look at who was told). */
export async function notificationsOfEpisodes(
  db: Db,
  episodeIds: readonly string[],
): Promise<NotificationRow[]> {
  if (episodeIds.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(inArray(notifications.episodeId, [...episodeIds]));
}
