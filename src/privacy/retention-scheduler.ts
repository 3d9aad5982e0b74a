/**
 * The server's retention scheduler: every check it gives each workspace with retention settings
 * its job and runs the due ones it can claim (privacy/retention.ts). Several processes on one
 * catalog database may run it: a job's claim lets only one of them run it.
 */
import { hostname } from 'node:os';
import { ensureRetentionJobs, listDueJobs } from '../store/catalog/scheduled-jobs.js';
import { type RetentionRunner, runRetention } from './retention.js';

/** How often the scheduler looks for due jobs (a new setting is picked up within this). */
const CHECK_EVERY_MS = 60_000;

export interface RetentionScheduler {
  /** Stops the checks and waits for a run in progress. */
  stop(): Promise<void>;
  /** One check now (what the timer does): runs the due jobs this process claims; answers their workspaces. */
  check(): Promise<string[]>;
}

/** A name for this process in job claims. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Runs the due retention jobs this process can claim, one after the other; answers the workspaces
 * whose retention it ran. A failed run (its error kept on its job) goes to `onError` and the
 * others still run.
 */
export async function runDueRetention(
  runner: RetentionRunner,
  onError: (error: unknown) => void,
): Promise<string[]> {
  await ensureRetentionJobs(runner.db);
  const ran: string[] = [];
  for (const name of await listDueJobs(runner.db, 'retention:')) {
    const workspaceId = name.slice('retention:'.length);
    try {
      if (await runRetention(runner, workspaceId, { due: true })) ran.push(workspaceId);
    } catch (error) {
      onError(error);
    }
  }
  return ran;
}

/**
 * Starts checking for due retention jobs (first check at once, then every minute or every
 * `intervalMs` if shorter). Errors of one run are kept on its job (shown in settings) and
 * reported to `onError`; the scheduler goes on.
 */
export function startRetentionScheduler(
  runner: RetentionRunner,
  onError: (error: unknown) => void = () => {},
): RetentionScheduler {
  const every = Math.min(CHECK_EVERY_MS, runner.intervalMs);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<string[]> = Promise.resolve([]);
  const check = () => {
    const run = () => runDueRetention(runner, onError);
    current = current.then(run, run);
    return current;
  };
  const tick = () => {
    check()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, every).unref();
      });
  };
  tick();
  return {
    check,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.catch(() => []);
    },
  };
}
