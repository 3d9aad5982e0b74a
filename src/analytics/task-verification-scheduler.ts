/**
 * The server's task verification: every check it gives each workspace with a done task its job
 * (`task-verification:<workspace id>` in scheduled_jobs) and runs the due ones it can claim, once
 * an hour per workspace; `afterIngestion` runs every such workspace now (claimed too), as the
 * server calls it when ingestion pauses. Several processes on one catalog may run it: a job's
 * claim lets only one of them run it, and a run writes only changed outcomes. How the jobs run:
 * jobs/workspace-jobs.ts.
 */
import type { Mailer } from '../alerts/mailer.js';
import {
  runWorkspaceJob,
  startWorkspaceJobScheduler,
  type WorkspaceJobKind,
  type WorkspaceJobScheduler,
} from '../jobs/workspace-jobs.js';
import {
  ensureTaskVerificationJobs,
  taskVerificationJobName,
  taskVerificationJobNames,
} from '../store/catalog/tasks.js';
import { verifyWorkspaceTasks } from './task-verification.js';
import type { AnalyticsStores } from './workspace-analytics.js';

export interface TaskVerificationRunner extends AnalyticsStores {
  holder: string;
  /** E-mails the owner of a task found not effective, when SMTP is configured. */
  mailer?: Mailer | null | undefined;
  publicUrl?: string | undefined;
  /** Between two scheduled runs of one workspace. */
  intervalMs: number;
}

export type TaskVerificationScheduler = WorkspaceJobScheduler;

const VERIFICATION_JOBS: WorkspaceJobKind<TaskVerificationRunner> = {
  prefix: 'task-verification:',
  jobName: taskVerificationJobName,
  ensureJobs: ensureTaskVerificationJobs,
  jobNames: taskVerificationJobNames,
  work: verifyWorkspaceTasks,
};

/** Runs the claimed job of one workspace; false when another process holds it (or it is not due). */
export function runTaskVerification(
  runner: TaskVerificationRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  return runWorkspaceJob(VERIFICATION_JOBS, runner, workspaceId, options, now);
}

/** Starts checking for due verification jobs: first check at once, then every minute. */
export function startTaskVerificationScheduler(
  runner: TaskVerificationRunner,
  onError: (error: unknown) => void = () => {},
): TaskVerificationScheduler {
  return startWorkspaceJobScheduler(VERIFICATION_JOBS, runner, onError);
}
