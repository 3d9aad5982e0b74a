/**
 * Backup and restore of a data directory: the catalog (PGlite, `catalog/`) and the event store
 * (DuckDB, `events.duckdb`). Both engines let one process hold their files. With the directory
 * free, a backup takes its lock like any command and copies the files as they are (nothing
 * writes them). While the server holds it, the server makes the copy itself: a local
 * `touchpoints backup` asks it over HTTP with the key the server keeps in `backup.key` (readable
 * by the directory's owner only), and the server writes PGlite's archive of its data directory
 * (taken between two queries) and a DuckDB snapshot (one transaction, between write batches).
 * Either way the copies are then opened and summarized (rows and a checksum per table) into
 * `manifest.json`, written last. A restore copies the backup into a staging directory inside the
 * data directory, checks every table against the manifest, and only then replaces the data.
 * With the catalog on PostgreSQL (DATABASE_URL), only the event store is in the backup: the
 * catalog is backed up with the server's own tools (pg_dump). Audit photos are copied when they
 * live in the data directory (`photos/`, the default), counted in the manifest.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type Catalog, loadCatalogDump, openCatalog } from './catalog/db.js';
import { KEY_FILE as SECRET_KEY } from './catalog/secret-box.js';
import { summarizeCatalogTables } from './catalog/table-summary.js';
import { acquireLock, DataDirBusyError, type LockInfo } from './data-dir-lock.js';
import { summarizeDuckDbFile } from './events/duckdb/duckdb-table-summary.js';
import type { EventStore } from './events/event-store.js';
import type { TableSummaries } from './table-summary.js';

/** The layout of a backup directory this code writes and reads. */
export const BACKUP_FORMAT = 1;

const MANIFEST = 'manifest.json';
const CATALOG = 'catalog';
const EVENTS = 'events.duckdb';
const LOCK = 'touchpoints.lock';
const KEY = 'backup.key';
/** The PGlite archive the server writes; the backup command unpacks it into `catalog/`. */
const CATALOG_ARCHIVE = 'catalog.tar';
/** Audit photo files (store/photos.ts) in their default place. */
const PHOTOS = 'photos';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  /** Version of Touchpoints that wrote the backup. */
  version: string;
  createdAt: string;
  /** The catalog's tables, or `postgres` when it lives on a PostgreSQL server (not included). */
  catalog: { engine: 'pglite'; tables: TableSummaries } | { engine: 'postgres' };
  events: { engine: 'duckdb'; tables: TableSummaries };
  /** The audit photo files copied (absent: none in the data directory). */
  photos?: { files: number; bytes: number };
}

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {}

export interface DataDirLocation {
  dataDir: string;
  /** The catalog lives on a PostgreSQL server (DATABASE_URL), not in the data directory. */
  catalogOnPostgres: boolean;
}

function busyMessage(dataDir: string, holder: LockInfo, action: string): string {
  const who =
    holder.holder === 'server'
      ? `the Touchpoints server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''})`
      : `"touchpoints ${holder.holder}" (pid ${holder.pid})`;
  return (
    `${dataDir} is in use by ${who}. Stop it before ${action}: its catalog and event store take ` +
    'one process at a time, and a copy of files being written would not be consistent.'
  );
}

/**
 * For a server: a new key that lets a local `touchpoints backup` ask it for a snapshot, written
 * to `backup.key` in the data directory, readable by its owner only. `remove` deletes it.
 */
export function createBackupKey(dataDir: string): { key: string; remove(): void } {
  const key = randomBytes(32).toString('hex');
  const file = join(dataDir, KEY);
  rmSync(file, { force: true });
  writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return {
    key,
    remove: () => {
      if (readBackupKey(dataDir) === key) rmSync(file, { force: true });
    },
  };
}

