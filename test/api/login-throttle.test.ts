/**
 * The per-account sign-in limit: after five failures to one account, each further failure
 * doubles the wait (1 s, 2 s, 4 s … 15 min) whatever the address, answered 429 with Retry-After
 * without checking the password; unknown accounts behave the same; success clears the count.
 */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loginThrottle } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';

const PASSWORD = 'correct horse battery';

describeCatalog('per-account sign-in limit', (h) => {
  /** A sign-in from `address` (each address has its own per-address budget of 10 a minute). */
  const login = async (email: string, password: string, address: string) => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: address,
      payload: { email, password },
    });
    return { status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] };
  };
  const throttleOf = async (email: string) =>
    (await h().catalog.db.select().from(loginThrottle).where(eq(loginThrottle.email, email)))[0];
  /** The wait the last failure set, in milliseconds. */
  const waitAfterLastFailure = async (email: string) => {
    const row = await throttleOf(email);
    return row?.blockedUntil ? row.blockedUntil.getTime() - row.lastFailureAt.getTime() : undefined;
  };
  /** Lets the wait pass without sleeping: the wait ends now. */
  const endWait = (email: string) =>
    h()
      .catalog.db.update(loginThrottle)
      .set({ blockedUntil: sql`now() - interval '1 second'` })
      .where(eq(loginThrottle.email, email));

  it('makes an account wait after five failures, from any address, without checking the password', async () => {
    const ann = await h().signUp('ann');
    const statuses: number[] = [];
    // Five addresses, one failure each: the per-address limit never comes into play.
    for (let i = 0; i < 5; i++)
      statuses.push((await login(ann.email, 'wrong guess', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await waitAfterLastFailure(ann.email)).toBe(1_000);

    // Even the right password from a new address waits, and is not checked.
    const waiting = await login(ann.email.toUpperCase(), PASSWORD, '203.0.113.9');
    expect(waiting.status).toBe(429);
    expect(waiting.body.code).toBe('sign_in_throttled');
    expect(waiting.retryAfter).toBe('1');
    expect(waiting.body).toMatchObject({
      retryAfterSeconds: 1,
      message: 'too many failed sign-ins to this account; try again in 1 s',
    });
    expect(await throttleOf(ann.email)).toMatchObject({ failures: 5 });

    // Each further failure doubles the wait.
    await endWait(ann.email);
    expect((await login(ann.email, 'wrong again', '203.0.113.10')).status).toBe(401);
    expect(await waitAfterLastFailure(ann.email)).toBe(2_000);
    await endWait(ann.email);
    expect((await login(ann.email, 'wrong again', '203.0.113.12')).status).toBe(401);
    expect(await waitAfterLastFailure(ann.email)).toBe(4_000);
    // A longer wait, to see the answer without a race against the clock.
    await h()
      .catalog.db.update(loginThrottle)
      .set({ blockedUntil: sql`now() + interval '90 seconds'` })
      .where(eq(loginThrottle.email, ann.email));
    const later = await login(ann.email, PASSWORD, '203.0.113.13');
    expect(later.status).toBe(429);
    expect(Number(later.retryAfter)).toBeGreaterThanOrEqual(89);

    // Once the wait is over, the right password signs in and clears the count.
    await endWait(ann.email);
    expect((await login(ann.email, PASSWORD, '203.0.113.14')).status).toBe(200);
    expect(await throttleOf(ann.email)).toBeUndefined();
    expect((await login(ann.email, 'wrong guess', '203.0.113.15')).status).toBe(401);
    expect(await throttleOf(ann.email)).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it('answers an unknown e-mail the same way, so the limit tells nothing about accounts', async () => {
    const email = 'nobody-here@example.com';
    for (let i = 0; i < 5; i++)
      expect((await login(email, 'guess', `198.51.100.${20 + i}`)).status).toBe(401);
    expect(await waitAfterLastFailure(email)).toBe(1_000);
    const waiting = await login(email, 'guess', '198.51.100.30');
    expect(waiting.status).toBe(429);
    expect(waiting.body.code).toBe('sign_in_throttled');
  });

  it('caps the wait at 15 minutes and forgets failures a day old', async () => {
    const bob = await h().signUp('bob');
    const { db } = h().catalog;
    await db.insert(loginThrottle).values({ email: bob.email, failures: 40, lastFailureAt: new Date() });
    expect((await login(bob.email, 'wrong', '198.51.100.40')).status).toBe(401);
    expect(await waitAfterLastFailure(bob.email)).toBe(900_000);
    const waiting = await login(bob.email, PASSWORD, '198.51.100.41');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.retryAfter)).toBeGreaterThan(890);

    await db
      .update(loginThrottle)
      .set({ failures: 40, lastFailureAt: new Date(Date.now() - 2 * 86_400_000), blockedUntil: null })
      .where(eq(loginThrottle.email, bob.email));
    expect((await login(bob.email, 'wrong', '198.51.100.42')).status).toBe(401);
    expect(await throttleOf(bob.email)).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it('counts failures of all processes in the catalog: concurrent failures all count', async () => {
    const carol = await h().signUp('carol');
    await Promise.all([0, 1, 2, 3].map((i) => login(carol.email, 'wrong', `198.51.100.${50 + i}`)));
    expect(await throttleOf(carol.email)).toMatchObject({ failures: 4, blockedUntil: null });
  });
});
