/** Query parameters and answers of the audit roll-ups and the competitor benchmark. */
import { z } from 'zod';
import { AUDIT_SCORE_LEVELS } from '../store/catalog/audit-scores.js';
import { ZInstant } from './analytics.schemas.js';
import { ZId } from './common.schemas.js';

export {
  ZAuditScores,
  ZCompetitorBenchmark,
} from '../analytics/competitor-benchmark.schemas.js';

const period = {
  from: ZInstant.optional().describe(
    'start, inclusive: 2024-05-01 (midnight UTC), 2024-05-01T09:30:00+02:00 or epoch ms; an audit dated D counts when from ≤ D 00:00 UTC < to',
  ),
  to: ZInstant.optional().describe('end, exclusive, same formats'),
};

export const ZAuditScoresQuery = z.strictObject({
  level: z
    .enum(AUDIT_SCORE_LEVELS)
    .default('brand')
    .describe('what the scores roll up to, per brand: criterion, touchpoint, stage, journey or brand'),
  brandId: ZId.optional().describe('only audits of this brand'),
  checklistId: ZId.optional().describe('only audits of this checklist'),
  journeyId: ZId.optional().describe('only audits of checklists on this journey'),
  ...period,
});

export const ZBenchmarkQuery = z.strictObject({
  journeyId: ZId.optional().describe(
    'only audits of checklists on this journey, and its stages; default: the whole workspace',
  ),
  from: period.from.describe(`${period.from.description ?? ''}; default: all time`),
  to: period.to.describe('end, exclusive, same formats; default: now'),
});
