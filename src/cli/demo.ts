import type { Command } from 'commander';
import { createDemoWorkspace } from '../demo/demo-workspace.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { withStore } from './run.js';
import { describeImport, findOwner } from './workspace.js';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'create a demo workspace with realistic synthetic content: a clinic, a consulting firm and a store, ' +
        'with journeys, chains, standards and competitors',
    )
    .option('--owner <email>', 'e-mail of the user who will own it (default: the first user created)')
    .option('--name <name>', 'name of the workspace (default "Demo: Brightside Group")')
    .action(async (options: { owner?: string; name?: string }) => {
      await withStore('demo', async ({ catalog }) => {
        const owner = await findOwner(catalog.db, options.owner);
        const result = await createDemoWorkspace(catalog.db, SYSTEM_ACTOR, owner, { name: options.name });
        console.log(describeImport(result, owner.email));
        console.log(`  next: touchpoints health ${result.workspace.id}`);
      });
    });
}
