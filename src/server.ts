/**
 * Wires the store and the API into a running server: opens the catalog (PGlite in the data
 * directory or PostgreSQL) and the event store (DuckDB in the data directory), applies
 * migrations, makes sure someone can sign in, and listens.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startAlertScheduler } from './alerts/alert-scheduler.js';
import { createMailer } from './alerts/mailer.js';
import { startWebhookSender, type WebhookSender } from './alerts/webhook-sender.js';
import { startTaskVerificationScheduler } from './analytics/task-verification-scheduler.js';
import { buildApp } from './api/app.js';
import { registerWebApp } from './api/web-app.js';
import { startComplaintSweepScheduler } from './complaints/complaint-sweep-scheduler.js';
import type { Config } from './config.js';
import { finishPendingPurges } from './privacy/event-purges.js';
import { processHolder, startRetentionScheduler } from './privacy/retention-scheduler.js';
import { createBackupKey, snapshotOpenStore } from './store/backup.js';
import { type Catalog, openCatalog } from './store/catalog/db.js';
import { createFirstOwner } from './store/catalog/first-owner.js';
import { loadSecretBox, resealSecrets, type SecretBox } from './store/catalog/secret-box.js';
import { createSetupToken } from './store/catalog/sessions.js';
import { countUsers } from './store/catalog/users.js';
import { acquireLock, updateLockUrl } from './store/data-dir-lock.js';
import { openDuckDbEventStore } from './store/events/duckdb/duckdb-event-store.js';
import type { EventStore } from './store/events/event-store.js';
import { photoStoreOf, sweepOrphanPhotos } from './store/photos.js';

/** How long ingestion must pause before the server gives new interactions their keys. */
const KEY_WHEN_IDLE_MS = 1_000;
/** Between two scheduled verification runs of one workspace (new data also triggers one). */
const TASK_VERIFICATION_INTERVAL_MS = 60 * 60_000;
/** Between two scheduled complaint sweeps of one workspace (new data also triggers one). */
const COMPLAINT_SWEEP_INTERVAL_MS = 15 * 60_000;

export interface OpenStore {
  catalog: Catalog;
  events: EventStore;
  /** The key ring of the secrets kept in the catalog. */
  secrets: SecretBox;
  close(): Promise<void>;
}

/**
 * Opens and migrates the catalog and opens the event store (`events.duckdb` in the data
 * directory, also when the catalog is on PostgreSQL). PGlite and DuckDB each allow one process
 * per file, so the data directory is locked first: a second process gets a clear
 * DataDirBusyError instead of a corrupted directory. Secrets stored under an earlier key (or in
 * plain text) are encrypted under the current one; a key that cannot open them stops the start.
 */
