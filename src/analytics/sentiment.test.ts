import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { openDuckDbEventStore } from '../store/events/duckdb/duckdb-event-store.js';
import type { EventStore, FeedbackAnswer, Interaction } from '../store/events/event-store.js';
import { sentiment } from './sentiment.js';
import type { SentimentInput } from './sentiment.schemas.js';

const W = 'ws-1';
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 1, 1);
const A = 'tp-a';
const B = 'tp-b';
/** A part of B (its descendant in the catalog). */
const C = 'tp-c';
const D = 'tp-d';
const E = 'tp-e';

let seq = 0;
function ix(
  touchpointId: string,
  sentimentValue: -1 | 0 | 1 | null,
  more: Partial<Interaction> = {},
): Interaction {
  return {
    workspaceId: W,
    id: `i${seq++}`,
    customer: 'c1',
    touchpointId,
    at: FROM + DAY,
    direction: 'in',
    sentiment: sentimentValue,
    outcome: null,
    value: null,
    responseMs: null,
    waitMs: null,
    durationMs: null,
    props: null,
    ...more,
  };
}
function fb(
  touchpointId: string,
  kind: FeedbackAnswer['kind'],
  score: number,
  more: Partial<FeedbackAnswer> = {},
) {
  return {
    workspaceId: W,
    id: `f${seq++}`,
    touchpointId,
    customer: 'c1',
    at: FROM + DAY,
    kind,
    score,
    comment: null,
    ...more,
  } satisfies FeedbackAnswer;
}
const DAY = 86_400_000;

const CATALOG: SentimentInput['touchpoints'] = [
  { id: A, stage: 'information_search', channel: 'website' },
  { id: B, stage: 'purchase', channel: 'website' },
  { id: C, stage: 'purchase', channel: 'phone' },
  { id: E, stage: 'purchase', channel: 'phone' },
];

const INTERACTIONS: Interaction[] = [
  ix(A, 1, { at: FROM }),
  ix(A, 1),
  ix(A, 0),
  ix(A, -1),
  ix(A, null),
  ix(B, -1),
  ix(B, -1),
  ix(B, 1),
  ix(C, 0),
  ix(C, null),
  ix(D, 1),
  // outside the period or the workspace
  ix(A, -1, { at: TO }),
  ix(A, -1, { at: FROM - 1 }),
  ix(A, -1, { workspaceId: 'ws-2' }),
];

const FEEDBACK: FeedbackAnswer[] = [
  fb(A, 'csat', 5),
  fb(A, 'csat', 4),
  fb(A, 'csat', 3),
  fb(A, 'csat', 1),
  fb(A, 'nps', 10),
  fb(A, 'nps', 9),
  fb(A, 'nps', 8),
  fb(A, 'nps', 6),
  fb(B, 'ces', 2),
  fb(B, 'ces', 5),
  fb(E, 'csat', 4),
  fb(A, 'csat', 1, { at: TO }),
  fb(A, 'csat', 1, { workspaceId: 'ws-2' }),
];

const NO_REVIEWS = {
  count: 0,
  mean: null,
  meanOutOfFive: null,
  positive: 0,
  negative: 0,
  positiveShare: null,
  negativeShare: null,
};

let store: EventStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function open(interactions: Interaction[], feedback: FeedbackAnswer[]): Promise<EventStore> {
  store = await openDuckDbEventStore();
  await store.insertInteractions(interactions);
  await store.insertFeedback(feedback);
  return store;
}

