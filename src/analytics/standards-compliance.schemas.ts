/** Input and result of standards compliance (SPEC §7.6). */
import { z } from 'zod';
import { checkStandard } from '../domain/standard-rules.js';
import { COMPARATORS, STANDARD_METRICS } from '../domain/vocabulary.js';
import { analysisScopeFields, isPeriodValid, periodIssue, ZTouchpointIds } from './analysis-scope.js';

/** As many standards as one request may check. */
export const MAX_STANDARDS = 1_000;

export const ZStandardToCheck = z
  .strictObject({
    id: z.string().min(1).max(128),
    touchpointIds: ZTouchpointIds.describe("the standard's touchpoint and all of its descendants"),
    metric: z.enum(STANDARD_METRICS),
    prop: z.string().max(64).nullable().default(null).describe('for metric prop: the numeric property'),
    comparator: z.enum(COMPARATORS).describe('lte: value ≤ target meets it; gte: value ≥ target'),
    target: z.number(),
    requiredShare: z.number().min(0).max(1).default(0.9),
  })
  .superRefine((standard, ctx) => {
    for (const issue of checkStandard(standard)) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    }
  });

export const ZStandardsComplianceInput = z
  .strictObject({
    ...analysisScopeFields,
    standards: z.array(ZStandardToCheck).max(MAX_STANDARDS),
  })
  .refine(isPeriodValid, periodIssue);
export type StandardsComplianceInput = z.input<typeof ZStandardsComplianceInput>;

const ZMeasure = {
  measured: z
    .number()
    .int()
    .describe(
      'interactions with the metric present (for csat / nps / ces: answers of that kind; negative_share: interactions with a sentiment; complaint and review times: complaints received / reviews posted in the period whose time is known or already past the target)',
    ),
  meeting: z
    .number()
    .int()
    .nullable()
    .describe(
      'interactions meeting the target; null for the aggregate metrics csat, nps, ces, negative_share',
    ),
  shareMeeting: z
    .number()
    .nullable()
    .describe('meeting / measured; null for aggregate metrics or when measured = 0'),
  value: z
    .number()
    .nullable()
    .describe(
      'aggregate metrics only: csat mean 1…5, nps −100…100, ces mean 1…7, negative_share 0…1; null otherwise or when measured = 0',
    ),
  passed: z
    .boolean()
    .nullable()
    .describe(
      'shareMeeting ≥ requiredShare, or for aggregate metrics value compared to target; null when measured = 0',
    ),
};

export const ZStandardWeek = z.object({
  weekStart: z.number().int().describe('Monday 00:00 UTC starting the ISO week (epoch ms)'),
  week: z.string().describe('ISO week, e.g. 2024-W01'),
  ...ZMeasure,
});
export type StandardWeek = z.infer<typeof ZStandardWeek>;

export const ZStandardCompliance = z.object({
  standardId: z.string(),
  metric: z.enum(STANDARD_METRICS),
  prop: z.string().nullable(),
  comparator: z.enum(COMPARATORS),
  target: z.number(),
  requiredShare: z.number(),
  ...ZMeasure,
  p50: z
    .number()
    .nullable()
    .describe(
      'median of the metric (linear interpolation between closest ranks); null for aggregate metrics',
    ),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
  weeks: z.array(ZStandardWeek).describe('weeks (of the period) with measured data, in order'),
});
export type StandardCompliance = z.infer<typeof ZStandardCompliance>;

export const ZStandardsCompliance = z.object({ standards: z.array(ZStandardCompliance) });
export type StandardsCompliance = z.infer<typeof ZStandardsCompliance>;
