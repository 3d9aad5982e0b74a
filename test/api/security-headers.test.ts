/**
 * The security headers on every route class — pages of the web app, the JSON API (answers and
 * errors), the API reference and the OpenAPI document, static files — over HTTP and with
 * TOUCHPOINTS_SECURE_COOKIES=true (HSTS). The pages are the real build (`npm run build`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { registerWebApp, TOKEN_PAGES, webDistDir } from '../../src/api/web-app.js';
import { loadConfig } from '../../src/config.js';
import { type Catalog, openCatalog } from '../../src/store/catalog/db.js';
import { createSecretBox } from '../../src/store/catalog/secret-box.js';
import { openDuckDbEventStore } from '../../src/store/events/duckdb/duckdb-event-store.js';
import type { EventStore } from '../../src/store/events/event-store.js';

const dist = webDistDir();

/** The Content-Security-Policy header as directive → sources. */
function policyOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = response.headers['content-security-policy'];
  expect(typeof header, `${response.raw.req.url} has a Content-Security-Policy`).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** What every response carries, whatever its class. */
function expectCommonHeaders(response: LightMyRequestResponse, https: boolean) {
  const url = response.raw.req.url;
  const policy = policyOf(response);
  expect(policy.get('frame-ancestors'), url).toEqual(["'none'"]);
  expect(policy.get('object-src') ?? policy.get('default-src'), url).toEqual(["'none'"]);
  expect(policy.get('base-uri'), url).toEqual(["'none'"]);
  expect(policy.get('script-src-attr'), url).toEqual(["'none'"]);
  for (const sources of policy.values()) expect(sources, url).not.toContain("'unsafe-eval'");
  expect(policy.get('script-src') ?? [], url).not.toContain("'unsafe-inline'");
  expect(response.headers['x-content-type-options'], url).toBe('nosniff');
  expect(response.headers['x-frame-options'], url).toBe('DENY');
  expect(response.headers['x-powered-by'], url).toBeUndefined();
  if (https)
    expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
  else expect(response.headers['strict-transport-security'], url).toBeUndefined();
}

