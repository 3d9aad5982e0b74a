import { describe, expect, it } from 'vitest';
import { checkStandard, defaultComparator } from './standard-rules.js';

describe('checkStandard', () => {
  it('accepts targets inside each metric range, bounds included', () => {
    expect(checkStandard({ metric: 'response_ms', prop: null, target: 0 })).toEqual([]);
    expect(checkStandard({ metric: 'wait_ms', prop: null, target: 300_000 })).toEqual([]);
    expect(checkStandard({ metric: 'csat', prop: null, target: 5 })).toEqual([]);
    expect(checkStandard({ metric: 'nps', prop: null, target: -100 })).toEqual([]);
    expect(checkStandard({ metric: 'ces', prop: null, target: 1 })).toEqual([]);
    expect(checkStandard({ metric: 'negative_share', prop: null, target: 0.05 })).toEqual([]);
    expect(checkStandard({ metric: 'prop', prop: 'queue_length', target: -3 })).toEqual([]);
  });

  it('names target when it lies outside the range of the metric', () => {
    expect(checkStandard({ metric: 'csat', prop: null, target: 0.9 })).toEqual([
      { field: 'target', message: 'csat is a CSAT score: the target must be between 1 and 5' },
    ]);
    expect(checkStandard({ metric: 'nps', prop: null, target: 101 })[0]?.field).toBe('target');
    expect(checkStandard({ metric: 'ces', prop: null, target: 8 })[0]?.field).toBe('target');
    expect(checkStandard({ metric: 'negative_share', prop: null, target: 5 })[0]?.field).toBe('target');
    expect(checkStandard({ metric: 'duration_ms', prop: null, target: -1 })).toEqual([
      { field: 'target', message: 'duration_ms is a time in milliseconds: the target must be ≥ 0' },
    ]);
    expect(checkStandard({ metric: 'prop', prop: 'x', target: Number.NaN })[0]?.field).toBe('target');
  });

  it('wants prop exactly for the prop metric, shaped like a property name', () => {
    expect(checkStandard({ metric: 'prop', prop: null, target: 1 })).toEqual([
      { field: 'prop', message: 'metric prop needs the name of the numeric property' },
    ]);
    expect(checkStandard({ metric: 'prop', prop: 'has space', target: 1 })[0]?.field).toBe('prop');
    expect(checkStandard({ metric: 'csat', prop: 'score', target: 4 })).toEqual([
      { field: 'prop', message: 'only metric prop takes a property; csat does not' },
    ]);
  });
});

describe('defaultComparator', () => {
  it('keeps times, effort and negatives low, satisfaction high, and leaves prop to the user', () => {
    expect(defaultComparator('response_ms')).toBe('lte');
    expect(defaultComparator('ces')).toBe('lte');
    expect(defaultComparator('negative_share')).toBe('lte');
    expect(defaultComparator('csat')).toBe('gte');
    expect(defaultComparator('nps')).toBe('gte');
    expect(defaultComparator('prop')).toBeUndefined();
  });
});
