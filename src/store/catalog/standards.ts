/**
 * Standards: a measurable promise at a touchpoint (call answered within 20 s, CSAT ≥ 4.5), met
 * when at least `requiredShare` of the interactions meet the target (SPEC §2, §7.6).
 */
import { and, eq, ilike } from 'drizzle-orm';
import { invalid, ValidationError } from '../../domain/errors.js';
import {
  type Comparator,
  checkStandard,
  defaultComparator,
  type StandardMetric,
} from '../../domain/standard-rules.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { standards, touchpoints } from './schema.js';
import { findOne, updateVersioned } from './versioned.js';

export type StandardRow = typeof standards.$inferSelect;

export function toStandardDto(s: StandardRow) {
  return {
    id: s.id,
    touchpointId: s.touchpointId,
    name: s.name,
    metric: s.metric as StandardMetric,
    prop: s.prop,
    comparator: s.comparator as Comparator,
    target: s.target,
    requiredShare: s.requiredShare,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export interface StandardInput {
  touchpointId: string;
  name: string;
  metric: StandardMetric;
  /** Only for metric `prop`: the numeric interaction property measured. */
  prop?: string | null | undefined;
  /** Default: what the metric usually needs (`lte` for times, `gte` for CSAT/NPS); required for `prop`. */
  comparator?: Comparator | undefined;
  target: number;
  /** Default 0.9. */
  requiredShare?: number | undefined;
}

export interface StandardFilter extends PageQuery {
  touchpointId?: string | undefined;
  metric?: StandardMetric | undefined;
  q?: string | undefined;
}

export const STANDARD_SORTS = ['name', 'metric', 'target', 'createdAt', 'updatedAt'] as const;

/** One page of the workspace's standards, e.g. those of one touchpoint. */
export async function listStandards(db: Db, workspaceId: string, f: StandardFilter) {
  const where = and(
    eq(standards.workspaceId, workspaceId),
    f.touchpointId ? eq(standards.touchpointId, f.touchpointId) : undefined,
    f.metric ? eq(standards.metric, f.metric) : undefined,
    f.q ? ilike(standards.name, likePattern(f.q)) : undefined,
  );
  const sortable = {
    name: standards.name,
    metric: standards.metric,
    target: standards.target,
    createdAt: standards.createdAt,
    updatedAt: standards.updatedAt,
  };
  const { rows, total } = await readPage(db, standards, where, sortable, 'name', f);
  return { items: rows.map(toStandardDto), total, limit: f.limit, offset: f.offset };
}

export async function getStandard(db: Db, workspaceId: string, id: string): Promise<StandardRow> {
  return findOne(db, standards, 'standard', workspaceId, id);
}

async function ensureTouchpoint(db: Db, workspaceId: string, touchpointId: string): Promise<void> {
  const [row] = await db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw invalid('touchpointId', 'no such touchpoint in this workspace');
}

/** Throws 400 when the standard, as it would be saved, breaks the metric's rules. */
function ensureConsistent(s: {
  metric: StandardMetric;
  prop: string | null;
  target: number;
  comparator?: Comparator | null | undefined;
}): void {
  const issues = checkStandard(s);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Sets a standard at a touchpoint of the workspace; the metric's rules are checked first (400). */
export async function createStandard(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: StandardInput,
): Promise<StandardRow> {
  const prop = input.prop ?? null;
  ensureConsistent({ metric: input.metric, prop, target: input.target, comparator: input.comparator });
  const comparator = input.comparator ?? defaultComparator(input.metric);
  if (!comparator) throw invalid('comparator', `metric ${input.metric} needs a comparator: lte or gte`);
  return db.transaction(async (tx) => {
    await ensureTouchpoint(tx, workspaceId, input.touchpointId);
    const [row] = await tx
      .insert(standards)
      .values({ ...input, id: crypto.randomUUID(), workspaceId, prop, comparator })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'standard',
      entityId: row.id,
      after: toStandardDto(row),
    });
    return row;
  });
}

/** Changes a standard; the metric rules are checked on the result, so metric and target can change together. */
export async function updateStandard(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<StandardInput> & { version: number },
): Promise<StandardRow> {
  return db.transaction(async (tx) => {
    const before = await getStandard(tx, workspaceId, id);
    const { version, ...values } = patch;
    // Leaving metric prop drops the property unless the client says otherwise.
    if (values.metric && values.metric !== 'prop' && values.prop === undefined) values.prop = null;
    ensureConsistent({
      metric: values.metric ?? (before.metric as StandardMetric),
      prop: values.prop === undefined ? before.prop : values.prop,
      target: values.target ?? before.target,
      comparator: values.comparator ?? (before.comparator as Comparator),
    });
    if (values.touchpointId !== undefined && values.touchpointId !== before.touchpointId)
      await ensureTouchpoint(tx, workspaceId, values.touchpointId);
    const after = await updateVersioned(tx, standards, 'standard', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'standard',
      entityId: id,
      before: toStandardDto(before),
      after: toStandardDto(after),
    });
    return after;
  });
}

export async function deleteStandard(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getStandard(tx, workspaceId, id);
    await tx.delete(standards).where(and(eq(standards.id, id), eq(standards.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'standard',
      entityId: id,
      before: toStandardDto(before),
    });
  });
}
