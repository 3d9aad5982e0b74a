/**
 * Retention runs of a workspace (domain/retention.ts says what they remove). A run is the
 * workspace's `retention:<id>` scheduled job: whoever runs it — the server's scheduler or an
 * owner asking for a run now — claims it first, so two processes never run it at once.
 */
import { hasRetention, retentionCutoffs, retentionSettingsOf } from '../domain/retention.js';
import type { Db } from '../store/catalog/db.js';
import {
  claimJob,
  ensureJob,
  findJob,
  finishJob,
  retentionJobName,
} from '../store/catalog/scheduled-jobs.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import type { EventStore, RetentionResult } from '../store/events/event-store.js';

/**
 * How long a claim holds a run. A run deletes in one pass of the event store (seconds, a minute
 * on tens of millions of records); a process that dies mid-run lets the claim run out.
 */
export const RETENTION_LEASE_MS = 60 * 60_000;

/** What a run did, as kept in the job's `last_result` and shown in settings. */
export interface RetentionRun extends RetentionResult {
  /** Records older than this were deleted (ISO 8601; null: none). */
  deleteBefore: string | null;
  /** Comments older than this were removed (ISO 8601; null: none). */
  stripCommentsBefore: string | null;
}

export interface RetentionRunner {
  db: Db;
  events: EventStore;
  /** Names the process in claims (host, pid). */
  holder: string;
  /** Time from the end of one run to the next. */
  intervalMs: number;
}

/**
 * Runs the retention of a workspace if it can claim the job: when due (the scheduler) or at once
 * (`due: false`, asked by an owner). Undefined when another process holds it or it is not due.
 */
export async function runRetention(
  runner: RetentionRunner,
  workspaceId: string,
  options: { due?: boolean } = {},
): Promise<RetentionRun | undefined> {
  const { db, events, holder } = runner;
  const name = retentionJobName(workspaceId);
  await ensureJob(db, name, workspaceId);
  const job = await claimJob(db, name, holder, RETENTION_LEASE_MS, options);
  if (!job) return undefined;
  const next = () => new Date(Date.now() + runner.intervalMs);
  try {
    const settings = retentionSettingsOf((await getWorkspace(db, workspaceId)).settings);
    const cutoffs = retentionCutoffs(settings, Date.now());
    const removed = hasRetention(settings)
      ? await events.applyRetention(workspaceId, cutoffs)
      : { interactions: 0, feedback: 0, quarantined: 0, commentsStripped: 0 };
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    const run: RetentionRun = {
      ...removed,
      deleteBefore: iso(cutoffs.deleteBefore),
      stripCommentsBefore: iso(cutoffs.stripCommentsBefore),
    };
    await finishJob(db, name, holder, { result: { ...run }, error: null, nextRunAt: next() });
    return run;
  } catch (error) {
    await finishJob(db, name, holder, {
      result: null,
      error: error instanceof Error ? error.message : String(error),
      nextRunAt: next(),
    });
    throw error;
  }
}

/** A workspace's retention: its settings, the next run and what the last one did. */
export async function retentionStatus(db: Db, workspaceId: string) {
  const settings = retentionSettingsOf((await getWorkspace(db, workspaceId)).settings);
  const job = await findJob(db, retentionJobName(workspaceId));
  const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
  return {
    ...settings,
    // A workspace that just got its settings is picked up at the scheduler's next check.
    nextRunAt: hasRetention(settings) ? (iso(job?.nextRunAt) ?? new Date().toISOString()) : null,
    running: job?.claimedUntil ? job.claimedUntil.getTime() > Date.now() : false,
    lastRun: job?.lastStartedAt
      ? {
          startedAt: job.lastStartedAt.toISOString(),
          finishedAt: iso(job.lastFinishedAt),
          result: (job.lastResult as RetentionRun | null) ?? null,
          error: job.lastError,
        }
      : null,
  };
}

export type RetentionStatus = Awaited<ReturnType<typeof retentionStatus>>;
