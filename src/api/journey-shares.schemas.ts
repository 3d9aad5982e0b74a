/**
 * Schemas of a journey map's read-only links and exports:
 * - GET/POST  /journeys/{id}/shares           a map's links (no secrets) / a new link (secret once)
 * - DELETE    /journeys/{id}/shares/{shareId} revoke a link
 * - GET       /journeys/{id}/export.csv       the map's cells as CSV
 * - GET       /api/public/maps/{token}        the map a link opens, signed out
 */
import { z } from 'zod';
import { LANE_KINDS } from '../domain/vocabulary.js';
import { MAX_SHARE_DAYS } from '../store/catalog/journey-shares.js';
import { ZId, ZTimestamp } from './common.schemas.js';

export const SHARE_STATES = ['active', 'expired', 'revoked'] as const;
export const SHARED_ITEM_KINDS = ['touchpoint', 'channel', 'kpi', 'note'] as const;

export const ZJourneyShareParams = z.strictObject({ workspaceId: ZId, id: ZId, shareId: ZId });

export const ZJourneyShare = z.object({
  id: z.string(),
  journeyId: z.string(),
  state: z.enum(SHARE_STATES),
  createdByUserId: z.string().nullable(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable().describe('null: the link does not expire'),
  revokedAt: ZTimestamp.nullable(),
  lastOpenedAt: ZTimestamp.nullable().describe('when the map was last opened through the link'),
});

export const ZJourneyShareCreated = ZJourneyShare.extend({
  token: z.string().describe('the secret, shown only now (only its SHA-256 is kept)'),
  path: z.string().describe('the read-only page: /m/{token}'),
  url: z.string().describe('the read-only page on this server’s public address'),
});

export const ZJourneyShareCreate = z.strictObject({
  expiresInDays: z
    .number()
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_SHARE_DAYS}`)
    .max(MAX_SHARE_DAYS, `must be between 1 and ${MAX_SHARE_DAYS}`)
    .nullable()
    .optional()
    .describe('days the link works; omitted or null: until revoked'),
});

export const ZJourneyShareList = z.object({ items: z.array(ZJourneyShare) });

export const ZJourneyCsv = z
  .string()
  .describe(
    'CSV (UTF-8 with BOM), one line per item: stage_position, stage_key, stage, lane_key, lane, lane_kind, position (from 1 in its cell), kind (note | touchpoint | channel | image | kpi), text, touchpoint_key, touchpoint_name, channel_key, channel_name, kpi_source, kpi_label, kpi_value (typed-in figures only)',
  );

export const ZSharedMapParams = z.strictObject({
  mapToken: z.string().min(16, 'is not a map link').max(128, 'is not a map link'),
});

/** A shared map: names, keys and texts only; items name their stage and lane by key; no pictures. */
export const ZSharedMap = z.object({
  name: z.string(),
  description: z.string(),
  persona: z.string(),
  expiresAt: ZTimestamp.nullable(),
  period: z
    .object({ from: ZTimestamp, to: ZTimestamp })
    .describe('the period the measured emotion is computed over'),
  lanes: z.array(
    z.object({
      key: z.string(),
      name: z.string().describe('the custom name, else the English default (see customName)'),
      customName: z.string().nullable().describe('null for a default lane, shown in the reader’s language'),
      kind: z.enum(LANE_KINDS),
    }),
  ),
  stages: z.array(
    z.object({
      key: z.string(),
      name: z.string().describe('the custom name, else the English default (see customName)'),
      customName: z.string().nullable().describe('null for a default stage, shown in the reader’s language'),
      designedEmotion: z.number().int().nullable(),
      measuredEmotion: z.number().nullable().describe('mean sentiment at the stage’s touchpoints × 2'),
      rated: z.number().int().describe('rated interactions behind measuredEmotion'),
    }),
  ),
  items: z.array(
    z.object({
      stage: z.string().describe('the stage’s key'),
      lane: z.string().describe('the lane’s key'),
      position: z.number().int(),
      kind: z.enum(SHARED_ITEM_KINDS),
      text: z.string().nullable(),
      touchpointKey: z.string().nullable(),
      touchpointName: z.string().nullable(),
      channelKey: z.string().nullable(),
      channelName: z.string().nullable().describe('the name a user gave; null for a built-in channel'),
      kpiLabel: z.string().nullable(),
      kpiValue: z.number().nullable().describe('a typed-in figure; null for a live one'),
    }),
  ),
});

export type JourneyShare = z.infer<typeof ZJourneyShare>;
export type JourneyShareCreated = z.infer<typeof ZJourneyShareCreated>;
export type SharedMapView = z.infer<typeof ZSharedMap>;
