import { z } from 'zod';
import { BRAND_SORTS } from '../store/catalog/brands.js';
import { ZName, ZPageQuery, ZQueryBool, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

/** A brand's website: an http(s) URL, or empty when unknown. */
const ZWebsite = z.union([
  z.literal(''),
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL or empty' })
    .max(2000, 'must be at most 2000 characters'),
]);

export const ZBrand = z.object({
  id: z.string(),
  name: z.string(),
  website: z.string(),
  isOwn: z.boolean().describe('the workspace’s own brand (exactly one); the others are competitors'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZBrandCreate = z.strictObject({
  name: ZName.describe('unique in the workspace'),
  website: ZWebsite.optional(),
});

export const ZBrandPatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  website: ZWebsite.optional(),
});

export const ZBrandQuery = z.strictObject({
  ...ZPageQuery,
  isOwn: ZQueryBool.optional().describe('true: only the own brand; false: only competitors'),
  q: z.string().max(200).optional().describe('text search in name and website'),
  sort: zSort(BRAND_SORTS, 'name'),
});
