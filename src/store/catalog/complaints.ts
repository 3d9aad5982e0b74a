/**
 * The complaint register (SPEC §6): complaints entered by staff or opened from a source (a survey
 * answer, a review, an interaction with outcome=complaint) — a source opens at most one, as
 * (workspace, source, source_ref) is unique. Status moves and timestamps follow
 * domain/complaint-rules.ts; every change is versioned and audited, and a complaint's history is
 * its audit log. Erasing a customer removes their complaints together with that history.
 */
import { and, asc, eq, ilike, inArray, isNull, like, lt, not, or, type SQL, sql } from 'drizzle-orm';
import {
  COMPLAINT_RESOLUTION_DUE_MS,
  COMPLAINT_RESPONSE_DUE_MS,
  type ComplaintSeverity,
  type ComplaintSource,
  type ComplaintStatus,
  checkComplaintTransition,
  complaintStamps,
  isComplaintOverdue,
  OPEN_COMPLAINT_STATUSES,
} from '../../domain/complaint-rules.js';
import { ConflictError, invalid } from '../../domain/errors.js';
import type { Lever } from '../../domain/vocabulary.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { auditLog, complaints, scheduledJobs, tasks, touchpoints, users } from './schema.js';
import { createTask, type TaskDto } from './tasks.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';
import { existingMemberIds } from './workspaces.js';

export type ComplaintRow = typeof complaints.$inferSelect;

