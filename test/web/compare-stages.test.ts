import { describe, expect, it } from 'vitest';
import { mergeStageKeys } from '../../web/src/components/journey/compare-stages.js';

const map = (...keys: string[]) => ({ stages: keys.map((key) => ({ key })) });

describe('maps compared side by side', () => {
  it('share a row for a stage key and put a stage of one map after the stage it follows', () => {
    expect(mergeStageKeys([map('a', 'b', 'c'), map('a', 'b', 'c')])).toEqual(['a', 'b', 'c']);
    expect(mergeStageKeys([map('a', 'c'), map('a', 'b', 'c', 'd')])).toEqual(['a', 'b', 'c', 'd']);
    expect(
      mergeStageKeys([map('purchase', 'post_purchase'), map('purchase', 'delivery', 'post_purchase')]),
    ).toEqual(['purchase', 'delivery', 'post_purchase']);
    expect(mergeStageKeys([map('x'), map('y', 'x')])).toEqual(['y', 'x']);
    expect(mergeStageKeys([])).toEqual([]);
  });
});
