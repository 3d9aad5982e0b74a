/**
 * The whole health check (SPEC §7.8): the catalog's findings plus the measured ones — touchpoints
 * gone quiet, failing standards (and those no open task works on), chain links where negative
 * experiences break the chain. Rules
 * and wording live in domain/health.ts; this module gathers the facts from both stores.
 */
import { and, eq } from 'drizzle-orm';
import {
  checkNegativeBreak,
  checkRecentInteraction,
  checkStandardResult,
  type HealthFinding,
  type HealthReport,
  healthReport,
} from '../domain/health.js';
import { checkHealth } from '../store/catalog/health.js';
import { brands, chainLinks, chains, touchpoints } from '../store/catalog/schema.js';
import { standardsWithOpenTask } from '../store/catalog/tasks.js';
import { DAY_MS, SqlParams, toNumber } from './analysis-scope.js';
import { loadTouchpointTree } from './catalog-facts.js';
import {
  type AnalyticsStores,
  analyzeChainConversion,
  analyzeStandardsCompliance,
} from './workspace-analytics.js';

/** Days of recent data the standards and chains are judged on. */
export const MEASURED_PERIOD_DAYS = 30;

/** Runs every health rule, catalog and measured, on one workspace. */
export async function workspaceHealth(
  stores: AnalyticsStores,
  workspaceId: string,
  now = Date.now(),
): Promise<HealthReport> {
  const [catalog, measured] = await Promise.all([
    checkHealth(stores.db, workspaceId),
    measuredHealthFindings(stores, workspaceId, now),
  ]);
  return healthReport([...catalog.findings, ...measured]);
}

/** Findings that need recorded interactions; none while the workspace has recorded nothing. */
async function measuredHealthFindings(
  stores: AnalyticsStores,
  workspaceId: string,
  now = Date.now(),
): Promise<HealthFinding[]> {
  const params = new SqlParams();
  const lastRows = await stores.events.query<{ touchpoint_id: string; last_at: unknown }>({
    sql: `SELECT touchpoint_id, max(i."at") AS last_at FROM interactions i
          WHERE i.workspace_id = ${params.text(workspaceId)} GROUP BY touchpoint_id`,
    params: params.values,
  });
  if (lastRows.length === 0) return [];
  const lastAt = new Map(lastRows.map((r) => [r.touchpoint_id, toNumber(r.last_at)]));
  // Read the tree once for the touchpoints, the standards and every chain below.
  const tree = await loadTouchpointTree(stores.db, workspaceId);
  const withTree = { ...stores, tree };
  const activeOwn = await stores.db
    .select({ id: touchpoints.id, key: touchpoints.key, name: touchpoints.name })
    .from(touchpoints)
    .innerJoin(brands, and(eq(brands.id, touchpoints.brandId), eq(brands.isOwn, true)))
    .where(and(eq(touchpoints.workspaceId, workspaceId), eq(touchpoints.status, 'active')));
  const findings = activeOwn.flatMap((t) => {
    const times = tree.descendantsOf(t.id).flatMap((id) => lastAt.get(id) ?? []);
    return checkRecentInteraction(
      workspaceId,
      { ...t, lastAt: times.length > 0 ? Math.max(...times) : null },
      now,
    );
  });

  const period = { from: now - MEASURED_PERIOD_DAYS * DAY_MS, to: now };
  const [standards, withOpenTask] = await Promise.all([
    analyzeStandardsCompliance(withTree, workspaceId, period, now),
    standardsWithOpenTask(stores.db, workspaceId),
  ]);
  for (const s of standards.standards) {
    findings.push(
      ...checkStandardResult(
        workspaceId,
        {
          id: s.standardId,
          name: s.name,
          touchpointId: s.touchpointId,
          touchpointName: s.touchpointName ?? '',
          passed: s.passed,
          hasOpenTask: withOpenTask.has(s.standardId),
        },
        MEASURED_PERIOD_DAYS,
      ),
    );
  }

  const linked = await stores.db
    .selectDistinct({ id: chains.id })
    .from(chains)
    .innerJoin(chainLinks, eq(chainLinks.chainId, chains.id))
    .where(eq(chains.workspaceId, workspaceId));
  for (const { id } of linked) {
    const conversion = await analyzeChainConversion(withTree, workspaceId, id, period, now);
    for (const link of conversion.links) {
      findings.push(
        ...checkNegativeBreak(workspaceId, {
          touchpointId: link.touchpointId,
          key: link.touchpointKey,
          name: link.touchpointName,
          chainId: conversion.chain.id,
          chainName: conversion.chain.name,
          dropped: link.dropped ?? 0,
          brokenByNegative: link.brokenByNegative ?? 0,
        }),
      );
    }
  }
  return findings;
}
