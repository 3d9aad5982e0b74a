/**
 * Signed-in sessions: the list in the profile, signing out one or all others, the idle timeout,
 * and the other sessions that a password change or enabling two-factor sign-in ends.
 */
import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { expect, it } from 'vitest';
import { sessions } from '../../src/store/catalog/schema.js';
import { hashSecret } from '../../src/store/catalog/secrets.js';
import { createSession } from '../../src/store/catalog/sessions.js';
import { Client, describeCatalog } from '../catalog-harness.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

describeCatalog('signed-in sessions', (h) => {
  /** Signs `email` in through the API from a browser and returns its client and cookie value. */
  async function signInFrom(email: string, userAgent: string, password = 'correct horse battery') {
    const res = await h().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': userAgent },
      payload: { email, password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = /tp_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
    return { client: new Client(h().app, { cookie }), cookie };
  }

  it('lists where the user is signed in, marks the current one and never shows the cookie hash', async () => {
    const ann = await h().signUp('ann');
    const laptop = await signInFrom(ann.email, FIREFOX_LINUX);
    await signInFrom(ann.email, SAFARI_IPHONE);
    const other = await h().signUp('other');

    const list = await laptop.client.get('/api/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ browser: 'Firefox', os: 'Linux', address: '127.0.0.1' });
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ browser: 'Safari', os: 'iOS', current: false }),
    );
    const ids: string[] = list.body.items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(hashSecret(laptop.cookie));
    expect(JSON.stringify(list.body)).not.toContain(laptop.cookie);
    // Another user's sessions are not in the list, and not theirs to end.
    const others = await other.get('/api/me/sessions');
    expect(others.body.items).toHaveLength(1);
    expect((await laptop.client.delete(`/api/me/sessions/${others.body.items[0].id}`)).status).toBe(404);
    expect((await other.get('/api/me')).status).toBe(200);
  });

  it('signs out one session, all others, or the current one', async () => {
    const bob = await h().signUp('bob');
    const phone = await signInFrom(bob.email, SAFARI_IPHONE);
    const tablet = await signInFrom(bob.email, FIREFOX_LINUX);

    const list = (await bob.get('/api/me/sessions')).body.items as { id: string; browser: string }[];
    const phoneId = list.find((s) => s.browser === 'Safari')?.id;
    expect((await bob.delete(`/api/me/sessions/${phoneId}`)).status).toBe(204);
    expect((await phone.client.get('/api/me')).status).toBe(401);
    expect((await tablet.client.get('/api/me')).status).toBe(200);

    const laptop = await signInFrom(bob.email, FIREFOX_LINUX);
    const ended = await bob.post('/api/me/sessions/revoke-others');
    expect(ended).toMatchObject({ status: 200, body: { ended: 2 } });
    expect((await tablet.client.get('/api/me')).status).toBe(401);
    expect((await laptop.client.get('/api/me')).status).toBe(401);
    expect((await bob.get('/api/me')).status).toBe(200);

    const own = (await bob.get('/api/me/sessions')).body.items[0];
    expect(own.current).toBe(true);
    const signedOut = await bob.delete(`/api/me/sessions/${own.id}`);
    expect(signedOut.status).toBe(204);
    expect(String(signedOut.headers['set-cookie'])).toMatch(/tp_session=;/);
    expect((await bob.get('/api/me')).status).toBe(401);
  });

  it('is not for API tokens', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const token = (await owner.post(`${base}/tokens`, { name: 'admin', scopes: ['admin'] })).body.token;
    const res = await h().withToken(token).get('/api/me/sessions');
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/signed-in user/);
  });

  it('ends after the idle timeout and records the last use at most once a minute', async () => {
    const carol = await h().signUp('carol');
    const { db } = h().catalog;
    const raw = await createSession(db, carol.userId);
    const client = new Client(h().app, { cookie: raw });
    const id = hashSecret(raw);
    const lastSeen = async () =>
      (await db.select().from(sessions).where(eq(sessions.id, id)))[0]?.lastSeenAt.getTime();

    const thirtySecondsAgo = new Date(Date.now() - 30_000);
    await db.update(sessions).set({ lastSeenAt: thirtySecondsAgo }).where(eq(sessions.id, id));
    expect((await client.get('/api/me')).status).toBe(200);
    expect(await lastSeen()).toBe(thirtySecondsAgo.getTime());

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.update(sessions).set({ lastSeenAt: twoMinutesAgo }).where(eq(sessions.id, id));
    expect((await client.get('/api/me')).status).toBe(200);
    expect(await lastSeen()).toBeGreaterThan(Date.now() - 5_000);

    // The default idle timeout is 30 minutes.
    const idle = new Date(Date.now() - 31 * 60_000);
    await db.update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.id, id));
    expect((await client.get('/api/me')).status).toBe(401);
    expect(await lastSeen()).toBeUndefined();
  });

  it('ends every other session on a password change and keeps the current one', async () => {
    const dave = await h().signUp('dave');
    const elsewhere = await signInFrom(dave.email, SAFARI_IPHONE);
    const changed = await dave.post('/api/me/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'a new password 2',
    });
    expect(changed.status).toBe(204);
    expect((await elsewhere.client.get('/api/me')).status).toBe(401);
    expect((await dave.get('/api/me')).status).toBe(200);
    expect((await dave.get('/api/me/sessions')).body.items).toHaveLength(1);
  });

  it('ends every other session when two-factor sign-in is turned on and keeps the current one', async () => {
    const erin = await h().signUp('erin');
    const elsewhere = await signInFrom(erin.email, SAFARI_IPHONE);
    const enrol = await erin.post('/api/me/totp');
    // Starting the set-up changes nothing yet.
    expect((await elsewhere.client.get('/api/me')).status).toBe(200);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrol.body.secret) });
    expect((await erin.post('/api/me/totp/enable', { code: totp.generate() })).status).toBe(204);
    expect((await elsewhere.client.get('/api/me')).status).toBe(401);
    const me = await erin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.totpEnabled).toBe(true);
  });
});
