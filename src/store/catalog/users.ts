import { hash, verify } from '@node-rs/argon2';
import { and, asc, count, eq, isNull, lt, or } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { ConflictError, invalid } from '../../domain/errors.js';
import type { Db } from './db.js';
import { users } from './schema.js';
import { type SecretBox, totpContext } from './secret-box.js';
import { deleteOtherSessions } from './sessions.js';

export type UserRow = typeof users.$inferSelect;

/** The public face of a user: never the hash or the TOTP secret. */
export function toUserDto(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    totpEnabled: u.totpEnabled,
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

export const MIN_PASSWORD_LENGTH = 8;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/** Creates a user with an argon2id password hash; 409 when the e-mail is taken. */
export async function createUser(
  db: Db,
  input: { email: string; password: string; name?: string | undefined; locale?: string | undefined },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid('email', 'must be an e-mail address');
  checkPassword(input.password);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new ConflictError(`a user with e-mail ${email} already exists`, { field: 'email' });
  const [row] = await db
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      email,
      name: input.name ?? '',
      locale: input.locale ?? 'en',
      passwordHash: await hash(input.password),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row;
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** The first user created, e.g. to own the demo workspace. */
export async function firstUser(db: Db): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).orderBy(asc(users.createdAt)).limit(1);
  return row;
}

/** Checks a password; returns the user or undefined (same answer for unknown e-mail and wrong password). */
export async function verifyPassword(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    // Spend comparable time so unknown e-mails cannot be told apart by timing.
    await hash(password);
    return undefined;
  }
  return (await verify(user.passwordHash, password)) ? user : undefined;
}

/**
 * Changes the password and ends every other session of the user (the one making the change,
 * `keepSessionId`, stays signed in).
 */
export async function changePassword(
  db: Db,
  userId: string,
  current: string,
  next: string,
  keepSessionId: string,
): Promise<void> {
  const user = await findUser(db, userId);
  if (!user || !(await verify(user.passwordHash, current))) throw invalid('currentPassword', 'is wrong');
  checkPassword(next, 'newPassword');
  const passwordHash = await hash(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await deleteOtherSessions(tx, userId, keepSessionId);
  });
}

export async function updateProfile(
  db: Db,
  userId: string,
  patch: { name?: string | undefined; locale?: string | undefined },
): Promise<UserRow> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  // An empty patch changes nothing (and an UPDATE without columns is no statement).
  const [row] =
    Object.keys(changes).length === 0
      ? await db.select().from(users).where(eq(users.id, userId))
      : await db.update(users).set(changes).where(eq(users.id, userId)).returning();
  if (!row) throw new Error('user vanished');
  return row;
}

function totpFor(user: UserRow, secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Touchpoints',
    label: user.email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step of `code` when it is the user's code of now ±1 period; undefined otherwise. */
function totpStepOf(box: SecretBox, user: UserRow, code: string, now: number): number | undefined {
  if (!user.totpSecret) return undefined;
  const totp = totpFor(user, box.open(user.totpSecret, totpContext(user.id)));
  const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now }) + delta;
}

export type TotpCheck = 'accepted' | 'wrong' | 'replayed';

/**
 * Checks a TOTP code and uses it up: the code's time step must be later than the last one
 * accepted for the user. One conditional UPDATE records it, so of two requests with the same
 * code only one passes.
 */
export async function acceptTotp(
  db: Db,
  box: SecretBox,
  user: UserRow,
  code: string,
  now = Date.now(),
): Promise<TotpCheck> {
  const step = totpStepOf(box, user, code, now);
  if (step === undefined) return 'wrong';
  const taken = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return taken.length === 1 ? 'accepted' : 'replayed';
}

/** The 400 of a TOTP code that is not accepted. */
function refuseCode(check: Exclude<TotpCheck, 'accepted'>) {
  return invalid(
    'code',
    check === 'wrong'
      ? 'is not the current code of your authenticator app'
      : 'was already used; wait for the next code of your authenticator app',
  );
}

/** Starts TOTP enrolment: stores a fresh secret (encrypted, not yet enabled) and returns it with its otpauth:// URI. */
export async function beginTotpEnrolment(
  db: Db,
  box: SecretBox,
  user: UserRow,
): Promise<{ secret: string; uri: string }> {
  if (user.totpEnabled) throw new ConflictError('two-factor authentication is already enabled');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db
    .update(users)
    .set({ totpSecret: box.seal(secret, totpContext(user.id)) })
    .where(eq(users.id, user.id));
  return { secret, uri: totpFor(user, secret).toString() };
}

/**
 * Enables TOTP once the user proves the authenticator app works, and ends every other session
 * of the user (`keepSessionId`, the one enabling it, stays).
 */
export async function enableTotp(
  db: Db,
  box: SecretBox,
  user: UserRow,
  code: string,
  keepSessionId: string,
): Promise<void> {
  if (!user.totpSecret) throw new ConflictError('start the two-factor set-up first');
  if (user.totpEnabled) throw new ConflictError('two-factor authentication is already enabled');
  const check = await acceptTotp(db, box, user, code);
  if (check !== 'accepted') throw refuseCode(check);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id));
    await deleteOtherSessions(tx, user.id, keepSessionId);
  });
}

export async function disableTotp(db: Db, box: SecretBox, user: UserRow, code: string): Promise<void> {
  if (!user.totpEnabled) throw new ConflictError('two-factor authentication is not enabled');
  const check = await acceptTotp(db, box, user, code);
  if (check !== 'accepted') throw refuseCode(check);
  await db.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, user.id));
}
