/**
 * The records clients send (SPEC §5–§6), validated one by one: a bad record is rejected with
 * its index, field and reason while the rest of the batch goes on. Field names are those of the
 * API (`response_ms`, not `responseMs`). Pure: no I/O.
 */
import { z } from 'zod';
import { isNestedDeeper, MAX_PROPS_DEPTH, nestingMessage } from '../domain/json-nesting.js';
import { FEEDBACK_SOURCES, LANGUAGES } from '../domain/survey-model.js';
import { SLUG_PATTERN } from '../domain/vocabulary.js';

/** Most records one request may carry. */
export const MAX_BATCH = 10_000;
export const MAX_PROPS_BYTES = 8 * 1024;
export { MAX_PROPS_DEPTH };
export const PROPS_DEPTH_MESSAGE = nestingMessage(MAX_PROPS_DEPTH);

export const OUTCOMES = ['converted', 'lost', 'complaint'] as const;
export const FEEDBACK_KINDS = ['csat', 'nps', 'ces'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Score range of each survey kind (whole numbers). */
export const SCORE_RANGES: Record<FeedbackKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/** One refused record of a batch. */
export interface Rejection {
  index: number;
  field: string;
  message: string;
}

// 0000-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z: what a four-digit ISO year can name.
export const MIN_AT = -62_167_219_200_000;
export const MAX_AT = 253_402_300_799_999;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Epoch milliseconds of an ISO-8601 date-time with an offset (`Z` or `±hh:mm`) or of a whole
 * number of epoch milliseconds; null for anything else, including impossible dates (Feb 30).
 */
export function parseAt(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= MIN_AT && value <= MAX_AT ? value : null;
  }
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 to the 1900s.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)));
  // An impossible day (Feb 30) rolls over into the next month: refuse it.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day)
    return null;
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMins = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const at = local.getTime() - offsetMinutes * 60_000;
  return at >= MIN_AT && at <= MAX_AT ? at : null;
}

const ZAt = z.unknown().transform((value, ctx) => {
  const at = parseAt(value);
  if (at === null) {
    ctx.addIssue({
      code: 'custom',
      message:
        value === undefined
          ? 'is required'
          : 'must be an ISO-8601 date-time with offset (2024-05-01T09:30:00+02:00) or epoch milliseconds',
    });
    return z.NEVER;
  }
  return at;
});

/** A type error message that says "is required" when the field is missing. */
function expected(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) };
}

const ZRecordId = z
  .string(expected('must be a string'))
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');
const ZCustomer = z
  .string(expected('must be a string'))
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters');
const ZTouchpointKey = z
  .string(expected('must be a touchpoint key (string)'))
  .regex(SLUG_PATTERN, 'must be a touchpoint key: lowercase letters, digits, _ - . (≤ 128)');
const ZMilliseconds = z.number({ error: 'must be a number of milliseconds' }).min(0, 'must not be negative');

const ZProps = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .transform((props, ctx) => {
    if (isNestedDeeper(props, MAX_PROPS_DEPTH)) {
      ctx.addIssue({ code: 'custom', message: PROPS_DEPTH_MESSAGE });
      return z.NEVER;
    }
    const text = JSON.stringify(props);
    if (Buffer.byteLength(text) > MAX_PROPS_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_PROPS_BYTES} bytes as JSON` });
      return z.NEVER;
    }
    return text;
  });

/**
 * One interaction as sent: SPEC §5. Absent optional fields may also be null. The definition of a
 * valid interaction: ingestion runs the hand-written equivalent in validate-interactions.ts, which
 * its test holds to exactly this schema's outcome.
 */
export const ZInteractionRecord = z.strictObject({
  id: ZRecordId.nullish(),
  customer: ZCustomer,
  touchpoint: ZTouchpointKey,
  at: ZAt,
  direction: z.enum(['in', 'out'], { error: 'must be in or out' }).nullish(),
  sentiment: z.union([z.literal(-1), z.literal(0), z.literal(1)], { error: 'must be -1, 0 or 1' }).nullish(),
  outcome: z.enum(OUTCOMES, { error: 'must be converted, lost or complaint' }).nullish(),
  value: z.number({ error: 'must be a number' }).nullish(),
  response_ms: ZMilliseconds.nullish(),
  wait_ms: ZMilliseconds.nullish(),
  duration_ms: ZMilliseconds.nullish(),
  props: ZProps.nullish(),
});
export type InteractionRecord = z.output<typeof ZInteractionRecord>;

/** One survey answer as sent: SPEC §6. */
export const ZFeedbackRecord = z
  .strictObject({
    id: ZRecordId.nullish(),
    touchpoint: ZTouchpointKey,
    customer: ZCustomer.nullish(),
    at: ZAt,
    kind: z.enum(FEEDBACK_KINDS, expected('must be csat, nps or ces')),
    score: z.number(expected('must be a number')).int('must be a whole number'),
    comment: z.string({ error: 'must be a string' }).max(2000, 'must be at most 2000 characters').nullish(),
    /** Where the answer was given; answers sent by API or file default to `import`. */
    source: z.enum(FEEDBACK_SOURCES, expected(`must be one of ${FEEDBACK_SOURCES.join(', ')}`)).nullish(),
    language: z.enum(LANGUAGES, expected(`must be one of ${LANGUAGES.join(', ')}`)).nullish(),
  })
  .superRefine((answer, ctx) => {
    const range = SCORE_RANGES[answer.kind];
    if (answer.score < range.min || answer.score > range.max)
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `must be ${range.min}…${range.max} for ${answer.kind}`,
      });
  });
export type FeedbackRecord = z.output<typeof ZFeedbackRecord>;

/** The first reason a record was refused, with the field it concerns (`''` for the record itself). */
function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'is invalid' };
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return { field: [path, issue.keys[0]].filter(Boolean).join('.'), message: 'unknown field' };
  }
  if (path === '' && issue.code === 'invalid_type') return { field: '', message: 'must be an object' };
  return { field: path, message: issue.message };
}

/** Validates each record on its own: the valid ones with their index, and one rejection per invalid one. */
export function validateRecords<T>(
  schema: z.ZodType<T>,
  records: readonly unknown[],
): { valid: { index: number; record: T }[]; rejected: Rejection[] } {
  const valid: { index: number; record: T }[] = [];
  const rejected: Rejection[] = [];
  records.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ index, record: parsed.data });
    else rejected.push({ index, ...firstIssue(parsed.error) });
  });
  return { valid, rejected };
}
