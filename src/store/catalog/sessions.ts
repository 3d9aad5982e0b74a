import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from './db.js';
import { sessions, setupTokens } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';
import { findUser, type UserRow } from './users.js';

export const SESSION_DAYS = 14;

/** Opens a session and returns the raw cookie value (only its hash is stored). */
export async function createSession(db: Db, userId: string): Promise<string> {
  const raw = newSecret('s_');
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.insert(sessions).values({
    id: hashSecret(raw),
    userId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return raw;
}

export async function findSessionUser(db: Db, raw: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, hashSecret(raw)), gt(sessions.expiresAt, new Date())));
  return row ? findUser(db, row.userId) : undefined;
}

export async function deleteSession(db: Db, raw: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSecret(raw)));
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
