import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MAX_CUSTOMER_KEY } from '../api/customers.schemas.js';
import { eraseCustomers, exportCustomer } from '../privacy/customers.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { CliError, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

/** The distinct customer keys of a deletion-request file: one per line; surrounding blanks and empty lines ignored. */
export function readCustomerKeys(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const long = keys.findIndex((key) => key.length > MAX_CUSTOMER_KEY);
  if (long >= 0) throw new CliError(`${file}: key ${long + 1} is longer than ${MAX_CUSTOMER_KEY} characters`);
  return [...new Set(keys)];
}

export function customerCommand(program: Command): void {
  const customer = program
    .command('customer')
    .description("a customer's personal data: export everything stored under a customer key, or erase it");

  customer
    .command('export')
    .description(
      'write everything stored about one customer key (interactions, feedback answers, quarantined records) as JSON',
    )
    .argument('<customer>', 'the customer key, exactly as it was ingested')
    .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (key: string, options: { workspace: string; output?: string }) => {
      await withStore('customer export', async ({ catalog, events }) => {
        await getWorkspace(catalog.db, options.workspace);
        const doc = await exportCustomer(catalog.db, events, SYSTEM_ACTOR, options.workspace, key);
        const json = `${JSON.stringify(doc, null, 2)}\n`;
        if (!options.output) return void process.stdout.write(json);
        writeFileSync(options.output, json);
        console.log(
          `exported ${doc.interactions.length} interactions, ${doc.feedback.length} feedback answers and ` +
            `${doc.quarantined.length} quarantined records to ${options.output}`,
        );
      });
    });

  customer
    .command('erase')
    .description(
      'erase customer keys from every store; the audit log records how many, never which. ' +
        'Give one key, or --file with one key per line (a deletion-request batch)',
    )
    .argument('[customer]', 'the customer key, exactly as it was ingested')
    .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
    .option(
      '-f, --file <file>',
      'erase the keys in this file, one per line (blank lines ignored; "-": standard input)',
    )
    .action(async (key: string | undefined, options: { workspace: string; file?: string }) => {
      if ((key === undefined) === (options.file === undefined))
        throw new CliError('give either a customer key or --file <file>, not both');
      const keys = options.file === undefined ? [key as string] : readCustomerKeys(options.file);
      if (keys.some((k) => k.length > MAX_CUSTOMER_KEY))
        throw new CliError(`a customer key is at most ${MAX_CUSTOMER_KEY} characters`);
      if (keys.length === 0) throw new CliError(`${options.file} holds no customer key`);
      await withStore('customer erase', async ({ catalog, events }) => {
        await getWorkspace(catalog.db, options.workspace);
        // One call for the whole file: each erasure rewrites the event store's file once.
        const total = await eraseCustomers(catalog.db, events, SYSTEM_ACTOR, options.workspace, keys);
        console.log(
          `erased ${total.customers} customer keys: ${total.interactions} interactions, ` +
            `${total.feedback} feedback answers, ${total.quarantined} quarantined records, ` +
            `${total.complaints} complaints, ${total.reviews} reviews, ${total.surveyContacts} survey contacts deleted`,
        );
      });
    });
}