/** The running server's backup key, when this process may read it. */
export function readBackupKey(dataDir: string): string | undefined {
  try {
    return readFileSync(join(resolve(dataDir), KEY), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a server: writes a consistent copy of its open catalog (PGlite only) and event store into
 * the new or empty directory `target`, which must be an absolute path outside the data directory.
 */
export async function snapshotOpenStore(
  store: { catalog: Catalog; events: EventStore },
  dataDir: string,
  target: string,
): Promise<void> {
  if (!isAbsolute(target)) throw new BackupError('the backup directory must be an absolute path');
  const to = resolve(target);
  if (isInside(to, resolve(dataDir)) || isInside(resolve(dataDir), to))
    throw new BackupError(`the backup directory must be outside the data directory ${resolve(dataDir)}`);
  if (!isEmptyDir(to)) throw new BackupError(`${to} is not empty: back up into a new or empty directory`);
  mkdirSync(to, { recursive: true });
  if (store.catalog.dumpDataDir) {
    const archive = await store.catalog.dumpDataDir();
    writeFileSync(join(to, CATALOG_ARCHIVE), Buffer.from(await archive.arrayBuffer()));
  }
  await store.events.snapshotTo(join(to, EVENTS));
}

/** Asks the server holding the data directory for a snapshot into `dir` (an absolute path). */
export type AskServer = (request: { url: string; key: string; dir: string }) => Promise<void>;

function lock(dataDir: string, holder: string, action: string): () => void {
  try {
    return acquireLock(dataDir, holder);
  } catch (error) {
    if (error instanceof DataDirBusyError) throw new BackupError(busyMessage(dataDir, error.holder, action));
    throw error;
  }
}

/**
 * Copies the key file that decrypts the catalog's secrets (TOTP), when there is one: without it
 * a restored catalog's two-factor sign-in could not be checked. Only its owner may read it.
 */
function copySecretKey(fromDir: string, toDir: string): void {
  if (!existsSync(join(fromDir, SECRET_KEY))) return;
  cpSync(join(fromDir, SECRET_KEY), join(toDir, SECRET_KEY));
  chmodSync(join(toDir, SECRET_KEY), 0o600);
}

/**
 * Copies the audit photos kept in the data directory (`photos/<workspace>/<photo>`). A photo's
 * file is written before its row is committed and removed after, so a copy taken after the
 * catalog's holds every file the catalog names.
 */
function copyPhotos(fromDir: string, toDir: string): void {
  if (existsSync(join(fromDir, PHOTOS)))
    cpSync(join(fromDir, PHOTOS), join(toDir, PHOTOS), {
      recursive: true,
      filter: (source) => !source.endsWith('.tmp'),
    });
}

/** How many photo files a copy holds and their bytes; undefined when it has none. */
function summarizePhotos(dir: string): { files: number; bytes: number } | undefined {
  const root = join(dir, PHOTOS);
  if (!existsSync(root)) return undefined;
  let files = 0;
  let bytes = 0;
  for (const workspace of readdirSync(root))
    for (const photo of readdirSync(join(root, workspace))) {
      files++;
      bytes += statSync(join(root, workspace, photo)).size;
    }
  return { files, bytes };
}

/** Copies the event store file and its log, if one was left (the copy replays it on open). */
function copyEventStore(fromDir: string, toDir: string): void {
  cpSync(join(fromDir, EVENTS), join(toDir, EVENTS));
  if (existsSync(join(fromDir, `${EVENTS}.wal`)))
    cpSync(join(fromDir, `${EVENTS}.wal`), join(toDir, `${EVENTS}.wal`));
}

async function summarizeCatalogDir(dir: string): Promise<TableSummaries> {
  const catalog = await openCatalog({ dataDir: dir });
  try {
    return await summarizeCatalogTables(catalog.db);
  } finally {
    await catalog.close();
  }
}

function isEmptyDir(dir: string, ignore: string[] = []): boolean {
  return !existsSync(dir) || readdirSync(dir).every((entry) => ignore.includes(entry));
}

function isInside(dir: string, parent: string): boolean {
  const path = relative(parent, dir);
  return path === '' || (!path.startsWith('..') && !path.startsWith('/'));
}

/** Summarizes the copies in `to` and writes the manifest, last: a directory with one is complete. */
async function writeManifest(
  to: string,
  withCatalog: boolean,
  version: string,
  now: Date,
): Promise<BackupManifest> {
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version,
    createdAt: now.toISOString(),
    catalog: withCatalog
      ? { engine: 'pglite', tables: await summarizeCatalogDir(join(to, CATALOG)) }
      : { engine: 'postgres' },
    events: { engine: 'duckdb', tables: await summarizeDuckDbFile(join(to, EVENTS)) },
  };
  const photos = summarizePhotos(to);
  if (photos) manifest.photos = photos;
  writeFileSync(join(to, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function removeCopies(to: string): void {
  for (const entry of [CATALOG, CATALOG_ARCHIVE, EVENTS, `${EVENTS}.wal`, SECRET_KEY, PHOTOS])
    rmSync(join(to, entry), { recursive: true, force: true });
}

/**
 * Copies the data directory's catalog (unless on PostgreSQL) and event store into `target`
 * (a new or empty directory) with a manifest of every table. While the server holds the data
 * directory, `askServer` has it write the copy (see snapshotOpenStore); without a way to ask
 * it (or while another command holds the directory), throws BackupError saying what to stop.
 */
export async function backupDataDir(
  location: DataDirLocation,
  target: string,
  version: string,
  options: { askServer?: AskServer; now?: Date } = {},
): Promise<BackupManifest & { through: 'files' | 'server' }> {
  const dataDir = resolve(location.dataDir);
  const to = resolve(target);
  const now = options.now ?? new Date();
  if (isInside(to, dataDir) || isInside(dataDir, to))
    throw new BackupError(`the backup directory must be outside the data directory ${dataDir}`);
  if (!isEmptyDir(to)) throw new BackupError(`${to} is not empty: back up into a new or empty directory`);
  const withCatalog = !location.catalogOnPostgres;
  if (!existsSync(join(dataDir, EVENTS)) || (withCatalog && !existsSync(join(dataDir, CATALOG))))
    throw new BackupError(`${dataDir} holds no Touchpoints data to back up`);

  let release: () => void;
  try {
    release = acquireLock(dataDir, 'backup');
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    const key = readBackupKey(dataDir);
    const { holder } = error;
    if (holder.holder !== 'server' || !holder.url || !key || !options.askServer)
      throw new BackupError(busyMessage(dataDir, holder, 'a backup'));
    mkdirSync(to, { recursive: true });
    try {
      await options.askServer({ url: holder.url, key, dir: to });
      if (withCatalog) {
        if (!existsSync(join(to, CATALOG_ARCHIVE)))
          throw new BackupError(
            'the server sent no catalog: is it running with DATABASE_URL? Set it here too',
          );
        await loadCatalogDump(join(to, CATALOG), new Blob([readFileSync(join(to, CATALOG_ARCHIVE))]));
      }
      rmSync(join(to, CATALOG_ARCHIVE), { force: true });
      copySecretKey(dataDir, to);
      copyPhotos(dataDir, to);
      return { ...(await writeManifest(to, withCatalog, version, now)), through: 'server' };
    } catch (failure) {
      removeCopies(to);
      throw failure;
    }
  }
  try {
    mkdirSync(to, { recursive: true });
    if (withCatalog) cpSync(join(dataDir, CATALOG), join(to, CATALOG), { recursive: true });
    copyEventStore(dataDir, to);
    copySecretKey(dataDir, to);
    copyPhotos(dataDir, to);
    return { ...(await writeManifest(to, withCatalog, version, now)), through: 'files' };
  } catch (error) {
    removeCopies(to);
    throw error;
  } finally {
    release();
  }
}

function photoDifferences(
  expected: BackupManifest['photos'],
  found: { files: number; bytes: number } | undefined,
): string[] {
  const e = expected ?? { files: 0, bytes: 0 };
  const f = found ?? { files: 0, bytes: 0 };
  return e.files === f.files && e.bytes === f.bytes
    ? []
    : [`audit photos: ${f.files} files of ${f.bytes} bytes, the manifest ${e.files} of ${e.bytes}`];
}

/** Reads and checks a backup's manifest. */
export function readManifest(source: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${source} is not a Touchpoints backup (no readable ${MANIFEST})`);
  }
  if (manifest?.format !== BACKUP_FORMAT)
    throw new BackupError(
      `${source} has backup format ${String(manifest?.format)}; this version reads format ${BACKUP_FORMAT}`,
    );
  return manifest;
}

/** The tables whose rows or checksum differ from the manifest's, one line each. */
function differences(expected: TableSummaries, found: TableSummaries, what: string): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(found)]);
  const lines: string[] = [];
  for (const name of [...names].sort()) {
    const want = expected[name];
    const got = found[name];
    if (!want) lines.push(`${what} table ${name} is not in the manifest`);
    else if (!got) lines.push(`${what} table ${name} is missing`);
    else if (want.rows !== got.rows)
      lines.push(`${what} table ${name} has ${got.rows} rows, the manifest ${want.rows}`);
    else if (want.checksum !== got.checksum)
      lines.push(`${what} table ${name} differs from the manifest's checksum`);
  }
  return lines;
}

/**
 * Restores a backup into the data directory and checks every table against the manifest before
 * it replaces anything. Refuses a data directory that holds data unless `force`, and one another
 * process holds.
 */
export async function restoreDataDir(
  location: DataDirLocation,
  source: string,
  options: { force?: boolean } = {},
): Promise<BackupManifest> {
  const dataDir = resolve(location.dataDir);
  const from = resolve(source);
  const manifest = readManifest(from);
  if (manifest.catalog.engine === 'pglite' && location.catalogOnPostgres)
    throw new BackupError(
      'the backup holds an embedded (PGlite) catalog but DATABASE_URL names a PostgreSQL server: ' +
        'unset DATABASE_URL to restore into the data directory',
    );
  if (manifest.catalog.engine === 'postgres' && !location.catalogOnPostgres)
    throw new BackupError(
      'the backup was made with the catalog on PostgreSQL and holds only the event store: ' +
        'set DATABASE_URL to the restored PostgreSQL database first',
    );
  if (isInside(from, dataDir) || isInside(dataDir, from))
    throw new BackupError('the backup directory and the data directory must not contain each other');

  const release = lock(dataDir, 'restore', 'a restore');
  const staging = join(dataDir, `.restore-${process.pid}`);
  try {
    // A lock or backup key left by a stopped server is no data.
    if (!options.force && !isEmptyDir(dataDir, [LOCK, KEY]))
      throw new BackupError(
        `${dataDir} already holds data (${readdirSync(dataDir)
          .filter((e) => e !== LOCK && e !== KEY)
          .join(', ')}): restoring would replace it; run with --force to do so`,
      );
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const withCatalog = manifest.catalog.engine === 'pglite';
    if (withCatalog) cpSync(join(from, CATALOG), join(staging, CATALOG), { recursive: true });
    copyEventStore(from, staging);
    copySecretKey(from, staging);
    copyPhotos(from, staging);

    const problems = [
      ...(manifest.catalog.engine === 'pglite'
        ? differences(manifest.catalog.tables, await summarizeCatalogDir(join(staging, CATALOG)), 'catalog')
        : []),
      ...differences(manifest.events.tables, await summarizeDuckDbFile(join(staging, EVENTS)), 'event store'),
      ...photoDifferences(manifest.photos, summarizePhotos(staging)),
    ];
    if (problems.length > 0)
      throw new BackupError(
        `the backup in ${from} does not match its manifest, nothing restored: ${problems.join('; ')}`,
      );

    for (const entry of [CATALOG, EVENTS, `${EVENTS}.wal`, SECRET_KEY, PHOTOS]) {
      if (entry === CATALOG && !withCatalog) continue;
      // A backup without a key file leaves the data directory's own.
      if (entry === SECRET_KEY && !existsSync(join(staging, entry))) continue;
      rmSync(join(dataDir, entry), { recursive: true, force: true });
      if (existsSync(join(staging, entry))) renameSync(join(staging, entry), join(dataDir, entry));
    }
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}
