/**
 * Audits (Law 3, control): one walk of a checklist for one brand — own or competitor — on a date,
 * by a member or an external mystery shopper (audit-links.ts). Answers are saved per criterion
 * (upsert, so a dropped connection loses nothing and a resend is harmless) until the audit is
 * submitted, once. Scores come from domain/audit-scoring.ts. Every change is versioned and audited.
 * Photo rows live here; their bytes in the photo directory (store/photos.ts).
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  type AuditStatus,
  answerPasses,
  answerScore,
  checkAnswerValue,
  weightedScore,
} from '../../domain/audit-scoring.js';
import {
  ConflictError,
  type FieldIssue,
  invalid,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import { type CriterionDto, criteriaOf } from './audit-checklists.js';
import type { Db } from './db.js';
import { type PageQuery, readPage } from './paging.js';
import {
  auditAnswers,
  auditChecklists,
  auditPhotos,
  audits,
  brands,
  mapImages,
  users,
  workspaces,
} from './schema.js';
import { existsInWorkspace, findOne, updateVersioned, versionConflict } from './versioned.js';
import { existingMemberIds } from './workspaces.js';

export type AuditRow = typeof audits.$inferSelect;
export type AnswerRow = typeof auditAnswers.$inferSelect;
export type PhotoRow = typeof auditPhotos.$inferSelect;

/** Where a photo's bytes are served to the caller (member routes or the shopper's link). */
export type PhotoUrl = (photo: PhotoRow) => string;

export const memberPhotoUrl: PhotoUrl = (p) =>
  `/api/workspaces/${p.workspaceId}/audits/${p.auditId}/photos/${p.id}`;

export function toPhotoDto(p: PhotoRow, url: PhotoUrl) {
  return {
    id: p.id,
    criterionId: p.criterionId,
    contentType: p.contentType as 'image/jpeg' | 'image/png',
    bytes: p.bytes,
    createdAt: p.createdAt.toISOString(),
    url: url(p),
  };
}

function toAnswerDto(a: AnswerRow, c: CriterionDto | undefined) {
  const scored = c ? { scale: c.scale, target: c.target, comparator: c.comparator } : null;
  return {
    criterionId: a.criterionId,
    value: a.value,
    note: a.note,
    answeredAt: a.answeredAt.toISOString(),
    score: scored ? answerScore(scored, a.value) : null,
    passed: scored ? answerPasses(scored, a.value) : null,
    touchpointId: c?.touchpointId ?? null,
    stageKey: c?.stageKey ?? null,
  };
}

