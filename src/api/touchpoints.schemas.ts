import { z } from 'zod';
import {
  ATTENTION_SPANS,
  DEFAULT_STAGE_KEYS,
  DIRECTIONS,
  LIFETIMES,
  TOUCHPOINT_STATUSES,
} from '../domain/vocabulary.js';
import { TOUCHPOINT_SORTS } from '../store/catalog/touchpoints.js';
import {
  ZId,
  ZKey,
  ZName,
  ZPageQuery,
  ZQueryBool,
  ZText,
  ZTimestamp,
  ZVersion,
  zSort,
} from './common.schemas.js';

const ZStage = z.enum(DEFAULT_STAGE_KEYS).describe('a default journey stage key');
const ZPriority = z.number().int().min(1, 'must be 1…5').max(5, 'must be 1…5').describe('1 (low) … 5 (high)');
const ZTag = z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters');
/** Up to 30 short tags; repeats are dropped. */
const ZTags = z
  .array(ZTag)
  .max(30, 'at most 30 tags')
  .transform((tags) => [...new Set(tags)]);
const ZBrandedMaterial = z.string().max(2000, 'must be at most 2000 characters');

export const ZTouchpoint = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  brandId: z.string(),
  subjectId: z.string().nullable(),
  parentId: z.string().nullable(),
  channelId: z.string().nullable(),
  direction: z.enum(DIRECTIONS),
  stage: ZStage.nullable(),
  online: z.boolean(),
  attention: z.enum(ATTENTION_SPANS).nullable(),
  lifetime: z.enum(LIFETIMES).nullable(),
  controllable: z.boolean(),
  priority: z.number().int(),
  ownerUserId: z.string().nullable(),
  status: z.enum(TOUCHPOINT_STATUSES),
  tags: z.array(z.string()),
  brandedMaterial: z.string(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

/** Every writable field; references are ids of the same workspace (400 naming the field otherwise). */
const ZTouchpointFields = z.strictObject({
  key: ZKey.describe('stable slug used by ingestion, unique in the workspace'),
  name: ZName,
  description: ZText,
  brandId: ZId.describe('default: the own brand'),
  subjectId: ZId.nullable(),
  parentId: ZId.nullable().describe('the composite touchpoint this one is part of; must not close a cycle'),
  channelId: ZId.nullable(),
  direction: z.enum(DIRECTIONS).describe('in: customer→business, out: business→customer; default both'),
  stage: ZStage.nullable(),
  online: z.boolean().describe('default: the channel’s online flag, or true without a channel'),
  attention: z.enum(ATTENTION_SPANS).nullable().describe('short: decided in seconds; long: holds attention'),
  lifetime: z.enum(LIFETIMES).nullable(),
  controllable: z.boolean().describe('default true'),
  priority: ZPriority.describe('1 (low) … 5 (high); default 3'),
  ownerUserId: ZId.nullable().describe('a member of the workspace'),
  status: z.enum(TOUCHPOINT_STATUSES).describe('default active'),
  tags: ZTags,
  brandedMaterial: ZBrandedMaterial.describe('note on the branded material used here'),
});

export const ZTouchpointCreate = ZTouchpointFields.partial().required({ key: true, name: true });

export const ZTouchpointPatch = ZTouchpointFields.partial().extend({ version: ZVersion });

export const ZTouchpointQuery = z.strictObject({
  ...ZPageQuery,
  stage: ZStage.optional(),
  channelId: ZId.optional(),
  channel: z.string().max(128).optional().describe('a channel key, e.g. `website` (instead of channelId)'),
  direction: z.enum(DIRECTIONS).optional(),
  subjectId: ZId.optional(),
  brandId: ZId.optional(),
  status: z.enum(TOUCHPOINT_STATUSES).optional(),
  tag: z.string().max(50).optional().describe('touchpoints carrying this tag'),
  parentId: ZId.optional().describe('direct children of this touchpoint'),
  root: ZQueryBool.optional().describe('true: only top-level touchpoints; false: only children'),
  ownerUserId: ZId.optional(),
  online: ZQueryBool.optional(),
  q: z.string().max(200).optional().describe('text search in key, name and description'),
  sort: zSort(TOUCHPOINT_SORTS, 'name'),
});

export const ZTouchpointChildrenQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(TOUCHPOINT_SORTS, 'name'),
});
