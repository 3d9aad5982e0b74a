/**
 * Sentiment (SPEC §7.5), computed inside the engine.
 *
 * Definitions, for the interactions of the period [from, to) that pass the filters and the
 * feedback answers of the same period:
 * - counts and shares of sentiment −1 / 0 / 1 among the interactions with a sentiment ("rated");
 *   mean sentiment = (positive − negative) / rated, −1…1;
 * - CSAT = share of answers 4–5 (also the mean answer), NPS = % promoters (9–10) − % detractors
 *   (0–6), CES = mean answer (SPEC §6);
 * - reviews from rating sites (feedback rows of kind `review`, score = rating / maximum, 0…1):
 *   count, mean score (also on a five-star scale), positive (score ≥ 0.8) and negative (≤ 0.4)
 *   shares; they count in no other figure;
 * - per touchpoint (its own interactions and answers), per stage and per channel (through the
 *   catalog facts passed in; a touchpoint not passed in counts under stage and channel null);
 * - heat map: one cell per stage × channel that has interactions, holding the mean sentiment and
 *   the negative share of its rated interactions;
 * - measured emotion curve per journey: per stage, mean sentiment of the rated interactions at the
 *   stage's touchpoints × 2 (so −2…+2, the scale of the designed emotion); an interaction at a
 *   touchpoint mapped to two stages counts in both;
 * - feedback answers carry no props: under a props filter (a segment) only the answers of
 *   customers with an interaction of the period that passes the filters count, and anonymous
 *   answers drop out. A touchpoint filter applies to answers as to interactions.
 *
 * The engine returns one row of counts and sums per touchpoint; stages, channels, cells and curves
 * add those rows up, which is exact because every measure is a ratio of sums.
 */

import type { z } from 'zod';
import { NEGATIVE_REVIEW_SCORE, POSITIVE_REVIEW_SCORE } from '../domain/review-rules.js';
import { DEFAULT_STAGE_KEYS } from '../domain/vocabulary.js';
import type { EngineQuery } from '../store/events/event-store.js';
import {
  type AnalyticsSource,
  duckdbFeedbackConditions,
  duckdbScopeConditions,
  parseAnalysisInput,
  SqlParams,
  toNumber,
} from './analysis-scope.js';
import {
  type EmotionPoint,
  type HeatMapCell,
  type Sentiment,
  type SentimentInput,
  type SentimentSummary,
  ZSentimentInput,
} from './sentiment.schemas.js';

type Input = z.output<typeof ZSentimentInput>;

const TALLY_FIELDS = [
  'interactions',
  'negative',
  'neutral',
  'positive',
  'csatAnswers',
  'csatSatisfied',
  'csatSum',
  'npsAnswers',
  'npsPromoters',
  'npsDetractors',
  'cesAnswers',
  'cesSum',
  'reviews',
  'reviewSum',
  'reviewPositive',
  'reviewNegative',
] as const;

/** Counts and sums that add up across touchpoints. */
type Tally = Record<(typeof TALLY_FIELDS)[number], number>;

function emptyTally(): Tally {
  return Object.fromEntries(TALLY_FIELDS.map((f) => [f, 0])) as Tally;
}

function addTo(total: Tally, part: Tally): void {
  for (const f of TALLY_FIELDS) total[f] += part[f];
}

interface TouchpointRow {
  touchpoint_id: string;
  interactions: unknown;
  negative: unknown;
  neutral: unknown;
  positive: unknown;
  csat_answers: unknown;
  csat_satisfied: unknown;
  csat_sum: unknown;
  nps_answers: unknown;
  nps_promoters: unknown;
  nps_detractors: unknown;
  ces_answers: unknown;
  ces_sum: unknown;
  reviews: unknown;
  review_sum: unknown;
  review_positive: unknown;
  review_negative: unknown;
}

