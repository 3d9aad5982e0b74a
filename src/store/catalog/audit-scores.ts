/**
 * Roll-ups of audit scores (Law 3, control), counted by grouped queries inside the catalog.
 *
 * Only **submitted** audits count. An answer scores as domain/audit-scoring.ts says (`answerScore`;
 * the same definition is written once in SQL below, `ANSWER_SCORE`, and test/api/audit-scores.test.ts
 * checks both agree): yes/no 1 or 0, 1–5 as (v − 1) / 4, a number 1 when it meets its target.
 * A skipped answer (null) counts nowhere. At every level, per brand (own or competitor):
 * - `score`: the weighted mean of the answers' scores (weights: the criteria's), 0…1;
 * - `passRate`: the share of those answers that pass (score ≥ PASS_SCORE), unweighted;
 * - `audits` and `answers`: how many submitted audits and scored answers are behind the figure.
 *
 * Levels: `criterion`; `touchpoint` (the criterion's touchpoint; criteria on a stage are left
 * out); `stage` (the criterion's stage key, else its touchpoint's stage, else that touchpoint's
 * parent's; answers with none are left out); `journey` (the checklist's journey; free checklists
 * are left out); `brand` (everything).
 * Filters: brand, checklist, journey (the checklist's), and a period on the audit date: an audit
 * on day D (00:00 UTC) counts when from ≤ D < to.
 */
import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import { PASS_SCORE } from '../../domain/audit-scoring.js';
import { invalid } from '../../domain/errors.js';
import { DEFAULT_STAGES, stageName } from '../../domain/vocabulary.js';
import type { Db } from './db.js';
import {
  auditAnswers,
  auditChecklists,
  auditCriteria,
  audits,
  brands,
  journeys,
  stages,
  touchpoints,
} from './schema.js';
import { existsInWorkspace } from './versioned.js';

export const AUDIT_SCORE_LEVELS = ['criterion', 'touchpoint', 'stage', 'journey', 'brand'] as const;
export type AuditScoreLevel = (typeof AUDIT_SCORE_LEVELS)[number];

