/**
 * The web app's files as the server hands them out: found when asked for, so that a build made
 * while the server runs (a first one, or a rebuild with new hashed asset names) needs no restart.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../../src/api/web-app.js';

const dir = mkdtempSync(join(tmpdir(), 'touchpoints-web-'));
const dist = join(dir, 'dist');
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ statusCode: 404, code: 'not_found', message: `no route ${request.method} ${request.url}` }),
  );
  await registerWebApp(app, dist);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => app.inject({ method: 'GET', url });

function build(version: number) {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><div id="root"></div><script src="/assets/app-${version}.js"></script>`,
  );
  writeFileSync(join(dist, 'assets', `app-${version}.js`), `console.log(${version});`);
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
}

describe('the web app', () => {
  it('says it is not built, then serves the build made meanwhile, then the rebuild', async () => {
    const before = await get('/w/1/touchpoints');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('the web app is not built');
    expect((await get('/assets/app-1.js')).statusCode).toBe(404);

    build(1);
    const page = await get('/w/1/touchpoints');
    expect(page.body).toContain('/assets/app-1.js');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await get('/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1);');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/favicon.svg')).body).toBe('<svg/>');

    build(2);
    expect((await get('/')).body).toContain('/assets/app-2.js');
    expect((await get('/assets/app-2.js')).body).toBe('console.log(2);');
    const gone = await get('/assets/app-1.js');
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers unknown API paths with a JSON 404 and keeps requests inside the build', async () => {
    build(3);
    const api = await get('/api/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found', message: 'no route GET /api/nothing' });
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    for (const url of [
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await get(url);
      expect(res.body, url).not.toContain('secret');
    }
  });
});
