/**
 * The shared catalog suite's harness: every `describeCatalog` block runs once on embedded
 * PGlite and once on the test PostgreSQL server (a fresh database per block), against the
 * real Fastify app through `inject`.
 */

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { type Catalog, openCatalog } from '../src/store/catalog/db.js';
import { createSecretBox, type SecretBox } from '../src/store/catalog/secret-box.js';
import { createSession } from '../src/store/catalog/sessions.js';
import { createUser } from '../src/store/catalog/users.js';
import { openDuckDbEventStore } from '../src/store/events/duckdb/duckdb-event-store.js';
import type { EventStore } from '../src/store/events/event-store.js';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

// biome-ignore lint/suspicious/noExplicitAny: test replies are checked field by field
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** The origin `inject` requests are made to (its default Host is localhost:80). */
export const APP_ORIGIN = 'http://localhost';

/**
 * A caller of the API: a signed-in user (cookie), an API token, or anonymous. Requests with the
 * cookie send the app's own Origin, as a browser does (the API refuses cookie writes without it).
 */
export class Client {
  constructor(
    private readonly app: FastifyInstance,
    private readonly auth: { cookie?: string; token?: string } = {},
    readonly userId?: string,
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) {
      h.cookie = `tp_session=${this.auth.cookie}`;
      h.origin ??= APP_ORIGIN;
    }
    if (this.auth.token) h.authorization = `Bearer ${this.auth.token}`;
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body)
      parsed = JSON.parse(res.body);
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export interface Harness {
  engine: Engine;
  app: FastifyInstance;
  catalog: Catalog;
  /** The harness's own in-memory DuckDB event store. */
  events: EventStore;
  /** The secret box of the app and its (random) key. */
  secrets: SecretBox;
  secretKey: Buffer;
  anonymous: Client;
  /** Creates a user with a session; e-mails are made unique automatically. */
  signUp(name?: string): Promise<Client & { userId: string; email: string }>;
  /** A client sending `token` as Bearer. */
  withToken(token: string): Client;
  /** Creates a workspace owned by `owner` and returns its id and API base path. */
  newWorkspace(owner: Client, name?: string): Promise<{ id: string; base: string }>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Opens one harness on `engine` (for tests that need only one; `adminUrl` only for postgres);
 * `config` overrides settings of the app (a photo directory, a limit).
 */
export async function openHarness(
  engine: Engine,
  adminUrl: string,
  config: Partial<Config> = {},
): Promise<Harness> {
  let dropDatabase = async () => {};
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    const name = `tp_test_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const catalog = await openCatalog({ databaseUrl });
  await catalog.migrate();
  const appConfig = { ...loadConfig({}), databaseUrl, bodyLimit: 1024 * 1024, ...config };
  const events = await openDuckDbEventStore();
  const secretKey = randomBytes(32);
  const secrets = createSecretBox(secretKey);
  const app = await buildApp({ db: catalog.db, events, config: appConfig, engine: catalog.engine, secrets });
  await app.ready();
  return {
    engine,
    app,
    catalog,
    events,
    secrets,
    secretKey,
    anonymous: new Client(app),
    async signUp(name = 'user') {
      const email = `${name}.${counter++}@example.com`;
      const user = await createUser(catalog.db, { email, password: 'correct horse battery', name });
      const cookie = await createSession(catalog.db, user.id);
      return Object.assign(new Client(app, { cookie }, user.id), { userId: user.id, email });
    },
    withToken(token) {
      return new Client(app, { token });
    },
    async newWorkspace(owner, name = 'Acme') {
      const res = await owner.post('/api/workspaces', { name });
      if (res.status !== 201)
        throw new Error(`workspace not created: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, base: `/api/workspaces/${res.body.id}` };
    },
    async close() {
      await app.close();
      await events.close();
      await catalog.close();
      await dropDatabase();
    },
  };
}

/**
 * Declares `body` once per engine. PostgreSQL runs wherever the test server started; it can be
 * missing only outside CI (the global setup fails the run in CI).
 */
export function describeCatalog(
  name: string,
  body: (harness: () => Harness) => void,
  options: { config?: () => Partial<Config> } = {},
): void {
  for (const engine of ENGINES) {
    const adminUrl = inject('postgresUrl');
    describe.skipIf(engine === 'postgres' && !adminUrl)(`${name} [${engine}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => {
        harness = await openHarness(engine, adminUrl, options.config?.() ?? {});
      });
      afterAll(async () => {
        await harness?.close();
      });
      body(() => {
        if (!harness) throw new Error('harness not open');
        return harness;
      });
    });
  }
}
