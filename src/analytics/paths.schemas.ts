/** Input and result of paths with Sankey edges (SPEC §7.3). */
import { z } from 'zod';
import { analysisScopeFields, isPeriodValid, periodIssue, ZTouchpointIds } from './analysis-scope.js';

export const DEFAULT_PATH_STEPS = 6;
export const MAX_PATH_STEPS = 20;
export const TOP_PATHS = 50;

export const ZPathsInput = z
  .strictObject({
    ...analysisScopeFields,
    steps: z
      .number()
      .int()
      .min(1)
      .max(MAX_PATH_STEPS)
      .default(DEFAULT_PATH_STEPS)
      .describe('N: steps kept per path'),
    start: ZTouchpointIds.optional().describe(
      'paths begin at the first interaction at this touchpoint (and its descendants); customers without one are left out',
    ),
    end: ZTouchpointIds.optional().describe(
      'paths end at the first interaction at this touchpoint (and its descendants), keeping the last N steps; customers without one are left out',
    ),
    displayTouchpoints: z
      .record(z.string().min(1).max(128), z.string().min(1).max(128))
      .optional()
      .describe(
        'touchpoint id → the touchpoint shown for it (e.g. a part → its composite); others show as themselves',
      ),
  })
  .refine(isPeriodValid, periodIssue)
  .refine((v) => !(v.start && v.end), {
    path: ['end'],
    message: 'give a start or an end touchpoint, not both',
  });
export type PathsInput = z.input<typeof ZPathsInput>;

export const ZPath = z.object({
  touchpointIds: z.array(z.string()).describe('the steps, consecutive repeats collapsed'),
  customers: z.number().int(),
  converted: z.number().int().describe('of them, customers with a converted outcome in the period'),
  conversionRate: z.number(),
});
export type Path = z.infer<typeof ZPath>;

export const ZPathEdge = z.object({
  step: z.number().int().describe('position of the source in the path (1-based); the target is step + 1'),
  from: z.string(),
  to: z.string(),
  customers: z.number().int(),
});
export type PathEdge = z.infer<typeof ZPathEdge>;

export const ZPaths = z.object({
  steps: z.number().int(),
  customers: z.number().int().describe('customers with a path'),
  converted: z.number().int(),
  paths: z
    .array(ZPath)
    .describe(`the ${TOP_PATHS} most common paths: most customers first, ties by the steps' ids`),
  edges: z.array(ZPathEdge).describe('Sankey edges over all paths: step i → step i + 1 with their customers'),
});
export type Paths = z.infer<typeof ZPaths>;
