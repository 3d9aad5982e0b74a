import { z } from 'zod';
import { CHANNEL_SORTS } from '../store/catalog/channels.js';
import { ZKey, ZName, ZPageQuery, ZQueryBool, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

export const ZChannel = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string().describe('the custom name, else the English name of a built-in channel'),
  customName: z
    .string()
    .nullable()
    .describe('the name a user gave; null for a built-in channel, shown in the reader’s language'),
  online: z.boolean(),
  builtin: z.boolean().describe('from the reference list: can be renamed, not deleted, key fixed'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZChannelCreate = z.strictObject({
  key: ZKey.describe('stable slug, unique in the workspace'),
  name: ZName,
  online: z.boolean().optional().describe('default true'),
});

export const ZChannelPatch = z.strictObject({
  version: ZVersion,
  key: ZKey.optional().describe('cannot change on a built-in channel'),
  name: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .nullable()
    .optional()
    .describe('null or "" on a built-in channel: back to its default name, shown in the reader’s language'),
  online: z.boolean().optional(),
});

export const ZChannelQuery = z.strictObject({
  ...ZPageQuery,
  online: ZQueryBool.optional(),
  builtin: ZQueryBool.optional(),
  q: z.string().max(200).optional().describe('text search in key and name'),
  sort: zSort(CHANNEL_SORTS, 'name'),
});
