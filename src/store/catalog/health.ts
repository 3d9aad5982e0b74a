/**
 * The catalog health check (SPEC §7.8): four grouped queries find the objects that break a
 * law, inside the database; domain/health.ts turns their facts into worded findings.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import {
  checkChain,
  checkStage,
  checkSubject,
  checkTouchpoint,
  type HealthReport,
  healthReport,
} from '../../domain/health.js';
import type { Db } from './db.js';
import { chainLinks, chains, journeyItems, journeys, stages, subjects, touchpoints } from './schema.js';

/** Runs every catalog rule on one workspace and returns the ordered findings with a summary. */
export async function checkHealth(db: Db, workspaceId: string): Promise<HealthReport> {
  const [subjectRows, chainRows, stageRows, touchpointRows] = await Promise.all([
    weakSubjects(db, workspaceId),
    suspectChains(db, workspaceId),
    emptyStages(db, workspaceId),
    unmanagedTouchpoints(db, workspaceId),
  ]);
  return healthReport([
    ...subjectRows.flatMap((s) => checkSubject(workspaceId, s)),
    ...chainRows.flatMap((c) => checkChain(workspaceId, c)),
    ...stageRows.flatMap((s) => checkStage(workspaceId, s)),
    ...touchpointRows.flatMap((t) => checkTouchpoint(workspaceId, t)),
  ]);
}

/** Subjects with fewer than two active touchpoints. */
function weakSubjects(db: Db, workspaceId: string) {
  const active = count(touchpoints.id);
  return db
    .select({ id: subjects.id, name: subjects.name, touchpoints: active })
    .from(subjects)
    .leftJoin(
      touchpoints,
      and(
        eq(touchpoints.subjectId, subjects.id),
        eq(touchpoints.workspaceId, workspaceId),
        eq(touchpoints.status, 'active'),
      ),
    )
    .where(eq(subjects.workspaceId, workspaceId))
    .groupBy(subjects.id)
    .having(sql`${active} < 2`);
}

/** Chains lacking an initial or a final link, or ending without a next chain. */
function suspectChains(db: Db, workspaceId: string) {
  const hasInitial = sql<boolean>`coalesce(bool_or(${chainLinks.role} = 'initial'), false)`;
  const hasFinal = sql<boolean>`coalesce(bool_or(${chainLinks.role} = 'final'), false)`;
  return db
    .select({
      id: chains.id,
      name: chains.name,
      links: count(chainLinks.id),
      hasInitial,
      hasFinal,
      hasNext: sql<boolean>`${chains.nextChainId} is not null`,
    })
    .from(chains)
    .leftJoin(chainLinks, eq(chainLinks.chainId, chains.id))
    .where(eq(chains.workspaceId, workspaceId))
    .groupBy(chains.id)
    .having(sql`not ${hasInitial} or not ${hasFinal} or ${chains.nextChainId} is null`);
}

/** Journey stages with no active touchpoint in any lane. */
function emptyStages(db: Db, workspaceId: string) {
  const active = count(touchpoints.id);
  return db
    .select({
      id: stages.id,
      key: stages.key,
      name: stages.name,
      journeyId: journeys.id,
      journeyName: journeys.name,
      touchpoints: active,
    })
    .from(stages)
    .innerJoin(journeys, eq(journeys.id, stages.journeyId))
    .leftJoin(journeyItems, eq(journeyItems.stageId, stages.id))
    .leftJoin(
      touchpoints,
      and(eq(touchpoints.id, journeyItems.touchpointId), eq(touchpoints.status, 'active')),
    )
    .where(eq(stages.workspaceId, workspaceId))
    .groupBy(stages.id, journeys.id)
    .having(sql`${active} = 0`);
}

interface TouchpointFacts extends Record<string, unknown> {
  id: string;
  key: string;
  name: string;
  inChain: boolean;
  hasOwner: boolean;
  hasStandard: boolean;
}

/**
 * Active own-brand touchpoints missing a chain, an owner or a standard. `anc` pairs every
 * touchpoint with itself and its ancestors, so inheritance and "part of a linked whole" are joins.
 */
async function unmanagedTouchpoints(db: Db, workspaceId: string): Promise<TouchpointFacts[]> {
  const result = await db.execute<TouchpointFacts>(sql`
    with recursive anc (id, ancestor_id) as (
      select id, id from touchpoints where workspace_id = ${workspaceId}
      union
      select a.id, t.parent_id
      from anc a join touchpoints t on t.id = a.ancestor_id
      where t.parent_id is not null
    ),
    linked as (select distinct touchpoint_id as id from chain_links where workspace_id = ${workspaceId}),
    covered as (
      select a.id from anc a join linked l on l.id = a.ancestor_id
      union
      select a.ancestor_id from anc a join linked l on l.id = a.id
    ),
    owned as (
      select distinct a.id from anc a
      join touchpoints o on o.id = a.ancestor_id and o.owner_user_id is not null
    ),
    standardised as (
      select distinct a.id from anc a
      join standards s on s.touchpoint_id = a.ancestor_id and s.workspace_id = ${workspaceId}
    )
    select t.id, t.key, t.name,
      c.id is not null as "inChain", o.id is not null as "hasOwner", s.id is not null as "hasStandard"
    from touchpoints t
    join brands b on b.id = t.brand_id and b.is_own
    left join covered c on c.id = t.id
    left join owned o on o.id = t.id
    left join standardised s on s.id = t.id
    where t.workspace_id = ${workspaceId} and t.status = 'active'
      and (c.id is null or o.id is null or s.id is null)`);
  // node-postgres and PGlite both answer raw queries with `{ rows }`.
  return (result as unknown as { rows: TouchpointFacts[] }).rows;
}
