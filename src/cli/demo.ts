import type { Command } from 'commander';
import { MAX_DEMO_INTERACTIONS } from '../demo/demo-interactions.js';
import { createDemoWorkspace } from '../demo/demo-workspace.js';
import { recordDemoInteractions } from '../demo/record-demo-interactions.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { CliError, withStore } from './run.js';
import { describeImport, findOwner } from './workspace.js';

/** Parses a whole number option within [min, max]. */
function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\s*-?\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${flag}: must be a whole number from ${min} to ${max.toLocaleString('en-US')}`);
  return n;
}

/** `touchpoints demo`: the demo workspace, optionally with generated interactions. */
export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'create a demo workspace with realistic synthetic content: a clinic, a consulting firm and a store, ' +
        'with journeys, chains, standards, competitors, improvement tasks and audits of its brand and competitors (and, with --interactions, customers walking its chains)',
    )
    .option('--owner <email>', 'e-mail of the user who will own it (default: the first user created)')
    .option('--name <name>', 'name of the workspace (default "Demo: Brightside Group")')
    .option(
      '--interactions <n>',
      `generate this many interactions (and some feedback answers) over the last 90 days, at most ${MAX_DEMO_INTERACTIONS.toLocaleString('en-US')}`,
      '0',
    )
    .option('--seed <s>', 'seed of the generated interactions: the same seed gives the same data', '1')
    .action(async (options: { owner?: string; name?: string; interactions: string; seed: string }) => {
      const count = wholeNumber('--interactions', options.interactions, 0, MAX_DEMO_INTERACTIONS);
      const seed = wholeNumber('--seed', options.seed, 0, 2 ** 32 - 1);
      await withStore('demo', async ({ catalog, events }) => {
        const owner = await findOwner(catalog.db, options.owner);
        const result = await createDemoWorkspace(catalog.db, SYSTEM_ACTOR, owner, { name: options.name });
        console.log(describeImport(result, owner.email));
        // Always: the survey answers and review scores of the demo are recorded even without
        // generated interactions, and its alert rules judged once (as POST /workspaces/demo does).
        const started = Date.now();
        const tty = process.stderr.isTTY;
        const { interactions, feedback } = await recordDemoInteractions(
          catalog.db,
          events,
          result.workspace.id,
          { interactions: count, seed, end: started },
          (recorded) => {
            const seconds = (Date.now() - started) / 1000;
            const rate = Math.round(recorded.interactions / Math.max(seconds, 0.001));
            const line = `  generated ${recorded.interactions.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} interactions (${rate.toLocaleString('en-US')}/s)`;
            process.stderr.write(tty ? `\r${line}` : `${line}\n`);
          },
        );
        if (tty && count > 0) process.stderr.write('\n');
        if (count > 0)
          console.log(
            `  ${interactions.toLocaleString('en-US')} interactions and ${feedback.toLocaleString('en-US')} feedback answers (seed ${seed}, last 90 days)`,
          );
        console.log(`  next: touchpoints health ${result.workspace.id}`);
      });
    });
}
