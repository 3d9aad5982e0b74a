import { hash, verify } from '@node-rs/argon2';
import { asc, count, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { ConflictError, invalid } from '../../domain/errors.js';
import type { Db } from './db.js';
import { users } from './schema.js';

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

export async function changePassword(db: Db, userId: string, current: string, next: string): Promise<void> {
  const user = await findUser(db, userId);
  if (!user || !(await verify(user.passwordHash, current))) throw invalid('currentPassword', 'is wrong');
  checkPassword(next, 'newPassword');
  await db
    .update(users)
    .set({ passwordHash: await hash(next) })
    .where(eq(users.id, userId));
}

export async function updateProfile(
  db: Db,
  userId: string,
  patch: { name?: string | undefined; locale?: string | undefined },
): Promise<UserRow> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, userId)).returning();
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

/** True when `code` is the user's current TOTP code (±1 period). */
export function checkTotp(user: UserRow, code: string): boolean {
  if (!user.totpSecret) return false;
  return totpFor(user, user.totpSecret).validate({ token: code.replace(/\s/g, ''), window: 1 }) !== null;
}

/** Starts TOTP enrolment: stores a fresh secret (not yet enabled) and returns it with its otpauth:// URI. */
export async function beginTotpEnrolment(db: Db, user: UserRow): Promise<{ secret: string; uri: string }> {
  if (user.totpEnabled) throw new ConflictError('two-factor authentication is already enabled');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.update(users).set({ totpSecret: secret }).where(eq(users.id, user.id));
  return { secret, uri: totpFor(user, secret).toString() };
}

/** Enables TOTP once the user proves the authenticator app works. */
export async function enableTotp(db: Db, user: UserRow, code: string): Promise<void> {
  if (!user.totpSecret) throw new ConflictError('start the two-factor set-up first');
  if (!checkTotp(user, code)) throw invalid('code', 'is not the current code of your authenticator app');
  await db.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id));
}

export async function disableTotp(db: Db, user: UserRow, code: string): Promise<void> {
  if (!user.totpEnabled) throw new ConflictError('two-factor authentication is not enabled');
  if (!checkTotp(user, code)) throw invalid('code', 'is not the current code of your authenticator app');
  await db.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, user.id));
}
