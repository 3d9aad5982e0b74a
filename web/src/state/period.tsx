/**
 * The period and filters shared by every analytics page (and the chain funnel): kept in the URL's
 * query string so a view can be shared as a link, and carried along when moving between pages.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

export type PeriodPreset = '30' | '90' | '365' | 'all' | 'custom';

export interface AnalyticsFilter {
  preset: PeriodPreset;
  /** ISO dates (yyyy-mm-dd) as the API takes them; undefined = open. */
  from?: string;
  to?: string;
  channel?: string;
  stage?: string;
}

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The from/to of a preset, relative to today (the end is tomorrow, so today counts). */
export function presetRange(preset: PeriodPreset, now = Date.now()): { from?: string; to?: string } {
  if (preset === 'custom') return {};
  // The API's default period is the last 30 days; "all time" starts at the epoch.
  if (preset === 'all') return { from: '1970-01-01', to: isoDate(now + DAY) };
  return { from: isoDate(now - Number(preset) * DAY), to: isoDate(now + DAY) };
}

export function useAnalyticsFilter() {
  const [params, setParams] = useSearchParams();
  const preset = (params.get('period') as PeriodPreset | null) ?? 'all';
  const filter = useMemo<AnalyticsFilter>(() => {
    const range =
      preset === 'custom'
        ? { from: params.get('from') ?? '1970-01-01', to: params.get('to') ?? undefined }
        : presetRange(preset);
    return {
      preset,
      ...range,
      channel: params.get('channel') ?? undefined,
      stage: params.get('stage') ?? undefined,
    };
  }, [params, preset]);

  // Two changes in a row (from, then to) must both land: build each on the one before it, not on
  // the URL the router has not yet updated.
  const pending = useRef<URLSearchParams | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once the URL holds the changes, start from it again
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const setFilter = useCallback(
    (change: Partial<AnalyticsFilter>) => {
      const next = new URLSearchParams(pending.current ?? window.location.search);
      for (const [key, value] of Object.entries(change)) {
        const name = key === 'preset' ? 'period' : key;
        if (value === undefined || value === '') next.delete(name);
        else next.set(name, value);
      }
      pending.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );

  /** The query parameters of the analytics endpoints for this filter. */
  const query = useMemo(() => ({ from: filter.from, to: filter.to }), [filter.from, filter.to]);
  return { filter, setFilter, query, search: params.toString() };
}
