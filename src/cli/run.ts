/** Shared plumbing of the CLI commands: configuration, opening the store, one-line errors. */
import { type Config, loadConfig } from '../config.js';
import { type OpenStore, openStore } from '../server.js';

/** An error whose message is the whole story: printed as one line, exit code 1. */
export class CliError extends Error {}

/** Opens the store for a command, runs `work`, and always closes it. */
export async function withStore<T>(
  command: string,
  work: (store: OpenStore, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config, command);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}

/** Prints a value as pretty JSON to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
