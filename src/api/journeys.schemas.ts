import { z } from 'zod';
import { KPI_LABEL_MAX, KPI_SOURCES } from '../domain/journey-lanes.js';
import { LANE_KINDS, TASK_STATUSES } from '../domain/vocabulary.js';
import { JOURNEY_SORTS } from '../store/catalog/journeys.js';
import { ZId, ZKey, ZName, ZPageQuery, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

const ZPersona = z.string().trim().max(200, 'must be at most 200 characters');
const ZEmotion = z
  .number()
  .int('must be a whole number')
  .min(-2, 'must be between -2 and 2')
  .max(2, 'must be between -2 and 2')
  .describe('designed emotion: −2 (very negative) … +2 (very positive)');
const ZItemText = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
const ZItemPosition = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(10_000, 'must be at most 10000')
  .describe('0-based place in the cell; omitted or past the end: at the end');

/** A stage's or lane's name: omitted, null or "" keeps (or resets to) the default name of a default key. */
const ZDefaultableName = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .nullable()
  .optional()
  .describe(
    'omitted, null or "": the default name of a default key, shown in the reader’s language (required for other keys)',
  );

export const ZLane = z.strictObject({
  key: ZKey,
  name: ZDefaultableName,
  kind: z
    .enum(LANE_KINDS)
    .describe(
      'touchpoints hold touchpoints, images images, channels channels, kpis figures; every other kind holds text notes',
    ),
});

const stageFields = {
  key: ZKey.describe('unique within the journey'),
  name: ZDefaultableName,
  designedEmotion: ZEmotion.nullable().optional().describe('−2…+2; omitted or null: not designed yet'),
};
export const ZStageInput = z.strictObject(stageFields);
export const ZStageEdit = z.strictObject({
  id: ZId.optional().describe('an existing stage of this journey (keeps its items); omit for a new stage'),
  ...stageFields,
});

export const ZJourney = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  persona: z.string(),
  personaId: z.string().nullable().describe('the persona (see /personas) the map is drawn for'),
  acquisitionChannelId: z.string().nullable(),
  lanes: z.array(
    z.object({
      key: z.string(),
      name: z.string().describe('the custom name, else the English default (see customName)'),
      customName: z
        .string()
        .nullable()
        .describe('the name a user gave; null for a default lane, shown in the reader’s language'),
      kind: z.enum(LANE_KINDS),
    }),
  ),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZStage = z.object({
  id: z.string(),
  position: z.number().int(),
  key: z.string(),
  name: z.string().describe('the custom name, else the English default (see customName)'),
  customName: z
    .string()
    .nullable()
    .describe('the name a user gave; null for a default stage, shown in the reader’s language'),
  designedEmotion: z.number().int().nullable(),
});

/** A KPI item's figure (lanes of kind kpis). */
export const ZKpi = z.strictObject({
  source: z
    .enum(KPI_SOURCES)
    .describe(
      'manual: typed in; chain_conversion, csat, compliance: live per stage from the analytics (GET …/kpis)',
    ),
  value: z
    .number()
    .finite('must be a finite number')
    .nullable()
    .optional()
    .describe('manual only: the figure'),
  label: z
    .string()
    .trim()
    .max(KPI_LABEL_MAX, `must be at most ${KPI_LABEL_MAX} characters`)
    .optional()
    .describe('what the figure measures'),
  chainId: ZId.nullable()
    .optional()
    .describe('chain_conversion only: the chain (omitted: the chains mapped on this journey)'),
});

export const ZJourneyItem = z.object({
  id: z.string(),
  stageId: z.string(),
  lane: z.string(),
  position: z.number().int(),
  text: z.string().nullable().describe('a text note; null for other items'),
  touchpointId: z.string().nullable().describe('a touchpoint (touchpoints lanes)'),
  touchpointKey: z.string().nullable(),
  touchpointName: z.string().nullable(),
  imageId: z.string().nullable().describe('an uploaded image (images lanes)'),
  imageUrl: z.string().nullable().describe('where the image is served'),
  channelId: z.string().nullable().describe('a channel (channels lanes)'),
  channelKey: z.string().nullable(),
  channelName: z.string().nullable().describe('the custom name, else the English name of a built-in channel'),
  channelCustomName: z.string().nullable().describe('null for a built-in channel not renamed'),
  taskId: z.string().nullable().describe('the task a pain point or opportunity is linked to'),
  taskTitle: z.string().nullable(),
  taskStatus: z.enum(TASK_STATUSES).nullable(),
  kpi: z
    .object({
      source: z.enum(KPI_SOURCES),
      value: z.number().nullable().optional(),
      label: z.string().optional(),
      chainId: z.string().nullable().optional(),
    })
    .nullable()
    .describe('a figure (kpis lanes); live values: GET …/journeys/{id}/kpis'),
});

export const ZJourneyItemChange = ZJourneyItem.extend({
  journeyVersion: z.number().int().describe('the journey version after this change'),
});

export const ZJourneyMap = ZJourney.extend({
  stages: z.array(ZStage).describe('in order'),
  items: z.array(ZJourneyItem).describe('every cell item, by stage, lane and position'),
});

export const ZJourneyCreate = z.strictObject({
  name: ZName,
  description: ZText.optional(),
  persona: ZPersona.optional().describe('the persona or customer segment this journey is for'),
  personaId: ZId.nullable().optional().describe('a persona of the workspace the map is drawn for'),
  acquisitionChannelId: ZId.nullable().optional().describe('the channel the customer came through'),
  lanes: z
    .array(ZLane)
    .min(1, 'a journey needs at least one lane')
    .max(20, 'a journey has at most 20 lanes')
    .optional()
    .describe(
      'default: touchpoints, actions, thoughts, feelings, pain points, opportunities, front/backstage',
    ),
  stages: z
    .array(ZStageInput)
    .min(1, 'a journey needs at least one stage')
    .max(30, 'a journey has at most 30 stages')
    .optional()
    .describe('in order; default: the five stages from need recognition to post-purchase reaction'),
});

export const ZJourneyPatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  description: ZText.optional(),
  persona: ZPersona.optional(),
  personaId: ZId.nullable().optional(),
  acquisitionChannelId: ZId.nullable().optional(),
  lanes: z
    .array(ZLane)
    .min(1, 'a journey needs at least one lane')
    .max(20, 'a journey has at most 20 lanes')
    .optional()
    .describe('replaces the lanes; lanes are matched by key and a lane left out loses its items'),
});

