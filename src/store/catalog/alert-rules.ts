/**
 * Alert rules of a workspace (Law 3, the control): create, list, change (versioned), delete, all
 * audited. A rule's params are checked for its kind (domain/alert-rules.ts) and the objects they
 * name (standard, touchpoint, chain and its link) must be in the workspace.
 */
import { and, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type AlertKind, type AlertParamsByKind, parseAlertParams } from '../../domain/alert-rules.js';
import { invalid } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { type Page, readPage } from './paging.js';
import { alertEpisodes, alertRules, chainLinks, chains, standards, touchpoints } from './schema.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';

export type AlertRuleRow = typeof alertRules.$inferSelect;

export interface AlertRuleDto {
  id: string;
  name: string;
  kind: AlertKind;
  params: Record<string, string | number | boolean | null>;
  enabled: boolean;
  email: boolean;
  openEpisodes: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertRuleInput {
  name: string;
  kind: AlertKind;
  params?: unknown;
  enabled?: boolean | undefined;
  email?: boolean | undefined;
}

export interface AlertRulePatchInput {
  version: number;
  name?: string | undefined;
  enabled?: boolean | undefined;
  email?: boolean | undefined;
  params?: Record<string, unknown> | undefined;
}

export function toAlertRuleDto(row: AlertRuleRow, openEpisodes = 0): AlertRuleDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AlertKind,
    params: row.params as AlertRuleDto['params'],
    enabled: row.enabled,
    email: row.email,
    openEpisodes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function openCounts(db: Db, ruleIds: string[]): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db
    .select({ ruleId: alertEpisodes.ruleId, n: count() })
    .from(alertEpisodes)
    .where(and(inArray(alertEpisodes.ruleId, ruleIds), isNull(alertEpisodes.resolvedAt)))
    .groupBy(alertEpisodes.ruleId);
  return new Map(rows.map((r) => [r.ruleId, Number(r.n)]));
}

/** Checks the params for the kind and that the objects they name are in the workspace; answers them with defaults. */
async function checkedParams(
  db: Db,
  workspaceId: string,
  kind: AlertKind,
  raw: unknown,
): Promise<Record<string, unknown>> {
  const params = parseAlertParams(kind, raw) as Record<string, unknown>;
  const exists = async (
    field: string,
    table: Parameters<typeof existsInWorkspace>[1],
    noun: string,
  ): Promise<void> => {
    const id = params[field];
    if (typeof id === 'string' && !(await existsInWorkspace(db, table, workspaceId, id)))
      throw invalid(`params.${field}`, `no ${noun} with this id in the workspace`);
  };
  await exists('standardId', standards, 'standard');
  await exists('touchpointId', touchpoints, 'touchpoint');
  await exists('chainId', chains, 'chain');
  if (kind === 'link_conversion_drop') {
    const p = params as unknown as AlertParamsByKind['link_conversion_drop'];
    const [links] = await db.select({ n: count() }).from(chainLinks).where(eq(chainLinks.chainId, p.chainId));
    const n = Number(links?.n ?? 0);
    if (n < 2) throw invalid('params.chainId', 'the chain needs at least two links to have a conversion');
    if (p.position !== null && (p.position < 2 || p.position > n))
      throw invalid(
        'params.position',
        `must be a link from 2 to ${n} (the first link has no conversion from a previous one), or null for every link`,
      );
  }
  return params;
}

export async function createAlertRule(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: AlertRuleInput,
): Promise<AlertRuleDto> {
  const params = await checkedParams(db, workspaceId, input.kind, input.params);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(alertRules)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        name: input.name,
        kind: input.kind,
        params,
        enabled: input.enabled ?? true,
        email: input.email ?? false,
      })
      .returning();
    if (!row) throw new Error('alert rule not inserted');
    const dto = toAlertRuleDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'alert_rule',
      entityId: row.id,
      after: dto,
    });
    return dto;
  });
}

export async function getAlertRule(db: Db, workspaceId: string, ruleId: string): Promise<AlertRuleDto> {
  const row = await findOne(db, alertRules, 'alert rule', workspaceId, ruleId);
  return toAlertRuleDto(row, (await openCounts(db, [row.id])).get(row.id) ?? 0);
}

