/**
 * The server's per-workspace jobs (alert evaluation, task verification, the complaint sweep), run
 * the same way: each workspace that needs one has its job in `scheduled_jobs` (`<prefix><workspace
 * id>`); every check (each minute, or the job's interval when shorter) runs the due jobs this
 * process can claim, and `afterIngestion` runs every workspace's job now, due or not (claimed too),
 * as the server calls it when ingestion pauses. The claim lets one process of several on one
 * catalog run a workspace's job at a time; a run that outlives its lease may be taken over.
 * Runs never overlap within a process: checks queue behind each other.
 */
import type { Db } from '../store/catalog/db.js';
import { claimJob, finishJob, listDueJobs } from '../store/catalog/scheduled-jobs.js';

/** How often the scheduler looks for due jobs. */
const CHECK_EVERY_MS = 60_000;
/** How long a claimed run may take before another process may take the job over. */
const LEASE_MS = 10 * 60_000;

/** What every job's runner has: the catalog, who claims, and the time between two runs. */
export interface WorkspaceJobRunner {
  db: Db;
  holder: string;
  /** Between two scheduled runs of one workspace. */
  intervalMs: number;
}

/** One kind of job: its names in `scheduled_jobs` and its work for one workspace. */
export interface WorkspaceJobKind<R extends WorkspaceJobRunner> {
  prefix: string;
  jobName(workspaceId: string): string;
  /** Gives each workspace that needs the job its row (and drops the others'). */
  ensureJobs(db: Db): Promise<void>;
  jobNames(db: Db): Promise<string[]>;
  /** The work; its answer is kept as the job's last result. */
  work(runner: R, workspaceId: string, now: number): Promise<object>;
}

export interface WorkspaceJobScheduler {
  /** One check now: runs the due jobs this process claims; answers their workspaces. */
  check(): Promise<string[]>;
  /** Runs every workspace's job now (e.g. once ingestion paused), due or not. */
  afterIngestion(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Runs the claimed job of one workspace; false when another process holds it (or it is not due). */
export async function runWorkspaceJob<R extends WorkspaceJobRunner>(
  kind: WorkspaceJobKind<R>,
  runner: R,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  const name = kind.jobName(workspaceId);
  const job = await claimJob(runner.db, name, runner.holder, LEASE_MS, { due: options.due });
  if (!job) return false;
  const nextRunAt = () => new Date(Date.now() + runner.intervalMs);
  try {
    const run = await kind.work(runner, workspaceId, now);
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

async function runJobs<R extends WorkspaceJobRunner>(
  kind: WorkspaceJobKind<R>,
  runner: R,
  due: boolean,
  onError: (error: unknown) => void,
): Promise<string[]> {
  await kind.ensureJobs(runner.db);
  const names = due ? await listDueJobs(runner.db, kind.prefix) : await kind.jobNames(runner.db);
  const ran: string[] = [];
  for (const name of names) {
    const workspaceId = name.slice(kind.prefix.length);
    try {
      if (await runWorkspaceJob(kind, runner, workspaceId, { due })) ran.push(workspaceId);
    } catch (error) {
      onError(error);
    }
  }
  return ran;
}

/** Starts checking for due jobs of a kind: the first check at once, then every minute. */
export function startWorkspaceJobScheduler<R extends WorkspaceJobRunner>(
  kind: WorkspaceJobKind<R>,
  runner: R,
  onError: (error: unknown) => void = () => {},
): WorkspaceJobScheduler {
  const every = Math.min(CHECK_EVERY_MS, runner.intervalMs);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<string[]> = Promise.resolve([]);
  const queue = (due: boolean) => {
    const run = () => (stopped ? Promise.resolve([]) : runJobs(kind, runner, due, onError));
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
