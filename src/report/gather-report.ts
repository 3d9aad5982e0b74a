/**
 * Everything the touchpoint audit report shows about one workspace, read through the store and the
 * analyses (no SQL of its own): the workspace and its brands, the touchpoint inventory and its
 * coverage against the template library, the health check of the three laws, chain funnels with
 * their weak links, standards compliance, feedback scores per touchpoint, the audit results and
 * the competitor benchmark (analytics/competitor-benchmark.ts), the open alerts, and the
 * improvement tasks (open, and verified or not effective).
 *
 * The measured chapters cover a period [from, to): by default the 90 days up to now. The health
 * check judges measured data over its own 30 days (analytics/workspace-health.ts), as the Health
 * page does. A reference touchpoint of the library is covered when a touchpoint of the own brand
 * (not retired) has its key, or its name in any of the six languages (case and spaces aside).
 */

import { loadTouchpointTree } from '../analytics/catalog-facts.js';
import { competitorBenchmark } from '../analytics/competitor-benchmark.js';
import type { CompetitorBenchmark } from '../analytics/competitor-benchmark.schemas.js';
import {
  type AnalyticsStores,
  analyzeChainConversion,
  analyzeSentiment,
  analyzeStandardsCompliance,
} from '../analytics/workspace-analytics.js';
import type {
  WorkspaceChainConversion,
  WorkspaceSentiment,
  WorkspaceStandardsCompliance,
} from '../analytics/workspace-analytics.schemas.js';
import { MEASURED_PERIOD_DAYS, workspaceHealth } from '../analytics/workspace-health.js';
import { invalid } from '../domain/errors.js';
import type { HealthReport } from '../domain/health.js';
import { TEMPLATE_LANGUAGES, TOUCHPOINT_TEMPLATES } from '../domain/touchpoint-templates.js';
import { openAlertEpisodes } from '../store/catalog/alert-episodes.js';
import { listBrands } from '../store/catalog/brands.js';
import { listChains } from '../store/catalog/chains.js';
import { type InventoryTouchpoint, touchpointInventory } from '../store/catalog/report-inventory.js';
import { listTasks, type TaskDto } from '../store/catalog/tasks.js';
import { getWorkspace, listMembers } from '../store/catalog/workspaces.js';
import { isReportLanguage, type ReportLanguage } from './report-i18n.js';

export const DEFAULT_REPORT_DAYS = 90;
const DAY_MS = 86_400_000;
/** As many rows as one list of the report holds (a printed document, not an export). */
const MAX_ROWS = 500;

export interface ReportOptions {
  /** The report's language; default: the workspace's (`settings.language`), else `fallbackLang`. */
  lang?: ReportLanguage | undefined;
  /** The language when neither `lang` nor the workspace names one (the API: the caller's). */
  fallbackLang?: string | undefined;
  /** Epoch ms, inclusive; default: `DEFAULT_REPORT_DAYS` before `to`. */
  from?: number | undefined;
  /** Epoch ms, exclusive; default: now. */
  to?: number | undefined;
}

export interface CoverageItem {
  key: string;
  stage: string;
  /** The template's name in each language. */
  names: Record<ReportLanguage, string>;
  /** The own touchpoint that matches it, or null when it is missing. */
  match: { id: string; name: string } | null;
}

export interface ReportTask extends TaskDto {
  ownerName: string | null;
}

/** An open alert as the report lists it. */
export interface ReportAlert {
  ruleName: string;
  subjectName: string;
  openedAt: string;
  message: string;
}

export interface ReportData {
  lang: ReportLanguage;
  generatedAt: number;
  period: { from: number; to: number };
  workspace: { id: string; name: string; description: string };
  brands: { id: string; name: string; website: string; isOwn: boolean }[];
  touchpoints: InventoryTouchpoint[];
  coverage: CoverageItem[];
  health: HealthReport;
  healthDays: number;
  chains: { id: string; name: string; links: number; conversion: WorkspaceChainConversion | null }[];
  standards: WorkspaceStandardsCompliance['standards'];
  feedback: Pick<WorkspaceSentiment, 'overall' | 'touchpoints'>;
  /** Audit roll-ups per brand, stage and touchpoint, the gaps to competitors, each brand's latest failures. */
  benchmark: CompetitorBenchmark;
  /** The alert episodes open when the report was prepared, newest first. */
  alerts: ReportAlert[];
  tasks: { open: ReportTask[]; closed: ReportTask[] };
}

/** The period of a report; 400 naming `from` or `to` when it is empty. */
export function reportPeriod(options: Pick<ReportOptions, 'from' | 'to'>, now: number) {
  const to = options.to ?? now;
  const from = options.from ?? Math.max(0, to - DEFAULT_REPORT_DAYS * DAY_MS);
  if (from >= to)
    throw options.to === undefined
      ? invalid('from', 'must be before now (or give to)')
      : invalid('to', 'must be after from');
  return { from, to };
}

