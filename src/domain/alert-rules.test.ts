import { describe, expect, it } from 'vitest';
import {
  isWorseShift,
  normalCdf,
  npsShiftTest,
  parseAlertParams,
  parseSubjectKey,
  studentTwoSidedP,
  subjectKey,
  twoProportionTest,
  welchTest,
} from './alert-rules.js';
import { ValidationError } from './errors.js';

/** Count, sum and sum of squares of some answers. */
const moments = (xs: number[]) => ({
  n: xs.length,
  sum: xs.reduce((a, b) => a + b, 0),
  sumSquares: xs.reduce((a, b) => a + b * b, 0),
});

describe('alert statistics', () => {
  it('has the normal and Student distributions right', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
    // Tables: t = 2.306 at df 8 is the two-sided 5 % point; t = 2, df = 8 gives p = 0.0805.
    expect(studentTwoSidedP(2.306004, 8)).toBeCloseTo(0.05, 5);
    expect(studentTwoSidedP(2, 8)).toBeCloseTo(0.08052, 4);
    expect(studentTwoSidedP(0, 30)).toBeCloseTo(1, 6);
  });

  it('tests two shares with the pooled two-proportion z-test', () => {
    const t = twoProportionTest(30, 300, 90, 300);
    expect(t.before).toBeCloseTo(10, 9);
    expect(t.after).toBeCloseTo(30, 9);
    expect(t.change).toBeCloseTo(20, 9);
    // pooled 0.2: se = sqrt(0.2 · 0.8 · 2/300) = 0.03266, z = 6.124
    expect(t.statistic).toBeCloseTo(6.1237, 3);
    expect(t.p).toBeLessThan(1e-6);
    expect(twoProportionTest(30, 300, 39, 300).p).toBeGreaterThan(0.2);
    expect(twoProportionTest(0, 50, 0, 50)).toMatchObject({ change: 0, p: 1 });
  });

  it('tests NPS as the mean of +1/0/−1 scores', () => {
    const t = npsShiftTest(
      { answers: 100, promoters: 50, detractors: 20 },
      { answers: 100, promoters: 30, detractors: 40 },
    );
    expect(t.before).toBeCloseTo(30, 9);
    expect(t.after).toBeCloseTo(-10, 9);
    // variances 0.7 − 0.09 = 0.61 and 0.7 − 0.01 = 0.69: se = sqrt(0.013), z = −0.4 / 0.11402
    expect(t.statistic).toBeCloseTo(-3.5082, 3);
    expect(t.p).toBeCloseTo(2 * (1 - normalCdf(3.5082)), 4);
  });

  it("tests mean CSAT with Welch's t-test", () => {
    const t = welchTest(moments([3, 4, 5, 6, 7]), moments([1, 2, 3, 4, 5]));
    // means 5 and 3, variances 2.5 each: t = −2, Welch–Satterthwaite df = 8
    expect(t.change).toBeCloseTo(-2, 9);
    expect(t.statistic).toBeCloseTo(-2, 9);
    expect(t.p).toBeCloseTo(0.08052, 4);
    // Unequal spreads: 20 answers of 5 and 4 against 20 spread 1…5.
    const before = moments([...Array(10).fill(5), ...Array(10).fill(4)]);
    const after = moments([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    const w = welchTest(before, after);
    expect(w.before).toBeCloseTo(4.5, 9);
    expect(w.after).toBeCloseTo(3, 9);
    expect(w.p).toBeLessThan(0.001);
  });

  it('fires only on a significant change for the worse larger than the threshold', () => {
    const rise = twoProportionTest(30, 300, 90, 300);
    expect(isWorseShift('negative_share', rise, 5)).toBe(true);
    expect(isWorseShift('negative_share', rise, 25)).toBe(false);
    // The same change the other way is an improvement.
    expect(isWorseShift('negative_share', twoProportionTest(90, 300, 30, 300), 5)).toBe(false);
    // Large but not significant: 10 % → 16.7 % on 30 answers each.
    expect(isWorseShift('negative_share', twoProportionTest(3, 30, 5, 30), 5)).toBe(false);
    const fall = npsShiftTest(
      { answers: 100, promoters: 50, detractors: 20 },
      { answers: 100, promoters: 30, detractors: 40 },
    );
    expect(isWorseShift('nps', fall, 10)).toBe(true);
    expect(
      isWorseShift(
        'csat',
        welchTest(moments([5, 5, 4, 4, 5, 4, 5, 4, 5, 4]), moments([2, 3, 2, 3, 2, 3, 2, 3, 2, 3])),
        1,
      ),
    ).toBe(true);
  });
});

describe('alert rule params', () => {
  it('fills defaults and names faults as params.<field>', () => {
    expect(parseAlertParams('standard_compliance', {})).toEqual({
      standardId: null,
      windowDays: 7,
      minSample: 30,
    });
    expect(parseAlertParams('task_overdue', undefined)).toEqual({});
    try {
      parseAlertParams('feedback_shift', { metric: 'csat', threshold: 1, windowDays: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field).sort()).toEqual(['params.windowDays']);
    }
    expect(() => parseAlertParams('feedback_shift', { metric: 'csat', threshold: 5 })).toThrow(
      /params.threshold/,
    );
    expect(() => parseAlertParams('nope' as 'task_overdue', {})).toThrow(/kind/);
  });

  it('writes and reads subject keys', () => {
    expect(parseSubjectKey(subjectKey.standard('s1'))).toEqual({ kind: 'standard', id: 's1' });
    expect(parseSubjectKey(subjectKey.link('c1', 3))).toEqual({ kind: 'link', chainId: 'c1', position: 3 });
    expect(parseSubjectKey('link:c1:x')).toBeNull();
    expect(parseSubjectKey('other:1')).toBeNull();
  });
});
