/**
 * Improvement tasks (Law 3) and their comments. A task targets at least one object of its
 * workspace; transitions follow domain/task-rules.ts; every change is versioned and audited.
 * The verification from live data (analytics/task-verification.ts) writes its outcome through
 * `recordTaskVerification`, the only way a task becomes verified or not_effective.
 */
import { and, asc, count, eq, gte, ilike, inArray, like, lt, lte, not, or, sql } from 'drizzle-orm';
import { type FieldIssue, invalid, ValidationError } from '../../domain/errors.js';
import {
  checkUserTransition,
  DEFAULT_TASK_MIN_SAMPLE,
  DEFAULT_TASK_WINDOW_DAYS,
  isOverdue,
  OPEN_TASK_STATUSES,
  type TaskTargetField,
  utcDate,
} from '../../domain/task-rules.js';
import type { Lever, TaskStatus, TaskVerificationState } from '../../domain/vocabulary.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from './audit.js';
import type { Db } from './db.js';
import { insertNotifications } from './notifications.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import {
  chainLinks,
  chains,
  journeys,
  scheduledJobs,
  stages,
  standards,
  taskComments,
  tasks,
  touchpoints,
  users,
} from './schema.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';
import { existingMemberIds } from './workspaces.js';

export type TaskRow = typeof tasks.$inferSelect;

export interface TaskVerificationOutcome {
  checkedAt: string;
  state: TaskVerificationState;
  explanation: string;
  figures: Record<string, number | string | boolean | null>;
}

export type TaskTargets = Record<TaskTargetField, string | null>;

