import { z } from 'zod';
import { JOURNEY_TEMPLATES } from '../domain/journey-templates.js';
import { TEMPLATE_LANGUAGES } from '../domain/touchpoint-templates.js';
import { LANE_KINDS } from '../domain/vocabulary.js';
import { ZId, ZName, ZText } from './common.schemas.js';

const ZLanguage = z
  .enum(TEMPLATE_LANGUAGES, { error: `must be one of ${TEMPLATE_LANGUAGES.join(', ')}` })
  .describe('the language of the names and notes');

export const ZJourneyTemplateQuery = z.strictObject({ language: ZLanguage.default('en') });

export const ZJourneyTemplate = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  stages: z.array(
    z.object({
      key: z.string(),
      name: z.string().nullable().describe('null for a default stage, named in the reader’s language'),
      designedEmotion: z.number().int(),
    }),
  ),
  lanes: z.array(z.object({ key: z.string(), kind: z.enum(LANE_KINDS) })),
  notes: z.array(z.object({ stage: z.string(), lane: z.string(), text: z.string() })),
});

export const ZJourneyFromTemplate = z.strictObject({
  templateKey: z
    .string()
    .max(100)
    .describe(`one of ${JOURNEY_TEMPLATES.map((t) => t.key).join(', ')}`),
  language: ZLanguage,
  name: ZName.optional().describe('default: the template’s name in the language'),
  description: ZText.optional(),
  persona: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  personaId: ZId.nullable().optional().describe('a persona of the workspace the map is drawn for'),
  acquisitionChannelId: ZId.nullable().optional(),
});

export const ZJourneyDuplicate = z.strictObject({
  name: ZName.optional().describe('default: the original’s name'),
  personaId: ZId.nullable()
    .optional()
    .describe('the persona of the copy; omitted: the original’s, null: none'),
});