/** The API view of a complaint. */
export function toComplaintDto(c: ComplaintRow, now = Date.now()) {
  return {
    id: c.id,
    touchpointId: c.touchpointId,
    customer: c.customer,
    text: c.text,
    severity: c.severity as ComplaintSeverity,
    ownerUserId: c.ownerUserId,
    status: c.status as ComplaintStatus,
    source: c.source as ComplaintSource,
    sourceRef: c.sourceRef,
    receivedAt: c.receivedAt.toISOString(),
    firstResponseAt: c.firstResponseAt ? c.firstResponseAt.toISOString() : null,
    resolvedAt: c.resolvedAt ? c.resolvedAt.toISOString() : null,
    resolutionNote: c.resolutionNote,
    taskId: c.taskId,
    overdue: isComplaintOverdue(c, now),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ComplaintDto = ReturnType<typeof toComplaintDto>;

export interface ComplaintInput {
  touchpointId?: string | null | undefined;
  customer?: string | null | undefined;
  text: string;
  severity?: ComplaintSeverity | undefined;
  ownerUserId?: string | null | undefined;
  /** When the complaint was received (default now). */
  receivedAt?: Date | undefined;
}

export interface ComplaintPatch {
  version: number;
  touchpointId?: string | null | undefined;
  customer?: string | null | undefined;
  text?: string | undefined;
  severity?: ComplaintSeverity | undefined;
  ownerUserId?: string | null | undefined;
  status?: ComplaintStatus | undefined;
  resolutionNote?: string | undefined;
}

export interface ComplaintFilter extends PageQuery {
  status?: ComplaintStatus | ComplaintStatus[] | undefined;
  severity?: ComplaintSeverity | ComplaintSeverity[] | undefined;
  touchpointId?: string | undefined;
  ownerUserId?: string | undefined;
  source?: ComplaintSource | undefined;
  overdue?: boolean | undefined;
  /** Text search in the text, the resolution note and the customer key. */
  q?: string | undefined;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const openStatuses = [...OPEN_COMPLAINT_STATUSES] as string[];

/** The SQL twin of `isComplaintOverdue` at `now`. */
function overdueSql(now: number): SQL {
  const responseDue = new Date(now - COMPLAINT_RESPONSE_DUE_MS);
  const resolutionDue = new Date(now - COMPLAINT_RESOLUTION_DUE_MS);
  return and(
    inArray(complaints.status, openStatuses),
    or(
      and(isNull(complaints.firstResponseAt), lt(complaints.receivedAt, responseDue)),
      lt(complaints.receivedAt, resolutionDue),
    ),
  ) as SQL;
}

const severityRank = sql`CASE ${complaints.severity} WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`;
const statusRank = sql`CASE ${complaints.status} WHEN 'new' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END`;

/** One page of the workspace's complaints (newest received first by default). */
export async function listComplaints(db: Db, workspaceId: string, f: ComplaintFilter, now = Date.now()) {
  const statuses = list(f.status);
  const severities = list(f.severity);
  const overdue = overdueSql(now);
  const where = and(
    eq(complaints.workspaceId, workspaceId),
    statuses.length > 0 ? inArray(complaints.status, statuses) : undefined,
    severities.length > 0 ? inArray(complaints.severity, severities) : undefined,
    f.touchpointId ? eq(complaints.touchpointId, f.touchpointId) : undefined,
    f.ownerUserId ? eq(complaints.ownerUserId, f.ownerUserId) : undefined,
    f.source ? eq(complaints.source, f.source) : undefined,
    f.overdue === true ? overdue : f.overdue === false ? not(overdue) : undefined,
    f.q
      ? or(
          ilike(complaints.text, likePattern(f.q)),
          ilike(complaints.resolutionNote, likePattern(f.q)),
          ilike(complaints.customer, likePattern(f.q)),
        )
      : undefined,
  );
  const sortable = {
    receivedAt: complaints.receivedAt,
    severity: severityRank,
    status: statusRank,
    updatedAt: complaints.updatedAt,
  };
  const { rows, total } = await readPage(db, complaints, where, sortable, '-receivedAt', f);
  return { items: rows.map((r) => toComplaintDto(r, now)), total, limit: f.limit, offset: f.offset };
}

export async function getComplaint(db: Db, workspaceId: string, id: string): Promise<ComplaintRow> {
  return findOne(db, complaints, 'complaint', workspaceId, id);
}

async function ensureTouchpoint(db: Db, workspaceId: string, touchpointId: string | null | undefined) {
  if (touchpointId && !(await existsInWorkspace(db, touchpoints, workspaceId, touchpointId)))
    throw invalid('touchpointId', 'no such touchpoint in this workspace');
}

async function ensureOwner(db: Db, workspaceId: string, ownerUserId: string | null | undefined) {
  if (ownerUserId && !(await existingMemberIds(db, workspaceId, [ownerUserId])).has(ownerUserId))
    throw invalid('ownerUserId', 'the owner must be a member of this workspace');
}

/** Enters a complaint by hand (source `staff`). */
export async function createComplaint(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: ComplaintInput,
): Promise<ComplaintDto> {
  return db.transaction(async (tx) => {
    await ensureTouchpoint(tx, workspaceId, input.touchpointId);
    await ensureOwner(tx, workspaceId, input.ownerUserId);
    const [row] = await tx
      .insert(complaints)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        touchpointId: input.touchpointId ?? null,
        customer: input.customer ?? null,
        text: input.text,
        severity: input.severity ?? 'medium',
        ownerUserId: input.ownerUserId ?? null,
        status: 'new',
        source: 'staff',
        sourceRef: null,
        receivedAt: input.receivedAt ?? new Date(),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const after = toComplaintDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'complaint',
      entityId: row.id,
      after,
    });
    return after;
  });
}

/** A complaint a source opens: a survey answer, a review or an interaction. */
export interface SourcedComplaint {
  workspaceId: string;
  source: Exclude<ComplaintSource, 'staff'>;
  /** The submission, review or interaction: one complaint per source and ref. */
  sourceRef: string;
  touchpointId: string | null;
  customer: string | null;
  text: string;
  severity: ComplaintSeverity;
  receivedAt: Date;
}

/**
 * Opens a complaint for a source unless that source already opened one (ON CONFLICT DO NOTHING on
 * (workspace, source, source_ref)). A touchpoint no longer in the workspace is left out. Answers
 * the complaint's id and whether it is new; audited as the system's.
 */
export async function openComplaintFromSource(
  db: Db,
  input: SourcedComplaint,
): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const touchpointId =
      input.touchpointId && (await existsInWorkspace(tx, touchpoints, input.workspaceId, input.touchpointId))
        ? input.touchpointId
        : null;
    const [row] = await tx
      .insert(complaints)
      .values({
        id: crypto.randomUUID(),
        workspaceId: input.workspaceId,
        touchpointId,
        customer: input.customer,
        text: input.text,
        severity: input.severity,
        status: 'new',
        source: input.source,
        sourceRef: input.sourceRef,
        receivedAt: input.receivedAt,
      })
      .onConflictDoNothing({ target: [complaints.workspaceId, complaints.source, complaints.sourceRef] })
      .returning();
    if (row) {
      await recordAudit(tx, SYSTEM_ACTOR, input.workspaceId, {
        action: 'create',
        entityType: 'complaint',
        entityId: row.id,
        after: toComplaintDto(row),
      });
      return { id: row.id, created: true };
    }
    const [existing] = await tx
      .select({ id: complaints.id })
      .from(complaints)
      .where(
        and(
          eq(complaints.workspaceId, input.workspaceId),
          eq(complaints.source, input.source),
          eq(complaints.sourceRef, input.sourceRef),
        ),
      )
      .limit(1);
    if (!existing) throw new Error('complaint neither inserted nor found');
    return { id: existing.id, created: false };
  });
}

