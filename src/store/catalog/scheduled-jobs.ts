/**
 * Scheduled work of the server (`scheduled_jobs`). A process runs a job only after claiming it:
 * the claim is one conditional UPDATE, so of several processes on one database exactly one gets
 * a due job, and holds it until `claimed_until` (a crashed holder's claim simply runs out).
 */
import { and, asc, eq, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { scheduledJobs, workspaces } from './schema.js';

export type ScheduledJob = typeof scheduledJobs.$inferSelect;

/** The retention job of a workspace. */
export function retentionJobName(workspaceId: string): string {
  return `retention:${workspaceId}`;
}

export async function findJob(db: Db, name: string): Promise<ScheduledJob | undefined> {
  const [row] = await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name));
  return row;
}

/**
 * Gives every workspace whose settings ask for retention its retention job, due at once when new
 * (existing jobs keep their schedule).
 */
export async function ensureRetentionJobs(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO scheduled_jobs (name, workspace_id)
    SELECT 'retention:' || id, id FROM workspaces
    WHERE ${workspaces.settings}->>'retentionDays' IS NOT NULL
       OR ${workspaces.settings}->>'commentRetentionDays' IS NOT NULL
    ON CONFLICT (name) DO NOTHING`);
}

/** Makes sure a job exists (due at once when new). */
export async function ensureJob(db: Db, name: string, workspaceId: string | null): Promise<void> {
  await db.insert(scheduledJobs).values({ name, workspaceId }).onConflictDoNothing();
}

/** Names of the jobs starting with `prefix` that are due and not claimed, the longest due first. */
export async function listDueJobs(db: Db, prefix: string): Promise<string[]> {
  const rows = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(
      and(
        like(scheduledJobs.name, `${prefix}%`),
        lte(scheduledJobs.nextRunAt, sql`now()`),
        or(isNull(scheduledJobs.claimedUntil), lte(scheduledJobs.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(scheduledJobs.nextRunAt));
  return rows.map((r) => r.name);
}

/**
 * Claims a job for `holder` for `leaseMs`: only when no live claim holds it and (unless `due` is
 * false, a run asked for now) it is due. Undefined when another process has it or it is not due.
 */
export async function claimJob(
  db: Db,
  name: string,
  holder: string,
  leaseMs: number,
  options: { due?: boolean } = {},
): Promise<ScheduledJob | undefined> {
  const [row] = await db
    .update(scheduledJobs)
    .set({
      claimedBy: holder,
      claimedUntil: sql`now() + ${`${Math.ceil(leaseMs)} milliseconds`}::interval`,
      lastStartedAt: sql`now()`,
    })
    .where(
      and(
        eq(scheduledJobs.name, name),
        or(isNull(scheduledJobs.claimedUntil), lte(scheduledJobs.claimedUntil, sql`now()`)),
        options.due === false ? undefined : lte(scheduledJobs.nextRunAt, sql`now()`),
      ),
    )
    .returning();
  return row;
}

/** Records the end of a claimed run and releases the claim; false when `holder` no longer held it. */
export async function finishJob(
  db: Db,
  name: string,
  holder: string,
  outcome: { result: Record<string, unknown> | null; error: string | null; nextRunAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(scheduledJobs)
    .set({
      claimedBy: null,
      claimedUntil: null,
      lastFinishedAt: sql`now()`,
      lastResult: outcome.result,
      lastError: outcome.error,
      nextRunAt: outcome.nextRunAt,
    })
    .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.claimedBy, holder)))
    .returning({ name: scheduledJobs.name });
  return rows.length > 0;
}
