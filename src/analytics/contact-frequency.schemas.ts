/** Input and result of contact frequency (SPEC §7.7). */
import { z } from 'zod';
import { analysisScopeFields, DAY_MS, isPeriodValid, periodIssue, ZTouchpointIds } from './analysis-scope.js';

export const DEFAULT_CONTACT_CAP = 8;
export const DEFAULT_CONTACT_WINDOW_MS = 30 * DAY_MS;
/** As many per-touchpoint caps as one request may check. */
export const MAX_TOUCHPOINT_CAPS = 1_000;

const ZCap = z.number().int().min(0).max(1_000_000);

export const ZContactFrequencyInput = z
  .strictObject({
    ...analysisScopeFields,
    cap: ZCap.default(DEFAULT_CONTACT_CAP).describe(
      'a customer is over the cap when some rolling window holds more out-touches than this',
    ),
    windowMs: z
      .number()
      .int()
      .min(1)
      .max(3650 * DAY_MS)
      .default(DEFAULT_CONTACT_WINDOW_MS)
      .describe('length of the rolling window, in ms; the window at t is (t − windowMs, t]'),
    touchpointCaps: z
      .array(
        z.strictObject({
          touchpointId: z.string().min(1).max(128).describe('the capped touchpoint'),
          touchpointIds: ZTouchpointIds.describe('the capped touchpoint and all of its descendants'),
          cap: ZCap,
        }),
      )
      .max(MAX_TOUCHPOINT_CAPS)
      .default([])
      .describe('caps of single touchpoints, counting only out-touches there; over any cap is over the cap'),
  })
  .refine(isPeriodValid, periodIssue);
export type ContactFrequencyInput = z.input<typeof ZContactFrequencyInput>;

export const ZContactGroup = z.object({
  customers: z.number().int(),
  lostCustomers: z.number().int().describe('customers with at least one `lost` outcome in the period'),
  lostRate: z.number().nullable().describe('lostCustomers / customers; null for no customers'),
  ratedInteractions: z.number().int().describe("the group's interactions of the period with a sentiment"),
  negativeInteractions: z.number().int().describe('of them, those with sentiment −1'),
  negativeRate: z
    .number()
    .nullable()
    .describe('negativeInteractions / ratedInteractions; null when none is rated'),
});
export type ContactGroup = z.infer<typeof ZContactGroup>;

export const ZContactFrequency = z.object({
  windowMs: z.number().int(),
  cap: z.number().int(),
  customers: z.number().int().describe('customers with at least one interaction in the period'),
  overCap: z.number().int().describe('of them, customers over the workspace cap or over a touchpoint cap'),
  histogram: z
    .array(z.object({ maxTouches: z.number().int(), customers: z.number().int() }))
    .describe(
      'customers by their highest rolling count of out-touches in the period (all touchpoints); absent counts have none',
    ),
  groups: z.object({ overCap: ZContactGroup, underCap: ZContactGroup }),
  touchpointCaps: z.array(
    z.object({
      touchpointId: z.string(),
      cap: z.number().int(),
      customersOver: z.number().int(),
    }),
  ),
});
export type ContactFrequency = z.infer<typeof ZContactFrequency>;