/** The API view of a task; `linkId` is the current id of its chain link (links get new ids on edits). */
export function toTaskDto(t: TaskRow, linkId: string | null, today = utcDate()) {
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    lever: t.lever as Lever,
    ownerUserId: t.ownerUserId,
    dueDate: t.dueDate,
    priority: t.priority,
    status: t.status as TaskStatus,
    targets: {
      touchpointId: t.touchpointId,
      chainId: t.chainId,
      chainLinkId: linkId,
      journeyId: t.journeyId,
      stageId: t.stageId,
      standardId: t.standardId,
    },
    windowDays: t.windowDays,
    minSample: t.minSample,
    conversionRiseTarget: t.conversionRiseTarget,
    doneAt: t.doneAt ? t.doneAt.toISOString() : null,
    verification: (t.verification as TaskVerificationOutcome | null) ?? null,
    overdue: isOverdue(t, today),
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TaskDto = ReturnType<typeof toTaskDto>;

/** The current link ids of tasks on a chain link: `chainId:touchpointId` → link id. */
async function linkIds(db: Db, rows: TaskRow[]): Promise<Map<string, string>> {
  const chainIds = [...new Set(rows.flatMap((r) => (r.chainId && r.linkTouchpointId ? [r.chainId] : [])))];
  if (chainIds.length === 0) return new Map();
  const links = await db
    .select({ id: chainLinks.id, chainId: chainLinks.chainId, touchpointId: chainLinks.touchpointId })
    .from(chainLinks)
    .where(inArray(chainLinks.chainId, chainIds));
  return new Map(links.map((l) => [`${l.chainId}:${l.touchpointId}`, l.id]));
}

async function toDtos(db: Db, rows: TaskRow[]): Promise<TaskDto[]> {
  const links = await linkIds(db, rows);
  const today = utcDate();
  return rows.map((r) =>
    toTaskDto(r, (r.chainId && links.get(`${r.chainId}:${r.linkTouchpointId}`)) || null, today),
  );
}

export async function taskDto(db: Db, row: TaskRow): Promise<TaskDto> {
  const [dto] = await toDtos(db, [row]);
  if (!dto) throw new Error('no task');
  return dto;
}

export interface TaskTargetsInput {
  touchpointId?: string | null | undefined;
  chainId?: string | null | undefined;
  chainLinkId?: string | null | undefined;
  journeyId?: string | null | undefined;
  stageId?: string | null | undefined;
  standardId?: string | null | undefined;
}

export interface TaskInput {
  title: string;
  description?: string | undefined;
  lever: Lever;
  ownerUserId?: string | null | undefined;
  dueDate?: string | null | undefined;
  priority?: number | undefined;
  status?: TaskStatus | undefined;
  targets: TaskTargetsInput;
  windowDays?: number | undefined;
  minSample?: number | undefined;
  conversionRiseTarget?: number | null | undefined;
}

export type TaskPatch = Partial<Omit<TaskInput, 'targets'>> & {
  version: number;
  targets?: TaskTargetsInput | undefined;
};

export interface TaskFilter extends PageQuery {
  status?: TaskStatus | TaskStatus[] | undefined;
  lever?: Lever | undefined;
  ownerUserId?: string | undefined;
  touchpointId?: string | undefined;
  chainId?: string | undefined;
  chainLinkId?: string | undefined;
  journeyId?: string | undefined;
  stageId?: string | undefined;
  standardId?: string | undefined;
  overdue?: boolean | undefined;
  dueBefore?: string | undefined;
  dueAfter?: string | undefined;
  q?: string | undefined;
}

const openStatuses = [...OPEN_TASK_STATUSES] as string[];

/** One page of the workspace's tasks. A touchpoint filter also finds tasks on a chain link at it. */
export async function listTasks(db: Db, workspaceId: string, f: TaskFilter) {
  let link: { chainId: string; touchpointId: string } | undefined;
  if (f.chainLinkId) {
    [link] = await db
      .select({ chainId: chainLinks.chainId, touchpointId: chainLinks.touchpointId })
      .from(chainLinks)
      .where(and(eq(chainLinks.id, f.chainLinkId), eq(chainLinks.workspaceId, workspaceId)))
      .limit(1);
    if (!link) return { items: [], total: 0, limit: f.limit, offset: f.offset };
  }
  const today = utcDate();
  const overdue = and(lt(tasks.dueDate, today), inArray(tasks.status, openStatuses));
  const statuses = f.status === undefined ? [] : Array.isArray(f.status) ? f.status : [f.status];
  const where = and(
    eq(tasks.workspaceId, workspaceId),
    statuses.length > 0 ? inArray(tasks.status, statuses) : undefined,
    f.lever ? eq(tasks.lever, f.lever) : undefined,
    f.ownerUserId ? eq(tasks.ownerUserId, f.ownerUserId) : undefined,
    f.touchpointId
      ? or(eq(tasks.touchpointId, f.touchpointId), eq(tasks.linkTouchpointId, f.touchpointId))
      : undefined,
    f.chainId ? eq(tasks.chainId, f.chainId) : undefined,
    link ? and(eq(tasks.chainId, link.chainId), eq(tasks.linkTouchpointId, link.touchpointId)) : undefined,
    f.journeyId ? eq(tasks.journeyId, f.journeyId) : undefined,
    f.stageId ? eq(tasks.stageId, f.stageId) : undefined,
    f.standardId ? eq(tasks.standardId, f.standardId) : undefined,
    f.overdue === true ? overdue : f.overdue === false ? not(sql`coalesce(${overdue}, false)`) : undefined,
    f.dueBefore ? lte(tasks.dueDate, f.dueBefore) : undefined,
    f.dueAfter ? gte(tasks.dueDate, f.dueAfter) : undefined,
    f.q ? or(ilike(tasks.title, likePattern(f.q)), ilike(tasks.description, likePattern(f.q))) : undefined,
  );
  const sortable = {
    title: tasks.title,
    dueDate: tasks.dueDate,
    priority: tasks.priority,
    status: tasks.status,
    createdAt: tasks.createdAt,
    updatedAt: tasks.updatedAt,
  };
  const { rows, total } = await readPage(db, tasks, where, sortable, 'dueDate', f);
  return { items: await toDtos(db, rows), total, limit: f.limit, offset: f.offset };
}

export async function getTask(db: Db, workspaceId: string, id: string): Promise<TaskRow> {
  return findOne(db, tasks, 'task', workspaceId, id);
}

/** The stored target columns, as a task row holds them. */
type StoredTargets = Pick<
  TaskRow,
  'touchpointId' | 'chainId' | 'linkTouchpointId' | 'journeyId' | 'stageId' | 'standardId'
>;

/**
 * Applies the given targets onto the current ones (undefined keeps, null clears) and checks that
 * every id is an object of the workspace, that a link belongs to the chain and a stage to the
 * journey, and that at least one target remains. Throws 400 naming each wrong field.
 */
async function resolveTargets(
  db: Db,
  workspaceId: string,
  input: TaskTargetsInput,
  current: StoredTargets | null,
): Promise<StoredTargets> {
  const issues: FieldIssue[] = [];
  const field = (name: TaskTargetField) => `targets.${name}`;
  const next: StoredTargets = current
    ? { ...current }
    : {
        touchpointId: null,
        chainId: null,
        linkTouchpointId: null,
        journeyId: null,
        stageId: null,
        standardId: null,
      };
  const simple = [
    ['touchpointId', touchpoints, 'touchpoint'],
    ['chainId', chains, 'chain'],
    ['journeyId', journeys, 'journey'],
    ['standardId', standards, 'standard'],
  ] as const;
  for (const [name, table, noun] of simple) {
    const id = input[name];
    if (id === undefined) continue;
    if (id !== null && !(await existsInWorkspace(db, table, workspaceId, id)))
      issues.push({ field: field(name), message: `no such ${noun} in this workspace` });
    next[name] = id;
  }
  if (input.chainId === null) next.linkTouchpointId = null;
  if (input.chainLinkId === null) next.linkTouchpointId = null;
  else if (input.chainLinkId !== undefined) {
    const [link] = await db
      .select({ chainId: chainLinks.chainId, touchpointId: chainLinks.touchpointId })
      .from(chainLinks)
      .where(and(eq(chainLinks.id, input.chainLinkId), eq(chainLinks.workspaceId, workspaceId)))
      .limit(1);
    if (!link) issues.push({ field: field('chainLinkId'), message: 'no such chain link in this workspace' });
    else if (input.chainId && input.chainId !== link.chainId)
      issues.push({
        field: field('chainLinkId'),
        message: 'is a link of another chain than targets.chainId',
      });
    else {
      next.chainId = link.chainId;
      next.linkTouchpointId = link.touchpointId;
    }
  } else if (input.chainId && current && input.chainId !== current.chainId) next.linkTouchpointId = null;
  if (input.stageId === null) next.stageId = null;
  else if (input.stageId !== undefined) {
    const [stage] = await db
      .select({ journeyId: stages.journeyId })
      .from(stages)
      .where(and(eq(stages.id, input.stageId), eq(stages.workspaceId, workspaceId)))
      .limit(1);
    if (!stage) issues.push({ field: field('stageId'), message: 'no such journey stage in this workspace' });
    else if (input.journeyId && input.journeyId !== stage.journeyId)
      issues.push({
        field: field('stageId'),
        message: 'is a stage of another journey than targets.journeyId',
      });
    else {
      next.journeyId = stage.journeyId;
      next.stageId = input.stageId;
    }
  } else if (input.journeyId !== undefined && current && input.journeyId !== current.journeyId)
    next.stageId = null;
  if (issues.length > 0) throw new ValidationError(issues);
  if (!next.touchpointId && !next.chainId && !next.journeyId && !next.standardId)
    throw invalid(
      'targets',
      'a task needs at least one target: touchpointId, chainId, chainLinkId, journeyId, stageId or standardId',
    );
  return next;
}

async function ensureOwner(db: Db, workspaceId: string, ownerUserId: string | null | undefined) {
  if (ownerUserId && !(await existingMemberIds(db, workspaceId, [ownerUserId])).has(ownerUserId))
    throw invalid('ownerUserId', 'the owner must be a member of this workspace');
}

function ensureRiseTarget(t: { conversionRiseTarget: number | null; linkTouchpointId: string | null }) {
  if (t.conversionRiseTarget !== null && !t.linkTouchpointId)
    throw invalid('conversionRiseTarget', 'only a task on a chain link (targets.chainLinkId) can have one');
}

/** Creates a task; `done` stamps doneAt (the start of its verification window). */
export async function createTask(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: TaskInput,
): Promise<TaskDto> {
  const status = input.status ?? 'planned';
  checkUserTransition('planned', status);
  return db.transaction(async (tx) => {
    const targets = await resolveTargets(tx, workspaceId, input.targets, null);
    await ensureOwner(tx, workspaceId, input.ownerUserId);
    const conversionRiseTarget = input.conversionRiseTarget ?? null;
    ensureRiseTarget({ conversionRiseTarget, linkTouchpointId: targets.linkTouchpointId });
    const [row] = await tx
      .insert(tasks)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        title: input.title,
        description: input.description ?? '',
        lever: input.lever,
        ownerUserId: input.ownerUserId ?? null,
        dueDate: input.dueDate ?? null,
        priority: input.priority ?? 3,
        status,
        ...targets,
        windowDays: input.windowDays ?? DEFAULT_TASK_WINDOW_DAYS,
        minSample: input.minSample ?? DEFAULT_TASK_MIN_SAMPLE,
        conversionRiseTarget,
        doneAt: status === 'done' ? new Date() : null,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const after = await taskDto(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'task',
      entityId: row.id,
      after,
    });
    return after;
  });
}