function duckdbSentiment(input: Input): EngineQuery {
  const p = new SqlParams();
  const interactionScope = `${duckdbScopeConditions(p, 'i', input.workspaceId, input.filters)}
    AND i."at" >= ${p.bigint(input.from)} AND i."at" < ${p.bigint(input.to)}`;
  const feedbackScope = duckdbFeedbackConditions(p, 'f', input);
  return {
    sql: `WITH ia AS (
        SELECT i.touchpoint_id, count(*) AS interactions,
          count(*) FILTER (WHERE i.sentiment = -1) AS negative,
          count(*) FILTER (WHERE i.sentiment = 0) AS neutral,
          count(*) FILTER (WHERE i.sentiment = 1) AS positive
        FROM interactions i WHERE ${interactionScope}
        GROUP BY i.touchpoint_id),
      fa AS (
        SELECT f.touchpoint_id,
          count(*) FILTER (WHERE f.kind = 'csat') AS csat_answers,
          count(*) FILTER (WHERE f.kind = 'csat' AND f.score >= 4) AS csat_satisfied,
          coalesce(sum(f.score) FILTER (WHERE f.kind = 'csat'), 0) AS csat_sum,
          count(*) FILTER (WHERE f.kind = 'nps') AS nps_answers,
          count(*) FILTER (WHERE f.kind = 'nps' AND f.score >= 9) AS nps_promoters,
          count(*) FILTER (WHERE f.kind = 'nps' AND f.score <= 6) AS nps_detractors,
          count(*) FILTER (WHERE f.kind = 'ces') AS ces_answers,
          coalesce(sum(f.score) FILTER (WHERE f.kind = 'ces'), 0) AS ces_sum,
          count(*) FILTER (WHERE f.kind = 'review') AS reviews,
          coalesce(sum(f.score) FILTER (WHERE f.kind = 'review'), 0) AS review_sum,
          count(*) FILTER (WHERE f.kind = 'review' AND f.score >= ${POSITIVE_REVIEW_SCORE}) AS review_positive,
          count(*) FILTER (WHERE f.kind = 'review' AND f.score <= ${NEGATIVE_REVIEW_SCORE}) AS review_negative
        FROM feedback f WHERE ${feedbackScope}
        GROUP BY f.touchpoint_id)
      SELECT coalesce(ia.touchpoint_id, fa.touchpoint_id) AS touchpoint_id,
        coalesce(ia.interactions, 0) AS interactions, coalesce(ia.negative, 0) AS negative,
        coalesce(ia.neutral, 0) AS neutral, coalesce(ia.positive, 0) AS positive,
        coalesce(fa.csat_answers, 0) AS csat_answers, coalesce(fa.csat_satisfied, 0) AS csat_satisfied,
        coalesce(fa.csat_sum, 0) AS csat_sum, coalesce(fa.nps_answers, 0) AS nps_answers,
        coalesce(fa.nps_promoters, 0) AS nps_promoters, coalesce(fa.nps_detractors, 0) AS nps_detractors,
        coalesce(fa.ces_answers, 0) AS ces_answers, coalesce(fa.ces_sum, 0) AS ces_sum,
        coalesce(fa.reviews, 0) AS reviews, coalesce(fa.review_sum, 0) AS review_sum,
        coalesce(fa.review_positive, 0) AS review_positive, coalesce(fa.review_negative, 0) AS review_negative
      FROM ia FULL JOIN fa ON fa.touchpoint_id = ia.touchpoint_id
      ORDER BY touchpoint_id`,
    params: p.values,
  };
}

const ENGINE_QUERIES: Record<AnalyticsSource['engine'], (input: Input) => EngineQuery> = {
  duckdb: duckdbSentiment,
};