describe('sentiment', () => {
  it('counts sentiments and feedback per touchpoint, stage and channel', async () => {
    const events = await open(INTERACTIONS, FEEDBACK);
    const result = await sentiment(events, { workspaceId: W, from: FROM, to: TO, touchpoints: CATALOG });

    expect(result.overall.interactions).toBe(11);
    expect(result.overall.sentiment).toEqual({
      rated: 9,
      negative: 3,
      neutral: 2,
      positive: 4,
      negativeShare: 3 / 9,
      neutralShare: 2 / 9,
      positiveShare: 4 / 9,
      mean: 1 / 9,
    });

    const a = result.touchpoints.find((t) => t.touchpointId === A);
    expect(a).toEqual({
      touchpointId: A,
      stage: 'information_search',
      channel: 'website',
      interactions: 5,
      sentiment: {
        rated: 4,
        negative: 1,
        neutral: 1,
        positive: 2,
        negativeShare: 0.25,
        neutralShare: 0.25,
        positiveShare: 0.5,
        mean: 0.25,
      },
      feedback: {
        csat: { answers: 4, satisfied: 2, score: 0.5, mean: 3.25 },
        nps: { answers: 4, promoters: 2, passives: 1, detractors: 1, score: 25 },
        ces: { answers: 0, mean: null },
        reviews: NO_REVIEWS,
      },
    });
    // Most interactions first; a touchpoint with answers only is listed too.
    expect(result.touchpoints.map((t) => [t.touchpointId, t.interactions])).toEqual([
      [A, 5],
      [B, 3],
      [C, 2],
      [D, 1],
      [E, 0],
    ]);
    expect(result.touchpoints.find((t) => t.touchpointId === B)?.feedback.ces).toEqual({
      answers: 2,
      mean: 3.5,
    });
    expect(result.touchpoints.find((t) => t.touchpointId === D)).toMatchObject({
      stage: null,
      channel: null,
    });

    // Stages in journey order, null last.
    expect(result.stages.map((s) => [s.stage, s.interactions, s.sentiment.rated, s.sentiment.mean])).toEqual([
      ['information_search', 5, 4, 0.25],
      ['purchase', 5, 4, -0.25],
      [null, 1, 1, 1],
    ]);
    const purchase = result.stages[1];
    expect(purchase?.feedback.csat).toEqual({ answers: 1, satisfied: 1, score: 1, mean: 4 });
    expect(purchase?.feedback.ces).toEqual({ answers: 2, mean: 3.5 });
    expect(
      result.channels.map((c) => [c.channel, c.interactions, c.sentiment.negative, c.feedback.csat.answers]),
    ).toEqual([
      ['phone', 2, 0, 1],
      ['website', 8, 3, 4],
      [null, 1, 0, 0],
    ]);
  });

  it('fills the stage × channel heat map with mean sentiment and negative share', async () => {
    const events = await open(INTERACTIONS, FEEDBACK);
    const result = await sentiment(events, { workspaceId: W, from: FROM, to: TO, touchpoints: CATALOG });
    // E has answers but no interactions: no cell.
    expect(result.heatMap).toEqual([
      {
        stage: 'information_search',
        channel: 'website',
        interactions: 5,
        rated: 4,
        meanSentiment: 0.25,
        negativeShare: 0.25,
      },
      { stage: 'purchase', channel: 'phone', interactions: 2, rated: 1, meanSentiment: 0, negativeShare: 0 },
      {
        stage: 'purchase',
        channel: 'website',
        interactions: 3,
        rated: 3,
        meanSentiment: -1 / 3,
        negativeShare: 2 / 3,
      },
      { stage: null, channel: null, interactions: 1, rated: 1, meanSentiment: 1, negativeShare: 0 },
    ]);
  });

  it('puts the measured emotion curve (mean × 2) beside the designed one', async () => {
    const events = await open(INTERACTIONS, FEEDBACK);
    const result = await sentiment(events, {
      workspaceId: W,
      from: FROM,
      to: TO,
      journeys: [
        {
          id: 'j1',
          stages: [
            { key: 'discover', designedEmotion: 1, touchpointIds: [A, A] },
            // B with its descendant C: (1 − 2) / 4 rated.
            { key: 'buy', designedEmotion: 2, touchpointIds: [B, C] },
            { key: 'after', designedEmotion: null, touchpointIds: [] },
            { key: 'quiet', designedEmotion: -1, touchpointIds: [E] },
          ],
        },
      ],
    });
    expect(result.emotionCurves).toEqual([
      {
        journeyId: 'j1',
        stages: [
          { key: 'discover', designedEmotion: 1, measuredEmotion: 0.5, rated: 4, meanSentiment: 0.25 },
          { key: 'buy', designedEmotion: 2, measuredEmotion: -0.5, rated: 4, meanSentiment: -0.25 },
          { key: 'after', designedEmotion: null, measuredEmotion: null, rated: 0, meanSentiment: null },
          { key: 'quiet', designedEmotion: -1, measuredEmotion: null, rated: 0, meanSentiment: null },
        ],
      },
    ]);
  });

  it('applies a touchpoint filter to interactions and answers', async () => {
    const events = await open(INTERACTIONS, FEEDBACK);
    const result = await sentiment(events, {
      workspaceId: W,
      from: FROM,
      to: TO,
      filters: { touchpointIds: [B, E] },
    });
    expect(result.touchpoints.map((t) => t.touchpointId)).toEqual([B, E]);
    expect(result.overall.interactions).toBe(3);
    expect(result.overall.feedback.csat.answers).toBe(1);
    expect(result.overall.feedback.ces.mean).toBe(3.5);
  });

  it('keeps the answers of the segment’s customers under a props filter', async () => {
    const events = await open(
      [
        ix(A, 1, { customer: 'c1', props: '{"segment":"b2b"}' }),
        ix(A, -1, { customer: 'c2', props: '{"segment":"b2c"}' }),
        // c3 is b2b only outside the period: not in the segment
        ix(A, 1, { customer: 'c3', props: '{"segment":"b2b"}', at: TO + DAY }),
      ],
      [
        fb(A, 'nps', 10, { customer: 'c1' }),
        fb(A, 'nps', 0, { customer: 'c2' }),
        fb(A, 'nps', 0, { customer: 'c3' }),
        fb(A, 'nps', 0, { customer: null }),
      ],
    );
    const result = await sentiment(events, {
      workspaceId: W,
      from: FROM,
      to: TO,
      filters: { props: { segment: 'b2b' } },
    });
    expect(result.overall.sentiment).toMatchObject({ rated: 1, positive: 1, negative: 0 });
    expect(result.overall.feedback.nps).toEqual({
      answers: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      score: 100,
    });
    const all = await sentiment(events, { workspaceId: W, from: FROM, to: TO });
    expect(all.overall.feedback.nps).toEqual({
      answers: 4,
      promoters: 1,
      passives: 0,
      detractors: 3,
      score: -50,
    });
  });

  it('counts reviews (kind review, score 0…1) on their own, leaving every other figure as it was', async () => {
    const reviews = [
      fb(A, 'review', 1, { source: 'import' }),
      fb(A, 'review', 0.8, { source: 'import' }),
      fb(A, 'review', 0.6, { source: 'import' }),
      fb(E, 'review', 0.4, { source: 'import' }),
      fb(E, 'review', 0.2, { source: 'import' }),
      fb(A, 'review', 0.2, { at: TO }),
    ];
    const without = await sentiment(await open(INTERACTIONS, FEEDBACK), {
      workspaceId: W,
      from: FROM,
      to: TO,
      touchpoints: CATALOG,
    });
    await store?.close();
    const result = await sentiment(await open(INTERACTIONS, [...FEEDBACK, ...reviews]), {
      workspaceId: W,
      from: FROM,
      to: TO,
      touchpoints: CATALOG,
    });
    expect(result.overall.feedback.reviews).toEqual({
      count: 5,
      mean: expect.closeTo(0.6, 12),
      meanOutOfFive: expect.closeTo(3, 12),
      positive: 2,
      negative: 2,
      positiveShare: 0.4,
      negativeShare: 0.4,
    });
    expect(result.touchpoints.find((t) => t.touchpointId === E)?.feedback.reviews).toMatchObject({
      count: 2,
      positive: 0,
      negative: 2,
    });
    const { reviews: _, ...otherFeedback } = result.overall.feedback;
    expect(otherFeedback).toEqual({
      csat: without.overall.feedback.csat,
      nps: without.overall.feedback.nps,
      ces: without.overall.feedback.ces,
    });
    expect(result.overall.sentiment).toEqual(without.overall.sentiment);
    expect(result.heatMap).toEqual(without.heatMap);
  });

  it('answers zeros and nulls for an empty period', async () => {
    const events = await open(INTERACTIONS, FEEDBACK);
    const result = await sentiment(events, {
      workspaceId: W,
      from: TO + DAY,
      to: TO + 2 * DAY,
      touchpoints: CATALOG,
      journeys: [{ id: 'j1', stages: [{ key: 'buy', designedEmotion: 2, touchpointIds: [B] }] }],
    });
    expect(result).toEqual({
      overall: {
        interactions: 0,
        sentiment: {
          rated: 0,
          negative: 0,
          neutral: 0,
          positive: 0,
          negativeShare: null,
          neutralShare: null,
          positiveShare: null,
          mean: null,
        },
        feedback: {
          csat: { answers: 0, satisfied: 0, score: null, mean: null },
          nps: { answers: 0, promoters: 0, passives: 0, detractors: 0, score: null },
          ces: { answers: 0, mean: null },
          reviews: NO_REVIEWS,
        },
      },
      touchpoints: [],
      stages: [],
      channels: [],
      heatMap: [],
      emotionCurves: [
        {
          journeyId: 'j1',
          stages: [{ key: 'buy', designedEmotion: 2, measuredEmotion: null, rated: 0, meanSentiment: null }],
        },
      ],
    });
  });

  it('rejects a touchpoint listed twice and an empty period with the field named', async () => {
    const events = await open([], []);
    await expect(
      sentiment(events, {
        workspaceId: W,
        from: FROM,
        to: TO,
        touchpoints: [
          { id: A, stage: null, channel: null },
          { id: A, stage: 'purchase', channel: null },
        ],
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'touchpoints.1.id', message: 'is listed twice' }] });
    await expect(sentiment(events, { workspaceId: W, from: TO, to: TO })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