/** Changes a task (needs the version read); status moves follow domain/task-rules.ts. */
export async function updateTask(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: TaskPatch,
): Promise<TaskDto> {
  return db.transaction(async (tx) => {
    const current = await getTask(tx, workspaceId, id);
    const { version, targets: targetPatch, status, ...fields } = patch;
    const values: Partial<typeof tasks.$inferInsert> = { ...fields };
    const targets = targetPatch ? await resolveTargets(tx, workspaceId, targetPatch, current) : current;
    if (targetPatch) Object.assign(values, targets);
    if (fields.ownerUserId !== undefined && fields.ownerUserId !== current.ownerUserId)
      await ensureOwner(tx, workspaceId, fields.ownerUserId);
    ensureRiseTarget({
      conversionRiseTarget:
        fields.conversionRiseTarget === undefined
          ? current.conversionRiseTarget
          : fields.conversionRiseTarget,
      linkTouchpointId: targets.linkTouchpointId,
    });
    if (status !== undefined && status !== current.status) {
      checkUserTransition(current.status as TaskStatus, status);
      values.status = status;
      values.verification = null;
      values.doneAt = status === 'done' ? new Date() : null;
    }
    const before = await taskDto(tx, current);
    const row = await updateVersioned(tx, tasks, 'task', workspaceId, id, version, values);
    const after = await taskDto(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'task',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteTask(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await taskDto(tx, await getTask(tx, workspaceId, id));
    await tx.delete(tasks).where(and(eq(tasks.id, id), eq(tasks.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, { action: 'delete', entityType: 'task', entityId: id, before });
  });
}

export type TaskCommentRow = typeof taskComments.$inferSelect;

export function toTaskCommentDto(c: TaskCommentRow) {
  return {
    id: c.id,
    taskId: c.taskId,
    authorUserId: c.authorUserId,
    authorName: c.authorName,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A task's comments, oldest first (404 when the task is not in the workspace). */
export async function listTaskComments(db: Db, workspaceId: string, taskId: string, page: PageQuery) {
  await getTask(db, workspaceId, taskId);
  const where = and(eq(taskComments.workspaceId, workspaceId), eq(taskComments.taskId, taskId));
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(taskComments)
      .where(where)
      .orderBy(asc(taskComments.createdAt), asc(taskComments.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(taskComments).where(where),
  ]);
  return {
    items: rows.map(toTaskCommentDto),
    total: Number(totals[0]?.n ?? 0),
    limit: page.limit,
    offset: page.offset,
  };
}

/** Adds a comment; the author's name (or e-mail) is kept as it was when writing. */
export async function addTaskComment(
  db: Db,
  actor: Actor,
  workspaceId: string,
  taskId: string,
  body: string,
) {
  return db.transaction(async (tx) => {
    await getTask(tx, workspaceId, taskId);
    let authorName = actor.tokenId ? 'API token' : 'system';
    if (actor.userId) {
      const [user] = await tx
        .select({ name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, actor.userId))
        .limit(1);
      authorName = user?.name || user?.email || 'user';
    }
    const [row] = await tx
      .insert(taskComments)
      .values({ id: crypto.randomUUID(), workspaceId, taskId, authorUserId: actor.userId, authorName, body })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const after = toTaskCommentDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'comment',
      entityType: 'task',
      entityId: taskId,
      after,
    });
    return after;
  });
}

/** A done task as the verification reads it: with the touchpoint its chain link stands on. */
export type TaskToVerify = TaskDto & { linkTouchpointId: string | null };

/** Tasks waiting for the verification: the done ones, oldest done first. */
export async function tasksToVerify(db: Db, workspaceId: string): Promise<TaskToVerify[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.status, 'done')))
    .orderBy(asc(tasks.doneAt), asc(tasks.id));
  const dtos = await toDtos(db, rows);
  return dtos.map((dto, i) => ({ ...dto, linkTouchpointId: rows[i]?.linkTouchpointId ?? null }));
}

/**
 * Writes the verification's outcome on a task still done at `version` (a user who moved it in
 * between wins: nothing is written then). Verified / not_effective also set the status; a
 * not_effective task's owner gets a notification (and the audit log a `notify_owner` entry).
 * Returns whether anything was written.
 */
export async function recordTaskVerification(
  db: Db,
  workspaceId: string,
  task: { id: string; version: number },
  outcome: TaskVerificationOutcome,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const current = await getTask(tx, workspaceId, task.id);
    if (current.version !== task.version || current.status !== 'done') return false;
    const values: Partial<typeof tasks.$inferInsert> = { verification: { ...outcome } };
    if (outcome.state === 'verified' || outcome.state === 'not_effective') values.status = outcome.state;
    const before = await taskDto(tx, current);
    const row = await updateVersioned(tx, tasks, 'task', workspaceId, task.id, task.version, values);
    const after = await taskDto(tx, row);
    await recordAudit(tx, SYSTEM_ACTOR, workspaceId, {
      action: 'verify',
      entityType: 'task',
      entityId: task.id,
      before,
      after,
    });
    if (outcome.state === 'not_effective' || outcome.state === 'verified')
      await recordAudit(tx, SYSTEM_ACTOR, workspaceId, {
        action: 'notify_owner',
        entityType: 'task',
        entityId: task.id,
        after: { ownerUserId: row.ownerUserId, status: row.status, message: outcome.explanation },
      });
    // The owner's notification centre hears of a task that did not work.
    if (outcome.state === 'not_effective' && row.ownerUserId)
      await insertNotifications(tx, workspaceId, [
        {
          userId: row.ownerUserId,
          kind: 'task_not_effective',
          title: `Task not effective: ${row.title}`,
          body: outcome.explanation,
          link: `/w/${workspaceId}/tasks?task=${row.id}`,
        },
      ]);
    return true;
  });
}

