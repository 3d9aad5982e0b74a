/**
 * The per-account sign-in limit: after FREE_FAILURES failed sign-ins to one e-mail address, each
 * further failure makes the next attempt wait twice as long (1 s, 2 s, 4 s … at most 15 min),
 * whatever address the attempts come from. Kept in the catalog, so every server process sees the
 * same count, and keyed by the normalised e-mail whether an account has it or not, so the answer
 * tells nothing about which accounts exist. A successful sign-in clears it; failures older than a
 * day are forgotten.
 */
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Db } from './db.js';
import { loginThrottle } from './schema.js';

/** Failures to one account before any wait. */
export const FREE_FAILURES = 5;
/** The longest wait between attempts, in seconds. */
export const MAX_WAIT_SECONDS = 15 * 60;

/** 429: the account's sign-in is throttled; `retryAfterSeconds` says until when. */
export class SignInThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'sign_in_throttled',
      `too many failed sign-ins to this account; try again in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }
}

/** Throws SignInThrottledError while the account's wait lasts (checked before the password). */
export async function checkSignInThrottle(db: Db, email: string): Promise<void> {
  const [row] = await db
    .select({
      wait: sql<number>`ceil(extract(epoch from ${loginThrottle.blockedUntil} - now()))::int`,
    })
    .from(loginThrottle)
    .where(eq(loginThrottle.email, email));
  const wait = Number(row?.wait ?? 0);
  if (wait > 0) throw new SignInThrottledError(wait);
}

/**
 * Counts a failed sign-in in one statement (two processes counting at once both count); from
 * FREE_FAILURES on, sets the wait before the next attempt.
 */
export async function recordSignInFailure(db: Db, email: string): Promise<void> {
  const failures = sql`case when ${loginThrottle.lastFailureAt} < now() - interval '1 day' then 1 else ${loginThrottle.failures} + 1 end`;
  await db
    .insert(loginThrottle)
    .values({ email, failures: 1, lastFailureAt: sql`now()`, blockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.email,
      set: {
        failures,
        lastFailureAt: sql`now()`,
        blockedUntil: sql`case when ${failures} >= ${FREE_FAILURES}
          then now() + least(${MAX_WAIT_SECONDS}, power(2, ${failures} - ${FREE_FAILURES})) * interval '1 second'
          else null end`,
      },
    });
  // Failures a day old count for nothing: rows of addresses tried once do not pile up.
  await db.delete(loginThrottle).where(sql`${loginThrottle.lastFailureAt} < now() - interval '1 day'`);
}

/** A successful sign-in forgets the account's failures. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.email, email));
}
