import type { Command } from 'commander';
import { API_VERSION } from '../api/app.js';
import { BACKUP_KEY_HEADER } from '../api/backup.js';
import { loadConfig } from '../config.js';
import { type AskServer, BackupError, type BackupManifest, backupDataDir } from '../store/backup.js';
import type { TableSummaries } from '../store/table-summary.js';
import { CliError } from './run.js';

/** One line per store: how many tables and rows the manifest holds. */
export function describeManifest(manifest: BackupManifest): string[] {
  const total = (tables: TableSummaries) =>
    Object.values(tables)
      .reduce((sum, t) => sum + t.rows, 0)
      .toLocaleString('en-US');
  const count = (tables: TableSummaries) => Object.keys(tables).length;
  const catalog =
    manifest.catalog.engine === 'pglite'
      ? `  catalog (PGlite): ${count(manifest.catalog.tables)} tables, ${total(manifest.catalog.tables)} rows`
      : '  catalog: on PostgreSQL (DATABASE_URL), not included: back it up with pg_dump';
  const interactions = manifest.events.tables.interactions?.rows ?? 0;
  const feedback = manifest.events.tables.feedback?.rows ?? 0;
  return [
    catalog,
    `  event store (DuckDB): ${count(manifest.events.tables)} tables, ${interactions.toLocaleString('en-US')} interactions, ${feedback.toLocaleString('en-US')} feedback answers`,
    ...(manifest.photos
      ? [
          `  audit photos: ${manifest.photos.files.toLocaleString('en-US')} files, ${manifest.photos.bytes.toLocaleString('en-US')} bytes`,
        ]
      : []),
  ];
}

/** Runs a backup or restore, turning its refusals into one-line CLI errors. */
export async function runBackupStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

/** Has the running server write the copy (POST /api/backup with its key, see api/backup.ts). */
const askServer: AskServer = async ({ url, key, dir }) => {
  let response: Response;
  try {
    response = await fetch(`${url}/api/backup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BACKUP_KEY_HEADER]: key },
      body: JSON.stringify({ dir }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new BackupError(
      `could not reach the Touchpoints server at ${url} (${cause}): stop it and back up again`,
    );
  }
  if (response.status !== 201) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new BackupError(
      `the Touchpoints server at ${url} refused the backup (${response.status}${body.message ? `: ${body.message}` : ''})`,
    );
  }
};

/** `touchpoints backup DIR`. */
export function backupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      'copy the data directory (catalog, event store and audit photos) into DIR with a manifest of every table (rows and ' +
        'checksum); while the server runs on this machine it makes the copy itself. With DATABASE_URL only the ' +
        'event store is copied: back up the PostgreSQL catalog with pg_dump',
    )
    .argument('<dir>', 'new or empty directory for the backup')
    .addHelpText(
      'after',
      '\nThe data directory is TOUCHPOINTS_DATA_DIR (default ./data). Restore with: touchpoints restore DIR',
    )
    .action(async (dir: string) => {
      const config = loadConfig();
      const started = Date.now();
      const manifest = await runBackupStep(() =>
        backupDataDir(
          { dataDir: config.dataDir, catalogOnPostgres: Boolean(config.databaseUrl) },
          dir,
          API_VERSION,
          { askServer },
        ),
      );
      const how = manifest.through === 'server' ? ', copied by the running server' : '';
      console.log(
        `backed up ${config.dataDir} into ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s${how})`,
      );
      for (const line of describeManifest(manifest)) console.log(line);
    });
}