/** Ids of the workspace's standards that an open (planned or in-progress) task targets. */
export async function standardsWithOpenTask(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: tasks.standardId })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.status, openStatuses)));
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}

/** The workspace's overdue tasks on `today` (YYYY-MM-DD). */
export async function overdueTasks(db: Db, workspaceId: string, today = utcDate()): Promise<TaskDto[]> {
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.workspaceId, workspaceId), lt(tasks.dueDate, today), inArray(tasks.status, openStatuses)),
    );
  return toDtos(db, rows);
}

/** The verification job of a workspace in `scheduled_jobs`. */
export function taskVerificationJobName(workspaceId: string): string {
  return `task-verification:${workspaceId}`;
}

/** Gives every workspace with a done task its verification job (due at once when new). */
export async function ensureTaskVerificationJobs(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO scheduled_jobs (name, workspace_id)
    SELECT DISTINCT 'task-verification:' || workspace_id, workspace_id FROM tasks WHERE status = 'done'
    ON CONFLICT (name) DO NOTHING`);
}

/** Every verification job's name, due or not (a run after ingestion runs them all). */
export async function taskVerificationJobNames(db: Db): Promise<string[]> {
  const rows = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(like(scheduledJobs.name, 'task-verification:%'));
  return rows.map((r) => r.name);
}
