/**
 * Reviews from rating sites (issue 16 §3): the API contract. Routes, all under
 * /api/workspaces/{workspaceId}:
 * - GET  /reviews          list (paging, sort, filters: touchpoint, site, score, replied, search, period) — read
 * - GET  /reviews/summary  figures in all and per site (count, mean score, positive/negative, reply times) — read
 * - POST /reviews/import   import a CSV file (a JSON body with the text, or the file itself as text/csv
 *                          with the options in the query); `dryRun` previews it — ingest (editor, or
 *                          an API token with scope ingest)
 */
import { z } from 'zod';
import { DEFAULT_COMPLAINT_THRESHOLD, MAX_RATING_MAX, REVIEW_FIELDS } from '../domain/review-rules.js';
import { ZId, ZPageQuery, ZQueryBool, ZQueryList, ZTimestamp } from './common.schemas.js';

const REVIEW_SORTS = ['postedAt', 'score', 'site', 'replyAt'] as const;

const ZIsoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

const ZScoreBound = z.coerce
  .number({ error: 'must be a number' })
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

const reviewFilterFields = {
  touchpointId: ZId.optional().describe('reviews of this touchpoint'),
  site: z.string().min(1).max(100).optional().describe('reviews from this site'),
  minScore: ZScoreBound.optional().describe('score (rating / its maximum) at least this, 0…1'),
  maxScore: ZScoreBound.optional().describe('score at most this, 0…1'),
  replied: ZQueryBool.optional().describe('true: answered reviews; false: unanswered ones'),
  q: z.string().max(200).optional().describe('text, author or reply containing this'),
  from: ZIsoDateTime.optional().describe('posted at or after'),
  to: ZIsoDateTime.optional().describe('posted before'),
};

export const ZReviewQuery = z.strictObject({
  ...ZPageQuery,
  sort: z
    .enum(REVIEW_SORTS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]])
    .default('-postedAt')
    .describe(`order by ${REVIEW_SORTS.join(', ')}; prefix with - for descending (default -postedAt)`),
  ...reviewFilterFields,
});

export const ZReviewSummaryQuery = z.strictObject(reviewFilterFields);

export const ZReview = z
  .object({
    id: z.string(),
    touchpointId: z.string(),
    sourceSite: z.string(),
    externalId: z
      .string()
      .describe("the site's id of the review, or h:<hash of site, author, date and text>"),
    author: z.string().nullable(),
    customer: z.string().nullable().describe('the customer key, when the file names one'),
    rating: z.number(),
    ratingMax: z.number(),
    score: z.number().describe('rating / ratingMax, 0…1'),
    text: z.string(),
    postedAt: ZTimestamp,
    reply: z.string().nullable(),
    replyAt: ZTimestamp.nullable(),
    replyMs: z.number().nullable().describe('time from the review to its reply; null without a reply date'),
    importedAt: ZTimestamp,
  })
  .describe('Review');

const ZShare = z.number().nullable();

export const ZReviewFigures = z.object({
  reviews: z.number().int(),
  meanScore: ZShare.describe('mean score 0…1; null without reviews'),
  meanOutOfFive: z.number().nullable().describe('the mean score on a five-star scale'),
  positive: z.number().int().describe('reviews scoring at least 0.8'),
  negative: z.number().int().describe('reviews scoring at most 0.4'),
  positiveShare: ZShare,
  negativeShare: ZShare,
  replied: z.number().int(),
  repliedShare: ZShare,
  meanReplyMs: z.number().nullable().describe('mean time to reply, of replies with a date'),
  medianReplyMs: z.number().nullable(),
});

export const ZReviewSummary = z.object({
  overall: ZReviewFigures,
  sites: z.array(ZReviewFigures.extend({ site: z.string() })).describe('per site, most reviews first'),
});

const fieldList = REVIEW_FIELDS.join(', ');

const ZMapping = z
  .record(z.string(), z.string().max(200).nullable())
  .describe(
    `field → the column that feeds it (fields: ${fieldList}); null or "" feeds the field from no column. ` +
      'Fields left out are fed by the column of the same or a usual name (Stars → rating, Reviewer → author…)',
  );

const ZThreshold = z
  .number({ error: 'must be a number' })
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1')
  .nullable()
  .describe(
    `a review whose score (0…1) is at most this opens a complaint; null opens none (default ${DEFAULT_COMPLAINT_THRESHOLD})`,
  );

const importOptionFields = {
  touchpoint: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .optional()
    .describe('the touchpoint key of every review of the file (instead of a touchpoint column)'),
  site: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .optional()
    .describe('the site every review comes from, e.g. Google (instead of a site column)'),
  fileName: z.string().max(300).optional().describe("the file's name, for the audit log"),
};

export const ZReviewImportBody = z.strictObject({
  csv: z
    .string({ error: 'must be the text of the CSV file' })
    .min(1, 'must not be empty')
    .describe('the CSV file (UTF-8 text): a header row, then one review a row'),
  map: ZMapping.optional(),
  ...importOptionFields,
  ratingMax: z
    .number({ error: 'must be a number' })
    .gt(0, `must be above 0 and at most ${MAX_RATING_MAX}`)
    .max(MAX_RATING_MAX, `must be above 0 and at most ${MAX_RATING_MAX}`)
    .optional()
    .describe('the rating maximum of every review, e.g. 5 (instead of a rating_max column)'),
  complaintThreshold: ZThreshold.optional(),
  dryRun: z.boolean().optional().describe('read and check the file, store nothing (the preview)'),
});

/** The same options in the query, for a text/csv body. */
export const ZReviewImportQuery = z.strictObject({
  map: ZQueryList.optional().describe(
    'field=column entries, comma-separated or repeated: rating=Stars,date=When',
  ),
  ...importOptionFields,
  ratingMax: z.coerce
    .number({ error: 'must be a number' })
    .gt(0, `must be above 0 and at most ${MAX_RATING_MAX}`)
    .max(MAX_RATING_MAX, `must be above 0 and at most ${MAX_RATING_MAX}`)
    .optional(),
  complaintThreshold: z
    .union([
      z.literal('none'),
      z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
    ])
    .optional()
    .describe('a score 0…1, or none'),
  dryRun: ZQueryBool.optional(),
});

export const ZRowError = z.object({
  row: z.number().int().describe('1 = the first row after the header'),
  field: z.string(),
  reason: z.string(),
});

export const ZReviewImportResult = z.object({
  columns: z.array(z.string()).describe("the columns of the file's header"),
  mapping: z.record(z.string(), z.string()).describe('field → column, as applied'),
  issues: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe('problems with the mapping or the options (a dry run only; an import answers 400)'),
  rows: z.number().int(),
  accepted: z.number().int().describe('rows read into a review'),
  inserted: z.number().int(),
  updated: z.number().int().describe('stored reviews that took a reply'),
  unchanged: z.number().int(),
  rejected: z.array(ZRowError).describe('refused rows, in row order'),
  complaints: z.number().int().describe('complaints opened'),
  sample: z
    .array(
      z.object({
        row: z.number().int(),
        touchpoint: z.string(),
        site: z.string(),
        externalId: z.string(),
        author: z.string().nullable(),
        rating: z.number(),
        ratingMax: z.number(),
        score: z.number(),
        postedAt: ZTimestamp,
        text: z.string(),
        reply: z.string().nullable(),
        replyAt: ZTimestamp.nullable(),
      }),
    )
    .describe('the first reviews read'),
  dryRun: z.boolean(),
});
