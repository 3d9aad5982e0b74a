/**
 * Query parameters of the analytics routes (SPEC §7). The CLI (`touchpoints analyze`) parses its
 * options with the same schemas, so both refuse the same input with the same words.
 */
import { z } from 'zod';
import { ATTRIBUTION_MODELS } from '../analytics/attribution-models.js';
import { MAX_PATH_STEPS } from '../analytics/paths.schemas.js';
import { DEFAULT_STAGE_KEYS } from '../domain/vocabulary.js';
import { parseAt } from '../ingest/records.js';
import { ZId, ZQueryBool, ZQueryList } from './common.schemas.js';

export {
  ZWorkspaceAttribution,
  ZWorkspaceChainConversion,
  ZWorkspaceContactFrequency,
  ZWorkspacePaths,
  ZWorkspaceSentiment,
  ZWorkspaceStandardsCompliance,
  ZWorkspaceTouchesToConversion,
} from '../analytics/workspace-analytics.schemas.js';

const INSTANT_FORMAT =
  'must be an ISO 8601 date (2024-05-01, midnight UTC), a date-time with offset (2024-05-01T09:30:00+02:00) or epoch milliseconds';

/** Epoch ms of a date (midnight UTC), an ISO 8601 date-time with offset, or epoch milliseconds; null otherwise. */
export function parseInstant(value: string): number | null {
  if (/^\d{1,16}$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseAt(`${value}T00:00:00Z`);
  return parseAt(value);
}

/** A moment given in a query: date, date-time with offset, or epoch ms; not before 1970. */
export const ZInstant = z.string().transform((value, ctx) => {
  const at = parseInstant(value.trim());
  if (at === null || at < 0) {
    ctx.addIssue({ code: 'custom', message: at === null ? INSTANT_FORMAT : 'must not be before 1970-01-01' });
    return z.NEVER;
  }
  return at;
});

const PROPS_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** `key:value` pairs (repeated parameter) as a props record. */
const ZSegment = z.union([z.string(), z.array(z.string())]).transform((raw, ctx) => {
  const segment: Record<string, string> = {};
  for (const pair of Array.isArray(raw) ? raw : [raw]) {
    const colon = pair.indexOf(':');
    const key = colon < 0 ? pair : pair.slice(0, colon);
    if (colon < 0 || !PROPS_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${pair}" must be key:value with a props key of letters, digits, _ or - (e.g. plan:pro)`,
      });
      return z.NEVER;
    }
    if (key in segment) {
      ctx.addIssue({ code: 'custom', message: `names "${key}" twice` });
      return z.NEVER;
    }
    segment[key] = pair.slice(colon + 1);
  }
  return segment;
});

/** Period and filters every analysis accepts. */
const scopeQuery = {
  from: ZInstant.optional().describe(
    'start of the period, inclusive: 2024-05-01 (midnight UTC), 2024-05-01T09:30:00+02:00 or epoch ms; default: 30 days before `to`',
  ),
  to: ZInstant.optional().describe('end of the period, exclusive, same formats; default: now'),
  channel: ZQueryList.optional().describe(
    'channel key(s), comma-separated or repeated: only interactions at touchpoints of these channels',
  ),
  stage: ZQueryList.optional().describe(
    `stage key(s), comma-separated or repeated (${DEFAULT_STAGE_KEYS.join(', ')}): only interactions at touchpoints in these stages`,
  ),
  segment: ZSegment.optional().describe(
    '`key:value`, repeatable: only interactions whose props hold these string values (e.g. `plan:pro`)',
  ),
};

const queryInt = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const queryDays = z.coerce
  .number({ error: 'must be a number of days' })
  .positive('must be positive')
  .max(3650, 'must be at most 3650');

const ZTouchpointKeyQuery = z.string().min(1).max(128);

export const ZChainConversionParams = z.strictObject({ workspaceId: ZId, chainId: ZId });

export const ZChainConversionQuery = z.strictObject({
  ...scopeQuery,
  minEntrants: queryInt(1, 1_000_000_000)
    .optional()
    .describe('a transition needs at least this many entrants to be the weak link (default 30)'),
});

export const ZTouchesQuery = z.strictObject({
  ...scopeQuery,
  lookbackDays: queryDays
    .optional()
    .describe('touches counted at most this many days before a conversion (default 90)'),
});

export const ZPathsQuery = z.strictObject({
  ...scopeQuery,
  steps: queryInt(1, MAX_PATH_STEPS).optional().describe('steps kept per path (default 6)'),
  start: ZTouchpointKeyQuery.optional().describe(
    'touchpoint key: paths begin at the first interaction there (or at one of its parts)',
  ),
  end: ZTouchpointKeyQuery.optional().describe(
    'touchpoint key: paths end at the first interaction there (or at one of its parts)',
  ),
  rollUp: ZQueryBool.optional().describe(
    'true: show each part of a composite touchpoint as its top-level composite',
  ),
});

export const ZAttributionQuery = z.strictObject({
  ...scopeQuery,
  models: ZQueryList.pipe(z.array(z.enum(ATTRIBUTION_MODELS)).min(1, 'name at least one model'))
    .optional()
    .describe(`comma-separated or repeated, of ${ATTRIBUTION_MODELS.join(', ')} (default: all)`),
  by: z.enum(['touchpoint', 'channel']).optional().describe('attribute to touchpoints (default) or channels'),
  lookbackDays: queryDays
    .optional()
    .describe("a conversion's path holds the touches of this many days before it (default 30)"),
  halfLifeDays: queryDays.optional().describe('time_decay half-life in days (default 7)'),
  shapleyBasis: z
    .enum(['conversions', 'rate'])
    .optional()
    .describe('shapley: worth of a set of keys is its conversions (default) or its conversion rate'),
});

export const ZSentimentQuery = z.strictObject({
  ...scopeQuery,
  journeyId: ZId.optional().describe('only this journey’s emotion curve (default: every journey)'),
});

export const ZStandardsQuery = z.strictObject({
  ...scopeQuery,
  standardId: ZId.optional().describe('only this standard'),
  touchpointId: ZId.optional().describe('only the standards of this touchpoint'),
});

/** `key:cap` pairs (repeated parameter). */
const ZTouchpointCaps = z.union([z.string(), z.array(z.string())]).transform((raw, ctx) => {
  const caps: { key: string; cap: number }[] = [];
  for (const pair of Array.isArray(raw) ? raw : raw.split(',')) {
    const match = /^([^:]+):(\d{1,7})$/.exec(pair.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${pair}" must be touchpoint-key:cap (e.g. newsletter:4)` });
      return z.NEVER;
    }
    caps.push({ key: match[1] as string, cap: Number(match[2]) });
  }
  return caps;
});

export const ZContactFrequencyQuery = z.strictObject({
  ...scopeQuery,
  cap: queryInt(0, 1_000_000)
    .optional()
    .describe('out-touches per rolling window a customer may get (default: the workspace setting, else 8)'),
  windowDays: queryInt(1, 3650).optional().describe('length of the rolling window in days (default 30)'),
  touchpointCap: ZTouchpointCaps.optional().describe(
    '`touchpoint-key:cap`, comma-separated or repeated: a cap on the out-touches at one touchpoint (with its parts)',
  ),
});
