import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { createUser } from '../store/catalog/users.js';
import { createWorkspace } from '../store/catalog/workspaces.js';
import { CliError, withStore } from './run.js';

export function userCommand(program: Command): void {
  const user = program.command('user').description('manage user accounts');
  user
    .command('create')
    .description('create a user account (and, with --workspace, a workspace they own)')
    .requiredOption('-e, --email <email>', 'e-mail to sign in with')
    .option('-n, --name <name>', 'display name', '')
    .option('--password <password>', 'password (default: $TOUCHPOINTS_PASSWORD)')
    .option('-w, --workspace <name>', 'also create a workspace with this name, owned by the user')
    .action(async (options: { email: string; name: string; password?: string; workspace?: string }) => {
      const password = options.password ?? process.env.TOUCHPOINTS_PASSWORD;
      if (!password) throw new CliError('give --password or set TOUCHPOINTS_PASSWORD');
      await withStore('user create', async ({ catalog }) => {
        const created = await createUser(catalog.db, { email: options.email, password, name: options.name });
        console.log(`created user ${created.email} (${created.id})`);
        if (options.workspace) {
          const ws = await createWorkspace(catalog.db, SYSTEM_ACTOR, { name: options.workspace }, created.id);
          console.log(`created workspace "${ws.name}" (${ws.id}) owned by ${created.email}`);
        }
      });
    });
}
