/** Input and result of the sentiment analysis (SPEC §7.5). */
import { z } from 'zod';
import { analysisScopeFields, isPeriodValid, periodIssue } from './analysis-scope.js';

const ZId = z.string().min(1).max(128);

export const ZSentimentTouchpoint = z
  .strictObject({
    id: ZId,
    stage: z.string().min(1).max(64).nullable().describe("the touchpoint's stage key, or null"),
    channel: z.string().min(1).max(128).nullable().describe("the touchpoint's channel key, or null"),
  })
  .describe('where a touchpoint sits in the catalog');

export const ZJourneyStageInput = z.strictObject({
  key: z.string().min(1).max(64),
  designedEmotion: z.number().int().min(-2).max(2).nullable().describe('designed emotion −2…+2, or null'),
  touchpointIds: z
    .array(ZId)
    .max(10_000)
    .describe('touchpoints mapped to the stage (with their descendants); may be empty'),
});

export const ZSentimentJourney = z.strictObject({
  id: ZId,
  stages: z.array(ZJourneyStageInput).max(100).describe('the stages in journey order'),
});

export const ZSentimentInput = z
  .strictObject({
    ...analysisScopeFields,
    touchpoints: z
      .array(ZSentimentTouchpoint)
      .max(100_000)
      .default([])
      .describe(
        'stage and channel of each touchpoint; interactions elsewhere count under stage and channel null',
      ),
    journeys: z
      .array(ZSentimentJourney)
      .max(1_000)
      .default([])
      .describe('journeys whose measured emotion curve is wanted'),
  })
  .refine(isPeriodValid, periodIssue)
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.touchpoints.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['touchpoints', i, 'id'], message: 'is listed twice' });
      seen.add(t.id);
    });
  });
export type SentimentInput = z.input<typeof ZSentimentInput>;

const ZShare = z.number().min(0).max(1).nullable();

export const ZSentimentCounts = z.object({
  rated: z.number().int().describe('interactions with a sentiment'),
  negative: z.number().int(),
  neutral: z.number().int(),
  positive: z.number().int(),
  negativeShare: ZShare.describe('negative / rated; null when rated = 0'),
  neutralShare: ZShare,
  positiveShare: ZShare,
  mean: z.number().nullable().describe('(positive − negative) / rated, −1…1; null when rated = 0'),
});
export type SentimentCounts = z.infer<typeof ZSentimentCounts>;

export const ZFeedbackScores = z.object({
  csat: z.object({
    answers: z.number().int(),
    satisfied: z.number().int().describe('answers of 4 or 5'),
    score: ZShare.describe('CSAT: satisfied / answers (SPEC §6); null without answers'),
    mean: z.number().nullable().describe('mean answer 1…5; null without answers'),
  }),
  nps: z.object({
    answers: z.number().int(),
    promoters: z.number().int().describe('answers of 9 or 10'),
    passives: z.number().int().describe('answers of 7 or 8'),
    detractors: z.number().int().describe('answers of 0 to 6'),
    score: z.number().nullable().describe('NPS: % promoters − % detractors, −100…100; null without answers'),
  }),
  ces: z.object({
    answers: z.number().int(),
    mean: z.number().nullable().describe('CES: mean answer 1…7; null without answers'),
  }),
  reviews: z
    .object({
      count: z.number().int().describe('reviews posted in the period'),
      mean: ZShare.describe('mean score 0…1 (rating / its maximum); null without reviews'),
      meanOutOfFive: z.number().nullable().describe('the mean score on a five-star scale (mean × 5)'),
      positive: z.number().int().describe('reviews scoring at least 0.8 (4 of 5)'),
      negative: z.number().int().describe('reviews scoring at most 0.4 (2 of 5)'),
      positiveShare: ZShare,
      negativeShare: ZShare,
    })
    .describe('reviews imported from rating sites (feedback rows of kind review)'),
});
export type FeedbackScores = z.infer<typeof ZFeedbackScores>;

export const ZSentimentSummary = z.object({
  interactions: z.number().int().describe('all interactions, with or without a sentiment'),
  sentiment: ZSentimentCounts,
  feedback: ZFeedbackScores,
});
export type SentimentSummary = z.infer<typeof ZSentimentSummary>;

export const ZHeatMapCell = z.object({
  stage: z.string().nullable(),
  channel: z.string().nullable(),
  interactions: z.number().int(),
  rated: z.number().int(),
  meanSentiment: z.number().nullable().describe('(positive − negative) / rated, −1…1; null when rated = 0'),
  negativeShare: ZShare.describe('negative / rated; null when rated = 0'),
});
export type HeatMapCell = z.infer<typeof ZHeatMapCell>;

export const ZEmotionPoint = z.object({
  key: z.string(),
  designedEmotion: z.number().int().nullable(),
  measuredEmotion: z
    .number()
    .nullable()
    .describe("mean sentiment at the stage's touchpoints × 2, −2…+2; null when none is rated"),
  rated: z.number().int(),
  meanSentiment: z.number().nullable(),
});
export type EmotionPoint = z.infer<typeof ZEmotionPoint>;

export const ZSentiment = z.object({
  overall: ZSentimentSummary,
  touchpoints: z.array(
    ZSentimentSummary.extend({
      touchpointId: z.string(),
      stage: z.string().nullable(),
      channel: z.string().nullable(),
    }),
  ),
  stages: z.array(ZSentimentSummary.extend({ stage: z.string().nullable() })),
  channels: z.array(ZSentimentSummary.extend({ channel: z.string().nullable() })),
  heatMap: z.array(ZHeatMapCell).describe('stage × channel cells that have interactions'),
  emotionCurves: z.array(z.object({ journeyId: z.string(), stages: z.array(ZEmotionPoint) })),
});
export type Sentiment = z.infer<typeof ZSentiment>;
