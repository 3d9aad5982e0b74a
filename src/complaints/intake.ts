/**
 * Where complaints come from besides staff (SPEC §6): a survey answer under its survey's
 * complaint rule, a review under a threshold, and interactions with outcome=complaint. Each
 * source opens at most one complaint (the register's unique source key), so calling these again
 * for the same answer, review or interaction changes nothing.
 */
import {
  DEFAULT_REVIEW_COMPLAINT_SCORE,
  severityOfReview,
  severityOfScores,
} from '../domain/complaint-rules.js';
import { openComplaintFromSource } from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';

export type SurveyScores = Partial<Record<'csat' | 'nps' | 'ces', number>>;

export interface SurveyAnswerComplaint {
  workspaceId: string;
  surveyId: string;
  touchpointId: string;
  /** The submission's one-time id: with the survey id, the complaint's source ref. */
  submissionId: string;
  customer: string | null;
  /** The answer's comment (may be empty); `comment` is taken as a synonym. */
  text?: string | null | undefined;
  comment?: string | null | undefined;
  scores: SurveyScores;
  /** When the answer was received (`receivedAt` is taken as a synonym; default now). */
  at?: Date | number | undefined;
  receivedAt?: Date | number | undefined;
  /** Where and in which language it was answered (not kept on the complaint). */
  source?: string | null | undefined;
  language?: string | null | undefined;
}

const SCALE: Record<keyof SurveyScores, string> = { csat: 'CSAT {v}/5', nps: 'NPS {v}/10', ces: 'CES {v}/7' };

/** "CSAT 2/5, NPS 3/10": the scores of an answer, for a complaint without a comment. */
function scoresText(scores: SurveyScores): string {
  return (Object.keys(SCALE) as (keyof SurveyScores)[])
    .flatMap((k) => (scores[k] === undefined ? [] : [SCALE[k].replace('{v}', String(scores[k]))]))
    .join(', ');
}

/**
 * Opens a complaint for a survey answer that broke its survey's complaint rule (the caller checks
 * the rule: `breaksComplaintRule` of domain/survey-model.ts). The text is the answer's comment, or
 * its scores when there is none; the severity comes from the scores. Source ref
 * `<surveyId>:<submissionId>`: re-sending the submission opens nothing new.
 */
export async function openComplaintFromSurveyAnswer(
  db: Db,
  answer: SurveyAnswerComplaint,
): Promise<{ id: string; created: boolean }> {
  const comment = (answer.text ?? answer.comment ?? '').trim();
  return openComplaintFromSource(db, {
    workspaceId: answer.workspaceId,
    source: 'survey',
    sourceRef: `${answer.surveyId}:${answer.submissionId}`,
    touchpointId: answer.touchpointId,
    customer: answer.customer,
    text: comment !== '' ? comment : `Survey answer: ${scoresText(answer.scores)}`,
    severity: severityOfScores(answer.scores),
    receivedAt: new Date(answer.at ?? answer.receivedAt ?? Date.now()),
  });
}

export interface ReviewComplaint {
  workspaceId: string;
  /** The review's id in the catalog: the complaint's source ref. */
  reviewId: string;
  touchpointId: string;
  customer: string | null;
  text: string;
  /** The normalised rating, rating / maximum (0…1). */
  score: number;
  /** When the review was posted. */
  at: Date | number;
}

/** Whether a review's normalised score is low enough to open a complaint. */
export function isComplaintReview(score: number, maxScore = DEFAULT_REVIEW_COMPLAINT_SCORE): boolean {
  return score <= maxScore;
}

/**
 * Opens a complaint for a review at or under `maxScore` (rating / maximum, default 0.4 — two
 * stars of five); answers null for a better review. Idempotent by the review id.
 */
export async function openComplaintFromReview(
  db: Db,
  review: ReviewComplaint,
  maxScore = DEFAULT_REVIEW_COMPLAINT_SCORE,
): Promise<{ id: string; created: boolean } | null> {
  if (!isComplaintReview(review.score, maxScore)) return null;
  const text = review.text.trim();
  return openComplaintFromSource(db, {
    workspaceId: review.workspaceId,
    source: 'review',
    sourceRef: review.reviewId,
    touchpointId: review.touchpointId,
    customer: review.customer,
    text: text !== '' ? text : `Review rated ${Math.round(review.score * 100)} %`,
    severity: severityOfReview(review.score),
    receivedAt: new Date(review.at),
  });
}
