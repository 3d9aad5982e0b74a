/**
 * Cross-site request forgery: a state-changing request signed by the session cookie must come
 * from the server's own origin (Origin, else Sec-Fetch-Site); Bearer-token requests are exempt;
 * sign-in and setup refuse a foreign Origin (login CSRF).
 */
import { expect, it } from 'vitest';
import { createSession, createSetupToken } from '../../src/store/catalog/sessions.js';
import { APP_ORIGIN, describeCatalog } from '../catalog-harness.js';

const EVIL = 'https://evil.example';

describeCatalog('same-origin writes', (h) => {
  it('refuses cookie writes from a foreign origin, also those without a body', async () => {
    const ann = await h().signUp('ann');
    const { base } = await h().newWorkspace(ann);
    const enrol = await ann.request('POST', '/api/me/totp', undefined, { origin: EVIL });
    expect(enrol.status).toBe(403);
    expect(enrol.body.message).toBe(
      `cross-site request refused: Origin ${EVIL} is not this server's (http://localhost:3000)`,
    );
    const created = await ann.request('POST', `${base}/brands`, { name: 'Evil' }, { origin: EVIL });
    expect(created.status).toBe(403);
    expect((await ann.get(`${base}/brands`)).body.items.map((b: { name: string }) => b.name)).not.toContain(
      'Evil',
    );
    // `Origin: null` (sandboxed frames, some redirects) is foreign too.
    expect((await ann.request('POST', '/api/me/totp', undefined, { origin: 'null' })).status).toBe(403);

    const logout = await ann.request('POST', '/api/auth/logout', undefined, { origin: EVIL });
    expect(logout.status).toBe(403);
    expect((await ann.get('/api/me')).status).toBe(200);
  });

  it("accepts the request's own origin, the public URL's and same-origin fetch metadata", async () => {
    const bob = await h().signUp('bob');
    const { base } = await h().newWorkspace(bob);
    const own = await bob.request('POST', `${base}/brands`, { name: 'Own' }, { origin: APP_ORIGIN });
    expect(own.status).toBe(201);
    // The harness's TOUCHPOINTS_PUBLIC_URL is the default, http://localhost:3000.
    const publicUrl = await bob.request(
      'POST',
      `${base}/brands`,
      { name: 'Public' },
      { origin: 'http://localhost:3000' },
    );
    expect(publicUrl.status).toBe(201);
    const otherPort = await bob.request(
      'POST',
      `${base}/brands`,
      { name: 'Port' },
      { origin: 'http://localhost:4000' },
    );
    expect(otherPort.status).toBe(403);
    // Reads are not guarded: a GET changes nothing.
    expect((await bob.request('GET', `${base}/brands`, undefined, { origin: EVIL })).status).toBe(200);
  });

  it('without Origin, goes by Sec-Fetch-Site, and refuses a cookie write that sends neither', async () => {
    const carol = await h().signUp('carol');
    const { base } = await h().newWorkspace(carol);
    const raw = await createSession(h().catalog.db, carol.userId);
    const inject = (headers: Record<string, string>) =>
      h().app.inject({
        method: 'POST',
        url: `${base}/brands`,
        headers: { cookie: `tp_session=${raw}`, ...headers },
        payload: { name: `Brand ${Object.values(headers).join(' ')}` },
      });
    expect((await inject({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await inject({ 'sec-fetch-site': 'none' })).statusCode).toBe(201);
    const crossSite = await inject({ 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().message).toBe('cross-site request refused: Sec-Fetch-Site is cross-site');
    expect((await inject({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    const neither = await inject({});
    expect(neither.statusCode).toBe(403);
    expect(neither.json().message).toMatch(/must send an Origin header/);
  });

  it('exempts Bearer-token requests', async () => {
    const dave = await h().signUp('dave');
    const { base } = await h().newWorkspace(dave);
    const token = (await dave.post(`${base}/tokens`, { name: 'admin', scopes: ['admin'] })).body.token;
    const res = await h().app.inject({
      method: 'POST',
      url: `${base}/brands`,
      headers: { authorization: `Bearer ${token}`, origin: EVIL },
      payload: { name: 'Scripted' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses sign-in and setup from a foreign origin (login CSRF), not from scripts without one', async () => {
    const erin = await h().signUp('erin');
    const credentials = { email: erin.email, password: 'correct horse battery' };
    const forged = await h().anonymous.request('POST', '/api/auth/login', credentials, { origin: EVIL });
    expect(forged.status).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
    const crossSite = await h().anonymous.request('POST', '/api/auth/login', credentials, {
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    expect((await h().anonymous.post('/api/auth/login', credentials)).status).toBe(200);
    const fromApp = await h().anonymous.request('POST', '/api/auth/login', credentials, {
      origin: APP_ORIGIN,
    });
    expect(fromApp.status).toBe(200);

    const token = await createSetupToken(h().catalog.db);
    const setup = await h().anonymous.request(
      'POST',
      '/api/setup',
      { token, email: 'first@example.com', password: 'correct horse battery' },
      { origin: EVIL },
    );
    expect(setup.status).toBe(403);
  });
});
