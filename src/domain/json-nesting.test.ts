import { describe, expect, it } from 'vitest';
import { isNestedDeeper } from './json-nesting.js';

describe('isNestedDeeper', () => {
  it('counts objects and arrays as levels, scalars as none', () => {
    expect(isNestedDeeper(1, 0)).toBe(false);
    expect(isNestedDeeper(null, 0)).toBe(false);
    expect(isNestedDeeper({}, 0)).toBe(true);
    expect(isNestedDeeper({}, 1)).toBe(false);
    expect(isNestedDeeper({ a: [1, { b: 'x' }] }, 2)).toBe(true);
    expect(isNestedDeeper({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(isNestedDeeper([[], [[[]]]], 3)).toBe(true);
  });

  it('answers for any depth without overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`);
    expect(isNestedDeeper(deep, 32)).toBe(true);
    expect(isNestedDeeper(JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`), 1000)).toBe(true);
  });
});
