import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { issuePasswordReset, passwordResetPagePath, RESET_HOURS } from '../store/catalog/password-resets.js';
import { createUser, findUserByEmail } from '../store/catalog/users.js';
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
  user
    .command('reset-password <email>')
    .description(
      `print a one-time link (valid ${RESET_HOURS} hour) with which the user sets a new password; using it signs them out everywhere`,
    )
    .action(async (email: string) => {
      await withStore('user reset-password', async ({ catalog }, config) => {
        const found = await findUserByEmail(catalog.db, email);
        if (!found) throw new CliError(`no user has the e-mail ${email}`);
        const token = await issuePasswordReset(catalog.db, found.id);
        console.log(`password-reset link for ${found.email} (valid ${RESET_HOURS} hour, works once):`);
        console.log(`${config.publicUrl}${passwordResetPagePath(token)}`);
      });
    });
}
