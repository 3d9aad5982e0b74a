import { z } from 'zod';
import { MAX_BATCH, MAX_PROPS_BYTES, MAX_PROPS_DEPTH } from '../ingest/records.js';
import { ZId, ZKey, ZTimestamp } from './common.schemas.js';
import { ZTouchpoint, ZTouchpointCreate } from './touchpoints.schemas.js';

// Records are validated one by one inside the ingest functions, so the body schema only checks
// the batch: one bad record must not refuse the others.
export const ZInteractionBatch = z.strictObject({
  interactions: z
    .array(z.unknown(), { error: 'must be an array of interactions' })
    .describe(
      `up to ${MAX_BATCH} interactions: { id? (≤ 128 chars, the idempotency key; generated when absent, ` +
        'and then a re-sent record is stored again), customer (≤ 256), touchpoint (key), ' +
        'at (ISO-8601 with offset, or epoch ms), direction? (in|out; default: the touchpoint’s, both → in), ' +
        'sentiment? (-1|0|1), outcome? (converted|lost|complaint), value?, response_ms?, wait_ms?, ' +
        `duration_ms?, props? (JSON object ≤ ${MAX_PROPS_BYTES} bytes, nested ≤ ${MAX_PROPS_DEPTH} levels) }`,
    ),
});

export const ZFeedbackBatch = z.strictObject({
  answers: z
    .array(z.unknown(), { error: 'must be an array of answers' })
    .describe(
      `up to ${MAX_BATCH} answers: { id?, touchpoint (key), customer?, at, kind (csat|nps|ces), ` +
        'score (whole number: csat 1–5, nps 0–10, ces 1–7), comment? (≤ 2000) }',
    ),
});

export const ZIngestResult = z.object({
  accepted: z.number().int().describe('records newly stored'),
  duplicates: z.number().int().describe('records whose id was already stored or quarantined: ignored'),
  quarantined: z.number().int().describe('records for an unknown touchpoint key, kept until it is mapped'),
  rejected: z
    .array(z.object({ index: z.number().int(), field: z.string(), message: z.string() }))
    .describe('invalid records: position in the batch, field at fault (empty: the record), reason'),
});

export const ZUnmappedTouchpoint = z.object({
  touchpointKey: z.string(),
  count: z.number().int(),
  firstSeen: ZTimestamp.describe('time of the earliest waiting record'),
  lastSeen: ZTimestamp.describe('time of the latest waiting record'),
  touchpointId: z
    .string()
    .nullable()
    .describe('the touchpoint the key resolves to now, if any: map the key to it to replay'),
});

export const ZMapUnmapped = z
  .strictObject({
    touchpointKey: ZKey,
    touchpointId: ZId.optional().describe('an existing touchpoint; a different key becomes its alias'),
    create: ZTouchpointCreate.omit({ key: true })
      .optional()
      .describe('a new touchpoint with the key touchpointKey'),
  })
  .refine((body) => (body.touchpointId === undefined) !== (body.create === undefined), {
    message: 'give either touchpointId or create',
    path: ['touchpointId'],
  });

const ZReplayed = z.object({ accepted: z.number().int(), duplicates: z.number().int() });

export const ZMapUnmappedResult = z.object({
  touchpoint: ZTouchpoint,
  created: z.boolean(),
  aliased: z.boolean().describe('later records with this key go to the touchpoint too'),
  replayed: z.object({ interactions: ZReplayed, feedback: ZReplayed }),
});
