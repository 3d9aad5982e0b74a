import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createSetupToken } from '../../src/store/catalog/sessions.js';
import { createUser } from '../../src/store/catalog/users.js';
import { Client, describeCatalog } from '../catalog-harness.js';

function sessionCookie(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const cookie = (Array.isArray(raw) ? raw : [raw]).find((c) => String(c).startsWith('tp_session='));
  if (!cookie) throw new Error('no session cookie');
  return String(cookie);
}

describeCatalog('first-run setup', (h) => {
  it('creates the owner once, only with the setup secret', async () => {
    const token = await createSetupToken(h().catalog.db);
    const body = { email: 'owner@example.com', password: 'correct horse battery', workspaceName: 'Clinic' };
    const wrong = await h().anonymous.post('/api/setup', { ...body, token: 'setup_wrong' });
    expect(wrong.status).toBe(403);
    const ok = await h().anonymous.post('/api/setup', { ...body, token });
    expect(ok.status).toBe(201);
    expect(ok.body.user.email).toBe('owner@example.com');
    expect(ok.body.workspace).toMatchObject({ name: 'Clinic', role: 'owner' });
    expect(sessionCookie(ok.headers)).toMatch(/HttpOnly/);
    const again = await h().anonymous.post('/api/setup', { ...body, token });
    expect(again.status).toBe(409);
  });
});

describeCatalog('sign-in and account', (h) => {
  it('signs in with a HttpOnly SameSite cookie and signs out', async () => {
    await createUser(h().catalog.db, {
      email: 'Ann@Example.com',
      password: 'correct horse battery',
      name: 'Ann',
    });
    const bad = await h().anonymous.post('/api/auth/login', {
      email: 'ann@example.com',
      password: 'wrong password',
    });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('bad_credentials');
    const unknown = await h().anonymous.post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'x',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(bad.body.message);

    const ok = await h().anonymous.post('/api/auth/login', {
      email: 'ann@example.com',
      password: 'correct horse battery',
    });
    expect(ok.status).toBe(200);
    const cookie = sessionCookie(ok.headers);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const value = /tp_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const ann = new Client(h().app, { cookie: value });
    const me = await ann.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'ann@example.com', name: 'Ann', totpEnabled: false });
    expect(me.body.user).not.toHaveProperty('passwordHash');

    expect((await ann.post('/api/auth/logout')).status).toBe(204);
    expect((await ann.get('/api/me')).status).toBe(401);
  });

  it('changes the password only with the current one', async () => {
    const bob = await h().signUp('bob');
    const wrong = await bob.post('/api/me/password', {
      currentPassword: 'nope nope',
      newPassword: 'new password 1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues[0].field).toBe('currentPassword');
    const short = await bob.post('/api/me/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.issues[0].field).toBe('newPassword');
    const ok = await bob.post('/api/me/password', {
      currentPassword: 'correct horse battery',
      newPassword: 'new password 1',
    });
    expect(ok.status).toBe(204);
    const login = await h().anonymous.post('/api/auth/login', {
      email: bob.email,
      password: 'new password 1',
    });
    expect(login.status).toBe(200);
  });
});

describeCatalog('two-factor sign-in', (h) => {
  it('asks for the TOTP code once two-factor authentication is on and takes each code once', async () => {
    const carol = await h().signUp('carol');
    const enrol = await carol.post('/api/me/totp');
    expect(enrol.status).toBe(200);
    expect(enrol.body.uri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(enrol.body.secret) });
    // Three codes in a row (previous, current, next step): each accepted once, in that order.
    const now = await awayFromStepEdge();
    const [previous, current, next] = [-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: now + d }));
    const wrong = ['000000', '111111'].find((c) => ![previous, current, next].includes(c)) ?? '';
    expect((await carol.post('/api/me/totp/enable', { code: wrong })).status).toBe(400);
    expect((await carol.post('/api/me/totp/enable', { code: previous })).status).toBe(204);

    const credentials = { email: carol.email, password: 'correct horse battery' };
    const noCode = await h().anonymous.post('/api/auth/login', credentials);
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('totp_required');
    const badCode = await h().anonymous.post('/api/auth/login', { ...credentials, totp: '12345x' });
    expect(badCode.body.code).toBe('totp_invalid');
    // The code that enabled two-factor sign-in is used up.
    const replay = await h().anonymous.post('/api/auth/login', { ...credentials, totp: previous });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('totp_replayed');
    const ok = await h().anonymous.post('/api/auth/login', { ...credentials, totp: current });
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
    const again = await h().anonymous.post('/api/auth/login', { ...credentials, totp: current });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('totp_replayed');

    const reused = await carol.post('/api/me/totp/disable', { code: current });
    expect(reused.status).toBe(400);
    expect(reused.body.issues[0]).toMatchObject({
      field: 'code',
      message: expect.stringMatching(/already used/),
    });
    expect((await carol.post('/api/me/totp/disable', { code: next })).status).toBe(204);
    expect((await h().anonymous.post('/api/auth/login', credentials)).status).toBe(200);
  });

  it('lets only one of three simultaneous sign-ins with the same code through', async () => {
    const dave = await h().signUp('dave');
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32((await dave.post('/api/me/totp')).body.secret),
    });
    const now = await awayFromStepEdge();
    const enable = { code: totp.generate({ timestamp: now - 30_000 }) };
    expect((await dave.post('/api/me/totp/enable', enable)).status).toBe(204);
    const body = {
      email: dave.email,
      password: 'correct horse battery',
      totp: totp.generate({ timestamp: now }),
    };
    const answers = await Promise.all([1, 2, 3].map(() => h().anonymous.post('/api/auth/login', body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401]);
  });
});

/** Waits, when needed, until the current 30 s TOTP step has at least 8 s left; returns now. */
async function awayFromStepEdge(): Promise<number> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  return Date.now();
}

describeCatalog('sign-in rate limit', (h) => {
  it('answers 429 after too many attempts from one address', async () => {
    const statuses: number[] = [];
    // Another account each time: the per-account limit (login-throttle.test.ts) stays out of the way.
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await h().anonymous.post('/api/auth/login', { email: `x${i}@example.com`, password: 'guess' }))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('session cookie helper', () => {
  it('finds the cookie among several', () => {
    expect(sessionCookie({ 'set-cookie': ['a=1', 'tp_session=x; HttpOnly'] })).toBe('tp_session=x; HttpOnly');
  });
});