function tallyOf(row: TouchpointRow): Tally {
  return {
    interactions: toNumber(row.interactions),
    negative: toNumber(row.negative),
    neutral: toNumber(row.neutral),
    positive: toNumber(row.positive),
    csatAnswers: toNumber(row.csat_answers),
    csatSatisfied: toNumber(row.csat_satisfied),
    csatSum: toNumber(row.csat_sum),
    npsAnswers: toNumber(row.nps_answers),
    npsPromoters: toNumber(row.nps_promoters),
    npsDetractors: toNumber(row.nps_detractors),
    cesAnswers: toNumber(row.ces_answers),
    cesSum: toNumber(row.ces_sum),
    reviews: toNumber(row.reviews),
    reviewSum: toNumber(row.review_sum),
    reviewPositive: toNumber(row.review_positive),
    reviewNegative: toNumber(row.review_negative),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function rated(t: Tally): number {
  return t.negative + t.neutral + t.positive;
}

function meanSentiment(t: Tally): number | null {
  return ratio(t.positive - t.negative, rated(t));
}

function reviewFigures(t: Tally): SentimentSummary['feedback']['reviews'] {
  const mean = ratio(t.reviewSum, t.reviews);
  return {
    count: t.reviews,
    mean,
    meanOutOfFive: mean === null ? null : mean * 5,
    positive: t.reviewPositive,
    negative: t.reviewNegative,
    positiveShare: ratio(t.reviewPositive, t.reviews),
    negativeShare: ratio(t.reviewNegative, t.reviews),
  };
}

function summarize(t: Tally): SentimentSummary {
  const n = rated(t);
  return {
    interactions: t.interactions,
    sentiment: {
      rated: n,
      negative: t.negative,
      neutral: t.neutral,
      positive: t.positive,
      negativeShare: ratio(t.negative, n),
      neutralShare: ratio(t.neutral, n),
      positiveShare: ratio(t.positive, n),
      mean: meanSentiment(t),
    },
    feedback: {
      csat: {
        answers: t.csatAnswers,
        satisfied: t.csatSatisfied,
        score: ratio(t.csatSatisfied, t.csatAnswers),
        mean: ratio(t.csatSum, t.csatAnswers),
      },
      nps: {
        answers: t.npsAnswers,
        promoters: t.npsPromoters,
        passives: t.npsAnswers - t.npsPromoters - t.npsDetractors,
        detractors: t.npsDetractors,
        score: ratio((t.npsPromoters - t.npsDetractors) * 100, t.npsAnswers),
      },
      ces: { answers: t.cesAnswers, mean: ratio(t.cesSum, t.cesAnswers) },
      reviews: reviewFigures(t),
    },
  };
}

/** Adds `part` to the tally of `key`, creating it on first use. */
function accumulate<K>(groups: Map<K, Tally>, key: K, part: Tally): void {
  let total = groups.get(key);
  if (!total) {
    total = emptyTally();
    groups.set(key, total);
  }
  addTo(total, part);
}

/** Default stages in journey order, then other keys alphabetically, null last. */
function compareStages(a: string | null, b: string | null): number {
  const rank = (k: string | null) => {
    if (k === null) return Number.POSITIVE_INFINITY;
    const i = (DEFAULT_STAGE_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? DEFAULT_STAGE_KEYS.length : i;
  };
  return rank(a) - rank(b) || compareKeys(a, b);
}

/** Alphabetical, null last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Sentiment, CSAT, NPS and CES per touchpoint, stage and channel, heat map and emotion curves (SPEC §7.5). */
export async function sentiment(events: AnalyticsSource, rawInput: SentimentInput): Promise<Sentiment> {
  const input = parseAnalysisInput(ZSentimentInput, rawInput);
  const rows = await events.query<TouchpointRow>(ENGINE_QUERIES[events.engine](input));
  const catalog = new Map(input.touchpoints.map((t) => [t.id, t]));

  const byTouchpoint = new Map<string, Tally>();
  const overall = emptyTally();
  const byStage = new Map<string | null, Tally>();
  const byChannel = new Map<string | null, Tally>();
  const byCell = new Map<string, { stage: string | null; channel: string | null; tally: Tally }>();
  const touchpoints: Sentiment['touchpoints'] = [];
  for (const row of rows) {
    const tally = tallyOf(row);
    byTouchpoint.set(row.touchpoint_id, tally);
    addTo(overall, tally);
    const stage = catalog.get(row.touchpoint_id)?.stage ?? null;
    const channel = catalog.get(row.touchpoint_id)?.channel ?? null;
    touchpoints.push({ touchpointId: row.touchpoint_id, stage, channel, ...summarize(tally) });
    accumulate(byStage, stage, tally);
    accumulate(byChannel, channel, tally);
    if (tally.interactions > 0) {
      const key = JSON.stringify([stage, channel]);
      const cell = byCell.get(key) ?? { stage, channel, tally: emptyTally() };
      addTo(cell.tally, tally);
      byCell.set(key, cell);
    }
  }
  touchpoints.sort((a, b) => b.interactions - a.interactions || compareKeys(a.touchpointId, b.touchpointId));

  const heatMap: HeatMapCell[] = [...byCell.values()]
    .sort((a, b) => compareStages(a.stage, b.stage) || compareKeys(a.channel, b.channel))
    .map(({ stage, channel, tally }) => ({
      stage,
      channel,
      interactions: tally.interactions,
      rated: rated(tally),
      meanSentiment: meanSentiment(tally),
      negativeShare: ratio(tally.negative, rated(tally)),
    }));

  const emotionCurves = input.journeys.map((journey) => ({
    journeyId: journey.id,
    stages: journey.stages.map((stage): EmotionPoint => {
      const tally = emptyTally();
      for (const id of new Set(stage.touchpointIds)) {
        const part = byTouchpoint.get(id);
        if (part) addTo(tally, part);
      }
      const mean = meanSentiment(tally);
      return {
        key: stage.key,
        designedEmotion: stage.designedEmotion,
        measuredEmotion: mean === null ? null : mean * 2,
        rated: rated(tally),
        meanSentiment: mean,
      };
    }),
  }));

  return {
    overall: summarize(overall),
    touchpoints,
    stages: [...byStage.entries()]
      .sort(([a], [b]) => compareStages(a, b))
      .map(([stage, tally]) => ({ stage, ...summarize(tally) })),
    channels: [...byChannel.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([channel, tally]) => ({ channel, ...summarize(tally) })),
    heatMap,
    emotionCurves,
  };
}
