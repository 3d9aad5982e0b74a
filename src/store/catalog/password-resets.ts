/**
 * Password-reset links: one-time, valid for an hour; only the SHA-256 of the secret is stored. A
 * new link ends the user's earlier ones; setting the new password ends every session of the user.
 */
import { hash } from '@node-rs/argon2';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { invalid, NotFoundError } from '../../domain/errors.js';
import { GoneError } from './audit-links.js';
import type { Db } from './db.js';
import { clearSignInFailures } from './login-throttle.js';
import { passwordResets, sessions, users } from './schema.js';
import { hashSecret, newSecret } from './secrets.js';
import { findUserByEmail, MIN_PASSWORD_LENGTH, type UserRow } from './users.js';

export const RESET_TOKEN_PREFIX = 'tpr_';
export const RESET_HOURS = 1;
/** A second request for the same account within this time sends no second e-mail. */
export const RESET_RESEND_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The web app's page for a reset link, relative to the server. */
export function passwordResetPagePath(token: string): string {
  return `/reset-password/${token}`;
}

/** Makes a reset link for the user (ending their earlier ones); returns its secret, shown once. */
export async function issuePasswordReset(db: Db, userId: string, now = new Date()): Promise<string> {
  const token = newSecret(RESET_TOKEN_PREFIX);
  await db.transaction(async (tx) => {
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    // Links of anyone that ended a day ago are of no further use.
    await tx
      .delete(passwordResets)
      .where(lt(passwordResets.expiresAt, new Date(now.getTime() - 24 * HOUR_MS)));
    await tx.insert(passwordResets).values({
      id: hashSecret(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_HOURS * HOUR_MS),
    });
  });
  return token;
}

/**
 * A reset asked for by e-mail: the account and a fresh link, or undefined when no account has the
 * e-mail, or when a link was made for it within the last minute (no e-mail flood).
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  now = new Date(),
): Promise<{ user: UserRow; token: string } | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) return undefined;
  const [recent] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.userId, user.id),
        isNull(passwordResets.usedAt),
        gt(passwordResets.createdAt, new Date(now.getTime() - RESET_RESEND_MS)),
      ),
    );
  if (recent) return undefined;
  return { user, token: await issuePasswordReset(db, user.id, now) };
}

async function resolveReset(db: Db, token: string, now: Date) {
  const [found] = await db
    .select({ reset: passwordResets, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.id, hashSecret(token)));
  if (!found) throw new NotFoundError('password-reset link');
  if (found.reset.usedAt)
    throw new GoneError('this password-reset link was used already; ask for a new one', 'used');
  if (found.reset.expiresAt.getTime() <= now.getTime())
    throw new GoneError('this password-reset link expired; ask for a new one', 'expired');
  return found;
}

/** The account a reset link is for, while it works; 404 unknown, 410 used or expired. */
export async function describePasswordReset(db: Db, token: string, now = new Date()) {
  const found = await resolveReset(db, token, now);
  return { email: found.email, expiresAt: found.reset.expiresAt.toISOString() };
}

/**
 * Sets the new password with a reset link, once, and ends every session of the user (the caller
 * signs in afresh). The link is claimed by one conditional UPDATE, so it works only once.
 */
export async function completePasswordReset(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserRow> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  await resolveReset(db, token, now);
  const passwordHash = await hash(password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.id, hashSecret(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!claimed) throw new GoneError('this password-reset link was used already; ask for a new one', 'used');
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, claimed.userId))
      .returning();
    if (!user) throw new Error('user vanished');
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await clearSignInFailures(tx, user.email);
    return user;
  });
}
