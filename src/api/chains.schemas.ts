import { z } from 'zod';
import { LINK_ROLES } from '../domain/vocabulary.js';
import { CHAIN_SORTS, DEFAULT_WINDOW_DAYS, MAX_CHAIN_LINKS } from '../store/catalog/chains.js';
import { ZId, ZName, ZPageQuery, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

const ZWindowDays = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be between 1 and 3650')
  .max(3650, 'must be between 1 and 3650')
  .describe(`conversion window between consecutive links, in days (default ${DEFAULT_WINDOW_DAYS})`);

export const ZChainLinkInput = z.strictObject({
  touchpointId: ZId,
  role: z.enum(LINK_ROLES),
});

const ZLinks = z
  .array(ZChainLinkInput)
  .max(MAX_CHAIN_LINKS, `a chain has at most ${MAX_CHAIN_LINKS} links`)
  .describe(
    'in order; empty is a draft; otherwise exactly one initial link, first, and at most one final link, last; ' +
      'each touchpoint once',
  );

export const ZChainLink = z.object({
  id: z
    .string()
    .describe('the link, as a task targets it (targets.chainLinkId); replacing the links gives them new ids'),
  position: z.number().int(),
  touchpointId: z.string(),
  touchpointKey: z.string(),
  touchpointName: z.string(),
  role: z.enum(LINK_ROLES),
});

export const ZChain = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  journeyId: z.string().nullable(),
  nextChainId: z.string().nullable(),
  windowDays: z.number().int(),
  links: z.array(ZChainLink),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZChainCreate = z.strictObject({
  name: ZName,
  description: ZText.optional(),
  journeyId: ZId.nullable().optional().describe('the journey this chain belongs to'),
  nextChainId: ZId.nullable().optional().describe('the chain that starts from this chain’s final link'),
  windowDays: ZWindowDays.optional(),
  links: ZLinks.optional(),
});

export const ZChainPatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  description: ZText.optional(),
  journeyId: ZId.nullable().optional(),
  nextChainId: ZId.nullable().optional(),
  windowDays: ZWindowDays.optional(),
  links: ZLinks.optional().describe('replaces the whole ordered link list'),
});

export const ZChainQuery = z.strictObject({
  ...ZPageQuery,
  journeyId: ZId.optional(),
  q: z.string().max(200).optional().describe('text search in name and description'),
  sort: zSort(CHAIN_SORTS, 'name'),
});
