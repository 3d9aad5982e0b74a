/** Shared plumbing of the CLI commands: configuration, opening the store, one-line errors. */
import { type Config, loadConfig } from '../config.js';
import { type OpenStore, openStore } from '../server.js';

/** Passes over fewer new interactions take under a second: no line for them. */
const KEY_PASS_NOTICE_FROM = 500_000;

/** An error whose message is the whole story: printed as one line, exit code 1. */
export class CliError extends Error {}

/**
 * Opens the store for a command, runs `work`, and always closes it. Interactions imported since
 * the last analysis get their keys before the first one (see the event store); a line on stderr
 * says so, since it can take seconds.
 */
export async function withStore<T>(
  command: string,
  work: (store: OpenStore, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config, command, {
    onKeyPass: (interactions) => {
      if (interactions >= KEY_PASS_NOTICE_FROM)
        process.stderr.write(
          `Preparing ${interactions.toLocaleString('en')} new interactions for analysis (about ${Math.max(1, Math.round(interactions / 850_000))} s)…\n`,
        );
    },
  });
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
