/**
 * The server's alert evaluation: every workspace with an enabled rule has its job
 * (`alerts:<workspace id>` in scheduled_jobs), run when due — every
 * TOUCHPOINTS_ALERT_INTERVAL_MINUTES (10 by default) — by the process that claims it;
 * `afterIngestion` runs every such workspace now (claimed too), as the server calls it after the
 * key pass of new interactions. The claim keeps two processes from evaluating one workspace at
 * once, and the episodes' unique index keeps an alert from firing twice even if they did.
 */

import { alertJobName, alertJobNames, ensureAlertJobs } from '../store/catalog/alert-rules.js';
import { claimJob, finishJob, listDueJobs } from '../store/catalog/scheduled-jobs.js';
import { type AlertStores, evaluateWorkspaceAlerts } from './evaluate-alerts.js';

const PREFIX = 'alerts:';
/** How often the scheduler looks for due jobs. */
const CHECK_EVERY_MS = 60_000;
/** How long a claimed run may take before another process may take the job over. */
const LEASE_MS = 10 * 60_000;

export interface AlertRunner extends AlertStores {
  holder: string;
  /** Between two scheduled evaluations of one workspace. */
  intervalMs: number;
}

export interface AlertScheduler {
  /** One check now: runs the due jobs this process claims; answers their workspaces. */
  check(): Promise<string[]>;
  /** Evaluates every workspace with rules now (after new interactions were keyed), due or not. */
  afterIngestion(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Runs the claimed evaluation of one workspace; false when another process holds it (or it is not due). */
export async function runAlertEvaluation(
  runner: AlertRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  const name = alertJobName(workspaceId);
  const job = await claimJob(runner.db, name, runner.holder, LEASE_MS, { due: options.due });
  if (!job) return false;
  try {
    const run = await evaluateWorkspaceAlerts(runner, workspaceId, now);
    await finishJob(runner.db, name, runner.holder, {
      result: { ...run },
      error: null,
      nextRunAt: new Date(Date.now() + runner.intervalMs),
    });
    return true;
  } catch (error) {
    await finishJob(runner.db, name, runner.holder, {
      result: null,
      error: error instanceof Error ? error.message : String(error),
      nextRunAt: new Date(Date.now() + runner.intervalMs),
    });
    throw error;
  }
}

async function runJobs(
  runner: AlertRunner,
  due: boolean,
  onError: (error: unknown) => void,
): Promise<string[]> {
  await ensureAlertJobs(runner.db);
  const names = due ? await listDueJobs(runner.db, PREFIX) : await alertJobNames(runner.db);
  const ran: string[] = [];
  for (const name of names) {
    const workspaceId = name.slice(PREFIX.length);
    try {
      if (await runAlertEvaluation(runner, workspaceId, { due })) ran.push(workspaceId);
    } catch (error) {
      onError(error);
    }
  }
  return ran;
}

/** Starts checking for due evaluation jobs: first check at once, then every minute. */
export function startAlertScheduler(
  runner: AlertRunner,
  onError: (error: unknown) => void = () => {},
): AlertScheduler {
  const every = Math.min(CHECK_EVERY_MS, runner.intervalMs);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<string[]> = Promise.resolve([]);
  const queue = (due: boolean) => {
    const run = () => (stopped ? Promise.resolve([]) : runJobs(runner, due, onError));
    current = current.then(run, run);
    return current;
  };
  const tick = () => {
    queue(true)
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, every).unref();
      });
  };
  tick();
  return {
    check: () => queue(true),
    afterIngestion: () => queue(false),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current.catch(() => []);
    },
  };
}