const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Which reference touchpoints of the library the own brand's touchpoints cover. */
export function templateCoverage(inventory: readonly InventoryTouchpoint[]): CoverageItem[] {
  const own = inventory.filter((t) => t.isOwnBrand && t.status !== 'retired');
  const byKey = new Map(own.map((t) => [t.key, t]));
  const byName = new Map<string, InventoryTouchpoint>();
  for (const t of own) if (!byName.has(normal(t.name))) byName.set(normal(t.name), t);
  return TOUCHPOINT_TEMPLATES.map((template) => {
    const names = Object.fromEntries(
      TEMPLATE_LANGUAGES.map((language) => [language, template.text[language].name]),
    ) as Record<ReportLanguage, string>;
    const found =
      byKey.get(template.key) ??
      Object.values(names)
        .map((name) => byName.get(normal(name)))
        .find((t) => t !== undefined);
    return {
      key: template.key,
      stage: template.stage,
      names,
      match: found ? { id: found.id, name: found.name } : null,
    };
  });
}

/** Reads everything the report shows; 404 for an unknown workspace. */
export async function gatherReport(
  stores: Omit<AnalyticsStores, 'tree'>,
  workspaceId: string,
  options: ReportOptions = {},
  now = Date.now(),
): Promise<ReportData> {
  const { db } = stores;
  const workspace = await getWorkspace(db, workspaceId);
  const period = reportPeriod(options, now);
  const settingsLang = workspace.settings.language;
  const lang: ReportLanguage =
    options.lang ??
    (isReportLanguage(settingsLang)
      ? settingsLang
      : isReportLanguage(options.fallbackLang)
        ? options.fallbackLang
        : 'en');

  const tree = await loadTouchpointTree(db, workspaceId);
  const withTree: AnalyticsStores = { ...stores, tree };
  const page = { limit: MAX_ROWS, offset: 0 };
  const [
    brandPage,
    inventory,
    health,
    chainPage,
    standards,
    sentiment,
    open,
    closed,
    members,
    benchmark,
    alerts,
  ] = await Promise.all([
    listBrands(db, workspaceId, { ...page, sort: 'name' }),
    touchpointInventory(db, workspaceId),
    workspaceHealth(withTree, workspaceId, now),
    listChains(db, workspaceId, { ...page, sort: 'name' }),
    analyzeStandardsCompliance(withTree, workspaceId, period, now),
    analyzeSentiment(withTree, workspaceId, period, now),
    listTasks(db, workspaceId, { ...page, status: ['planned', 'in_progress', 'done'], sort: 'dueDate' }),
    listTasks(db, workspaceId, { ...page, status: ['verified', 'not_effective'], sort: '-updatedAt' }),
    listMembers(db, workspaceId, page),
    competitorBenchmark(withTree, workspaceId, period, now),
    openAlertEpisodes(db, workspaceId, MAX_ROWS),
  ]);

  const chains = [];
  for (const chain of chainPage.items) {
    const conversion =
      chain.links.length === 0
        ? null
        : await analyzeChainConversion(withTree, workspaceId, chain.id, period, now);
    chains.push({ id: chain.id, name: chain.name, links: chain.links.length, conversion });
  }

  const names = new Map(members.items.map((m) => [m.userId, m.name || m.email]));
  const withOwner = (t: TaskDto): ReportTask => ({
    ...t,
    ownerName: t.ownerUserId ? (names.get(t.ownerUserId) ?? null) : null,
  });

  return {
    lang,
    generatedAt: now,
    period,
    workspace: { id: workspace.id, name: workspace.name, description: workspace.description },
    brands: brandPage.items
      .map(({ id, name, website, isOwn }) => ({ id, name, website, isOwn }))
      .sort((a, b) => Number(b.isOwn) - Number(a.isOwn)),
    touchpoints: inventory,
    coverage: templateCoverage(inventory),
    health,
    healthDays: MEASURED_PERIOD_DAYS,
    chains,
    standards: standards.standards,
    feedback: {
      overall: sentiment.overall,
      touchpoints: sentiment.touchpoints.filter(
        (t) =>
          t.interactions > 0 || t.feedback.csat.answers + t.feedback.nps.answers + t.feedback.ces.answers > 0,
      ),
    },
    benchmark,
    alerts: alerts.map(({ ruleName, subjectName, openedAt, message }) => ({
      ruleName,
      subjectName,
      openedAt,
      message,
    })),
    tasks: { open: open.items.map(withOwner), closed: closed.items.map(withOwner) },
  };
}
