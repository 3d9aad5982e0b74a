import { z } from 'zod';
import { COMPARATORS, STANDARD_METRICS } from '../domain/vocabulary.js';
import { STANDARD_SORTS } from '../store/catalog/standards.js';
import { ZId, ZName, ZPageQuery, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

const ZMetric = z
  .enum(STANDARD_METRICS)
  .describe(
    'prop: a numeric interaction property, named by `prop`; complaint_first_response_ms, complaint_resolution_ms and review_reply_ms are measured from the complaint register and the imported reviews (lte only; a complaint still waiting past the target fails it); the others are built-in measures of interactions and feedback',
  );
const ZTarget = z
  .number()
  .describe('csat 1…5, nps −100…100, ces 1…7, negative_share 0…1, *_ms ≥ 0 (milliseconds)');
const ZRequiredShare = z
  .number()
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1')
  .describe('share of interactions (0…1) that must meet the target; default 0.9');

export const ZStandard = z.object({
  id: z.string(),
  touchpointId: z.string(),
  name: z.string(),
  metric: z.enum(STANDARD_METRICS),
  prop: z.string().nullable(),
  comparator: z.enum(COMPARATORS),
  target: z.number(),
  requiredShare: z.number(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZStandardCreate = z.strictObject({
  touchpointId: ZId.describe('a touchpoint of the workspace'),
  name: ZName,
  metric: ZMetric,
  prop: z.string().max(64).nullable().optional().describe('only for metric prop: the property name'),
  comparator: z
    .enum(COMPARATORS)
    .optional()
    .describe('lte: at most the target, gte: at least; default lte, gte for csat and nps; required for prop'),
  target: ZTarget,
  requiredShare: ZRequiredShare.optional(),
});

export const ZStandardPatch = z.strictObject({
  version: ZVersion,
  touchpointId: ZId.optional(),
  name: ZName.optional(),
  metric: ZMetric.optional(),
  prop: z.string().max(64).nullable().optional(),
  comparator: z.enum(COMPARATORS).optional(),
  target: ZTarget.optional(),
  requiredShare: ZRequiredShare.optional(),
});

export const ZStandardQuery = z.strictObject({
  ...ZPageQuery,
  touchpointId: ZId.optional(),
  metric: z.enum(STANDARD_METRICS).optional(),
  q: z.string().max(200).optional().describe('text search in the name'),
  sort: zSort(STANDARD_SORTS, 'name'),
});
