/** The bell's "how long ago", in the UI language: the largest whole unit, "now" under a minute. */
import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../web/src/components/alerts/time-ago.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000);

describe('timeAgo', () => {
  it('says now under a minute, then minutes, hours, days, weeks, months and years', () => {
    expect(timeAgo(ago(0), 'en', NOW)).toBe('now');
    expect(timeAgo(ago(59), 'en', NOW)).toBe('now');
    expect(timeAgo(ago(60), 'en', NOW)).toBe('1 minute ago');
    expect(timeAgo(ago(59 * 60 + 59), 'en', NOW)).toBe('59 minutes ago');
    expect(timeAgo(ago(2 * 3600), 'en', NOW)).toBe('2 hours ago');
    expect(timeAgo(ago(86_400), 'en', NOW)).toBe('yesterday');
    expect(timeAgo(ago(3 * 86_400), 'en', NOW)).toBe('3 days ago');
    expect(timeAgo(ago(15 * 86_400), 'en', NOW)).toBe('2 weeks ago');
    expect(timeAgo(ago(65 * 86_400), 'en', NOW)).toBe('2 months ago');
    expect(timeAgo(ago(800 * 86_400), 'en', NOW)).toBe('2 years ago');
  });

  it('speaks the UI language and takes ISO strings as the API sends them', () => {
    expect(timeAgo(new Date(NOW - 5 * 60_000).toISOString(), 'de', NOW)).toBe('vor 5 Minuten');
    expect(timeAgo(ago(2 * 3600), 'ru', NOW)).toBe('2 часа назад');
    expect(timeAgo(ago(3 * 86_400), 'cs', NOW)).toBe('před 3 dny');
  });
});