/** Of these source refs, those that already opened a complaint in the workspace. */
export async function openedSourceRefs(
  db: Db,
  workspaceId: string,
  source: ComplaintSource,
  refs: readonly string[],
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: complaints.sourceRef })
    .from(complaints)
    .where(
      and(
        eq(complaints.workspaceId, workspaceId),
        eq(complaints.source, source),
        inArray(complaints.sourceRef, [...refs]),
      ),
    );
  return new Set(rows.flatMap((r) => (r.ref === null ? [] : [r.ref])));
}

/** Changes a complaint (needs the version read); moves and timestamps follow domain/complaint-rules.ts. */
export async function updateComplaint(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: ComplaintPatch,
  now = new Date(),
): Promise<ComplaintDto> {
  return db.transaction(async (tx) => {
    const current = await getComplaint(tx, workspaceId, id);
    const { version, ...fields } = patch;
    if (fields.touchpointId !== undefined && fields.touchpointId !== current.touchpointId)
      await ensureTouchpoint(tx, workspaceId, fields.touchpointId);
    if (fields.ownerUserId !== undefined && fields.ownerUserId !== current.ownerUserId)
      await ensureOwner(tx, workspaceId, fields.ownerUserId);
    const status = fields.status ?? (current.status as ComplaintStatus);
    checkComplaintTransition(current.status as ComplaintStatus, status);
    const values: Partial<typeof complaints.$inferInsert> = { ...fields };
    Object.assign(
      values,
      complaintStamps(
        current,
        { status, resolutionNote: fields.resolutionNote ?? current.resolutionNote },
        now,
      ),
    );
    const before = toComplaintDto(current, now.getTime());
    const row = await updateVersioned(tx, complaints, 'complaint', workspaceId, id, version, values);
    const after = toComplaintDto(row, now.getTime());
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'complaint',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Fields a history entry reports as changed, in this order. */
const HISTORY_FIELDS = [
  'status',
  'severity',
  'ownerUserId',
  'touchpointId',
  'customer',
  'text',
  'resolutionNote',
  'firstResponseAt',
  'resolvedAt',
  'taskId',
] as const;

/** A complaint's history: its audit log entries, oldest first, with the fields each changed. */
export async function complaintHistory(db: Db, workspaceId: string, id: string, page: PageQuery) {
  await getComplaint(db, workspaceId, id);
  const where = and(
    eq(auditLog.workspaceId, workspaceId),
    eq(auditLog.entityType, 'complaint'),
    eq(auditLog.entityId, id),
  );
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorUserId: auditLog.actorUserId,
        actorTokenId: auditLog.actorTokenId,
        actorName: users.name,
        actorEmail: users.email,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(asc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map((r) => {
      const before = (r.before ?? {}) as Record<string, unknown>;
      const after = (r.after ?? {}) as Record<string, unknown>;
      return {
        id: r.id,
        at: r.at.toISOString(),
        action: r.action,
        actorUserId: r.actorUserId,
        actorName: r.actorUserId
          ? r.actorName || r.actorEmail || 'user'
          : r.actorTokenId
            ? 'API token'
            : 'system',
        changes: HISTORY_FIELDS.flatMap((field) => {
          const from = before[field] ?? null;
          const to = after[field] ?? null;
          if (r.before === null ? to === null || to === '' : from === to) return [];
          return [{ field, from: from as string | null, to: to as string | null }];
        }),
      };
    }),
    total: Number(totals[0]?.n ?? 0),
    limit: page.limit,
    offset: page.offset,
  };
}

export interface ComplaintTaskInput {
  title?: string | undefined;
  lever?: Lever | undefined;
  ownerUserId?: string | null | undefined;
  dueDate?: string | null | undefined;
}

/**
 * Makes an improvement task targeting the complaint's touchpoint (lever business_processes by
 * default) and links it to the complaint. The task quotes no personal data: it names the
 * complaint, not its text or customer. 400 when the complaint has no touchpoint, 409 when a task
 * is already linked.
 */
export async function makeComplaintTask(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: ComplaintTaskInput & { version: number },
): Promise<{ complaint: ComplaintDto; task: TaskDto }> {
  return db.transaction(async (tx) => {
    const current = await getComplaint(tx, workspaceId, id);
    if (!current.touchpointId)
      throw invalid('touchpointId', 'the complaint has no touchpoint: set one before making a task');
    if (current.taskId) {
      const [linked] = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, current.taskId));
      if (linked)
        throw new ConflictError(
          'the complaint already has a task',
          { taskId: current.taskId },
          'task_exists',
        );
    }
    const [touchpoint] = await tx
      .select({ name: touchpoints.name })
      .from(touchpoints)
      .where(eq(touchpoints.id, current.touchpointId));
    const task = await createTask(tx, actor, workspaceId, {
      title:
        input.title ??
        `Remove the cause of a ${current.severity} complaint at ${touchpoint?.name ?? 'the touchpoint'}`,
      description: `From complaint ${current.id}, received ${current.receivedAt.toISOString().slice(0, 10)}.`,
      lever: input.lever ?? 'business_processes',
      ownerUserId: input.ownerUserId ?? null,
      dueDate: input.dueDate ?? null,
      targets: { touchpointId: current.touchpointId },
    });
    const before = toComplaintDto(current);
    const row = await updateVersioned(tx, complaints, 'complaint', workspaceId, id, input.version, {
      taskId: task.id,
    });
    const after = toComplaintDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'task',
      entityType: 'complaint',
      entityId: id,
      before,
      after,
    });
    return { complaint: after, task };
  });
}

