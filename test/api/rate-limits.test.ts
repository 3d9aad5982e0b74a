/**
 * The per-client API limits (SPEC §9) with low configured values: a second app on the
 * harness's databases with TOUCHPOINTS_API_RATE_LIMIT=5 and TOUCHPOINTS_INGEST_RATE_LIMIT=3.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createSession } from '../../src/store/catalog/sessions.js';
import { APP_ORIGIN, describeCatalog } from '../catalog-harness.js';

const T0 = Date.UTC(2024, 4, 1);

describeCatalog('API rate limits', (h) => {
  let app: FastifyInstance;
  let base = '';
  let ingestToken = '';
  let cookie = '';
  let otherCookie = '';

  beforeAll(async () => {
    const config = loadConfig({ TOUCHPOINTS_API_RATE_LIMIT: '5', TOUCHPOINTS_INGEST_RATE_LIMIT: '3' });
    app = await buildApp({
      db: h().catalog.db,
      events: h().events,
      config,
      engine: h().engine,
      secrets: h().secrets,
    });
    await app.ready();
    // Set up through the harness's app (default limits), then call the low-limit app.
    const owner = await h().signUp('owner');
    const other = await h().signUp('other');
    ({ base } = await h().newWorkspace(owner));
    await owner.post(`${base}/touchpoints`, { key: 'website', name: 'Website' });
    ingestToken = (await owner.post(`${base}/tokens`, { name: 'loader', scopes: ['ingest'] })).body.token;
    cookie = `tp_session=${await createSession(h().catalog.db, owner.userId)}`;
    otherCookie = `tp_session=${await createSession(h().catalog.db, other.userId)}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const call = async (options: InjectOptions) => {
    const res = await app.inject(options);
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  const batch = (n: number) => ({
    interactions: [{ id: `i-${n}`, customer: 'c1', touchpoint: 'website', at: T0 + n }],
  });
  const ingest = (n: number, auth: Record<string, string>) =>
    call({ method: 'POST', url: `${base}/interactions`, headers: auth, payload: batch(n) });

  it('answers 429 with the limit and when to retry once a signed-in user spent the minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call({ method: 'GET', url: '/api/me', headers: { cookie } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const refused = await call({ method: 'GET', url: `${base}/touchpoints`, headers: { cookie } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', limit: 5 });
    expect(refused.body.message).toMatch(
      /^too many requests from this client: at most 5 a minute; retry in \d+/,
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));

    // Another user from the same address has a budget of their own.
    expect((await call({ method: 'GET', url: '/api/me', headers: { cookie: otherCookie } })).status).toBe(
      200,
    );
    // Ingestion batches count apart: the user can still send them.
    expect((await ingest(100, { cookie, origin: APP_ORIGIN })).status).toBe(200);
  });

  it('counts anonymous callers by address and leaves non-API paths alone', async () => {
    const from = (remoteAddress: string) => call({ method: 'GET', url: '/api/me', remoteAddress });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await from('203.0.113.8')).status).toBe(401);
    for (let i = 0; i < 8; i++)
      expect((await call({ method: 'GET', url: '/healthz', remoteAddress: '203.0.113.7' })).status).toBe(200);
  });

  it('believes X-Forwarded-For only from the proxies TOUCHPOINTS_TRUST_PROXY names', async () => {
    const me = (target: FastifyInstance, remoteAddress: string, forwarded: string) =>
      target.inject({
        method: 'GET',
        url: '/api/me',
        remoteAddress,
        headers: { 'x-forwarded-for': forwarded },
      });
    // Not trusted (the default): a client cannot dodge its limit by claiming other addresses.
    const dodging: number[] = [];
    for (let i = 0; i < 6; i++) dodging.push((await me(app, '203.0.113.20', `198.51.100.${i}`)).statusCode);
    expect(dodging).toEqual([401, 401, 401, 401, 401, 429]);

    const behindProxy = await buildApp({
      db: h().catalog.db,
      events: h().events,
      config: loadConfig({ TOUCHPOINTS_API_RATE_LIMIT: '5', TOUCHPOINTS_TRUST_PROXY: 'loopback' }),
      engine: h().engine,
      secrets: h().secrets,
    });
    try {
      // Through the proxy on loopback, each client counts on its own.
      const first: number[] = [];
      for (let i = 0; i < 6; i++) first.push((await me(behindProxy, '127.0.0.1', '203.0.113.30')).statusCode);
      expect(first).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await me(behindProxy, '127.0.0.1', '203.0.113.31')).statusCode).toBe(401);
      // A caller that is not the proxy is counted by its own address.
      const direct: number[] = [];
      for (let i = 0; i < 6; i++)
        direct.push((await me(behindProxy, '203.0.113.40', `198.51.100.${i}`)).statusCode);
      expect(direct).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await behindProxy.close();
    }
  });

  it('gives ingestion batches their own limit per token', async () => {
    const auth = { authorization: `Bearer ${ingestToken}` };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ingest(i, auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ingest(9, auth);
    expect(refused.body).toMatchObject({ code: 'rate_limited', limit: 3 });
    expect(refused.body.message).toMatch(/^too many ingestion batches from this client: at most 3 a minute/);
    // The refused batches were not stored: exactly the three accepted ones are.
    const stored = await h().events.query<{ id: string }>({
      sql: "SELECT id FROM interactions WHERE workspace_id = $ws AND id IN ('i-0', 'i-1', 'i-2', 'i-3', 'i-9') ORDER BY id",
      params: { ws: base.split('/').at(-1) },
    });
    expect(stored.map((r) => r.id)).toEqual(['i-0', 'i-1', 'i-2']);
    // The token's other requests spend the general budget, which is untouched.
    expect((await call({ method: 'GET', url: `${base}/touchpoints`, headers: auth })).status).toBe(403);
  });

  it('keeps the sign-in limit of its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.4',
        payload: { email: `nobody${i}@example.com`, password: 'guess' },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('rate limit configuration', () => {
  it('defaults leave room for 200,000 interactions/s in 10,000-record batches', () => {
    const config = loadConfig({});
    // Ten times the batches a minute of 200,000 interactions/s sent as 10,000-record batches.
    expect(config.ingestRateLimit).toBeGreaterThanOrEqual(10 * (200_000 / 10_000) * 60);
    expect(config.apiRateLimit).toBeGreaterThanOrEqual(1000);
    expect(() => loadConfig({ TOUCHPOINTS_API_RATE_LIMIT: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ TOUCHPOINTS_INGEST_RATE_LIMIT: 'many' })).toThrow(
      /TOUCHPOINTS_INGEST_RATE_LIMIT must be a whole number/,
    );
  });

  it('reads which proxies to trust', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TOUCHPOINTS_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TOUCHPOINTS_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TOUCHPOINTS_TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ TOUCHPOINTS_TRUST_PROXY: 'yes' })).toThrow(
      /TOUCHPOINTS_TRUST_PROXY must be true, false, a number of hops .*"yes" is none of them/,
    );
    expect(() => loadConfig({ TOUCHPOINTS_TRUST_PROXY: '0' })).toThrow(/hops must be from 1 to 100/);
  });
});
