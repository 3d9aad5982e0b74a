/**
 * The limits of the public survey routes (SPEC §6, abuse): requests per client address and minute
 * (TOUCHPOINTS_SURVEY_ADDRESS_RATE_LIMIT) and answers per survey and minute from everyone
 * (TOUCHPOINTS_SURVEY_RATE_LIMIT), counted in fixed one-minute windows in memory. Both are checked
 * on every answer; an address's page and survey reads count against its budget too.
 */
import { AppError } from '../domain/errors.js';

const WINDOW_MS = 60_000;

interface Window {
  count: number;
  resetAt: number;
}

/** A counter per key in one-minute windows; forgets keys whose window ended. */
export class WindowCounter {
  private readonly windows = new Map<string, Window>();
  private sweepAt = 0;

  constructor(private readonly max: number) {}

  /** Counts one more for `key`; the seconds until its window ends when over the limit, else undefined. */
  take(key: string, now = Date.now()): number | undefined {
    if (now >= this.sweepAt) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      this.sweepAt = now + WINDOW_MS;
    }
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : undefined;
  }
}

/** 429 with what was exceeded and when to retry. */
export class PublicRateLimitError extends AppError {
  constructor(what: string, max: number, retryAfterSeconds: number) {
    super(429, 'rate_limited', `too many ${what}: at most ${max} a minute; retry in ${retryAfterSeconds} s`, {
      limit: max,
      retryAfterSeconds,
    });
  }
}

export interface PublicLimits {
  /** Counts a request from `address`; throws 429 beyond the limit. */
  address(address: string): void;
  /** Counts an answer to survey `surveyId`; throws 429 beyond the limit. */
  survey(surveyId: string): void;
}

export function publicLimits(config: { perAddress: number; perSurvey: number }): PublicLimits {
  const addresses = new WindowCounter(config.perAddress);
  const surveys = new WindowCounter(config.perSurvey);
  return {
    address(address) {
      const retry = addresses.take(address);
      if (retry !== undefined)
        throw new PublicRateLimitError('survey requests from this address', config.perAddress, retry);
    },
    survey(surveyId) {
      const retry = surveys.take(surveyId);
      if (retry !== undefined)
        throw new PublicRateLimitError('answers to this survey', config.perSurvey, retry);
    },
  };
}
