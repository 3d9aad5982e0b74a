/**
 * The server's task verification: every check it gives each workspace with a done task its job
 * (`task-verification:<workspace id>` in scheduled_jobs) and runs the due ones it can claim, once
 * an hour per workspace; `afterIngestion` runs every such workspace now (claimed too), as the
 * server calls it when ingestion pauses. Several processes on one catalog may run it: a job's
 * claim lets only one of them run it, and a run writes only changed outcomes.
 */
import type { Mailer } from '../alerts/mailer.js';
import { claimJob, finishJob, listDueJobs } from '../store/catalog/scheduled-jobs.js';
import {
  ensureTaskVerificationJobs,
  taskVerificationJobName,
  taskVerificationJobNames,
} from '../store/catalog/tasks.js';
import { verifyWorkspaceTasks } from './task-verification.js';
import type { AnalyticsStores } from './workspace-analytics.js';

const PREFIX = 'task-verification:';
/** How often the scheduler looks for due jobs. */
const CHECK_EVERY_MS = 60_000;
/** How long a claimed run may take before another process may take the job over. */
const LEASE_MS = 10 * 60_000;

export interface TaskVerificationRunner extends AnalyticsStores {
  holder: string;
  /** E-mails the owner of a task found not effective, when SMTP is configured. */
  mailer?: Mailer | null | undefined;
  publicUrl?: string | undefined;
  /** Between two scheduled runs of one workspace. */
  intervalMs: number;
}

export interface TaskVerificationScheduler {
  /** One check now: runs the due jobs this process claims; answers their workspaces. */
  check(): Promise<string[]>;
  /** Runs every workspace's verification now (e.g. once ingestion paused), due or not. */
  afterIngestion(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Runs the claimed job of one workspace; false when another process holds it (or it is not due). */
export async function runTaskVerification(
  runner: TaskVerificationRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  const name = taskVerificationJobName(workspaceId);
  const job = await claimJob(runner.db, name, runner.holder, LEASE_MS, { due: options.due });
  if (!job) return false;
  try {
    const run = await verifyWorkspaceTasks(runner, workspaceId, now);
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
  runner: TaskVerificationRunner,
  due: boolean,
  onError: (error: unknown) => void,
): Promise<string[]> {
  await ensureTaskVerificationJobs(runner.db);
  const names = due ? await listDueJobs(runner.db, PREFIX) : await taskVerificationJobNames(runner.db);
  const ran: string[] = [];
  for (const name of names) {
    const workspaceId = name.slice(PREFIX.length);
    try {
      if (await runTaskVerification(runner, workspaceId, { due })) ran.push(workspaceId);
    } catch (error) {
      onError(error);
    }
  }
  return ran;
}

/** Starts checking for due verification jobs: first check at once, then every minute. */
export function startTaskVerificationScheduler(
  runner: TaskVerificationRunner,
  onError: (error: unknown) => void = () => {},
): TaskVerificationScheduler {
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
