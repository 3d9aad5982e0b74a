/**
 * The server's complaint sweep (complaints/interaction-sweep.ts): every check gives each
 * workspace its job (`complaint-sweep:<workspace id>` in scheduled_jobs) and runs the due ones it
 * can claim; `afterIngestion` runs every workspace now (claimed too), as the server calls it when
 * ingestion pauses. Several processes on one catalog may run it: a job's claim lets only one of
 * them run it, and the register's unique source key keeps a complaint from opening twice. How
 * the jobs run: jobs/workspace-jobs.ts.
 */
import type { AnalyticsSource } from '../analytics/analysis-scope.js';
import {
  runWorkspaceJob,
  startWorkspaceJobScheduler,
  type WorkspaceJobKind,
  type WorkspaceJobScheduler,
} from '../jobs/workspace-jobs.js';
import {
  complaintSweepJobName,
  complaintSweepJobNames,
  ensureComplaintSweepJobs,
} from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';
import { sweepComplaintInteractions } from './interaction-sweep.js';

export interface ComplaintSweepRunner {
  db: Db;
  events: AnalyticsSource;
  holder: string;
  /** Between two scheduled runs of one workspace. */
  intervalMs: number;
}

export type ComplaintSweepScheduler = WorkspaceJobScheduler;

const SWEEP_JOBS: WorkspaceJobKind<ComplaintSweepRunner> = {
  prefix: 'complaint-sweep:',
  jobName: complaintSweepJobName,
  ensureJobs: ensureComplaintSweepJobs,
  jobNames: complaintSweepJobNames,
  work: sweepComplaintInteractions,
};

/** Runs the claimed sweep of one workspace; false when another process holds it (or it is not due). */
export function runComplaintSweep(
  runner: ComplaintSweepRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  return runWorkspaceJob(SWEEP_JOBS, runner, workspaceId, options, now);
}

/** Starts checking for due sweep jobs: first check at once, then every minute. */
export function startComplaintSweepScheduler(
  runner: ComplaintSweepRunner,
  onError: (error: unknown) => void = () => {},
): ComplaintSweepScheduler {
  return startWorkspaceJobScheduler(SWEEP_JOBS, runner, onError);
}