/** Which submitted audits a roll-up counts; every field is optional. */
export interface AuditScoreFilters {
  brandId?: string | undefined;
  checklistId?: string | undefined;
  journeyId?: string | undefined;
  /** Epoch ms, inclusive: audits dated on or after this day's start. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
}

/** A score with the number of audits and answers behind it. */
export interface ScoreFigure {
  /** Weighted mean answer score, 0…1. */
  score: number;
  /** Share of the answers that pass (score ≥ PASS_SCORE). */
  passRate: number;
  audits: number;
  answers: number;
}

/** One row of a roll-up: a brand × the level's object; fields of other levels are null. */
export interface AuditScoreRow extends ScoreFigure {
  brandId: string;
  brandName: string;
  isOwn: boolean;
  criterionId: string | null;
  criterionText: string | null;
  checklistId: string | null;
  touchpointId: string | null;
  touchpointName: string | null;
  stageKey: string | null;
  stageName: string | null;
  journeyId: string | null;
  journeyName: string | null;
}

export interface AuditScores {
  level: AuditScoreLevel;
  rows: AuditScoreRow[];
}

/** The answer's score in 0…1 (null when skipped): domain/audit-scoring.ts `answerScore` in SQL. */
const ANSWER_SCORE = sql`(case
  when ${auditAnswers.value} is null then null
  when ${auditCriteria.scale} = 'yes_no' then case when ${auditAnswers.value} >= 1 then 1.0 else 0.0 end
  when ${auditCriteria.scale} = 'score_1_5'
    then least(1.0, greatest(0.0, (${auditAnswers.value} - 1) / 4.0))
  when ${auditCriteria.scale} = 'number' and ${auditCriteria.target} is not null
    and ${auditCriteria.comparator} = 'lte'
    then case when ${auditAnswers.value} <= ${auditCriteria.target} then 1.0 else 0.0 end
  when ${auditCriteria.scale} = 'number' and ${auditCriteria.target} is not null
    and ${auditCriteria.comparator} = 'gte'
    then case when ${auditAnswers.value} >= ${auditCriteria.target} then 1.0 else 0.0 end
end)`;

/** An answer that counts in a figure: scored, on a criterion of positive weight. */
const COUNTS = sql`(${ANSWER_SCORE} is not null and ${auditCriteria.weight} > 0)`;

const figureColumns = {
  score: sql<number>`(sum(${ANSWER_SCORE} * ${auditCriteria.weight}) filter (where ${COUNTS})
    / sum(${auditCriteria.weight}) filter (where ${COUNTS}))::float8`.mapWith(Number),
  passRate: sql<number>`((count(*) filter (where ${COUNTS} and ${ANSWER_SCORE} >= ${PASS_SCORE}))::float8
    / count(*) filter (where ${COUNTS}))::float8`.mapWith(Number),
  audits: sql<number>`(count(distinct ${auditAnswers.auditId}) filter (where ${COUNTS}))::int`.mapWith(
    Number,
  ),
  answers: sql<number>`(count(*) filter (where ${COUNTS}))::int`.mapWith(Number),
};

const parentTouchpoints = alias(touchpoints, 'parent_touchpoints');

/** The stage an answer counts under: the criterion's, else its touchpoint's, else the parent's. */
const STAGE_KEY = sql<
  string | null
>`coalesce(${auditCriteria.stageKey}, ${touchpoints.stage}, ${parentTouchpoints.stage})`;

const DAY_MS = 86_400_000;
/** The latest instant a JavaScript date holds (+275760-09-13). */
export const MAX_INSTANT_MS = 8_640_000_000_000_000;
/** 9999-12-31 00:00 UTC: audit dates have four-digit years, so a bound past it cuts nothing. */
const LAST_DAY_MS = Date.UTC(9999, 11, 31);

/** The first day (YYYY-MM-DD) whose 00:00 UTC is at or after `ms` (ms ≤ LAST_DAY_MS). */
function firstDayFrom(ms: number): string {
  return new Date(Math.ceil(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** Throws 400 naming the filter when an id is not an object of the workspace. */
async function checkFilters(db: Db, workspaceId: string, filters: AuditScoreFilters): Promise<void> {
  const checks = [
    ['brandId', brands, filters.brandId],
    ['checklistId', auditChecklists, filters.checklistId],
    ['journeyId', journeys, filters.journeyId],
  ] as const;
  for (const [field, table, id] of checks) {
    if (id !== undefined && !(await existsInWorkspace(db, table, workspaceId, id)))
      throw invalid(field, `the workspace has no such ${field.slice(0, -2)}`);
  }
  for (const field of ['from', 'to'] as const) {
    const at = filters[field];
    if (at !== undefined && !(Number.isFinite(at) && at >= 0 && at <= MAX_INSTANT_MS))
      throw invalid(field, 'must be between 1970-01-01 and +275760-09-13');
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to)
    throw invalid('to', 'must be after from');
}

/** WHERE conditions on `audits` (and the checklist) for the filters. */
function auditConditions(workspaceId: string, filters: AuditScoreFilters): SQL[] {
  const conditions: SQL[] = [eq(audits.workspaceId, workspaceId), eq(audits.status, 'submitted')];
  if (filters.brandId !== undefined) conditions.push(eq(audits.brandId, filters.brandId));
  if (filters.checklistId !== undefined) conditions.push(eq(audits.checklistId, filters.checklistId));
  if (filters.journeyId !== undefined) conditions.push(eq(auditChecklists.journeyId, filters.journeyId));
  if (filters.from !== undefined)
    conditions.push(
      filters.from > LAST_DAY_MS ? sql`false` : gte(audits.auditDate, firstDayFrom(filters.from)),
    );
  if (filters.to !== undefined && filters.to <= LAST_DAY_MS)
    conditions.push(lt(audits.auditDate, firstDayFrom(filters.to)));
  return conditions;
}

/** Stage key → name: the journey's own names when one is given, else the default stages'. */
async function stageNames(db: Db, workspaceId: string, journeyId: string | undefined) {
  const names = new Map<string, string>(DEFAULT_STAGES.map((s) => [s.key, s.name]));
  const order = new Map<string, number>(DEFAULT_STAGES.map((s, i) => [s.key, i]));
  if (journeyId !== undefined) {
    const rows = await db
      .select({ key: stages.key, name: stages.name, position: stages.position })
      .from(stages)
      .where(and(eq(stages.workspaceId, workspaceId), eq(stages.journeyId, journeyId)));
    order.clear();
    for (const row of rows) {
      names.set(row.key, stageName(row.key, row.name));
      order.set(row.key, row.position);
    }
  }
  return { names, order };
}

const EMPTY_KEYS = {
  criterionId: null,
  criterionText: null,
  checklistId: null,
  touchpointId: null,
  touchpointName: null,
  stageKey: null,
  stageName: null,
  journeyId: null,
  journeyName: null,
} as const;

/**
 * Weighted roll-up of submitted audits at one level, per brand (see the module header).
 * Rows come own brand first, then by brand name, then in the level's order.
 * Throws 400 naming the filter when it names no object of the workspace.
 */
export async function auditScores(
  db: Db,
  workspaceId: string,
  level: AuditScoreLevel,
  filters: AuditScoreFilters = {},
): Promise<AuditScores> {
  await checkFilters(db, workspaceId, filters);
  const where = auditConditions(workspaceId, filters);
  const brandColumns = { brandId: brands.id, brandName: brands.name, isOwn: brands.isOwn };
  const base = <T extends SelectedFields>(keys: T) =>
    db
      .select({ ...brandColumns, ...keys, ...figureColumns })
      .from(auditAnswers)
      .innerJoin(audits, eq(audits.id, auditAnswers.auditId))
      .innerJoin(auditChecklists, eq(auditChecklists.id, audits.checklistId))
      .innerJoin(auditCriteria, eq(auditCriteria.id, auditAnswers.criterionId))
      .innerJoin(brands, eq(brands.id, audits.brandId))
      .leftJoin(touchpoints, eq(touchpoints.id, auditCriteria.touchpointId))
      .leftJoin(parentTouchpoints, eq(parentTouchpoints.id, touchpoints.parentId))
      .leftJoin(journeys, eq(journeys.id, auditChecklists.journeyId));
  const having = sql`count(*) filter (where ${COUNTS}) > 0`;
  const brandOrder = [sql`${brands.isOwn} desc`, brands.name, brands.id];

  let rows: AuditScoreRow[];
  switch (level) {
    case 'criterion': {
      const found = await base({
        criterionId: auditCriteria.id,
        criterionText: auditCriteria.text,
        checklistId: auditCriteria.checklistId,
        touchpointId: auditCriteria.touchpointId,
        touchpointName: touchpoints.name,
        stageKey: STAGE_KEY,
      })
        .where(and(...where))
        .groupBy(brands.id, auditCriteria.id, auditChecklists.id, touchpoints.id, parentTouchpoints.id)
        .having(having)
        .orderBy(...brandOrder, auditChecklists.name, auditChecklists.id, auditCriteria.position);
      const { names } = await stageNames(db, workspaceId, filters.journeyId);
      rows = found.map((r) => ({
        ...EMPTY_KEYS,
        ...r,
        stageName: r.stageKey === null ? null : (names.get(r.stageKey) ?? r.stageKey),
      }));
      break;
    }
    case 'touchpoint': {
      const found = await base({ touchpointId: touchpoints.id, touchpointName: touchpoints.name })
        .where(and(...where, sql`${auditCriteria.touchpointId} is not null`))
        .groupBy(brands.id, touchpoints.id)
        .having(having)
        .orderBy(...brandOrder, touchpoints.name, touchpoints.id);
      rows = found.map((r) => ({ ...EMPTY_KEYS, ...r, touchpointId: r.touchpointId ?? '' }));
      break;
    }
    case 'stage': {
      const found = await base({ stageKey: STAGE_KEY })
        .where(and(...where, sql`${STAGE_KEY} is not null`))
        .groupBy(brands.id, STAGE_KEY)
        .having(having);
      const { names, order } = await stageNames(db, workspaceId, filters.journeyId);
      const rank = (key: string | null) => (key === null ? 1e9 : (order.get(key) ?? 1e6));
      rows = found
        .map((r) => ({
          ...EMPTY_KEYS,
          ...r,
          stageName: r.stageKey === null ? null : (names.get(r.stageKey) ?? r.stageKey),
        }))
        .sort(
          (a, b) =>
            Number(b.isOwn) - Number(a.isOwn) ||
            a.brandName.localeCompare(b.brandName) ||
            a.brandId.localeCompare(b.brandId) ||
            rank(a.stageKey) - rank(b.stageKey) ||
            (a.stageKey ?? '').localeCompare(b.stageKey ?? ''),
        );
      break;
    }
    case 'journey': {
      const found = await base({ journeyId: journeys.id, journeyName: journeys.name })
        .where(and(...where, sql`${auditChecklists.journeyId} is not null`))
        .groupBy(brands.id, journeys.id)
        .having(having)
        .orderBy(...brandOrder, journeys.name, journeys.id);
      rows = found.map((r) => ({ ...EMPTY_KEYS, ...r }));
      break;
    }
    case 'brand': {
      const found = await base({})
        .where(and(...where))
        .groupBy(brands.id)
        .having(having)
        .orderBy(...brandOrder);
      rows = found.map((r) => ({ ...EMPTY_KEYS, ...r }));
      break;
    }
  }
  return { level, rows };
}

/** A criterion that failed in a brand's latest audit. */
export interface FailedCriterion {
  criterionId: string;
  criterionText: string;
  touchpointId: string | null;
  touchpointName: string | null;
  stageKey: string | null;
  value: number;
  score: number;
  weight: number;
  note: string;
}

/** A brand's latest submitted audit (in the filters) and the criteria it failed. */
export interface LatestAuditFailures {
  brandId: string;
  brandName: string;
  isOwn: boolean;
  auditId: string;
  auditDate: string;
  checklistId: string;
  checklistName: string;
  /** The audit's own weighted score; null when every answer was skipped. */
  score: number | null;
  answers: number;
  failed: FailedCriterion[];
}

/**
 * For each brand, its latest submitted audit within the filters (by audit date, then submission
 * time) and the criteria scored below PASS_SCORE there, in checklist order. Own brand first.
 */
export async function latestAuditFailures(
  db: Db,
  workspaceId: string,
  filters: AuditScoreFilters = {},
): Promise<LatestAuditFailures[]> {
  await checkFilters(db, workspaceId, filters);
  const latest = await db
    .selectDistinctOn([audits.brandId], {
      auditId: audits.id,
      auditDate: audits.auditDate,
      checklistId: audits.checklistId,
      checklistName: auditChecklists.name,
      brandId: brands.id,
      brandName: brands.name,
      isOwn: brands.isOwn,
    })
    .from(audits)
    .innerJoin(auditChecklists, eq(auditChecklists.id, audits.checklistId))
    .innerJoin(brands, eq(brands.id, audits.brandId))
    .where(and(...auditConditions(workspaceId, filters)))
    .orderBy(audits.brandId, sql`${audits.auditDate} desc`, sql`${audits.submittedAt} desc nulls last`);
  if (latest.length === 0) return [];

  const answers = await db
    .select({
      auditId: auditAnswers.auditId,
      criterionId: auditCriteria.id,
      criterionText: auditCriteria.text,
      touchpointId: auditCriteria.touchpointId,
      touchpointName: touchpoints.name,
      stageKey: STAGE_KEY,
      value: auditAnswers.value,
      score: sql<number | null>`(${ANSWER_SCORE})::float8`.mapWith(Number),
      weight: auditCriteria.weight,
      note: auditAnswers.note,
    })
    .from(auditAnswers)
    .innerJoin(auditCriteria, eq(auditCriteria.id, auditAnswers.criterionId))
    .leftJoin(touchpoints, eq(touchpoints.id, auditCriteria.touchpointId))
    .leftJoin(parentTouchpoints, eq(parentTouchpoints.id, touchpoints.parentId))
    .where(
      and(
        eq(auditAnswers.workspaceId, workspaceId),
        inArray(
          auditAnswers.auditId,
          latest.map((l) => l.auditId),
        ),
        sql`${ANSWER_SCORE} is not null`,
      ),
    )
    .orderBy(auditCriteria.position);

  return latest
    .map((audit) => {
      const own = answers.filter((a) => a.auditId === audit.auditId && a.weight > 0);
      const weights = own.reduce((sum, a) => sum + a.weight, 0);
      const score =
        weights === 0 ? null : own.reduce((sum, a) => sum + (a.score ?? 0) * a.weight, 0) / weights;
      return {
        ...audit,
        score,
        answers: own.length,
        failed: own
          .filter((a) => (a.score ?? 0) < PASS_SCORE)
          .map(({ auditId: _auditId, value, score: s, ...rest }) => ({
            ...rest,
            value: value ?? 0,
            score: s ?? 0,
          })),
      };
    })
    .sort(
      (a, b) =>
        Number(b.isOwn) - Number(a.isOwn) ||
        a.brandName.localeCompare(b.brandName) ||
        a.brandId.localeCompare(b.brandId),
    );
}

/** The workspace's brands (own first, then by name) and the brand of each touchpoint. */
export async function loadBrandFacts(db: Db, workspaceId: string) {
  const [brandRows, touchpointRows] = await Promise.all([
    db
      .select({ id: brands.id, name: brands.name, isOwn: brands.isOwn, website: brands.website })
      .from(brands)
      .where(eq(brands.workspaceId, workspaceId))
      .orderBy(sql`${brands.isOwn} desc`, brands.name, brands.id),
    db
      .select({ id: touchpoints.id, brandId: touchpoints.brandId })
      .from(touchpoints)
      .where(eq(touchpoints.workspaceId, workspaceId)),
  ]);
  return {
    brands: brandRows,
    brandOfTouchpoint: new Map(touchpointRows.map((t) => [t.id, t.brandId])),
  };
}
