import { z } from 'zod';
import { PERSONA_AVATARS, PERSONA_ENTRY_MAX, PERSONA_LIST_MAX } from '../domain/personas.js';
import { PERSONA_SORTS } from '../store/catalog/personas.js';
import { ZId, ZName, ZPageQuery, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

const ZShort = z.string().trim().max(200, 'must be at most 200 characters');
const ZQuote = z.string().trim().max(1000, 'must be at most 1000 characters');
const ZEntries = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(PERSONA_ENTRY_MAX, `must be at most ${PERSONA_ENTRY_MAX} characters`),
  )
  .max(PERSONA_LIST_MAX, `at most ${PERSONA_LIST_MAX} entries`);
const ZAvatar = z
  .union([z.enum(PERSONA_AVATARS), z.literal('')], {
    error: `must be one of ${PERSONA_AVATARS.join(', ')} or empty`,
  })
  .describe('the drawn avatar’s colour when there is no photo; empty: picked from the name');

const fields = {
  role: ZShort.optional().describe('e.g. "Young parent", "Small-business owner"'),
  segment: ZShort.optional().describe('the customer segment the persona stands for'),
  quote: ZQuote.optional().describe('a sentence in the persona’s own words'),
  goals: ZEntries.optional(),
  needs: ZEntries.optional(),
  pains: ZEntries.optional(),
  avatar: ZAvatar.optional(),
};

export const ZPersonaCreate = z.strictObject({ name: ZName, ...fields });
export const ZPersonaPatch = z.strictObject({ version: ZVersion, name: ZName.optional(), ...fields });

export const ZPersona = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  segment: z.string(),
  quote: z.string(),
  goals: z.array(z.string()),
  needs: z.array(z.string()),
  pains: z.array(z.string()),
  avatar: z.string(),
  photoUrl: z.string().nullable().describe('where the photo’s bytes are served; null without photo'),
  journeyCount: z.number().int().describe('how many journey maps are drawn for this persona'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZPersonaQuery = z.strictObject({
  ...ZPageQuery,
  q: z.string().max(200).optional().describe('text search in name, role and segment'),
  sort: zSort(PERSONA_SORTS, 'name'),
});

export const ZPersonaPhotoQuery = z.strictObject({
  v: ZId.optional().describe('the photo’s id, so that a new photo gets a new address'),
});
