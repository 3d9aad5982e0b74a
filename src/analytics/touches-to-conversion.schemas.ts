/** Input and result of touches to conversion (SPEC §7.2). */
import { z } from 'zod';
import { analysisScopeFields, DAY_MS, isPeriodValid, periodIssue } from './analysis-scope.js';

export const DEFAULT_LOOKBACK_MS = 90 * DAY_MS;
/** Histogram bins 1…40 one by one, then one bin for more than 40 touches. */
export const TOUCHES_HISTOGRAM_MAX = 40;

export const ZTouchesToConversionInput = z
  .strictObject({
    ...analysisScopeFields,
    lookbackMs: z
      .number()
      .int()
      .min(0)
      .max(3650 * DAY_MS)
      .default(DEFAULT_LOOKBACK_MS)
      .describe('lookback window before each conversion, in ms; tc − lookback itself is inside'),
  })
  .refine(isPeriodValid, periodIssue);
export type TouchesToConversionInput = z.input<typeof ZTouchesToConversionInput>;

export const ZTouchesBin = z.object({
  min: z.number().int(),
  max: z.number().int().nullable().describe('null for the open bin (more than 40 touches)'),
  conversions: z.number().int(),
});

export const ZTouchesToConversion = z.object({
  lookbackMs: z.number().int(),
  conversions: z.number().int().describe('converted interactions in the period'),
  touches: z.object({
    histogram: z.array(ZTouchesBin).describe('41 bins: 1, 2, …, 40, then more than 40'),
    median: z.number().nullable(),
    mean: z.number().nullable(),
  }),
  timeToConversion: z.object({
    medianMs: z.number().nullable().describe('from the first counted interaction to the conversion'),
    meanMs: z.number().nullable(),
  }),
});
export type TouchesToConversion = z.infer<typeof ZTouchesToConversion>;
