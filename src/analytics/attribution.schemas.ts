/** Input and result of attribution (SPEC §7.4). */
import { z } from 'zod';
import { analysisScopeFields, isPeriodValid, periodIssue } from './analysis-scope.js';
import { ATTRIBUTION_MODELS } from './attribution-models.js';

export const DEFAULT_LOOKBACK_DAYS = 30;
export const DEFAULT_HALF_LIFE_DAYS = 7;

export const ZAttributionInput = z
  .strictObject({
    ...analysisScopeFields,
    by: z
      .enum(['touchpoint', 'channel'])
      .default('touchpoint')
      .describe('attribute to touchpoints or to channels'),
    channelOf: z
      .record(z.string().min(1).max(128), z.string().min(1).max(128))
      .optional()
      .describe('touchpoint id → channel key, from the catalog (by channel); touchpoints absent: `(none)`'),
    models: z
      .array(z.enum(ATTRIBUTION_MODELS))
      .min(1, 'name at least one model')
      .default([...ATTRIBUTION_MODELS])
      .describe('the models to compute, in this order'),
    lookbackDays: z
      .number()
      .positive('must be positive')
      .max(3650, 'must be at most 3650')
      .default(DEFAULT_LOOKBACK_DAYS)
      .describe("a conversion's path holds the touches at most this many days before it"),
    halfLifeDays: z
      .number()
      .positive('must be positive')
      .max(3650, 'must be at most 3650')
      .default(DEFAULT_HALF_LIFE_DAYS)
      .describe('time_decay: a touch this many days before the conversion weighs half as much'),
    shapleyBasis: z
      .enum(['conversions', 'rate'])
      .default('conversions')
      .describe('shapley: the worth of a set of keys is its conversions, or its conversion rate'),
  })
  .refine(isPeriodValid, periodIssue);
export type AttributionInput = z.input<typeof ZAttributionInput>;

export const ZAttributionCredit = z.object({
  key: z.string().describe('touchpoint id, or channel key (`(none)` for touchpoints without a channel)'),
  conversions: z.number(),
  value: z.number(),
  removalEffect: z.number().optional().describe('markov: RE = 1 − P(conversion without this key) / P'),
  phi: z.number().optional().describe('shapley: the Shapley value, in conversions or in conversion rate'),
});
export type AttributionCredit = z.infer<typeof ZAttributionCredit>;

export const ZModelAttribution = z.object({
  model: z.enum(ATTRIBUTION_MODELS),
  credits: z
    .array(ZAttributionCredit)
    .describe('every key met on a path, most conversions first, ties by key'),
  conversionProbability: z.number().optional().describe('markov: P(conversion) from the start'),
});
export type ModelAttribution = z.infer<typeof ZModelAttribution>;

export const ZAttribution = z.object({
  by: z.enum(['touchpoint', 'channel']),
  conversions: z.number().int().describe('conversions in the period'),
  value: z.number().describe('their value'),
  nullPaths: z.number().int().describe('customers with touches in the period after their last conversion'),
  paths: z.number().int().describe('distinct paths, conversion and null'),
  models: z.array(ZModelAttribution),
});
export type Attribution = z.infer<typeof ZAttribution>;
