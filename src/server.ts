/**
 * Wires the store and the API into a running server: opens the catalog (PGlite in the data
 * directory or PostgreSQL), applies migrations, makes sure someone can sign in, and listens.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.js';
import { registerPages } from './api/pages.js';
import type { Config } from './config.js';
import { SYSTEM_ACTOR } from './store/catalog/audit.js';
import { type Catalog, openCatalog } from './store/catalog/db.js';
import { createSetupToken } from './store/catalog/sessions.js';
import { countUsers, createUser } from './store/catalog/users.js';
import { createWorkspace } from './store/catalog/workspaces.js';
import { acquireLock, updateLockUrl } from './store/data-dir-lock.js';

export interface OpenStore {
  catalog: Catalog;
  close(): Promise<void>;
}

/**
 * Opens and migrates the catalog for this process. With PGlite the data directory is locked
 * first, so a second process gets a clear DataDirBusyError instead of a corrupted directory.
 */
export async function openStore(config: Config, holder: string): Promise<OpenStore> {
  const release = config.databaseUrl ? () => {} : acquireLock(config.dataDir, holder);
  try {
    const catalog = await openCatalog({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'catalog'),
    });
    await catalog.migrate();
    return {
      catalog,
      async close() {
        await catalog.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** What the first start tells the user about signing in. */
export type FirstRun =
  | { kind: 'ready' }
  | { kind: 'admin_created'; email: string }
  | { kind: 'setup_link'; url: string };

/**
 * With no user yet: creates the owner from TOUCHPOINTS_ADMIN_EMAIL/PASSWORD (with a first
 * workspace), or issues a one-time setup link.
 */
export async function prepareFirstRun(catalog: Catalog, config: Config): Promise<FirstRun> {
  if ((await countUsers(catalog.db)) > 0) return { kind: 'ready' };
  if (config.adminEmail && config.adminPassword) {
    const user = await createUser(catalog.db, {
      email: config.adminEmail,
      password: config.adminPassword,
      name: 'Owner',
    });
    await createWorkspace(catalog.db, SYSTEM_ACTOR, { name: 'My company' }, user.id);
    return { kind: 'admin_created', email: user.email };
  }
  const token = await createSetupToken(catalog.db);
  return { kind: 'setup_link', url: `${config.publicUrl}/setup?token=${encodeURIComponent(token)}` };
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  firstRun: FirstRun;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(
  config: Config,
  options: { logger?: boolean } = {},
): Promise<RunningServer> {
  const store = await openStore(config, 'server');
  try {
    const { catalog } = store;
    const firstRun = await prepareFirstRun(catalog, config);
    const app = await buildApp({ db: catalog.db, config, engine: catalog.engine }, options);
    registerPages(app);
    const address = await app.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
    if (!config.databaseUrl) updateLockUrl(config.dataDir, url);
    return {
      app,
      url,
      firstRun,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
