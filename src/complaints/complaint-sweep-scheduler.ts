/**
 * The server's complaint sweep (complaints/interaction-sweep.ts): every check gives each
 * workspace its job (`complaint-sweep:<workspace id>` in scheduled_jobs) and runs the due ones it
 * can claim; `afterIngestion` runs every workspace now (claimed too), as the server calls it when
 * ingestion pauses. Several processes on one catalog may run it: a job's claim lets only one of
 * them run it, and the register's unique source key keeps a complaint from opening twice.
 */
import type { AnalyticsSource } from '../analytics/analysis-scope.js';
import {
  complaintSweepJobName,
  complaintSweepJobNames,
  ensureComplaintSweepJobs,
} from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';
import { claimJob, finishJob, listDueJobs } from '../store/catalog/scheduled-jobs.js';
import { sweepComplaintInteractions } from './interaction-sweep.js';

const PREFIX = 'complaint-sweep:';
/** How often the scheduler looks for due jobs. */
const CHECK_EVERY_MS = 60_000;
/** How long a claimed run may take before another process may take the job over. */
const LEASE_MS = 10 * 60_000;

export interface ComplaintSweepRunner {
  db: Db;
  events: AnalyticsSource;
  holder: string;
  /** Between two scheduled runs of one workspace. */
  intervalMs: number;
}

export interface ComplaintSweepScheduler {
  /** One check now: runs the due jobs this process claims; answers their workspaces. */
  check(): Promise<string[]>;
  /** Runs every workspace's sweep now (e.g. once ingestion paused), due or not. */
  afterIngestion(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Runs the claimed sweep of one workspace; false when another process holds it (or it is not due). */
export async function runComplaintSweep(
  runner: ComplaintSweepRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  const name = complaintSweepJobName(workspaceId);
  const job = await claimJob(runner.db, name, runner.holder, LEASE_MS, { due: options.due });
  if (!job) return false;
  const nextRunAt = () => new Date(Date.now() + runner.intervalMs);
  try {
    const run = await sweepComplaintInteractions(runner, workspaceId, now);
    await finishJob(runner.db, name, runner.holder, {
      result: { ...run },
      error: null,
      nextRunAt: nextRunAt(),
    });
    return true;
  } catch (error) {
    await finishJob(runner.db, name, runner.holder, {
      result: null,
      error: error instanceof Error ? error.message : String(error),
      nextRunAt: nextRunAt(),
    });
    throw error;
  }
}

async function runJobs(
  runner: ComplaintSweepRunner,
  due: boolean,
  onError: (error: unknown) => void,
): Promise<string[]> {
  await ensureComplaintSweepJobs(runner.db);
  const names = due ? await listDueJobs(runner.db, PREFIX) : await complaintSweepJobNames(runner.db);
  const ran: string[] = [];
  for (const name of names) {
    const workspaceId = name.slice(PREFIX.length);
    try {
      if (await runComplaintSweep(runner, workspaceId, { due })) ran.push(workspaceId);
    } catch (error) {
      onError(error);
    }
  }
  return ran;
}

/** Starts checking for due sweep jobs: first check at once, then every minute. */
export function startComplaintSweepScheduler(
  runner: ComplaintSweepRunner,
  onError: (error: unknown) => void = () => {},
): ComplaintSweepScheduler {
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
