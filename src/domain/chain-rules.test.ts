import { describe, expect, it } from 'vitest';
import { checkLinkRoles, closesNextChainCycle } from './chain-rules.js';
import { closesParentCycle } from './touchpoint-tree.js';

describe('checkLinkRoles', () => {
  it('accepts an empty draft, initial only, and initial…final', () => {
    expect(checkLinkRoles([])).toEqual([]);
    expect(checkLinkRoles(['initial'])).toEqual([]);
    expect(checkLinkRoles(['initial', 'middle', 'middle', 'final'])).toEqual([]);
    expect(checkLinkRoles(['initial', 'final'])).toEqual([]);
  });
  it('names the link at fault', () => {
    expect(checkLinkRoles(['middle', 'final'])).toEqual([
      { field: 'links.0.role', message: 'the first link must be the initial link' },
    ]);
    expect(checkLinkRoles(['initial', 'initial'])).toEqual([
      { field: 'links.1.role', message: 'only the first link can be the initial link' },
    ]);
    expect(checkLinkRoles(['initial', 'final', 'middle'])).toEqual([
      { field: 'links.1.role', message: 'only the last link can be the final link' },
    ]);
  });
});

describe('cycles', () => {
  it('finds a loop through next-chain pointers', () => {
    const next = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', null],
    ]);
    expect(closesNextChainCycle('c', 'a', next)).toBe(true);
    expect(closesNextChainCycle('c', 'c', next)).toBe(true);
    expect(closesNextChainCycle('c', null, next)).toBe(false);
    expect(closesNextChainCycle('d', 'a', next)).toBe(false);
  });
  it('finds a loop through parent touchpoints', () => {
    const parent = new Map<string, string | null>([
      ['greeting', 'call_centre'],
      ['call_centre', null],
    ]);
    expect(closesParentCycle('call_centre', 'greeting', parent)).toBe(true);
    expect(closesParentCycle('call_centre', 'call_centre', parent)).toBe(true);
    expect(closesParentCycle('hold_music', 'call_centre', parent)).toBe(false);
  });
});