/** The audits' summaries (score and counts from their answers), plus criteria and answers for details. */
async function load(db: Db, rows: AuditRow[]) {
  const checklistIds = [...new Set(rows.map((r) => r.checklistId))];
  const brandIds = [...new Set(rows.map((r) => r.brandId))];
  const auditIds = rows.map((r) => r.id);
  // One query after the other: inside a transaction they share one connection.
  const criteria = await criteriaOf(db, checklistIds);
  const checklistNames =
    checklistIds.length === 0
      ? []
      : await db
          .select({ id: auditChecklists.id, name: auditChecklists.name })
          .from(auditChecklists)
          .where(inArray(auditChecklists.id, checklistIds));
  const brandRows =
    brandIds.length === 0
      ? []
      : await db
          .select({ id: brands.id, name: brands.name, isOwn: brands.isOwn })
          .from(brands)
          .where(inArray(brands.id, brandIds));
  const answerRows =
    auditIds.length === 0
      ? []
      : await db.select().from(auditAnswers).where(inArray(auditAnswers.auditId, auditIds));
  const nameOf = new Map(checklistNames.map((c) => [c.id, c.name]));
  const brandOf = new Map(brandRows.map((b) => [b.id, b]));
  const answersOf = new Map<string, AnswerRow[]>(auditIds.map((id) => [id, []]));
  for (const a of answerRows) answersOf.get(a.auditId)?.push(a);
  return rows.map((r) => {
    const list = criteria.get(r.checklistId) ?? [];
    const byId = new Map(list.map((c) => [c.id, c]));
    const answers = (answersOf.get(r.id) ?? [])
      .map((a) => toAnswerDto(a, byId.get(a.criterionId)))
      .sort((a, b) => (byId.get(a.criterionId)?.position ?? 0) - (byId.get(b.criterionId)?.position ?? 0));
    const brand = brandOf.get(r.brandId);
    const summary = {
      id: r.id,
      checklistId: r.checklistId,
      checklistName: nameOf.get(r.checklistId) ?? '',
      brandId: r.brandId,
      brandName: brand?.name ?? '',
      brandIsOwn: brand?.isOwn ?? false,
      auditDate: r.auditDate,
      auditorUserId: r.auditorUserId,
      auditorName: r.auditorName,
      status: r.status as AuditStatus,
      notes: r.notes,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
      score: weightedScore(
        answers.map((a) => ({ score: a.score, weight: byId.get(a.criterionId)?.weight ?? 0 })),
      ),
      criteriaCount: list.length,
      answeredCount: answers.length,
      passedCount: answers.filter((a) => a.passed === true).length,
      failedCount: answers.filter((a) => a.passed === false).length,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
    return { summary, criteria: list, answers };
  });
}

export type AuditDto = Awaited<ReturnType<typeof load>>[number]['summary'];

export async function auditDto(db: Db, row: AuditRow): Promise<AuditDto> {
  const [one] = await load(db, [row]);
  if (!one) throw new Error('no audit');
  return one.summary;
}

/** One audit with its checklist's criteria, its answers and its photos' metadata. */
export async function auditDetail(db: Db, row: AuditRow, url: PhotoUrl = memberPhotoUrl) {
  const [one] = await load(db, [row]);
  if (!one) throw new Error('no audit');
  const photos = await db
    .select()
    .from(auditPhotos)
    .where(eq(auditPhotos.auditId, row.id))
    .orderBy(asc(auditPhotos.createdAt), asc(auditPhotos.id));
  return {
    ...one.summary,
    criteria: one.criteria,
    answers: one.answers,
    photos: photos.map((p) => toPhotoDto(p, url)),
  };
}
export type AuditDetailDto = Awaited<ReturnType<typeof auditDetail>>;

export interface AuditFilter extends PageQuery {
  brandId?: string | undefined;
  checklistId?: string | undefined;
  status?: AuditStatus | AuditStatus[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function listAudits(db: Db, workspaceId: string, f: AuditFilter) {
  const statuses = f.status === undefined ? [] : Array.isArray(f.status) ? f.status : [f.status];
  const where = and(
    eq(audits.workspaceId, workspaceId),
    f.brandId ? eq(audits.brandId, f.brandId) : undefined,
    f.checklistId ? eq(audits.checklistId, f.checklistId) : undefined,
    statuses.length > 0 ? inArray(audits.status, statuses) : undefined,
    f.from ? gte(audits.auditDate, f.from) : undefined,
    f.to ? lte(audits.auditDate, f.to) : undefined,
  );
  const sortable = { auditDate: audits.auditDate, createdAt: audits.createdAt, status: audits.status };
  const { rows, total } = await readPage(db, audits, where, sortable, '-auditDate', f);
  const loaded = await load(db, rows);
  return { items: loaded.map((l) => l.summary), total, limit: f.limit, offset: f.offset };
}

export async function getAudit(db: Db, workspaceId: string, id: string): Promise<AuditRow> {
  return findOne(db, audits, 'audit', workspaceId, id);
}

export interface AuditInput {
  checklistId: string;
  brandId: string;
  auditDate: string;
  auditorUserId?: string | null | undefined;
  auditorName?: string | undefined;
  notes?: string | undefined;
}

export type AuditPatch = Partial<AuditInput> & { version: number };

async function checkRefs(
  db: Db,
  workspaceId: string,
  refs: {
    checklistId?: string | undefined;
    brandId?: string | undefined;
    auditorUserId?: string | null | undefined;
  },
) {
  const issues: FieldIssue[] = [];
  if (refs.checklistId && !(await existsInWorkspace(db, auditChecklists, workspaceId, refs.checklistId)))
    issues.push({ field: 'checklistId', message: 'no such audit checklist in this workspace' });
  if (refs.brandId && !(await existsInWorkspace(db, brands, workspaceId, refs.brandId)))
    issues.push({ field: 'brandId', message: 'no such brand in this workspace' });
  if (
    refs.auditorUserId &&
    !(await existingMemberIds(db, workspaceId, [refs.auditorUserId])).has(refs.auditorUserId)
  )
    issues.push({ field: 'auditorUserId', message: 'the auditor must be a member of this workspace' });
  if (issues.length > 0) throw new ValidationError(issues);
}

async function userName(db: Db, userId: string): Promise<string> {
  const [u] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return u ? u.name || u.email : '';
}

/** Plans an audit. */
export async function createAudit(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: AuditInput,
): Promise<AuditDetailDto> {
  return db.transaction(async (tx) => {
    await checkRefs(tx, workspaceId, input);
    const auditorUserId = input.auditorUserId ?? null;
    const auditorName = input.auditorName?.trim() || (auditorUserId ? await userName(tx, auditorUserId) : '');
    const [row] = await tx
      .insert(audits)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        checklistId: input.checklistId,
        brandId: input.brandId,
        auditDate: input.auditDate,
        auditorUserId,
        auditorName,
        notes: input.notes ?? '',
        status: 'planned',
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const after = await auditDetail(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'audit',
      entityId: row.id,
      after,
    });
    return after;
  });
}

function submittedConflict(row: AuditRow): ConflictError {
  return new ConflictError(
    `the audit was submitted on ${row.submittedAt?.toISOString() ?? ''}; a submitted audit no longer changes`,
    { field: 'status', status: row.status },
    'already_submitted',
  );
}

/** Changes an audit (needs the version read). A submitted audit takes only notes; the checklist changes only without answers. */
export async function updateAudit(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: AuditPatch,
): Promise<AuditDetailDto> {
  return db.transaction(async (tx) => {
    const current = await getAudit(tx, workspaceId, id);
    const { version, ...fields } = patch;
    if (current.version !== version) throw versionConflict('audit', current);
    if (current.status === 'submitted' && Object.keys(fields).some((k) => k !== 'notes'))
      throw submittedConflict(current);
    await checkRefs(tx, workspaceId, fields);
    if (fields.checklistId && fields.checklistId !== current.checklistId) {
      const [answered] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(auditAnswers)
        .where(eq(auditAnswers.auditId, id));
      if (Number(answered?.n ?? 0) > 0)
        throw new ConflictError(
          'the audit has answers on its checklist; the checklist can change only before the first answer',
          { field: 'checklistId' },
          'in_use',
        );
    }
    const values: Partial<typeof audits.$inferInsert> = { ...fields };
    if (fields.auditorName !== undefined) values.auditorName = fields.auditorName.trim();
    else if (fields.auditorUserId && fields.auditorUserId !== current.auditorUserId)
      values.auditorName = await userName(tx, fields.auditorUserId);
    const before = await auditDetail(tx, current);
    const row = await updateVersioned(tx, audits, 'audit', workspaceId, id, version, values);
    const after = await auditDetail(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'audit',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deletes an audit with its answers, photo rows and links; returns the photos' ids so that their
 * bytes can be removed (store/photos.ts) once the deletion is committed.
 */
export async function deleteAudit(db: Db, actor: Actor, workspaceId: string, id: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const before = await auditDetail(tx, await getAudit(tx, workspaceId, id));
    await tx.delete(audits).where(and(eq(audits.id, id), eq(audits.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'audit',
      entityId: id,
      before,
    });
    return before.photos.map((p) => p.id);
  });
}

export interface AnswerInput {
  criterionId: string;
  value: number | null;
  note?: string | undefined;
}

/** The audit's checklist criteria by id, for checking answers. */
async function criteriaById(db: Db, checklistId: string): Promise<Map<string, CriterionDto>> {
  const list = (await criteriaOf(db, [checklistId])).get(checklistId) ?? [];
  return new Map(list.map((c) => [c.id, c]));
}

/**
 * Saves answers, one per criterion (an answer given again replaces the earlier one; the others
 * stay). Only while the audit is not submitted; the first answer moves a planned audit to
 * in_progress. Values are checked on the criterion's scale (400 naming `answers.<i>.value`).
 */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  answers: AnswerInput[],
  url: PhotoUrl = memberPhotoUrl,
): Promise<AuditDetailDto> {
  return db.transaction(async (tx) => {
    // Row lock: a submit running at the same time waits, then sees these answers.
    const [current] = await tx
      .select()
      .from(audits)
      .where(and(eq(audits.id, auditId), eq(audits.workspaceId, workspaceId)))
      .for('update');
    if (!current) throw new NotFoundError('audit', auditId);
    if (current.status === 'submitted') throw submittedConflict(current);
    const criteria = await criteriaById(tx, current.checklistId);
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      const c = criteria.get(a.criterionId);
      if (!c)
        issues.push({
          field: `answers.${i}.criterionId`,
          message: 'is not a criterion of this audit’s checklist',
        });
      else {
        if (seen.has(a.criterionId))
          issues.push({ field: `answers.${i}.criterionId`, message: 'is answered twice in this request' });
        try {
          checkAnswerValue(c, a.value, `answers.${i}.value`);
        } catch (error) {
          if (error instanceof ValidationError) issues.push(...error.issues);
          else throw error;
        }
      }
      seen.add(a.criterionId);
    });
    if (issues.length > 0) throw new ValidationError(issues);
    const now = new Date();
    for (const a of answers) {
      await tx
        .insert(auditAnswers)
        .values({
          id: crypto.randomUUID(),
          workspaceId,
          auditId,
          criterionId: a.criterionId,
          value: a.value,
          note: a.note ?? '',
          answeredAt: now,
        })
        .onConflictDoUpdate({
          target: [auditAnswers.auditId, auditAnswers.criterionId],
          set: { value: a.value, note: a.note ?? '', answeredAt: now },
        });
    }
    const values: Partial<typeof audits.$inferInsert> = {};
    if (current.status === 'planned') values.status = 'in_progress';
    const row = await updateVersioned(tx, audits, 'audit', workspaceId, auditId, current.version, values);
    const after = await auditDetail(tx, row, url);
    await recordAudit(tx, actor, workspaceId, {
      action: 'answer',
      entityType: 'audit',
      entityId: auditId,
      after: {
        answers: answers.map((a) => ({ criterionId: a.criterionId, value: a.value, note: a.note ?? '' })),
      },
    });
    return after;
  });
}

export interface SubmitInput {
  version?: number | undefined;
  auditorName?: string | undefined;
}

/**
 * Submits an audit, once (409 when already submitted). Every criterion needs an answer (null
 * skips it), and every answer is checked again on its criterion's scale. `viaLink` marks the
 * shopper link used (audit-links.ts).
 */
export async function submitAudit(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  input: SubmitInput,
  url: PhotoUrl = memberPhotoUrl,
  onSubmitted?: (tx: Db) => Promise<void>,
): Promise<AuditDetailDto> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(audits)
      .where(and(eq(audits.id, auditId), eq(audits.workspaceId, workspaceId)))
      .for('update');
    if (!current) throw new NotFoundError('audit', auditId);
    if (current.status === 'submitted') throw submittedConflict(current);
    if (input.version !== undefined && input.version !== current.version)
      throw versionConflict('audit', current);
    const criteria = await criteriaById(tx, current.checklistId);
    const answers = await tx.select().from(auditAnswers).where(eq(auditAnswers.auditId, auditId));
    const answered = new Set(answers.map((a) => a.criterionId));
    const missing = [...criteria.values()].filter((c) => !answered.has(c.id));
    if (missing.length > 0)
      throw invalid(
        'answers',
        `${missing.length} criteri${missing.length === 1 ? 'on has' : 'a have'} no answer (send value null to skip one): ${missing
          .slice(0, 5)
          .map((c) => `"${c.text}"`)
          .join(', ')}${missing.length > 5 ? ', …' : ''}`,
      );
    const issues: FieldIssue[] = [];
    for (const a of answers) {
      const c = criteria.get(a.criterionId);
      if (!c) continue;
      try {
        checkAnswerValue(c, a.value, `answers.${c.position}.value`);
      } catch (error) {
        if (error instanceof ValidationError) issues.push(...error.issues);
        else throw error;
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);
    let auditorName = input.auditorName?.trim() || current.auditorName;
    if (!auditorName && actor.userId) auditorName = await userName(tx, actor.userId);
    const before = await auditDetail(tx, current, url);
    const row = await updateVersioned(tx, audits, 'audit', workspaceId, auditId, current.version, {
      status: 'submitted',
      submittedAt: new Date(),
      auditorName,
    });
    await onSubmitted?.(tx);
    const after = await auditDetail(tx, row, url);
    await recordAudit(tx, actor, workspaceId, {
      action: 'submit',
      entityType: 'audit',
      entityId: auditId,
      before: { status: before.status },
      after,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------
// Photo rows (the bytes: store/photos.ts)

export interface PhotoRowInput {
  id: string;
  criterionId: string | null;
  contentType: 'image/jpeg' | 'image/png';
  bytes: number;
  sha256: string;
}

/**
 * Checks that photos may be added to the audit (it exists in the workspace, is not submitted, the
 * criterion is one of its checklist's) before the bytes are written.
 */
export async function checkPhotoTarget(
  db: Db,
  workspaceId: string,
  auditId: string,
  criterionId: string | null,
): Promise<AuditRow> {
  const row = await getAudit(db, workspaceId, auditId);
  if (row.status === 'submitted') throw submittedConflict(row);
  if (criterionId && !(await criteriaById(db, row.checklistId)).has(criterionId))
    throw invalid('querystring.criterionId', 'is not a criterion of this audit’s checklist');
  return row;
}

export async function insertPhotoRow(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  input: PhotoRowInput,
): Promise<PhotoRow> {
  return db.transaction(async (tx) => {
    await checkPhotoTarget(tx, workspaceId, auditId, input.criterionId);
    const [row] = await tx
      .insert(auditPhotos)
      .values({ workspaceId, auditId, ...input })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'add_photo',
      entityType: 'audit',
      entityId: auditId,
      after: {
        photoId: row.id,
        criterionId: row.criterionId,
        contentType: row.contentType,
        bytes: row.bytes,
      },
    });
    return row;
  });
}

export async function getPhotoRow(
  db: Db,
  workspaceId: string,
  auditId: string,
  photoId: string,
): Promise<PhotoRow> {
  const [row] = await db
    .select()
    .from(auditPhotos)
    .where(
      and(
        eq(auditPhotos.id, photoId),
        eq(auditPhotos.auditId, auditId),
        eq(auditPhotos.workspaceId, workspaceId),
      ),
    )
    .limit(1);
  if (!row) throw new NotFoundError('photo', photoId);
  return row;
}

/** Deletes a photo row (not of a submitted audit); the caller removes the bytes after. */
export async function deletePhotoRow(
  db: Db,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  photoId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const audit = await getAudit(tx, workspaceId, auditId);
    if (audit.status === 'submitted') throw submittedConflict(audit);
    const photo = await getPhotoRow(tx, workspaceId, auditId, photoId);
    await tx.delete(auditPhotos).where(eq(auditPhotos.id, photo.id));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete_photo',
      entityType: 'audit',
      entityId: auditId,
      before: { photoId, criterionId: photo.criterionId, bytes: photo.bytes },
    });
  });
}

/**
 * Of the given workspace ids, those that still exist; of a workspace's photo files (by id), those
 * its catalog still names — for removing the files a crash left behind (store/photos.ts).
 */
export async function photoOwners(db: Db, workspaceIds: string[]) {
  const live =
    workspaceIds.length === 0
      ? []
      : await db.select({ id: workspaces.id }).from(workspaces).where(inArray(workspaces.id, workspaceIds));
  return {
    workspaces: new Set(live.map((w) => w.id)),
    async photoIds(workspaceId: string): Promise<Set<string>> {
      const rows = await db
        .select({ id: auditPhotos.id })
        .from(auditPhotos)
        .where(eq(auditPhotos.workspaceId, workspaceId));
      // Pictures of journey maps and personas share the directory (map-images.ts).
      const images = await db
        .select({ id: mapImages.id })
        .from(mapImages)
        .where(eq(mapImages.workspaceId, workspaceId));
      return new Set([...rows, ...images].map((r) => r.id));
    },
  };
}
