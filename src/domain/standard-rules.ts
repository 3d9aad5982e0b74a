/** Rules of a service standard (SPEC §2, law 3): a measurable promise at a touchpoint. */
import type { FieldIssue } from './errors.js';
import type { STANDARD_METRICS } from './vocabulary.js';

export type StandardMetric = (typeof STANDARD_METRICS)[number];
export type Comparator = 'lte' | 'gte';

/** Name of a numeric interaction property (a key of `props`): letters, digits, `_` `-` `.`. */
export const PROP_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** The values a metric can take; a target outside them can never be met or never fail. */
const TARGET_RANGES: Record<Exclude<StandardMetric, 'prop'>, { min: number; max: number; unit: string }> = {
  response_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
  wait_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
  duration_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
  csat: { min: 1, max: 5, unit: 'a CSAT score' },
  nps: { min: -100, max: 100, unit: 'an NPS' },
  ces: { min: 1, max: 7, unit: 'a CES score' },
  negative_share: { min: 0, max: 1, unit: 'a share' },
  complaint_first_response_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
  complaint_resolution_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
  review_reply_ms: { min: 0, max: Number.POSITIVE_INFINITY, unit: 'a time in milliseconds' },
};

/**
 * Metrics measured in the catalog rather than the event store: the time from a complaint's
 * receipt to its first response or resolution, and from a review's posting to its reply. Only
 * `lte` fits them: a complaint still waiting longer than the target already fails it.
 */
export const CATALOG_METRICS = [
  'complaint_first_response_ms',
  'complaint_resolution_ms',
  'review_reply_ms',
] as const satisfies readonly StandardMetric[];
export type CatalogMetric = (typeof CATALOG_METRICS)[number];

export function isCatalogMetric(metric: string): metric is CatalogMetric {
  return (CATALOG_METRICS as readonly string[]).includes(metric);
}

/**
 * The comparator a metric usually needs: times, effort and negative share should stay low,
 * satisfaction and NPS high. A `prop` metric has no natural direction (undefined).
 */
export function defaultComparator(metric: StandardMetric): Comparator | undefined {
  if (metric === 'csat' || metric === 'nps') return 'gte';
  if (metric === 'prop') return undefined;
  return 'lte';
}

/**
 * Checks a standard as it would be saved: `prop` names the property exactly when the metric is
 * `prop`, the target lies in the metric's range, and a catalog metric is compared with `lte`.
 * Returns the issues, empty when consistent.
 */
export function checkStandard(s: {
  metric: StandardMetric;
  prop: string | null;
  target: number;
  comparator?: Comparator | null | undefined;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (isCatalogMetric(s.metric) && s.comparator === 'gte')
    issues.push({ field: 'comparator', message: `${s.metric} is a time to keep short: only lte fits it` });
  if (s.metric === 'prop') {
    if (!s.prop)
      issues.push({ field: 'prop', message: 'metric prop needs the name of the numeric property' });
    else if (!PROP_NAME_PATTERN.test(s.prop))
      issues.push({
        field: 'prop',
        message: 'must be a property name: letters, digits, _ - . (starting with a letter or _, ≤ 64)',
      });
  } else if (s.prop !== null) {
    issues.push({ field: 'prop', message: `only metric prop takes a property; ${s.metric} does not` });
  }
  if (!Number.isFinite(s.target)) {
    issues.push({ field: 'target', message: 'must be a finite number' });
  } else if (s.metric !== 'prop') {
    const range = TARGET_RANGES[s.metric];
    if (s.target < range.min || s.target > range.max) {
      const bounds =
        range.max === Number.POSITIVE_INFINITY ? `≥ ${range.min}` : `between ${range.min} and ${range.max}`;
      issues.push({ field: 'target', message: `${s.metric} is ${range.unit}: the target must be ${bounds}` });
    }
  }
  return issues;
}
