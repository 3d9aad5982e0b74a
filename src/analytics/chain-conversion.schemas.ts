/** Input and result of chain conversion (SPEC §7.1). */
import { z } from 'zod';
import { analysisScopeFields, DAY_MS, isPeriodValid, periodIssue, ZTouchpointIds } from './analysis-scope.js';

/** As many links as a chain of the catalog may have. */
export const MAX_LINKS = 100;
export const DEFAULT_CHAIN_WINDOW_MS = 30 * DAY_MS;
export const DEFAULT_MIN_ENTRANTS = 30;

export const ZChainConversionInput = z
  .strictObject({
    ...analysisScopeFields,
    links: z
      .array(
        z.strictObject({
          touchpointIds: ZTouchpointIds.describe('the link touchpoint and all of its descendants'),
        }),
      )
      .min(1, 'a chain needs at least one link')
      .max(MAX_LINKS),
    windowMs: z
      .number()
      .int()
      .min(0)
      .max(3650 * DAY_MS)
      .default(DEFAULT_CHAIN_WINDOW_MS)
      .describe('window W between consecutive links, in ms; t(k−1) + W itself is inside'),
    minEntrants: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_MIN_ENTRANTS)
      .describe('a transition needs at least this many entrants to be the weak link'),
  })
  .refine(isPeriodValid, periodIssue);
export type ChainConversionInput = z.input<typeof ZChainConversionInput>;

export const ZChainLinkResult = z.object({
  /** 1-based position of the link in the chain. */
  link: z.number().int(),
  reached: z.number().int().describe('customers with a time tk at this link'),
  conversionFromPrevious: z
    .number()
    .nullable()
    .describe('reached / reached at the previous link; null for L1 or when nobody reached the previous link'),
  conversionFromFirst: z.number().nullable().describe('reached / reached at L1; null when nobody reached L1'),
  dropped: z
    .number()
    .int()
    .nullable()
    .describe('customers who reached this link but not the next; null for the last link'),
  brokenByNegative: z
    .number()
    .int()
    .nullable()
    .describe('of the dropped: those with a sentiment −1 interaction at this link within [tk, tk + W]'),
  medianMsFromPrevious: z
    .number()
    .nullable()
    .describe('median of tk − t(k−1) (linear interpolation between closest ranks); null for L1 or none'),
  p90MsFromPrevious: z.number().nullable().describe('90th percentile of tk − t(k−1), same method'),
});
export type ChainLinkResult = z.infer<typeof ZChainLinkResult>;

export const ZWeakLink = z.object({
  fromLink: z.number().int(),
  toLink: z.number().int(),
  entrants: z.number().int().describe('customers who reached fromLink'),
  reached: z.number().int().describe('of them, those who reached toLink'),
  conversion: z.number(),
});
export type WeakLink = z.infer<typeof ZWeakLink>;

export const ZChainConversion = z.object({
  windowMs: z.number().int(),
  minEntrants: z.number().int(),
  links: z.array(ZChainLinkResult),
  weakLink: ZWeakLink.nullable().describe(
    'the transition with the lowest conversion among those with at least minEntrants entrants; ties → the earliest',
  ),
});
export type ChainConversion = z.infer<typeof ZChainConversion>;