/** A response that is no page: it may load nothing at all. */
function expectNothingAllowed(response: LightMyRequestResponse) {
  const policy = policyOf(response);
  expect(policy.get('default-src'), response.raw.req.url).toEqual(["'none'"]);
  expect(policy.get('form-action'), response.raw.req.url).toEqual(["'none'"]);
  expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

/** A page of the web app: its own scripts only, its `<style>` elements by this response's nonce. */
function expectPage(response: LightMyRequestResponse, referrer: string): string {
  const url = response.raw.req.url;
  expect(response.statusCode, url).toBe(200);
  expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
  expect(response.headers['referrer-policy'], url).toBe(referrer);
  const policy = policyOf(response);
  expect(policy.get('default-src'), url).toEqual(["'self'"]);
  expect(policy.get('script-src'), url).toEqual(["'self'"]);
  expect(policy.get('connect-src'), url).toEqual(["'self'"]);
  expect(policy.get('img-src'), url).toEqual(["'self'", 'data:', 'blob:']);
  expect(policy.get('style-src-attr'), url).toEqual(["'unsafe-inline'"]);
  const style = policy.get('style-src') ?? [];
  expect(style, url).toHaveLength(2);
  expect(style[0]).toBe("'self'");
  const nonce = /^'nonce-([A-Za-z0-9+/]{24})'$/.exec(style[1] ?? '')?.[1];
  expect(nonce, url).toBeDefined();
  // The page hands Mantine the same nonce; it holds no inline script.
  expect(response.body).toContain(`<meta property="csp-nonce" nonce="${nonce}" />`);
  expect(response.body).not.toContain('__CSP_NONCE__');
  const scripts = response.body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, url).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toMatch(/\ssrc="\/assets\//);
  // A cached copy would bring back an old nonce.
  expect(response.headers['cache-control']).toBe('no-cache');
  expect(response.headers.etag).toBeUndefined();
  expect(response.headers['last-modified']).toBeUndefined();
  return nonce as string;
}

describe('security headers', () => {
  let catalog: Catalog;
  let events: EventStore;
  const apps: { https: boolean; app: FastifyInstance }[] = [];

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error('web/dist is missing: run `npm run build` before this test');
    catalog = await openCatalog({});
    await catalog.migrate();
    events = await openDuckDbEventStore();
    for (const https of [false, true]) {
      const config = loadConfig({ TOUCHPOINTS_SECURE_COOKIES: String(https) });
      const secrets = createSecretBox(randomBytes(32));
      const app = await buildApp({ db: catalog.db, events, config, engine: catalog.engine, secrets });
      await registerWebApp(app, dist);
      await app.ready();
      apps.push({ https, app });
    }
  });
  afterAll(async () => {
    for (const { app } of apps) await app.close();
    await events?.close();
    await catalog?.close();
  });

  const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });

  for (const https of [false, true]) {
    describe(https ? 'over HTTPS (TOUCHPOINTS_SECURE_COOKIES=true)' : 'over HTTP', () => {
      const app = () => apps.find((a) => a.https === https)?.app as FastifyInstance;

      it('gives pages the page policy with a new style nonce each time', async () => {
        const nonces = new Set<string>();
        for (const url of ['/', '/w/1b4e28ba-2fa1-11d2-883f-0016d3cca427/touchpoints', '/login']) {
          const response = await get(app(), url);
          expectCommonHeaders(response, https);
          nonces.add(expectPage(response, 'strict-origin-when-cross-origin'));
        }
        nonces.add(expectPage(await get(app(), '/'), 'strict-origin-when-cross-origin'));
        expect(nonces.size).toBe(4);
      });

      it('sends no Referer from pages whose URL carries a token', async () => {
        expect(TOKEN_PAGES).toEqual(['/setup', '/invite', '/reset-password', '/share', '/shopper', '/m']);
        for (const url of [
          '/setup?token=tp_setup_secret',
          '/setup/',
          '/invite/tp_invite_secret',
          '/reset-password/tp_reset_secret',
          '/share/tp_share_secret/journey',
          '/shopper/tps_shopper_secret',
          '/m/tpm_map_secret',
          '/m/tpm_map_secret/print/a3',
        ]) {
          const response = await get(app(), url);
          expectCommonHeaders(response, https);
          expectPage(response, 'no-referrer');
          expect(response.headers['x-robots-tag']).toBe('noindex');
        }
        // Only those: a path that merely starts alike is an ordinary page.
        expectPage(await get(app(), '/setups'), 'strict-origin-when-cross-origin');
        expectPage(await get(app(), '/map'), 'strict-origin-when-cross-origin');
      });

      it('locks down API answers, API errors and the OpenAPI document', async () => {
        const answers: [string, number][] = [
          ['/healthz', 200],
          ['/api/openapi.json', 200],
          ['/api/me', 401],
          ['/api/workspaces/not-a-uuid/touchpoints', 400],
        ];
        for (const [url, status] of answers) {
          const response = await get(app(), url);
          expect(response.statusCode, url).toBe(status);
          expect(response.headers['content-type'], url).toMatch(/^application\/json/);
          expectCommonHeaders(response, https);
          expectNothingAllowed(response);
        }
        const invalid = await app().inject({ method: 'POST', url: '/api/auth/login', payload: { email: 1 } });
        expect(invalid.statusCode).toBe(400);
        expectCommonHeaders(invalid, https);
        expectNothingAllowed(invalid);
        const unknown = await app().inject({ method: 'DELETE', url: '/nothing-here' });
        expect(unknown.statusCode).toBe(404);
        expectCommonHeaders(unknown, https);
        expectNothingAllowed(unknown);
      });

      it('gives the API reference its own policy: swagger-ui files, no inline script', async () => {
        const page = await get(app(), '/docs/');
        expect(page.statusCode).toBe(200);
        expect(page.body).toMatch(/swagger-ui-bundle\.js/);
        expectCommonHeaders(page, https);
        expect(page.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        const policy = policyOf(page);
        expect(policy.get('default-src')).toEqual(["'self'"]);
        expect(policy.get('script-src')).toEqual(["'self'"]);
        expect(policy.get('style-src')).toEqual([
          "'self'",
          "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
        ]);
        expect(policy.get('style-src-attr')).toEqual(["'none'"]);
        // Its page has no inline script either.
        for (const script of page.body.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(/\ssrc="/);
        const initializer = await get(app(), '/docs/static/swagger-initializer.js');
        expect(initializer.statusCode).toBe(200);
        expectCommonHeaders(initializer, https);
      });

      it('serves the build’s static files under the locked policy', async () => {
        const script = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js'));
        const style = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.css'));
        for (const [url, type] of [
          [`/assets/${script}`, /^(application|text)\/javascript/],
          [`/assets/${style}`, /^text\/css/],
          ['/favicon.svg', /^image\/svg\+xml/],
        ] as const) {
          const response = await get(app(), url);
          expect(response.statusCode, url).toBe(200);
          expect(response.headers['content-type'], url).toMatch(type);
          expectCommonHeaders(response, https);
          expectNothingAllowed(response);
        }
      });
    });
  }
});
