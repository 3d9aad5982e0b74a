import type { Command } from 'commander';
import { withStore } from './run.js';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'apply pending database migrations and re-encrypt stored secrets under the current key (the server also does both on start)',
    )
    .action(async () => {
      await withStore('migrate', async ({ catalog }) => {
        console.log(`migrations applied (${catalog.engine})`);
      });
    });
}