export async function listAlertRules(
  db: Db,
  workspaceId: string,
  q: { limit: number; offset: number; kind?: AlertKind | undefined; enabled?: boolean | undefined },
): Promise<Page<AlertRuleDto>> {
  const conditions: (SQL | undefined)[] = [eq(alertRules.workspaceId, workspaceId)];
  if (q.kind) conditions.push(eq(alertRules.kind, q.kind));
  if (q.enabled !== undefined) conditions.push(eq(alertRules.enabled, q.enabled));
  const { rows, total } = await readPage(
    db,
    alertRules,
    and(...conditions),
    { name: alertRules.name, createdAt: alertRules.createdAt },
    'createdAt',
    q,
  );
  const open = await openCounts(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toAlertRuleDto(r, open.get(r.id) ?? 0)),
    total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** The enabled rules of a workspace, for the evaluation. */
export async function enabledAlertRules(db: Db, workspaceId: string): Promise<AlertRuleRow[]> {
  return db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.workspaceId, workspaceId), eq(alertRules.enabled, true)));
}

export async function updateAlertRule(
  db: Db,
  actor: Actor,
  workspaceId: string,
  ruleId: string,
  patch: AlertRulePatchInput,
): Promise<AlertRuleDto> {
  const current = await findOne(db, alertRules, 'alert rule', workspaceId, ruleId);
  const values: Partial<typeof alertRules.$inferInsert> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.enabled !== undefined) values.enabled = patch.enabled;
  if (patch.email !== undefined) values.email = patch.email;
  if (patch.params !== undefined)
    values.params = await checkedParams(db, workspaceId, current.kind as AlertKind, patch.params);
  return db.transaction(async (tx) => {
    const row = await updateVersioned(
      tx,
      alertRules,
      'alert rule',
      workspaceId,
      ruleId,
      patch.version,
      values,
    );
    // Changed params judge the subjects anew: the open episodes end quietly (no notification),
    // and the next evaluation opens what still holds; a disabled rule keeps nothing open.
    if (values.params !== undefined || values.enabled === false)
      await tx
        .update(alertEpisodes)
        .set({
          resolvedAt: new Date(),
          details: sql`${alertEpisodes.details} || ${JSON.stringify({
            resolvedMessage: values.enabled === false ? 'the rule was disabled' : 'the rule was changed',
          })}::jsonb`,
        })
        .where(and(eq(alertEpisodes.ruleId, ruleId), isNull(alertEpisodes.resolvedAt)));
    const before = toAlertRuleDto(current);
    const after = toAlertRuleDto(row, (await openCounts(tx, [row.id])).get(row.id) ?? 0);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'alert_rule',
      entityId: ruleId,
      before,
      after,
    });
    return after;
  });
}

export async function deleteAlertRule(
  db: Db,
  actor: Actor,
  workspaceId: string,
  ruleId: string,
): Promise<void> {
  const current = await findOne(db, alertRules, 'alert rule', workspaceId, ruleId);
  await db.transaction(async (tx) => {
    await tx
      .delete(alertRules)
      .where(and(eq(alertRules.id, ruleId), eq(alertRules.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'alert_rule',
      entityId: ruleId,
      before: toAlertRuleDto(current),
    });
  });
}

/** The alert evaluation job of a workspace in `scheduled_jobs`. */
export function alertJobName(workspaceId: string): string {
  return `alerts:${workspaceId}`;
}

/** Gives every workspace with an enabled rule its evaluation job (due at once when new). */
export async function ensureAlertJobs(db: Db): Promise<void> {
  await db.execute(sql`
    INSERT INTO scheduled_jobs (name, workspace_id)
    SELECT DISTINCT 'alerts:' || r.workspace_id, r.workspace_id FROM alert_rules r WHERE r.enabled
    ON CONFLICT (name) DO NOTHING`);
}

/** Names of the evaluation jobs of workspaces that have an enabled rule. */
export async function alertJobNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workspaceId: alertRules.workspaceId })
    .from(alertRules)
    .where(eq(alertRules.enabled, true));
  return rows.map((r) => alertJobName(r.workspaceId));
}
