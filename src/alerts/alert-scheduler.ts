/**
 * The server's alert evaluation: every workspace with an enabled rule has its job
 * (`alerts:<workspace id>` in scheduled_jobs), run when due — every
 * TOUCHPOINTS_ALERT_INTERVAL_MINUTES (10 by default) — by the process that claims it;
 * `afterIngestion` runs every such workspace now (claimed too), as the server calls it after the
 * key pass of new interactions. The claim keeps two processes from evaluating one workspace at
 * once, and the episodes' unique index keeps an alert from firing twice even if they did. How
 * the jobs run: jobs/workspace-jobs.ts.
 */
import {
  runWorkspaceJob,
  startWorkspaceJobScheduler,
  type WorkspaceJobKind,
  type WorkspaceJobScheduler,
} from '../jobs/workspace-jobs.js';
import { alertJobName, alertJobNames, ensureAlertJobs } from '../store/catalog/alert-rules.js';
import { type AlertStores, evaluateWorkspaceAlerts } from './evaluate-alerts.js';

export interface AlertRunner extends AlertStores {
  holder: string;
  /** Between two scheduled evaluations of one workspace. */
  intervalMs: number;
}

export type AlertScheduler = WorkspaceJobScheduler;

const ALERT_JOBS: WorkspaceJobKind<AlertRunner> = {
  prefix: 'alerts:',
  jobName: alertJobName,
  ensureJobs: ensureAlertJobs,
  jobNames: alertJobNames,
  work: evaluateWorkspaceAlerts,
};

/** Runs the claimed evaluation of one workspace; false when another process holds it (or it is not due). */
export function runAlertEvaluation(
  runner: AlertRunner,
  workspaceId: string,
  options: { due: boolean },
  now = Date.now(),
): Promise<boolean> {
  return runWorkspaceJob(ALERT_JOBS, runner, workspaceId, options, now);
}

/** Starts checking for due evaluation jobs: first check at once, then every minute. */
export function startAlertScheduler(
  runner: AlertRunner,
  onError: (error: unknown) => void = () => {},
): AlertScheduler {
  return startWorkspaceJobScheduler(ALERT_JOBS, runner, onError);
}
