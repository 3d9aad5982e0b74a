/**
 * The competitor benchmark (Law 3, SPEC §8): brands side by side per stage and per touchpoint, for
 * one journey or the whole workspace, over a period [from, to) (default: all time up to now).
 *
 * Definitions:
 * - **audit score** of a brand: the weighted roll-up of its submitted audits dated in the period
 *   (store/catalog/audit-scores.ts: weighted mean of the answers' scores 0…1, pass rate, and the
 *   audits and answers behind it); with a journey, only audits of checklists on that journey. At
 *   stage level an answer counts under its criterion's stage, else its touchpoint's; at touchpoint
 *   level under the criterion's touchpoint. A checklist names the own brand's touchpoints, so a
 *   touchpoint row holds the own touchpoint and the competitors' audit scores of that same
 *   touchpoint.
 * - **measured figures** of a brand come from its own touchpoints (touchpoints belong to a brand,
 *   SPEC §3: a competitor's come from e.g. its imported review ratings), through the existing
 *   analyses over the same period: standards compliance (standards with data, how many pass, their
 *   share) and sentiment (negative share of rated interactions, CSAT = share of answers 4–5,
 *   NPS = % promoters − % detractors), added up from per-touchpoint counts, which is exact. At
 *   stage level a touchpoint counts under its stage (a part without one under its composite's);
 *   at touchpoint level the figures belong to the touchpoint's own brand (with its parts).
 * - **where a competitor beats us**: every stage and touchpoint where a competitor's audit score
 *   exceeds the own brand's, both measured, ordered by the gap (competitor − own), largest first,
 *   each with the audits and answers behind both sides.
 */
import { invalid } from '../domain/errors.js';
import { DEFAULT_STAGES } from '../domain/vocabulary.js';
import {
  type AuditScoreRow,
  auditScores,
  latestAuditFailures,
  loadBrandFacts,
  MAX_INSTANT_MS,
} from '../store/catalog/audit-scores.js';
import { loadJourneyFacts, loadStandardFacts, loadTouchpointTree } from './catalog-facts.js';
import type {
  Beat,
  BrandCell,
  CompetitorBenchmark,
  MeasuredFigures,
} from './competitor-benchmark.schemas.js';
import { sentiment } from './sentiment.js';
import type { SentimentSummary } from './sentiment.schemas.js';
import { standardsCompliance } from './standards-compliance.js';
import type { AnalyticsStores } from './workspace-analytics.js';

export interface BenchmarkOptions {
  /** Only audits of checklists on this journey, and its stages. */
  journeyId?: string | undefined;
  /** Epoch ms, inclusive; default 0. */
  from?: number | undefined;
  /** Epoch ms, exclusive; default now. */
  to?: number | undefined;
}

/** A competitor's score must exceed the own one by more than rounding to count as beating it. */
const EPSILON = 1e-9;

