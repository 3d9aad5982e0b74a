/** Zod building blocks shared by every route: ids, names, pages, errors. */
import { z } from 'zod';
import { SLUG_PATTERN } from '../domain/vocabulary.js';

export const ZId = z.uuid({ error: 'must be a UUID' });
export const ZName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const ZText = z.string().max(5000, 'must be at most 5000 characters');
export const ZKey = z
  .string()
  .regex(
    SLUG_PATTERN,
    'must be a slug: lowercase letters, digits, _ - . (starting with a letter or digit, ≤ 128)',
  );
export const ZVersion = z.number().int().min(1);
export const ZTimestamp = z.string().describe('ISO 8601 date-time');

export const ZWorkspaceParams = z.strictObject({ workspaceId: ZId });
export const ZItemParams = z.strictObject({ workspaceId: ZId, id: ZId });

/** Query parameters every list accepts. */
export const ZPageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** A page of a list: the items plus what is needed to fetch the next. */
export function zPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export const ZError = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .describe('Error');

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
} as const;

export const ZNoContent = z.null().describe('No content');

/** A comma-separated or repeated query value as a list of strings. */
export const ZQueryList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** `sort` query parameter: one of the fields, `-` in front for descending. */
export function zSort<const F extends readonly string[]>(fields: F, fallback: F[number]) {
  const values = [...fields, ...fields.map((f) => `-${f}`)] as unknown as [string, ...string[]];
  return z
    .enum(values)
    .default(fallback)
    .describe(`order by ${fields.join(', ')}; prefix with - for descending`);
}

/** A boolean query parameter: `true` or `false`. */
export const ZQueryBool = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');
