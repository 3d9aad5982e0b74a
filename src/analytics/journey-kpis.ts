/**
 * The live figures of a journey map's KPI lanes, per stage, from the analyses of SPEC §7 (nothing
 * is computed here that they do not answer; this module only groups their answers by stage):
 * - chain conversion: for each chain mapped on the journey (or named by a KPI item), the links
 *   whose touchpoint is placed in the stage's touchpoint lanes; the stage's figure is
 *   domain/journey-lanes.ts stageChainConversion of the links' reached counts;
 * - CSAT: the survey answers at the stage's touchpoints (with their descendants), summed from the
 *   sentiment analysis per touchpoint: satisfied / answers; with the stage's CSAT standard (if
 *   any) and whether it is met;
 * - compliance: of the standards on the stage's touchpoints with data in the period, the share met.
 * One request answers every stage and every KPI item of the map (the map asks once).
 */
import { type KpiSource, stageChainConversion } from '../domain/journey-lanes.js';
import { listChains } from '../store/catalog/chains.js';
import { getJourneyMap } from '../store/catalog/journeys.js';
import { loadJourneyFacts, loadTouchpointTree } from './catalog-facts.js';
import {
  type AnalyticsStores,
  analyzeChainConversion,
  analyzeSentiment,
  analyzeStandardsCompliance,
  type ScopeOptions,
} from './workspace-analytics.js';

/** As many chains as one request follows. */
const MAX_CHAINS = 20;

export interface StageChainFigure {
  chainId: string;
  chainName: string;
  /** 1-based positions of the chain's links placed in the stage. */
  links: number[];
  entrants: number;
  reached: number;
  value: number | null;
}

export interface StageStandardFigure {
  standardId: string;
  name: string;
  comparator: 'lte' | 'gte';
  target: number;
  value: number | null;
  passed: boolean | null;
}

export interface StageKpis {
  stageId: string;
  stageKey: string;
  chains: StageChainFigure[];
  csat: { answers: number; satisfied: number; value: number | null; standard: StageStandardFigure | null };
  compliance: { standards: number; measured: number; passed: number; value: number | null };
}

export interface ItemKpi {
  itemId: string;
  stageId: string;
  source: Exclude<KpiSource, 'manual'>;
  /** A share 0…1; null without data. */
  value: number | null;
  /** Whether the figure meets its standard (CSAT: the stage's CSAT standard; compliance: all met). */
  met: boolean | null;
  chainId: string | null;
  standard: StageStandardFigure | null;
}

export interface JourneyKpis {
  period: { from: string; to: string };
  stages: StageKpis[];
  items: ItemKpi[];
}

function shareOrNull(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The live KPI figures of a journey map for the period (default: the 30 days up to now). */
export async function analyzeJourneyKpis(
  stores: AnalyticsStores,
  workspaceId: string,
  journeyId: string,
  options: Pick<ScopeOptions, 'from' | 'to'>,
  now = Date.now(),
): Promise<JourneyKpis> {
  const map = await getJourneyMap(stores.db, workspaceId, journeyId);
  const tree = stores.tree ?? (await loadTouchpointTree(stores.db, workspaceId));
  const withTree = { ...stores, tree };
  const [facts] = await loadJourneyFacts(stores.db, tree, workspaceId, journeyId);
  const stageTouchpoints = map.stages.map(
    (stage) => new Set(facts?.stages.find((s) => s.key === stage.key)?.touchpointIds ?? []),
  );

  const kpiItems = map.items.filter((item) => item.kpi !== null && item.kpi.source !== 'manual');
  const named = kpiItems.map((item) => item.kpi?.chainId).filter((id): id is string => !!id);
  const mapped = await listChains(stores.db, workspaceId, { journeyId, limit: MAX_CHAINS, offset: 0 });
  const chainIds = [...new Set([...mapped.items.map((c) => c.id), ...named])].slice(0, MAX_CHAINS);

  const period = { from: options.from, to: options.to };
  const [sentiment, compliance, conversions] = await Promise.all([
    analyzeSentiment(withTree, workspaceId, { ...period, journeyId }, now),
    analyzeStandardsCompliance(withTree, workspaceId, period, now),
    Promise.all(
      chainIds.map((chainId) =>
        // A chain without links (or deleted since a KPI named it) has no figure.
        analyzeChainConversion(withTree, workspaceId, chainId, period, now).catch(() => null),
      ),
    ),
  ]);

  const csatOf = new Map(sentiment.touchpoints.map((t) => [t.touchpointId, t.feedback.csat]));
  const stages: StageKpis[] = map.stages.map((stage, index) => {
    const here = stageTouchpoints[index] ?? new Set<string>();
    let answers = 0;
    let satisfied = 0;
    for (const id of here) {
      const csat = csatOf.get(id);
      answers += csat?.answers ?? 0;
      satisfied += csat?.satisfied ?? 0;
    }
    const standards = compliance.standards.filter((s) => here.has(s.touchpointId));
    const measured = standards.filter((s) => s.passed !== null);
    const passed = measured.filter((s) => s.passed).length;
    const csatStandard = standards.find((s) => s.metric === 'csat');
    const chains: StageChainFigure[] = [];
    for (const result of conversions) {
      if (!result) continue;
      const links = result.links.flatMap((link, i) => (here.has(link.touchpointId) ? [i] : []));
      const figure = stageChainConversion(
        result.links.map((l) => l.reached),
        links,
      );
      if (figure)
        chains.push({
          chainId: result.chain.id,
          chainName: result.chain.name,
          links: links.map((i) => i + 1),
          ...figure,
        });
    }
    return {
      stageId: stage.id,
      stageKey: stage.key,
      chains,
      csat: {
        answers,
        satisfied,
        value: shareOrNull(satisfied, answers),
        standard: csatStandard
          ? {
              standardId: csatStandard.standardId,
              name: csatStandard.name,
              comparator: csatStandard.comparator,
              target: csatStandard.target,
              value: csatStandard.value,
              passed: csatStandard.passed,
            }
          : null,
      },
      compliance: {
        standards: standards.length,
        measured: measured.length,
        passed,
        value: shareOrNull(passed, measured.length),
      },
    };
  });

  const byStage = new Map(stages.map((s) => [s.stageId, s]));
  const items: ItemKpi[] = kpiItems.flatMap((item): ItemKpi[] => {
    const stage = byStage.get(item.stageId);
    const source = item.kpi?.source;
    if (!stage || !source || source === 'manual') return [];
    const base = { itemId: item.id, stageId: item.stageId, source, chainId: null, standard: null };
    if (source === 'csat')
      return [
        {
          ...base,
          value: stage.csat.value,
          met: stage.csat.standard?.passed ?? null,
          standard: stage.csat.standard,
        },
      ];
    if (source === 'compliance')
      return [
        {
          ...base,
          value: stage.compliance.value,
          met: stage.compliance.measured > 0 ? stage.compliance.passed === stage.compliance.measured : null,
        },
      ];
    const wanted = item.kpi?.chainId;
    const chain = wanted ? stage.chains.find((c) => c.chainId === wanted) : stage.chains[0];
    return [{ ...base, chainId: chain?.chainId ?? wanted ?? null, value: chain?.value ?? null, met: null }];
  });

  return { period: sentiment.period, stages, items };
}