export const ZStagesPut = z.strictObject({
  version: ZVersion,
  stages: z
    .array(ZStageEdit)
    .min(1, 'a journey needs at least one stage')
    .max(30, 'a journey has at most 30 stages'),
});

export const ZJourneyQuery = z.strictObject({
  ...ZPageQuery,
  q: z.string().max(200).optional().describe('text search in name, description and persona'),
  acquisitionChannelId: ZId.optional(),
  personaId: ZId.optional().describe('only the maps drawn for this persona'),
  sort: zSort(JOURNEY_SORTS, 'name'),
});

export const ZJourneyItemParams = z.strictObject({ workspaceId: ZId, id: ZId, itemId: ZId });

export const ZJourneyItemCreate = z.strictObject({
  stageId: ZId,
  lane: ZKey.describe('key of one of the journey lanes'),
  text: ZItemText.optional().describe(
    'a note (actions, thoughts, feelings, pain points, opportunities, frontstage, backstage, support)',
  ),
  touchpointId: ZId.optional().describe('a touchpoint (touchpoints lanes only)'),
  imageId: ZId.optional().describe('an image uploaded with POST …/images (images lanes only)'),
  channelId: ZId.optional().describe('a channel of the workspace (channels lanes only)'),
  kpi: ZKpi.optional().describe('a figure (kpis lanes only)'),
  taskId: ZId.optional().describe('a task of the workspace (pain-point and opportunity notes only)'),
  position: ZItemPosition.optional(),
});

export const ZJourneyItemPatch = z.strictObject({
  stageId: ZId.optional(),
  lane: ZKey.optional(),
  position: ZItemPosition.optional(),
  text: ZItemText.optional().describe('new text of a note'),
  touchpointId: ZId.optional().describe('another touchpoint for a touchpoint item'),
  imageId: ZId.optional().describe('another image for an image item (the old one is deleted)'),
  channelId: ZId.optional().describe('another channel for a channel item'),
  kpi: ZKpi.optional().describe('a new figure for a KPI item'),
  taskId: ZId.nullable().optional().describe('link a pain point or opportunity to a task; null unlinks'),
});
