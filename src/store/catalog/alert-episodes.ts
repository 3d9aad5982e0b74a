/**
 * Episodes of alert rules: one per rule and subject from the moment its condition holds until it
 * clears. Opening is an insert the partial unique index `alert_episodes_open_uq` guards (at most
 * one open episode per rule and subject), so of two evaluators that see the same condition at
 * once only one opens it — and only the one that opened it fires. Resolving is a conditional
 * update, so it too happens once.
 */
import { and, asc, count, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { AlertKind } from '../../domain/alert-rules.js';
import type { Db } from './db.js';
import type { Page } from './paging.js';
import { alertEpisodes, alertRules } from './schema.js';

export type AlertEpisodeRow = typeof alertEpisodes.$inferSelect;

/** What an episode keeps about its subject and figures (the `details` column). */
export interface EpisodeDetails {
  subjectName: string;
  message: string;
  figures: Record<string, number | string | boolean | null>;
  link: string;
  resolvedMessage?: string | null;
  resolvedFigures?: Record<string, number | string | boolean | null>;
  [key: string]: unknown;
}

export interface AlertEpisodeDto {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertKind;
  subjectKey: string;
  subjectName: string;
  state: 'open' | 'resolved';
  openedAt: string;
  resolvedAt: string | null;
  message: string;
  resolvedMessage: string | null;
  figures: Record<string, number | string | boolean | null>;
  link: string;
}

export function toEpisodeDto(row: AlertEpisodeRow, rule: { name: string; kind: string }): AlertEpisodeDto {
  const d = row.details as EpisodeDetails;
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: rule.name,
    kind: rule.kind as AlertKind,
    subjectKey: row.subjectKey,
    subjectName: d.subjectName ?? row.subjectKey,
    state: row.resolvedAt ? 'resolved' : 'open',
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt ? row.resolvedAt.toISOString() : null,
    message: d.message ?? '',
    resolvedMessage: d.resolvedMessage ?? null,
    figures: d.figures ?? {},
    link: d.link ?? '',
  };
}

/**
 * Opens the episode of `subjectKey` unless one is open: answers the new row, or undefined when
 * an episode was already open (this evaluator, or another at the same time, opened it first).
 */
export async function openEpisode(
  db: Db,
  values: { workspaceId: string; ruleId: string; subjectKey: string; details: EpisodeDetails },
): Promise<AlertEpisodeRow | undefined> {
  const [row] = await db
    .insert(alertEpisodes)
    .values({ id: crypto.randomUUID(), ...values })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Resolves an open episode; undefined when it was no longer open (resolved by another evaluator). */
export async function resolveEpisode(
  db: Db,
  episodeId: string,
  resolution: { resolvedMessage: string; resolvedFigures: EpisodeDetails['figures'] },
): Promise<AlertEpisodeRow | undefined> {
  const [row] = await db
    .update(alertEpisodes)
    .set({
      resolvedAt: sql`now()`,
      details: sql`${alertEpisodes.details} || ${JSON.stringify(resolution)}::jsonb`,
    })
    .where(and(eq(alertEpisodes.id, episodeId), isNull(alertEpisodes.resolvedAt)))
    .returning();
  return row;
}

/** The open episodes of a rule. */
export async function openEpisodesOfRule(db: Db, ruleId: string): Promise<AlertEpisodeRow[]> {
  return db
    .select()
    .from(alertEpisodes)
    .where(and(eq(alertEpisodes.ruleId, ruleId), isNull(alertEpisodes.resolvedAt)));
}

/** Episodes of a workspace: open first (newest first), then resolved (newest resolution first). */
export async function listAlertEpisodes(
  db: Db,
  workspaceId: string,
  q: {
    limit: number;
    offset: number;
    state?: 'open' | 'resolved' | undefined;
    ruleId?: string | undefined;
    kind?: AlertKind | undefined;
  },
): Promise<Page<AlertEpisodeDto>> {
  const conditions: (SQL | undefined)[] = [eq(alertEpisodes.workspaceId, workspaceId)];
  if (q.state === 'open') conditions.push(isNull(alertEpisodes.resolvedAt));
  if (q.state === 'resolved') conditions.push(isNotNull(alertEpisodes.resolvedAt));
  if (q.ruleId) conditions.push(eq(alertEpisodes.ruleId, q.ruleId));
  if (q.kind) conditions.push(eq(alertRules.kind, q.kind));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select({ episode: alertEpisodes, name: alertRules.name, kind: alertRules.kind })
      .from(alertEpisodes)
      .innerJoin(alertRules, eq(alertRules.id, alertEpisodes.ruleId))
      .where(where)
      .orderBy(
        asc(sql`${alertEpisodes.resolvedAt} is not null`),
        desc(sql`coalesce(${alertEpisodes.resolvedAt}, ${alertEpisodes.openedAt})`),
        asc(alertEpisodes.id),
      )
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: count() })
      .from(alertEpisodes)
      .innerJoin(alertRules, eq(alertRules.id, alertEpisodes.ruleId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => toEpisodeDto(r.episode, { name: r.name, kind: r.kind })),
    total: Number(totals[0]?.n ?? 0),
    limit: q.limit,
    offset: q.offset,
  };
}

/** The open episodes of a workspace, newest first (for the report and the health of a workspace). */
export async function openAlertEpisodes(
  db: Db,
  workspaceId: string,
  limit = 500,
): Promise<AlertEpisodeDto[]> {
  return (await listAlertEpisodes(db, workspaceId, { limit, offset: 0, state: 'open' })).items;
}
