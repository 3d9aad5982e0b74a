/**
 * How an audit answer becomes a score (Law 3, control), shared by the audit API, the roll-ups,
 * the competitor benchmark and the report.
 *
 * Every answer is normalised to a score in 0…1:
 * - `yes_no`: yes = 1, no = 0 (the stored value is 1 or 0);
 * - `score_1_5`: (value − 1) / 4, so 1 → 0, 3 → 0.5, 5 → 1;
 * - `number`: 1 when the measured value meets the target by the comparator (≤ or ≥), else 0.
 * A skipped criterion (value null) has no score and counts in no average.
 *
 * A criterion **passes** when its score is at least PASS_SCORE (yes; 4 or 5 of 5; a number that
 * meets its target). Averages are weighted by the criteria's weights; a figure always travels with
 * the number of audits (and answers) behind it.
 */
import { invalid } from './errors.js';

export const AUDIT_SCALES = ['yes_no', 'score_1_5', 'number'] as const;
export type AuditScale = (typeof AUDIT_SCALES)[number];

export const AUDIT_STATUSES = ['planned', 'in_progress', 'submitted'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** A score at or above this passes (yes; 4 of 5 or better; a met target). */
export const PASS_SCORE = 0.75;

export interface ScoredCriterion {
  scale: AuditScale;
  target: number | null;
  comparator: 'lte' | 'gte' | null;
}

/** Throws 400 naming `field` unless `value` is a possible answer on the criterion's scale. */
export function checkAnswerValue(criterion: ScoredCriterion, value: number | null, field = 'value'): void {
  if (value === null) return;
  if (!Number.isFinite(value)) throw invalid(field, 'must be a finite number');
  if (criterion.scale === 'yes_no' && value !== 0 && value !== 1)
    throw invalid(field, 'must be 1 (yes) or 0 (no) on a yes/no criterion');
  if (criterion.scale === 'score_1_5' && !(Number.isInteger(value) && value >= 1 && value <= 5))
    throw invalid(field, 'must be a whole number from 1 to 5');
}

/** Throws 400 unless a criterion's scale, target and comparator fit together. */
export function checkCriterionScale(criterion: ScoredCriterion, prefix = ''): void {
  if (criterion.scale === 'number') {
    if (criterion.target === null || !Number.isFinite(criterion.target))
      throw invalid(`${prefix}target`, 'is required for a measured (number) criterion');
    if (criterion.comparator === null)
      throw invalid(`${prefix}comparator`, 'is required for a measured (number) criterion: lte or gte');
  } else {
    if (criterion.target !== null) throw invalid(`${prefix}target`, `applies only to a number criterion`);
    if (criterion.comparator !== null)
      throw invalid(`${prefix}comparator`, `applies only to a number criterion`);
  }
}

/** The answer's score in 0…1, or null when the criterion was skipped. */
export function answerScore(criterion: ScoredCriterion, value: number | null): number | null {
  if (value === null) return null;
  switch (criterion.scale) {
    case 'yes_no':
      return value >= 1 ? 1 : 0;
    case 'score_1_5':
      return Math.min(1, Math.max(0, (value - 1) / 4));
    case 'number': {
      if (criterion.target === null || criterion.comparator === null) return null;
      const met = criterion.comparator === 'lte' ? value <= criterion.target : value >= criterion.target;
      return met ? 1 : 0;
    }
  }
}

/** Whether an answer passes; null when skipped. */
export function answerPasses(criterion: ScoredCriterion, value: number | null): boolean | null {
  const score = answerScore(criterion, value);
  return score === null ? null : score >= PASS_SCORE;
}

/** The weighted mean of scored items (weights > 0), or null when none has a score. */
export function weightedScore(items: readonly { score: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { score, weight } of items) {
    if (score === null || !(weight > 0)) continue;
    sum += score * weight;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}
