/**
 * What the analyses answer for a workspace: each analysis's result, with the period it covers and
 * its ids annotated with the catalog's keys and names (the API's response schemas).
 */
import { z } from 'zod';
import { LINK_ROLES } from '../domain/vocabulary.js';
import { ZAttribution, ZAttributionCredit, ZModelAttribution } from './attribution.schemas.js';
import { ZChainConversion, ZChainLinkResult } from './chain-conversion.schemas.js';
import { ZContactFrequency } from './contact-frequency.schemas.js';
import { ZPath, ZPathEdge, ZPaths } from './paths.schemas.js';
import { ZEmotionPoint, ZSentiment, ZSentimentSummary } from './sentiment.schemas.js';
import { ZStandardCompliance } from './standards-compliance.schemas.js';
import { ZTouchesToConversion } from './touches-to-conversion.schemas.js';

export const ZPeriod = z
  .object({
    from: z.string().describe('start, inclusive (ISO 8601, UTC)'),
    to: z.string().describe('end, exclusive (ISO 8601, UTC)'),
  })
  .describe('the period analysed: [from, to)');

const touchpointNames = {
  touchpointKey: z.string().nullable().describe('the touchpoint key; null if it is no longer in the catalog'),
  touchpointName: z.string().nullable(),
};

export const ZTouchpointRef = z.object({ touchpointId: z.string(), ...touchpointNames });
export type TouchpointRef = z.infer<typeof ZTouchpointRef>;

export const ZWorkspaceChainConversion = ZChainConversion.extend({
  period: ZPeriod,
  chain: z.object({ id: z.string(), name: z.string(), windowDays: z.number().int() }),
  links: z.array(
    ZChainLinkResult.extend({
      touchpointId: z.string(),
      touchpointKey: z.string(),
      touchpointName: z.string(),
      role: z.enum(LINK_ROLES),
    }),
  ),
});
export type WorkspaceChainConversion = z.infer<typeof ZWorkspaceChainConversion>;

export const ZWorkspaceTouchesToConversion = ZTouchesToConversion.extend({ period: ZPeriod });
export type WorkspaceTouchesToConversion = z.infer<typeof ZWorkspaceTouchesToConversion>;

export const ZWorkspacePaths = ZPaths.extend({
  period: ZPeriod,
  paths: z.array(
    ZPath.extend({ steps: z.array(ZTouchpointRef).describe('the steps with their keys and names') }),
  ),
  edges: z.array(
    ZPathEdge.extend({
      fromKey: z.string().nullable(),
      fromName: z.string().nullable(),
      toKey: z.string().nullable(),
      toName: z.string().nullable(),
    }),
  ),
});
export type WorkspacePaths = z.infer<typeof ZWorkspacePaths>;

export const ZWorkspaceAttribution = ZAttribution.extend({
  period: ZPeriod,
  models: z.array(
    ZModelAttribution.extend({
      credits: z.array(
        ZAttributionCredit.extend({
          name: z
            .string()
            .nullable()
            .describe('the touchpoint or channel name; null when unknown or `(none)`'),
          touchpointKey: z.string().nullable().describe('by touchpoint: its key; by channel: null'),
        }),
      ),
    }),
  ),
});
export type WorkspaceAttribution = z.infer<typeof ZWorkspaceAttribution>;

export const ZWorkspaceSentiment = ZSentiment.extend({
  period: ZPeriod,
  touchpoints: z.array(
    ZSentimentSummary.extend({
      touchpointId: z.string(),
      ...touchpointNames,
      stage: z.string().nullable(),
      channel: z.string().nullable(),
    }),
  ),
  stages: z.array(ZSentimentSummary.extend({ stage: z.string().nullable(), name: z.string().nullable() })),
  channels: z.array(
    ZSentimentSummary.extend({ channel: z.string().nullable(), name: z.string().nullable() }),
  ),
  emotionCurves: z.array(
    z.object({
      journeyId: z.string(),
      journeyName: z.string(),
      stages: z.array(ZEmotionPoint.extend({ name: z.string() })),
    }),
  ),
});
export type WorkspaceSentiment = z.infer<typeof ZWorkspaceSentiment>;

export const ZWorkspaceStandardsCompliance = z.object({
  period: ZPeriod,
  standards: z.array(
    ZStandardCompliance.extend({ name: z.string(), touchpointId: z.string(), ...touchpointNames }),
  ),
});
export type WorkspaceStandardsCompliance = z.infer<typeof ZWorkspaceStandardsCompliance>;

export const ZWorkspaceContactFrequency = ZContactFrequency.extend({
  period: ZPeriod,
  touchpointCaps: z.array(
    z.object({
      touchpointId: z.string(),
      ...touchpointNames,
      cap: z.number().int(),
      customersOver: z.number().int(),
    }),
  ),
});
export type WorkspaceContactFrequency = z.infer<typeof ZWorkspaceContactFrequency>;