/** Brands side by side per stage and touchpoint (see the module header); 400 naming the field at fault. */
export async function competitorBenchmark(
  stores: AnalyticsStores,
  workspaceId: string,
  options: BenchmarkOptions = {},
  now = Date.now(),
): Promise<CompetitorBenchmark> {
  const { db, events } = stores;
  const to = options.to ?? now;
  const from = options.from ?? 0;
  if (from >= to)
    throw options.to === undefined
      ? invalid('from', 'must be before now (or give to)')
      : invalid('to', 'must be after from');
  if (to > MAX_INSTANT_MS) throw invalid('to', 'must be before +275760-09-13');
  const filters = { journeyId: options.journeyId, from, to };

  // The roll-ups check the filters (400 naming journeyId) before anything else reads the journey.
  const [stageScores, touchpointScores, brandScores, latestFailures] = await Promise.all([
    auditScores(db, workspaceId, 'stage', filters),
    auditScores(db, workspaceId, 'touchpoint', filters),
    auditScores(db, workspaceId, 'brand', filters),
    latestAuditFailures(db, workspaceId, filters),
  ]);
  const tree = stores.tree ?? (await loadTouchpointTree(db, workspaceId));
  const [{ brands, brandOfTouchpoint }, standardFacts, journeyFacts] = await Promise.all([
    loadBrandFacts(db, workspaceId),
    loadStandardFacts(db, tree, workspaceId),
    options.journeyId === undefined
      ? Promise.resolve([])
      : loadJourneyFacts(db, tree, workspaceId, options.journeyId),
  ]);
  const journey = journeyFacts[0] ?? null;

  const touchpointList = [...tree.touchpoints.values()];
  const [feedback, compliance] = await Promise.all([
    touchpointList.length === 0
      ? null
      : sentiment(events, {
          workspaceId,
          from,
          to,
          touchpoints: touchpointList.map((t) => ({ id: t.id, stage: t.stage, channel: t.channel })),
        }),
    standardFacts.length === 0
      ? null
      : standardsCompliance(
          events,
          {
            workspaceId,
            from,
            to,
            standards: standardFacts.map(
              ({ name: _name, touchpointId: _touchpointId, ...standard }) => standard,
            ),
          },
          { db, now },
        ),
  ]);
  const summaryOf = new Map<string, SentimentSummary>(
    (feedback?.touchpoints ?? []).map((row) => [row.touchpointId, row]),
  );
  const standardsOf = new Map<string, { passed: boolean }[]>();
  for (const [i, result] of (compliance?.standards ?? []).entries()) {
    const touchpointId = standardFacts[i]?.touchpointId;
    if (touchpointId === undefined || result.measured === 0 || result.passed === null) continue;
    const list = standardsOf.get(touchpointId) ?? [];
    list.push({ passed: result.passed });
    standardsOf.set(touchpointId, list);
  }

  /** Measured figures over a set of touchpoints, or null when none of them has data. */
  const measuredFor = (touchpointIds: Iterable<string>): MeasuredFigures | null => {
    const sum = {
      standards: 0,
      standardsPassing: 0,
      interactions: 0,
      rated: 0,
      negative: 0,
      csatAnswers: 0,
      satisfied: 0,
      npsAnswers: 0,
      promoters: 0,
      detractors: 0,
    };
    for (const id of new Set(touchpointIds)) {
      for (const s of standardsOf.get(id) ?? []) {
        sum.standards++;
        if (s.passed) sum.standardsPassing++;
      }
      const row = summaryOf.get(id);
      if (!row) continue;
      sum.interactions += row.interactions;
      sum.rated += row.sentiment.rated;
      sum.negative += row.sentiment.negative;
      sum.csatAnswers += row.feedback.csat.answers;
      sum.satisfied += row.feedback.csat.satisfied;
      sum.npsAnswers += row.feedback.nps.answers;
      sum.promoters += row.feedback.nps.promoters;
      sum.detractors += row.feedback.nps.detractors;
    }
    if (sum.standards === 0 && sum.interactions === 0 && sum.csatAnswers === 0 && sum.npsAnswers === 0)
      return null;
    const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
    return {
      standards: sum.standards,
      standardsPassing: sum.standardsPassing,
      compliance: ratio(sum.standardsPassing, sum.standards),
      interactions: sum.interactions,
      rated: sum.rated,
      negativeShare: ratio(sum.negative, sum.rated),
      csatAnswers: sum.csatAnswers,
      csat: ratio(sum.satisfied, sum.csatAnswers),
      npsAnswers: sum.npsAnswers,
      nps: ratio((sum.promoters - sum.detractors) * 100, sum.npsAnswers),
    };
  };

  const figureOf = (row: AuditScoreRow | undefined) =>
    row ? { score: row.score, passRate: row.passRate, audits: row.audits, answers: row.answers } : null;
  const touchpointsOfBrand = (brandId: string, stageKeys?: ReadonlySet<string>) =>
    touchpointList
      .filter(
        (t) =>
          brandOfTouchpoint.get(t.id) === brandId &&
          (stageKeys === undefined || (t.stage !== null && stageKeys.has(t.stage))),
      )
      .map((t) => t.id);

  // Stages: the journey's in its order, else the default ones; then any other key audits used.
  const stageOrder: { key: string; name: string }[] = journey
    ? journey.stages.map((s) => ({ key: s.key, name: s.name }))
    : DEFAULT_STAGES.map((s) => ({ key: s.key, name: s.name }));
  for (const row of stageScores.rows)
    if (row.stageKey !== null && !stageOrder.some((s) => s.key === row.stageKey))
      stageOrder.push({ key: row.stageKey, name: row.stageName ?? row.stageKey });
  const journeyStageKeys = journey ? new Set(stageOrder.map((s) => s.key)) : undefined;

  const stagesOut = stageOrder
    .map(({ key, name }) => ({
      stageKey: key,
      stageName: name,
      brands: brands.map(
        (brand): BrandCell => ({
          brandId: brand.id,
          audit: figureOf(stageScores.rows.find((r) => r.brandId === brand.id && r.stageKey === key)),
          measured: measuredFor(touchpointsOfBrand(brand.id, new Set([key]))),
        }),
      ),
    }))
    .filter((stage) => journey !== null || stage.brands.some((c) => c.audit !== null || c.measured !== null));

  const stageRank = new Map(stageOrder.map((s, i) => [s.key, i]));
  const audited = [...new Set(touchpointScores.rows.map((r) => r.touchpointId ?? ''))].filter(
    (id) => id !== '',
  );
  const touchpointsOut = audited
    .map((touchpointId) => {
      const fact = tree.touchpoints.get(touchpointId);
      const touchpointBrandId = brandOfTouchpoint.get(touchpointId) ?? '';
      const rows = touchpointScores.rows.filter((r) => r.touchpointId === touchpointId);
      return {
        touchpointId,
        touchpointName: fact?.name ?? rows[0]?.touchpointName ?? '',
        touchpointBrandId,
        stageKey: fact?.stage ?? null,
        brands: brands.map(
          (brand): BrandCell => ({
            brandId: brand.id,
            audit: figureOf(rows.find((r) => r.brandId === brand.id)),
            measured: brand.id === touchpointBrandId ? measuredFor(tree.descendantsOf(touchpointId)) : null,
          }),
        ),
      };
    })
    .sort(
      (a, b) =>
        (stageRank.get(a.stageKey ?? '') ?? 1e6) - (stageRank.get(b.stageKey ?? '') ?? 1e6) ||
        a.touchpointName.localeCompare(b.touchpointName) ||
        a.touchpointId.localeCompare(b.touchpointId),
    );

  const own = brands.find((b) => b.isOwn);
  const beats: Beat[] = [];
  const compare = (
    cells: readonly BrandCell[],
    where: Pick<Beat, 'level' | 'stageKey' | 'stageName' | 'touchpointId' | 'touchpointName'>,
  ) => {
    const ours = cells.find((c) => c.brandId === own?.id)?.audit;
    if (!ours) return;
    for (const cell of cells) {
      const brand = brands.find((b) => b.id === cell.brandId);
      if (!brand || brand.isOwn || !cell.audit || cell.audit.score <= ours.score + EPSILON) continue;
      beats.push({
        ...where,
        brandId: brand.id,
        brandName: brand.name,
        score: cell.audit.score,
        audits: cell.audit.audits,
        answers: cell.audit.answers,
        ownScore: ours.score,
        ownAudits: ours.audits,
        ownAnswers: ours.answers,
        gap: cell.audit.score - ours.score,
      });
    }
  };
  for (const stage of stagesOut)
    compare(stage.brands, {
      level: 'stage',
      stageKey: stage.stageKey,
      stageName: stage.stageName,
      touchpointId: null,
      touchpointName: null,
    });
  for (const row of touchpointsOut)
    compare(row.brands, {
      level: 'touchpoint',
      stageKey: row.stageKey,
      stageName: stageOrder.find((s) => s.key === row.stageKey)?.name ?? null,
      touchpointId: row.touchpointId,
      touchpointName: row.touchpointName,
    });
  beats.sort(
    (a, b) =>
      b.gap - a.gap ||
      (a.level === b.level ? 0 : a.level === 'stage' ? -1 : 1) ||
      a.brandName.localeCompare(b.brandName) ||
      (a.stageName ?? a.touchpointName ?? '').localeCompare(b.stageName ?? b.touchpointName ?? ''),
  );

  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    journey: journey ? { id: journey.id, name: journey.name } : null,
    brands,
    overall: brands.map((brand) => ({
      brandId: brand.id,
      audit: figureOf(brandScores.rows.find((r) => r.brandId === brand.id)),
      measured: measuredFor(touchpointsOfBrand(brand.id, journeyStageKeys)),
    })),
    stages: stagesOut,
    touchpoints: touchpointsOut,
    beats,
    latestFailures,
  };
}
