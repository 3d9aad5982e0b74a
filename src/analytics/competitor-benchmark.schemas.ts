/**
 * What the audit roll-ups (store/catalog/audit-scores.ts) and the competitor benchmark
 * (competitor-benchmark.ts) answer: the API's response schemas, and the types the web app infers.
 */
import { z } from 'zod';
import { AUDIT_SCORE_LEVELS } from '../store/catalog/audit-scores.js';
import { ZPeriod } from './workspace-analytics.schemas.js';

const ZShare = z.number().min(0).max(1);

export const ZScoreFigure = z.object({
  score: ZShare.describe('weighted mean of the answers’ scores (0…1; weights: the criteria’s)'),
  passRate: ZShare.describe('share of the answers that pass (score ≥ 0.75), unweighted'),
  audits: z.number().int().describe('submitted audits behind the figure'),
  answers: z.number().int().describe('scored answers behind the figure (skipped ones do not count)'),
});

export const ZAuditScoreRow = ZScoreFigure.extend({
  brandId: z.string(),
  brandName: z.string(),
  isOwn: z.boolean(),
  criterionId: z.string().nullable().describe('level criterion: the criterion'),
  criterionText: z.string().nullable(),
  checklistId: z.string().nullable().describe('level criterion: its checklist'),
  touchpointId: z.string().nullable().describe('level touchpoint (and criterion): the touchpoint checked'),
  touchpointName: z.string().nullable(),
  stageKey: z
    .string()
    .nullable()
    .describe('level stage (and criterion): the criterion’s stage, else its touchpoint’s'),
  stageName: z.string().nullable(),
  journeyId: z.string().nullable().describe('level journey: the checklist’s journey'),
  journeyName: z.string().nullable(),
});

export const ZAuditScores = z.object({
  level: z.enum(AUDIT_SCORE_LEVELS),
  rows: z
    .array(ZAuditScoreRow)
    .describe('one row per brand × object of the level that has scored answers; own brand first'),
});
export type AuditScoresResult = z.infer<typeof ZAuditScores>;

export const ZFailedCriterion = z.object({
  criterionId: z.string(),
  criterionText: z.string(),
  touchpointId: z.string().nullable(),
  touchpointName: z.string().nullable(),
  stageKey: z.string().nullable(),
  value: z.number().describe('the raw answer (1/0, 1–5 or the measured number)'),
  score: ZShare,
  weight: z.number(),
  note: z.string(),
});

export const ZLatestAuditFailures = z.object({
  brandId: z.string(),
  brandName: z.string(),
  isOwn: z.boolean(),
  auditId: z.string(),
  auditDate: z.string().describe('YYYY-MM-DD'),
  checklistId: z.string(),
  checklistName: z.string(),
  score: ZShare.nullable().describe('the audit’s weighted score; null when every answer was skipped'),
  answers: z.number().int(),
  failed: z.array(ZFailedCriterion).describe('criteria scored below 0.75, in checklist order'),
});

export const ZMeasuredFigures = z
  .object({
    standards: z.number().int().describe('standards of these touchpoints with measured data in the period'),
    standardsPassing: z.number().int(),
    compliance: ZShare.nullable().describe('standardsPassing / standards; null without measured standards'),
    interactions: z.number().int(),
    rated: z.number().int().describe('interactions with a sentiment'),
    negativeShare: ZShare.nullable().describe('negative / rated; null when rated = 0'),
    csatAnswers: z.number().int(),
    csat: ZShare.nullable().describe('share of CSAT answers 4–5; null without answers'),
    npsAnswers: z.number().int(),
    nps: z.number().nullable().describe('% promoters − % detractors; null without answers'),
  })
  .describe('measured at the brand’s own touchpoints of the group, from the event store');
export type MeasuredFigures = z.infer<typeof ZMeasuredFigures>;

export const ZBrandCell = z.object({
  brandId: z.string(),
  audit: ZScoreFigure.nullable().describe('audit score of the brand; null without scored answers'),
  measured: ZMeasuredFigures.nullable().describe('null when none of the brand’s touchpoints here has data'),
});
export type BrandCell = z.infer<typeof ZBrandCell>;

export const ZBenchmarkBrand = z.object({
  id: z.string(),
  name: z.string(),
  isOwn: z.boolean(),
  website: z.string(),
});

export const ZBeat = z.object({
  level: z.enum(['stage', 'touchpoint']),
  stageKey: z.string().nullable(),
  stageName: z.string().nullable(),
  touchpointId: z.string().nullable(),
  touchpointName: z.string().nullable(),
  brandId: z.string().describe('the competitor'),
  brandName: z.string(),
  score: ZShare.describe('the competitor’s audit score'),
  audits: z.number().int(),
  answers: z.number().int(),
  ownScore: ZShare.describe('the own brand’s audit score of the same stage or touchpoint'),
  ownAudits: z.number().int(),
  ownAnswers: z.number().int(),
  gap: z.number().describe('score − ownScore (> 0)'),
});
export type Beat = z.infer<typeof ZBeat>;

export const ZCompetitorBenchmark = z.object({
  period: ZPeriod,
  journey: z.object({ id: z.string(), name: z.string() }).nullable(),
  brands: z.array(ZBenchmarkBrand).describe('own brand first, then competitors by name'),
  overall: z.array(ZBrandCell).describe('per brand, everything in scope'),
  stages: z.array(
    z.object({
      stageKey: z.string(),
      stageName: z.string(),
      brands: z.array(ZBrandCell).describe('one cell per brand, in the order of brands'),
    }),
  ),
  touchpoints: z.array(
    z.object({
      touchpointId: z.string(),
      touchpointName: z.string(),
      touchpointBrandId: z.string().describe('the brand the touchpoint belongs to'),
      stageKey: z.string().nullable(),
      brands: z.array(ZBrandCell).describe('one cell per brand, in the order of brands'),
    }),
  ),
  beats: z
    .array(ZBeat)
    .describe('where a competitor’s audit score exceeds the own brand’s, largest gap first'),
  latestFailures: z
    .array(ZLatestAuditFailures)
    .describe('each brand’s latest audit and the criteria it failed'),
});
export type CompetitorBenchmark = z.infer<typeof ZCompetitorBenchmark>;
