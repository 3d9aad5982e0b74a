/** What the alert evaluation reads from the catalog about its subjects: touchpoints, tasks, chain links. */
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { OPEN_TASK_STATUSES, utcDate } from '../../domain/task-rules.js';
import type { Db } from './db.js';
import { chainLinks, chains, tasks, touchpoints } from './schema.js';

export interface TouchpointSubject {
  id: string;
  name: string;
  status: string;
  createdAt: Date;
}

/** Every touchpoint of the workspace with its status and creation time. */
export async function touchpointSubjects(db: Db, workspaceId: string): Promise<TouchpointSubject[]> {
  return db
    .select({
      id: touchpoints.id,
      name: touchpoints.name,
      status: touchpoints.status,
      createdAt: touchpoints.createdAt,
    })
    .from(touchpoints)
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.name));
}

export interface TaskSubject {
  id: string;
  title: string;
  ownerUserId: string | null;
  dueDate: string | null;
  status: string;
}

const taskColumns = {
  id: tasks.id,
  title: tasks.title,
  ownerUserId: tasks.ownerUserId,
  dueDate: tasks.dueDate,
  status: tasks.status,
};

/** Tasks past their due date on `today` (UTC) while still planned or in progress. */
export async function overdueTaskSubjects(
  db: Db,
  workspaceId: string,
  today = utcDate(),
): Promise<TaskSubject[]> {
  return db
    .select(taskColumns)
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, workspaceId),
        lt(tasks.dueDate, today),
        inArray(tasks.status, [...OPEN_TASK_STATUSES]),
      ),
    );
}

/** Tasks the verification found not effective. */
export async function notEffectiveTaskSubjects(db: Db, workspaceId: string): Promise<TaskSubject[]> {
  return db
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.status, 'not_effective')));
}

/** Owners of some tasks of the workspace (a task that is gone has none). */
export async function taskOwners(
  db: Db,
  workspaceId: string,
  taskIds: readonly string[],
): Promise<Map<string, string>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .select({ id: tasks.id, ownerUserId: tasks.ownerUserId })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.id, [...taskIds])));
  return new Map(rows.flatMap((r) => (r.ownerUserId ? [[r.id, r.ownerUserId] as const] : [])));
}

/** A chain's name and link count (undefined when the chain is not in the workspace). */
export async function chainSubject(
  db: Db,
  workspaceId: string,
  chainId: string,
): Promise<{ id: string; name: string; links: number } | undefined> {
  const [chain] = await db
    .select({ id: chains.id, name: chains.name })
    .from(chains)
    .where(and(eq(chains.id, chainId), eq(chains.workspaceId, workspaceId)));
  if (!chain) return undefined;
  const links = await db
    .select({ id: chainLinks.id })
    .from(chainLinks)
    .where(eq(chainLinks.chainId, chainId));
  return { ...chain, links: links.length };
}
