import { z } from 'zod';
import { FEEDBACK_ROW_KINDS, FEEDBACK_SOURCES } from '../domain/survey-model.js';
import { ZTimestamp } from './common.schemas.js';
import { ZComplaint } from './complaints.schemas.js';
import { ZReview } from './reviews.schemas.js';
import { ZSurveyContact } from './surveys.schemas.js';

/** Most customer keys one erasure request takes (a deletion-request batch; send more in several). */
export const MAX_ERASE_KEYS = 10_000;
/** As long as ingestion accepts a customer key. */
export const MAX_CUSTOMER_KEY = 256;

const ZCustomerKey = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(MAX_CUSTOMER_KEY, `must be at most ${MAX_CUSTOMER_KEY} characters`);

export const ZCustomerExportRequest = z.strictObject({
  customer: ZCustomerKey.describe('the customer key, exactly as it was ingested'),
});

export const ZCustomerEraseRequest = z.strictObject({
  customers: z
    .array(ZCustomerKey, { error: 'must be a list of customer keys' })
    .min(1, 'give at least one customer key')
    .max(MAX_ERASE_KEYS, `must hold at most ${MAX_ERASE_KEYS} keys; send more in several requests`)
    .describe(`the customer keys to erase (1–${MAX_ERASE_KEYS}), exactly as ingested; repeats count once`),
});

export const ZErasureResult = z.object({
  customers: z.number().int().describe('distinct customer keys erased (stored or not)'),
  interactions: z.number().int().describe('interactions deleted'),
  feedback: z.number().int().describe('feedback answers deleted'),
  quarantined: z.number().int().describe('quarantined records deleted'),
  complaints: z.number().int().describe('complaints deleted, with their history'),
  reviews: z.number().int().describe('reviews deleted (by customer key or as their author)'),
  surveyContacts: z.number().int().describe('survey contact details deleted'),
});

const ZInteractionOut = z.object({
  id: z.string(),
  touchpointId: z.string(),
  at: ZTimestamp,
  direction: z.enum(['in', 'out']),
  sentiment: z.number().int().nullable(),
  outcome: z.enum(['converted', 'lost', 'complaint']).nullable(),
  value: z.number().nullable(),
  responseMs: z.number().nullable(),
  waitMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  props: z.record(z.string(), z.unknown()).nullable(),
});

const ZFeedbackOut = z.object({
  id: z.string(),
  touchpointId: z.string(),
  at: ZTimestamp,
  kind: z.enum(FEEDBACK_ROW_KINDS),
  score: z.number(),
  comment: z.string().nullable(),
  surveyId: z.string().nullish(),
  question: z.string().nullish(),
  source: z.enum(FEEDBACK_SOURCES).nullish(),
  language: z.string().nullish(),
  choice: z.string().nullish(),
});

const ZQuarantinedOut = z.object({
  kind: z.enum(['interaction', 'feedback']),
  id: z.string(),
  touchpointKey: z.string().describe('the touchpoint key not (yet) in the catalog'),
  at: ZTimestamp,
  record: z.record(z.string(), z.unknown()).describe('the rest of the record as validated'),
});

export const ZCustomerExport = z.object({
  workspaceId: z.string(),
  customer: z.string(),
  exportedAt: ZTimestamp,
  interactions: z.array(ZInteractionOut).describe('oldest first'),
  feedback: z.array(ZFeedbackOut).describe('oldest first'),
  quarantined: z.array(ZQuarantinedOut).describe('records waiting for their touchpoint key, oldest first'),
  complaints: z.array(ZComplaint).describe('complaints under the customer key, oldest first'),
  reviews: z.array(ZReview).describe('reviews under the customer key or by it as author, oldest first'),
  surveyContacts: z.array(ZSurveyContact).describe('contact details given with survey answers, oldest first'),
});
