/**
 * Audit checklists and their criteria (Law 3, control). A checklist is written with its criteria
 * as one ordered list; it is versioned and audited, and cannot be deleted while audits use it.
 * Templates (domain/audit-templates.ts) become checklists in a language, their criteria attached
 * to the workspace's matching touchpoints, else to the stage.
 */
import { and, asc, count, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { checkCriterionScale } from '../../domain/audit-scoring.js';
import {
  type AuditTemplate,
  findAuditTemplate,
  matchTemplateTouchpoint,
  templateLanguage,
} from '../../domain/audit-templates.js';
import { ConflictError, type FieldIssue, invalid, ValidationError } from '../../domain/errors.js';
import type { TemplateLanguage } from '../../domain/touchpoint-templates.js';
import { DEFAULT_STAGE_KEYS } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import {
  auditAnswers,
  auditChecklists,
  auditCriteria,
  audits,
  brands,
  channels,
  journeyItems,
  journeys,
  stages,
  touchpoints,
} from './schema.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';

export type ChecklistRow = typeof auditChecklists.$inferSelect;
export type CriterionRow = typeof auditCriteria.$inferSelect;

export function toCriterionDto(c: CriterionRow, touchpointName: string | null) {
  return {
    id: c.id,
    position: c.position,
    text: c.text,
    touchpointId: c.touchpointId,
    touchpointName: c.touchpointId ? touchpointName : null,
    stageKey: c.stageKey,
    scale: c.scale as 'yes_no' | 'score_1_5' | 'number',
    target: c.target,
    comparator: c.comparator as 'lte' | 'gte' | null,
    unit: c.unit,
    weight: c.weight,
  };
}
export type CriterionDto = ReturnType<typeof toCriterionDto>;

/** The criteria of checklists, in order, with their touchpoints' names. */
export async function criteriaOf(db: Db, checklistIds: string[]): Promise<Map<string, CriterionDto[]>> {
  const out = new Map<string, CriterionDto[]>(checklistIds.map((id) => [id, []]));
  if (checklistIds.length === 0) return out;
  const rows = await db
    .select({ c: auditCriteria, touchpointName: touchpoints.name })
    .from(auditCriteria)
    .leftJoin(touchpoints, eq(touchpoints.id, auditCriteria.touchpointId))
    .where(inArray(auditCriteria.checklistId, checklistIds))
    .orderBy(asc(auditCriteria.checklistId), asc(auditCriteria.position));
  for (const { c, touchpointName } of rows) out.get(c.checklistId)?.push(toCriterionDto(c, touchpointName));
  return out;
}

async function toDtos(db: Db, rows: ChecklistRow[]) {
  const ids = rows.map((r) => r.id);
  const criteria = await criteriaOf(db, ids);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({ id: audits.checklistId, n: count() })
          .from(audits)
          .where(inArray(audits.checklistId, ids))
          .groupBy(audits.checklistId);
  const countOf = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    journeyId: r.journeyId,
    templateKey: r.templateKey,
    criteria: criteria.get(r.id) ?? [],
    auditCount: countOf.get(r.id) ?? 0,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
export type ChecklistDto = Awaited<ReturnType<typeof toDtos>>[number];

export async function checklistDto(db: Db, row: ChecklistRow): Promise<ChecklistDto> {
  const [dto] = await toDtos(db, [row]);
  if (!dto) throw new Error('no checklist');
  return dto;
}

export interface ChecklistFilter extends PageQuery {
  journeyId?: string | undefined;
  q?: string | undefined;
}

export async function listChecklists(db: Db, workspaceId: string, f: ChecklistFilter) {
  const where = and(
    eq(auditChecklists.workspaceId, workspaceId),
    f.journeyId ? eq(auditChecklists.journeyId, f.journeyId) : undefined,
    f.q
      ? or(
          ilike(auditChecklists.name, likePattern(f.q)),
          ilike(auditChecklists.description, likePattern(f.q)),
        )
      : undefined,
  );
  const sortable = {
    name: auditChecklists.name,
    createdAt: auditChecklists.createdAt,
    updatedAt: auditChecklists.updatedAt,
  };
  const { rows, total } = await readPage(db, auditChecklists, where, sortable, 'name', f);
  return { items: await toDtos(db, rows), total, limit: f.limit, offset: f.offset };
}

export async function getChecklist(db: Db, workspaceId: string, id: string): Promise<ChecklistRow> {
  return findOne(db, auditChecklists, 'audit checklist', workspaceId, id);
}

export interface CriterionInput {
  id?: string | undefined;
  text: string;
  touchpointId?: string | null | undefined;
  stageKey?: string | null | undefined;
  scale: 'yes_no' | 'score_1_5' | 'number';
  target?: number | null | undefined;
  comparator?: 'lte' | 'gte' | null | undefined;
  unit?: string | undefined;
  weight?: number | undefined;
}

export interface ChecklistInput {
  name: string;
  description?: string | undefined;
  journeyId?: string | null | undefined;
  criteria: CriterionInput[];
}

export type ChecklistPatch = Partial<ChecklistInput> & { version: number };

/** The stage keys a criterion may name: the default stages and the stages of the workspace's journeys. */
async function stageKeysOf(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ key: stages.key })
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId));
  return new Set([...DEFAULT_STAGE_KEYS, ...rows.map((r) => r.key)]);
}