export async function openStore(
  config: Config,
  holder: string,
  options: { keyWhenIdleMs?: number; onKeyPass?: (interactions: number) => void } = {},
): Promise<OpenStore> {
  const release = acquireLock(config.dataDir, holder);
  let catalog: Catalog | undefined;
  try {
    catalog = await openCatalog({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'catalog'),
    });
    await catalog.migrate();
    const secrets = loadSecretBox(config);
    await resealSecrets(catalog.db, secrets);
    const events = await openDuckDbEventStore({
      file: join(config.dataDir, 'events.duckdb'),
      ...(options.keyWhenIdleMs === undefined ? {} : { keyWhenIdleMs: options.keyWhenIdleMs }),
      ...(options.onKeyPass ? { onKeyPass: options.onKeyPass } : {}),
    });
    try {
      // Purges promised before a crash (a deleted workspace, an erasure) are done before anyone reads.
      await finishPendingPurges(catalog.db, events);
      // Photo files a crash left without their catalog row (a deleted audit or workspace) go too.
      await sweepOrphanPhotos(catalog.db, photoStoreOf(config));
    } catch (error) {
      await events.close();
      throw error;
    }
    const opened = catalog;
    return {
      catalog: opened,
      events,
      secrets,
      async close() {
        try {
          await events.close();
          await opened.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    await catalog?.close();
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
    const { user } = await createFirstOwner(catalog.db, {
      email: config.adminEmail,
      password: config.adminPassword,
      name: 'Owner',
    });
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
  // The key pass runs once ingestion pauses for a second, so analyses need not wait for it;
  // after a pass that keyed new interactions, the done tasks are verified against them.
  let afterIngestion: () => void = () => {};
  const store = await openStore(config, 'server', {
    keyWhenIdleMs: KEY_WHEN_IDLE_MS,
    onKeyPass: (interactions) => {
      if (interactions > 0) afterIngestion();
    },
  });
  let backupKey: ReturnType<typeof createBackupKey> | undefined;
  let webhookSender: WebhookSender | undefined;
  try {
    const { catalog } = store;
    const firstRun = await prepareFirstRun(catalog, config);
    // A local `touchpoints backup` asks the server for the copy with this key (see api/backup.ts).
    backupKey = createBackupKey(config.dataDir);
    const backup = {
      key: backupKey.key,
      snapshot: (dir: string) => snapshotOpenStore(store, config.dataDir, dir),
    };
    const app = await buildApp(
      {
        db: catalog.db,
        events: store.events,
        config,
        engine: catalog.engine,
        secrets: store.secrets,
        backup,
        onWebhookEvents: () => webhookSender?.kick(),
      },
      options,
    );
    await registerWebApp(app);
    const address = await app.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
    updateLockUrl(config.dataDir, url);
    // The default public URL names the port: with PORT=0 the port is known only now, so links the
    // server prints (survey links, QR codes, kiosk links) name the one it listens on.
    if (config.publicUrl === 'http://localhost:0') config.publicUrl = url;
    const retention = startRetentionScheduler(
      {
        db: catalog.db,
        events: store.events,
        holder: processHolder(),
        intervalMs: config.retentionIntervalMinutes * 60_000,
      },
      (error) => app.log.error(error, 'retention run failed'),
    );
    const mailer = createMailer(config, (error, message) => app.log.error(error, message));
    const verification = startTaskVerificationScheduler(
      {
        db: catalog.db,
        events: store.events,
        mailer,
        publicUrl: config.publicUrl,
        holder: processHolder(),
        intervalMs: TASK_VERIFICATION_INTERVAL_MS,
      },
      (error) => app.log.error(error, 'task verification failed'),
    );
    const complaintSweep = startComplaintSweepScheduler(
      {
        db: catalog.db,
        events: store.events,
        holder: processHolder(),
        intervalMs: COMPLAINT_SWEEP_INTERVAL_MS,
      },
      (error) => app.log.error(error, 'complaint sweep failed'),
    );
    webhookSender = startWebhookSender({ db: catalog.db, secrets: store.secrets }, (error) =>
      app.log.error(error, 'webhook delivery failed'),
    );
    const alerts = startAlertScheduler(
      {
        db: catalog.db,
        events: store.events,
        mailer,
        publicUrl: config.publicUrl,
        onDeliveriesQueued: () => webhookSender?.kick(),
        holder: processHolder(),
        intervalMs: config.alertIntervalMinutes * 60_000,
      },
      (error) => app.log.error(error, 'alert evaluation failed'),
    );
    afterIngestion = () => {
      verification.afterIngestion().catch((error) => app.log.error(error, 'task verification failed'));
      complaintSweep.afterIngestion().catch((error) => app.log.error(error, 'complaint sweep failed'));
      alerts.afterIngestion().catch((error) => app.log.error(error, 'alert evaluation failed'));
    };
    return {
      app,
      url,
      firstRun,
      async close() {
        afterIngestion = () => {};
        await alerts.stop();
        await webhookSender?.stop();
        mailer?.close();
        await verification.stop();
        await complaintSweep.stop();
        await retention.stop();
        await app.close();
        backupKey?.remove();
        await store.close();
      },
    };
  } catch (error) {
    await webhookSender?.stop();
    backupKey?.remove();
    await store.close();
    throw error;
  }
}