/** A customer's complaints in the workspace, oldest first (for the customer's export). */
export async function complaintsOfCustomer(db: Db, workspaceId: string, customer: string) {
  const rows = await db
    .select()
    .from(complaints)
    .where(and(eq(complaints.workspaceId, workspaceId), eq(complaints.customer, customer)))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id));
  return rows.map((r) => toComplaintDto(r));
}

/**
 * Deletes the complaints of these customer keys with their history (the audit entries hold the
 * customer key and text); answers how many complaints went. Call it in the erasure's transaction.
 */
export async function deleteComplaintsOfCustomers(
  db: Db,
  workspaceId: string,
  customers: readonly string[],
): Promise<number> {
  if (customers.length === 0) return 0;
  const deleted = await db
    .delete(complaints)
    .where(and(eq(complaints.workspaceId, workspaceId), inArray(complaints.customer, [...customers])))
    .returning({ id: complaints.id });
  const ids = deleted.map((d) => d.id);
  for (let i = 0; i < ids.length; i += 1000)
    await db
      .delete(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, workspaceId),
          eq(auditLog.entityType, 'complaint'),
          inArray(auditLog.entityId, ids.slice(i, i + 1000)),
        ),
      );
  return ids.length;
}

/** The complaint sweep job of a workspace in `scheduled_jobs`. */
export function complaintSweepJobName(workspaceId: string): string {
  return `complaint-sweep:${workspaceId}`;
}

/** Gives every workspace its complaint sweep job (due at once when new). */
export async function ensureComplaintSweepJobs(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO scheduled_jobs (name, workspace_id)
    SELECT 'complaint-sweep:' || id, id FROM workspaces
    ON CONFLICT (name) DO NOTHING`);
}

/** Every complaint sweep job's name, due or not (a run after ingestion runs them all). */
export async function complaintSweepJobNames(db: Db): Promise<string[]> {
  const rows = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(like(scheduledJobs.name, 'complaint-sweep:%'));
  return rows.map((r) => r.name);
}

/** A complaint as it stands, with its times: what the demo (or an import) writes at once. */
export interface ComplaintRecord {
  touchpointId: string | null;
  customer: string | null;
  text: string;
  severity: ComplaintSeverity;
  ownerUserId: string | null;
  status: ComplaintStatus;
  source: ComplaintSource;
  sourceRef: string | null;
  receivedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  resolutionNote: string;
}

/**
 * Writes complaints as they stand (the demo's history); a source ref already in the register is
 * skipped. Each is audited as created by `actor`. Answers how many were written.
 */
export async function insertComplaintRecords(
  db: Db,
  actor: Actor,
  workspaceId: string,
  records: readonly ComplaintRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(complaints)
      .values(records.map((r) => ({ ...r, id: crypto.randomUUID(), workspaceId })))
      .onConflictDoNothing({ target: [complaints.workspaceId, complaints.source, complaints.sourceRef] })
      .returning();
    for (const row of rows)
      await recordAudit(tx, actor, workspaceId, {
        action: 'create',
        entityType: 'complaint',
        entityId: row.id,
        after: toComplaintDto(row),
      });
    return rows.length;
  });
}
