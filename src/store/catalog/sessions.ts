import { createHash } from 'node:crypto';
import { and, desc, eq, getTableColumns, gt, isNull, lt, ne } from 'drizzle-orm';
import { NotFoundError } from '../../domain/errors.js';
import { describeUserAgent } from '../../domain/user-agent.js';
import type { Db } from './db.js';
import { sessions, setupTokens, users } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';
import type { UserRow } from './users.js';

/** The fixed lifetime of a session, however active. */
export const SESSION_DAYS = 14;

/** A session's last use is written at most this often (not on every request). */
export const LAST_SEEN_EVERY_MS = 60_000;

/** Where a request comes from, as shown in the sessions list. */
export interface Device {
  userAgent: string;
  address: string;
}

const NO_DEVICE: Device = { userAgent: '', address: '' };

/** Opens a session and returns the raw cookie value (only its hash is stored). */
export async function createSession(db: Db, userId: string, device: Device = NO_DEVICE): Promise<string> {
  const raw = newSecret('s_');
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.insert(sessions).values({
    id: hashSecret(raw),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    userAgent: device.userAgent.slice(0, 500),
    address: device.address.slice(0, 100),
  });
  return raw;
}

/** A signed-in caller: the user and the id (cookie hash) of the session they use. */
export interface SessionUser {
  user: UserRow;
  sessionId: string;
}

/**
 * The user of a session cookie, when the session is neither past its lifetime nor idle longer
 * than `idleMinutes` (an idle one is deleted). Records the last use, at most once a minute.
 */
export async function findSessionUser(
  db: Db,
  raw: string,
  options: { idleMinutes: number; device?: Device },
): Promise<SessionUser | undefined> {
  const id = hashSecret(raw);
  const now = Date.now();
  const [row] = await db
    .select({ user: getTableColumns(users), lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date(now))));
  if (!row) return undefined;
  if (row.lastSeenAt.getTime() <= now - options.idleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return undefined;
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    const device = options.device ?? NO_DEVICE;
    await db
      .update(sessions)
      .set({
        lastSeenAt: new Date(now),
        userAgent: device.userAgent.slice(0, 500),
        address: device.address.slice(0, 100),
      })
      .where(eq(sessions.id, id));
  }
  return { user: row.user, sessionId: id };
}

export async function deleteSession(db: Db, raw: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSecret(raw)));
}

/** Ends every session of the user but `keepSessionId`; returns how many ended. */
export async function deleteOtherSessions(db: Db, userId: string, keepSessionId: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * The handle by which the sessions list names a session: derived from its id (the cookie's
 * hash) one way, so the list never shows what identifies the cookie.
 */
export function sessionHandle(sessionId: string): string {
  return createHash('sha256').update(`session handle:${sessionId}`).digest('base64url').slice(0, 22);
}

/**
 * The user's open sessions, most recently used first; `current` marks the caller's own. Sessions
 * idle longer than `idleMinutes` are deleted on the way.
 */
export async function listSessions(db: Db, userId: string, currentSessionId: string, idleMinutes: number) {
  const idleSince = new Date(Date.now() - idleMinutes * 60_000);
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.lastSeenAt, idleSince)));
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: sessionHandle(s.id),
    current: s.id === currentSessionId,
    ...describeUserAgent(s.userAgent),
    address: s.address || null,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: new Date(
      Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + idleMinutes * 60_000),
    ).toISOString(),
  }));
}

/** Ends one of the user's sessions by its handle; 404 when the user has no such session. */
export async function revokeSession(db: Db, userId: string, handle: string): Promise<{ sessionId: string }> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const match = rows.find((row) => sessionHandle(row.id) === handle);
  if (!match) throw new NotFoundError('session', handle);
  await db.delete(sessions).where(and(eq(sessions.id, match.id), eq(sessions.userId, userId)));
  return { sessionId: match.id };
}

/** Creates the one-time first-run setup secret; returns the raw value for the setup link. */
export async function createSetupToken(db: Db, ttlHours = 24): Promise<string> {
  const raw = newSecret('setup_');
  await db.insert(setupTokens).values({
    id: hashSecret(raw),
    purpose: 'first_run',
    expiresAt: new Date(Date.now() + ttlHours * 3_600_000),
  });
  return raw;
}

/** Marks a setup secret used; false when it is unknown, already used or expired. */
export async function consumeSetupToken(db: Db, raw: string): Promise<boolean> {
  const used = await db
    .update(setupTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(setupTokens.id, hashSecret(raw)),
        isNull(setupTokens.usedAt),
        gt(setupTokens.expiresAt, new Date()),
      ),
    )
    .returning({ id: setupTokens.id });
  return used.length === 1;
}
