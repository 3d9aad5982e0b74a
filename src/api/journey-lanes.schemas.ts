/** The journey map's image uploads and live KPI figures (lanes of kind images and kpis). */
import { z } from 'zod';
import { LIVE_KPI_SOURCES } from '../domain/journey-lanes.js';
import { ZInstant } from './analytics.schemas.js';
import { ZId, ZTimestamp } from './common.schemas.js';

export const ZMapImage = z.object({
  id: z.string(),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  bytes: z.number().int(),
  url: z.string().describe('where the image is served (members of the workspace)'),
  createdAt: ZTimestamp,
});

export const ZJourneyImageParams = z.strictObject({ workspaceId: ZId, id: ZId, imageId: ZId });

export const ZJourneyKpisQuery = z.strictObject({
  from: ZInstant.optional().describe('start (inclusive); default: 30 days before `to`'),
  to: ZInstant.optional().describe('end (exclusive); default: now'),
});

const ZShare = z.number().min(0).max(1).nullable();

const ZStageStandard = z.object({
  standardId: z.string(),
  name: z.string(),
  comparator: z.enum(['lte', 'gte']),
  target: z.number(),
  value: z.number().nullable().describe('the standard’s measured value (CSAT: mean answer 1…5)'),
  passed: z.boolean().nullable(),
});

export const ZJourneyKpis = z.object({
  period: z.object({ from: ZTimestamp, to: ZTimestamp }),
  stages: z.array(
    z.object({
      stageId: z.string(),
      stageKey: z.string(),
      chains: z
        .array(
          z.object({
            chainId: z.string(),
            chainName: z.string(),
            links: z.array(z.number().int()).describe('1-based positions of the chain’s links in the stage'),
            entrants: z
              .number()
              .int()
              .describe('customers at the link before the stage (or at its first link when it is L1)'),
            reached: z.number().int().describe('of them, those who reached the stage’s last link'),
            value: ZShare.describe('reached / entrants'),
          }),
        )
        .describe('each chain mapped on the journey (or named by a KPI) with links in the stage'),
      csat: z.object({
        answers: z.number().int(),
        satisfied: z.number().int(),
        value: ZShare.describe('satisfied / answers at the stage’s touchpoints'),
        standard: ZStageStandard.nullable().describe('a CSAT standard on one of the stage’s touchpoints'),
      }),
      compliance: z.object({
        standards: z.number().int().describe('standards on the stage’s touchpoints'),
        measured: z.number().int().describe('of them, with data in the period'),
        passed: z.number().int(),
        value: ZShare.describe('passed / measured'),
      }),
    }),
  ),
  items: z
    .array(
      z.object({
        itemId: z.string(),
        stageId: z.string(),
        source: z.enum(LIVE_KPI_SOURCES),
        value: ZShare,
        met: z.boolean().nullable().describe('whether the figure meets its standard; null: no standard'),
        chainId: z.string().nullable(),
        standard: ZStageStandard.nullable(),
      }),
    )
    .describe('the figure of each live KPI item of the map'),
});
