import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { restoreDataDir } from '../store/backup.js';
import { describeManifest, runBackupStep } from './backup.js';

/** `touchpoints restore DIR`. */
export function restoreCommand(program: Command): void {
  program
    .command('restore')
    .description(
      'restore a backup made by "touchpoints backup" into the data directory, checking every table against ' +
        "the backup's manifest before anything is replaced; the server must be stopped first",
    )
    .argument('<dir>', 'the backup directory (holding manifest.json)')
    .option('--force', 'replace the data the data directory already holds')
    .addHelpText(
      'after',
      '\nThe data directory is TOUCHPOINTS_DATA_DIR (default ./data). A backup made with DATABASE_URL holds only ' +
        'the event store: restore the PostgreSQL catalog (pg_restore / psql) and set DATABASE_URL first.',
    )
    .action(async (dir: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const manifest = await runBackupStep(() =>
        restoreDataDir({ dataDir: config.dataDir, catalogOnPostgres: Boolean(config.databaseUrl) }, dir, {
          force: options.force === true,
        }),
      );
      console.log(
        `restored the backup of ${manifest.createdAt} (Touchpoints ${manifest.version}) into ${config.dataDir}; every table matches its manifest`,
      );
      for (const line of describeManifest(manifest)) console.log(line);
    });
}
