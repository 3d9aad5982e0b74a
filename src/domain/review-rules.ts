/**
 * Reviews from rating sites (issue 16 §3): the fields a review file can feed, how a rating is
 * normalised and which scores count as positive or negative. No I/O (the web app shares it).
 */
import { DEFAULT_REVIEW_COMPLAINT_SCORE } from './complaint-rules.js';

/** The fields a review file can feed (`touchpoint`, `site` and `rating_max` may be fixed for the file instead). */
export const REVIEW_FIELDS = [
  'date',
  'rating',
  'rating_max',
  'text',
  'author',
  'customer',
  'site',
  'external_id',
  'reply',
  'reply_date',
  'touchpoint',
] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

/** The fields a review cannot do without: mapped to a column, or (the last three) fixed for the file. */
export const REQUIRED_REVIEW_FIELDS: readonly ReviewField[] = [
  'date',
  'rating',
  'touchpoint',
  'site',
  'rating_max',
];

/** Scores from this up count as positive reviews (4 of 5, 8 of 10). */
export const POSITIVE_REVIEW_SCORE = 0.8;
/** Scores up to this count as negative reviews (2 of 5, 4 of 10). */
export const NEGATIVE_REVIEW_SCORE = 0.4;
/** Default complaint threshold of an import: a review whose score is at most this opens a complaint. */
export const DEFAULT_COMPLAINT_THRESHOLD = DEFAULT_REVIEW_COMPLAINT_SCORE;
/** The largest rating maximum accepted (percent scales). */
export const MAX_RATING_MAX = 100;

/** A rating on its site's scale as a score 0…1 (rating / maximum). */
export function reviewScore(rating: number, ratingMax: number): number {
  return rating / ratingMax;
}

/** A score 0…1 shown on a five-star scale ("4.2 / 5"). */
export function scoreOutOfFive(score: number): number {
  return score * 5;
}

/** The feedback-store id of a review's normalised score (kind `review`). */
export function reviewFeedbackId(reviewId: string): string {
  return `r:${reviewId}`;
}
