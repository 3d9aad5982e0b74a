import { describe, expect, it } from 'vitest';
import {
  answerPasses,
  answerScore,
  checkAnswerValue,
  checkCriterionScale,
  weightedScore,
} from './audit-scoring.js';
import { AppError } from './errors.js';

const yesNo = { scale: 'yes_no', target: null, comparator: null } as const;
const fivePoint = { scale: 'score_1_5', target: null, comparator: null } as const;
const within30s = { scale: 'number', target: 30, comparator: 'lte' } as const;

describe('audit scoring', () => {
  it('normalises each scale to 0…1 and passes at 4 of 5, yes, or a met target', () => {
    expect(answerScore(yesNo, 1)).toBe(1);
    expect(answerScore(yesNo, 0)).toBe(0);
    expect(answerScore(fivePoint, 1)).toBe(0);
    expect(answerScore(fivePoint, 3)).toBe(0.5);
    expect(answerPasses(fivePoint, 3)).toBe(false);
    expect(answerPasses(fivePoint, 4)).toBe(true);
    expect(answerScore(within30s, 30)).toBe(1);
    expect(answerScore(within30s, 31)).toBe(0);
    expect(answerPasses(within30s, null)).toBeNull();
  });

  it('weights the mean and ignores skipped answers', () => {
    expect(
      weightedScore([
        { score: 1, weight: 3 },
        { score: 0, weight: 1 },
        { score: null, weight: 5 },
      ]),
    ).toBe(0.75);
    expect(weightedScore([{ score: null, weight: 1 }])).toBeNull();
  });

  it('rejects answers off the scale and criteria whose target does not fit, naming the field', () => {
    expect(() => checkAnswerValue(fivePoint, 6)).toThrow(AppError);
    expect(() => checkAnswerValue(yesNo, 0.5)).toThrow(/1 \(yes\) or 0 \(no\)/);
    expect(() => checkAnswerValue(within30s, 12.5)).not.toThrow();
    expect(() =>
      checkCriterionScale({ scale: 'number', target: null, comparator: 'lte' }, 'criteria.0.'),
    ).toThrow(/target/);
    expect(() => checkCriterionScale({ scale: 'yes_no', target: 3, comparator: null })).toThrow(/target/);
  });
});