type CriterionValues = Omit<typeof auditCriteria.$inferInsert, 'id' | 'workspaceId' | 'checklistId'>;

/**
 * Checks a list of criteria (scales, touchpoints and stages of the workspace) and gives the rows'
 * values; a criterion on a touchpoint takes the touchpoint's stage when it names none. Throws 400
 * naming every field at fault (`criteria.<i>.<field>`).
 */
async function resolveCriteria(db: Db, workspaceId: string, input: CriterionInput[]) {
  const issues: FieldIssue[] = [];
  const tpIds = [...new Set(input.flatMap((c) => (c.touchpointId ? [c.touchpointId] : [])))];
  const tps =
    tpIds.length === 0
      ? []
      : await db
          .select({ id: touchpoints.id, stage: touchpoints.stage })
          .from(touchpoints)
          .where(and(eq(touchpoints.workspaceId, workspaceId), inArray(touchpoints.id, tpIds)));
  const stageOf = new Map(tps.map((t) => [t.id, t.stage]));
  const stageKeys = await stageKeysOf(db, workspaceId);
  const values: (CriterionValues & { keepId: string | undefined })[] = [];
  const seen = new Set<string>();
  input.forEach((c, i) => {
    const at = `criteria.${i}.`;
    const target = c.target ?? null;
    const comparator = c.comparator ?? null;
    try {
      checkCriterionScale({ scale: c.scale, target, comparator }, at);
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
    if (c.id !== undefined) {
      if (seen.has(c.id)) issues.push({ field: `${at}id`, message: 'names a criterion given twice' });
      seen.add(c.id);
    }
    let stageKey = c.stageKey ?? null;
    if (c.touchpointId) {
      if (!stageOf.has(c.touchpointId))
        issues.push({ field: `${at}touchpointId`, message: 'no such touchpoint in this workspace' });
      else stageKey ??= stageOf.get(c.touchpointId) ?? null;
    }
    if (c.stageKey && !stageKeys.has(c.stageKey))
      issues.push({
        field: `${at}stageKey`,
        message: 'is neither a default stage nor a stage of a journey of this workspace',
      });
    if (!c.touchpointId && !c.stageKey)
      issues.push({ field: `${at}touchpointId`, message: 'a criterion needs a touchpointId or a stageKey' });
    values.push({
      keepId: c.id,
      position: i,
      text: c.text,
      touchpointId: c.touchpointId ?? null,
      stageKey,
      scale: c.scale,
      target,
      comparator,
      unit: c.unit ?? '',
      weight: c.weight ?? 1,
    });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return values;
}

async function checkJourney(db: Db, workspaceId: string, journeyId: string | null | undefined) {
  if (journeyId && !(await existsInWorkspace(db, journeys, workspaceId, journeyId)))
    throw invalid('journeyId', 'no such journey in this workspace');
}

/** Writes the checklist's criteria as the given ordered list: kept ones updated, new ones added, the rest removed. */
async function writeCriteria(
  db: Db,
  workspaceId: string,
  checklistId: string,
  values: Awaited<ReturnType<typeof resolveCriteria>>,
): Promise<void> {
  const current = await db
    .select({ id: auditCriteria.id, scale: auditCriteria.scale })
    .from(auditCriteria)
    .where(eq(auditCriteria.checklistId, checklistId));
  const currentIds = new Set(current.map((c) => c.id));
  const issues: FieldIssue[] = [];
  values.forEach((v, i) => {
    if (v.keepId !== undefined && !currentIds.has(v.keepId))
      issues.push({ field: `criteria.${i}.id`, message: 'is not a criterion of this checklist' });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const kept = new Set(values.flatMap((v) => (v.keepId ? [v.keepId] : [])));
  const removed = [...currentIds].filter((id) => !kept.has(id));
  const answered = new Set(
    currentIds.size === 0
      ? []
      : (
          await db
            .selectDistinct({ id: auditAnswers.criterionId })
            .from(auditAnswers)
            .where(inArray(auditAnswers.criterionId, [...currentIds]))
        ).map((r) => r.id),
  );
  if (removed.length > 0) {
    const [submitted] = await db
      .select({ n: count() })
      .from(auditAnswers)
      .innerJoin(audits, eq(audits.id, auditAnswers.auditId))
      .where(and(inArray(auditAnswers.criterionId, removed), isNotNull(audits.submittedAt)));
    if (Number(submitted?.n ?? 0) > 0)
      throw new ConflictError(
        'a criterion left out of the list has answers in submitted audits; keep it (give its id) or delete those audits first',
        { field: 'criteria' },
        'in_use',
      );
    await db.delete(auditCriteria).where(inArray(auditCriteria.id, removed));
  }
  const scaleOf = new Map(current.map((c) => [c.id, c.scale]));
  values.forEach((v, i) => {
    if (v.keepId && answered.has(v.keepId) && scaleOf.get(v.keepId) !== v.scale)
      issues.push({
        field: `criteria.${i}.scale`,
        message: 'cannot change on a criterion that has answers; add a new criterion instead',
      });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  // Out of the way of the (checklist, position) unique index while the list is renumbered.
  await db
    .update(auditCriteria)
    .set({ position: sql`-${auditCriteria.position} - 1` })
    .where(eq(auditCriteria.checklistId, checklistId));
  for (const { keepId, ...v } of values) {
    if (keepId) await db.update(auditCriteria).set(v).where(eq(auditCriteria.id, keepId));
    else await db.insert(auditCriteria).values({ id: crypto.randomUUID(), workspaceId, checklistId, ...v });
  }
}

export async function createChecklist(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: ChecklistInput,
  templateKey: string | null = null,
): Promise<ChecklistDto> {
  return db.transaction(async (tx) => {
    await checkJourney(tx, workspaceId, input.journeyId);
    const values = await resolveCriteria(tx, workspaceId, input.criteria);
    const kept = values.findIndex((v) => v.keepId !== undefined);
    if (kept >= 0)
      throw invalid(`criteria.${kept}.id`, 'a new checklist has no criteria to keep; leave id out');
    const [row] = await tx
      .insert(auditChecklists)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        name: input.name,
        description: input.description ?? '',
        journeyId: input.journeyId ?? null,
        templateKey,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await writeCriteria(tx, workspaceId, row.id, values);
    const after = await checklistDto(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'audit_checklist',
      entityId: row.id,
      after,
    });
    return after;
  });
}

export async function updateChecklist(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: ChecklistPatch,
): Promise<ChecklistDto> {
  return db.transaction(async (tx) => {
    const current = await getChecklist(tx, workspaceId, id);
    const { version, criteria, ...fields } = patch;
    if (fields.journeyId !== undefined) await checkJourney(tx, workspaceId, fields.journeyId);
    const values = criteria ? await resolveCriteria(tx, workspaceId, criteria) : undefined;
    const before = await checklistDto(tx, current);
    // The version moves first, so a stale version is refused before the criteria change.
    const row = await updateVersioned(
      tx,
      auditChecklists,
      'audit checklist',
      workspaceId,
      id,
      version,
      fields,
    );
    if (values) await writeCriteria(tx, workspaceId, id, values);
    const after = await checklistDto(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'audit_checklist',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteChecklist(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await checklistDto(tx, await getChecklist(tx, workspaceId, id));
    if (before.auditCount > 0)
      throw new ConflictError(
        `audit checklist "${before.name}" is used by ${before.auditCount} audit${before.auditCount === 1 ? '' : 's'}; delete ${before.auditCount === 1 ? 'it' : 'them'} first`,
        { auditCount: before.auditCount },
        'in_use',
      );
    await tx
      .delete(auditChecklists)
      .where(and(eq(auditChecklists.id, id), eq(auditChecklists.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'audit_checklist',
      entityId: id,
      before,
    });
  });
}

/** A template as the API lists it, in one language. */
export function auditTemplateDto(t: AuditTemplate, language: TemplateLanguage) {
  return {
    key: t.key,
    name: t.name[language],
    description: t.description[language],
    business: t.business,
    criteria: t.criteria.map((c) => ({
      text: c.text[language],
      scale: c.scale,
      target: c.target,
      comparator: c.comparator,
      unit: c.unit,
      weight: c.weight,
      touchpointKey: c.touchpointKey,
      stageKey: c.stage,
      channel: c.channel,
    })),
  };
}

export interface FromTemplateInput {
  templateKey: string;
  name?: string | undefined;
  language?: string | undefined;
  journeyId?: string | null | undefined;
}

/**
 * Creates a checklist from a template in a language: each criterion attaches to the matching
 * touchpoint of the workspace (of the journey, when one is given), else to its stage.
 */
export async function createChecklistFromTemplate(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: FromTemplateInput,
): Promise<ChecklistDto> {
  const template = findAuditTemplate(input.templateKey);
  if (!template) throw invalid('templateKey', 'no such audit checklist template');
  const language = templateLanguage(input.language);
  await checkJourney(db, workspaceId, input.journeyId);
  const rows = await db
    .select({
      id: touchpoints.id,
      key: touchpoints.key,
      stage: touchpoints.stage,
      channelKey: channels.key,
      own: brands.isOwn,
    })
    .from(touchpoints)
    .leftJoin(channels, eq(channels.id, touchpoints.channelId))
    .leftJoin(brands, eq(brands.id, touchpoints.brandId))
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key));
  const candidates = rows.map((r) => ({ ...r, own: r.own ?? false }));
  let allowed: Set<string> | undefined;
  if (input.journeyId) {
    const items = await db
      .select({ id: journeyItems.touchpointId })
      .from(journeyItems)
      .where(and(eq(journeyItems.journeyId, input.journeyId), isNotNull(journeyItems.touchpointId)));
    allowed = new Set(items.flatMap((i) => (i.id ? [i.id] : [])));
  }
  const criteria = template.criteria.map((c) => {
    const tp = matchTemplateTouchpoint(c, candidates, allowed);
    return {
      text: c.text[language],
      touchpointId: tp?.id ?? null,
      stageKey: tp ? (tp.stage ?? c.stage) : c.stage,
      scale: c.scale,
      target: c.target,
      comparator: c.comparator,
      unit: c.unit,
      weight: c.weight,
    };
  });
  return createChecklist(
    db,
    actor,
    workspaceId,
    {
      name: input.name ?? template.name[language],
      description: template.description[language],
      journeyId: input.journeyId ?? null,
      criteria,
    },
    template.key,
  );
}
