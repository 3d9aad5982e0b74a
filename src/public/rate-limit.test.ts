import { describe, expect, it } from 'vitest';
import { PublicRateLimitError, publicLimits, WindowCounter } from './rate-limit.js';

describe('public survey rate limits', () => {
  it('counts per key in one-minute windows and says when to retry', () => {
    const counter = new WindowCounter(2);
    const t0 = 1_000_000;
    expect(counter.take('a', t0)).toBeUndefined();
    expect(counter.take('a', t0 + 1_000)).toBeUndefined();
    expect(counter.take('a', t0 + 15_000)).toBe(45);
    // Another key has its own budget; a new window starts a minute after the first request.
    expect(counter.take('b', t0 + 15_000)).toBeUndefined();
    expect(counter.take('a', t0 + 60_000)).toBeUndefined();
  });

  it('throws 429 naming the limit that was reached', () => {
    const limits = publicLimits({ perAddress: 1, perSurvey: 1 });
    limits.address('192.0.2.1');
    limits.survey('s1');
    expect(() => limits.address('192.0.2.1')).toThrow(PublicRateLimitError);
    expect(() => limits.address('192.0.2.1')).toThrow(/from this address: at most 1 a minute/);
    expect(() => limits.survey('s1')).toThrow(/answers to this survey/);
    expect(() => limits.survey('s2')).not.toThrow();
  });
});
