/**
 * Alert rules (Law 3, the control): the kinds, their parameters and defaults, the subject keys of
 * their episodes, and the statistics that decide whether feedback really moved.
 *
 * Kinds and parameters (an episode is one subject's condition, from true until it clears):
 * - `standard_compliance` { standardId | null (every standard), windowDays, minSample }: fires when
 *   a standard's compliance over the last `windowDays` is below its required share, measured on at
 *   least `minSample` interactions (or answers). Subject `standard:<id>`.
 * - `feedback_shift` { touchpointId | null (every touchpoint with feedback), metric, threshold,
 *   windowDays, minSample }: compares the last `windowDays` with the `windowDays` before; fires
 *   when the change for the worse is both statistically significant (p < 0.05, two-sided) and larger
 *   than `threshold`, with at least `minSample` in each window. Subject `touchpoint:<id>`.
 *   - `negative_share` (percentage points): two-proportion z-test with the pooled proportion.
 *   - `nps` (NPS points, −100…100): each answer scores +1 (promoter), 0, −1 (detractor); NPS is
 *     100 × the mean, and the z-test compares the two means with each window's own variance
 *     p₊ + p₋ − (p₊ − p₋)² — the promoter and detractor shares move together, so testing either
 *     alone would miss a shift from passives.
 *   - `csat` (points of the mean answer, 1…5): Welch's t-test (unequal variances, Welch–
 *     Satterthwaite degrees of freedom), since answers are a few discrete values whose spread
 *     differs between periods. A worse period is a lower mean; a rise never fires.
 * - `touchpoint_silent` { touchpointId | null (every active touchpoint), days }: no interaction in
 *   the last `days` days. Subject `touchpoint:<id>`.
 * - `task_overdue` {}: a task past its due date while planned or in progress. Subject `task:<id>`.
 * - `task_not_effective` {}: a task the verification found not effective. Subject `task:<id>`.
 * - `link_conversion_drop` { chainId, position | null (every link), windowDays, threshold,
 *   minSample }: a link's conversion over the last `windowDays` fell by more than `threshold`
 *   percentage points against the window before, with `minSample` customers entering the link
 *   in each. Subject `link:<chainId>:<position>`.
 */
import { z } from 'zod';
import { invalid, ValidationError } from './errors.js';

export const ALERT_KINDS = [
  'standard_compliance',
  'feedback_shift',
  'touchpoint_silent',
  'task_overdue',
  'task_not_effective',
  'link_conversion_drop',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const FEEDBACK_METRICS = ['negative_share', 'csat', 'nps'] as const;
export type FeedbackMetric = (typeof FEEDBACK_METRICS)[number];

export const ALERT_EVENTS = ['alert.fired', 'alert.resolved', 'webhook.test'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const NOTIFICATION_KINDS = ['alert_fired', 'alert_resolved', 'task_not_effective', 'mention'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const EPISODE_STATES = ['open', 'resolved'] as const;

export const DEFAULT_ALERT_WINDOW_DAYS = 7;
export const DEFAULT_ALERT_MIN_SAMPLE = 30;
export const DEFAULT_SILENT_DAYS = 3;
/** Two-sided significance level of the feedback-shift tests. */
export const ALERT_SIGNIFICANCE = 0.05;

export interface StandardComplianceParams {
  standardId: string | null;
  windowDays: number;
  minSample: number;
}
export interface FeedbackShiftParams {
  touchpointId: string | null;
  metric: FeedbackMetric;
  threshold: number;
  windowDays: number;
  minSample: number;
}
export interface TouchpointSilentParams {
  touchpointId: string | null;
  days: number;
}
export type TaskRuleParams = Record<string, never>;
export interface LinkConversionDropParams {
  chainId: string;
  position: number | null;
  windowDays: number;
  threshold: number;
  minSample: number;
}
export interface AlertParamsByKind {
  standard_compliance: StandardComplianceParams;
  feedback_shift: FeedbackShiftParams;
  touchpoint_silent: TouchpointSilentParams;
  task_overdue: TaskRuleParams;
  task_not_effective: TaskRuleParams;
  link_conversion_drop: LinkConversionDropParams;
}

/** The kinds whose episodes concern a task (its owner is notified too). */
export const TASK_ALERT_KINDS: readonly AlertKind[] = ['task_overdue', 'task_not_effective'];

/** Subject keys of episodes. */
export const subjectKey = {
  standard: (id: string) => `standard:${id}`,
  touchpoint: (id: string) => `touchpoint:${id}`,
  task: (id: string) => `task:${id}`,
  link: (chainId: string, position: number) => `link:${chainId}:${position}`,
};

/** Parses a subject key back into its kind and ids; null when it is not one of ours. */
export function parseSubjectKey(
  key: string,
):
  | { kind: 'standard' | 'touchpoint' | 'task'; id: string }
  | { kind: 'link'; chainId: string; position: number }
  | null {
  const [kind, a, b] = key.split(':');
  if ((kind === 'standard' || kind === 'touchpoint' || kind === 'task') && a && b === undefined)
    return { kind, id: a };
  if (kind === 'link' && a && b && /^\d+$/.test(b)) return { kind, chainId: a, position: Number(b) };
  return null;
}

const zWindowDays = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 365')
  .max(365, 'must be between 1 and 365');
const zMinSample = (min: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and 1000000`)
    .max(1_000_000, `must be between ${min} and 1000000`);
const zUuid = z.uuid({ error: 'must be a UUID' });

/** The params of each kind, with their defaults; the API's schemas and the store use these. */
export const ALERT_PARAMS = {
  standard_compliance: z.strictObject({
    standardId: zUuid.nullable().default(null).describe('a standard of the workspace; null: every standard'),
    windowDays: zWindowDays.default(DEFAULT_ALERT_WINDOW_DAYS).describe('days measured, up to now'),
    minSample: zMinSample(1)
      .default(DEFAULT_ALERT_MIN_SAMPLE)
      .describe('interactions (or answers) needed before a standard can fail'),
  }),
  feedback_shift: z
    .strictObject({
      touchpointId: zUuid
        .nullable()
        .default(null)
        .describe(
          'a touchpoint of the workspace (with its descendants); null: every touchpoint with feedback',
        ),
      metric: z
        .enum(FEEDBACK_METRICS, { error: `must be one of ${FEEDBACK_METRICS.join(', ')}` })
        .describe(
          'negative_share: share of negative sentiment (two-proportion z-test); nps: NPS (z-test of the +1/0/−1 means); csat: mean CSAT answer 1…5 (Welch’s t-test)',
        ),
      threshold: z
        .number({ error: 'must be a number' })
        .gt(0, 'must be above 0')
        .max(100, 'must be at most 100')
        .describe(
          'the least change for the worse that fires: percentage points (negative_share), NPS points (nps), points of the mean answer (csat)',
        ),
      windowDays: zWindowDays
        .default(DEFAULT_ALERT_WINDOW_DAYS)
        .describe('the last windowDays days are compared with the windowDays before'),
      minSample: zMinSample(2)
        .default(DEFAULT_ALERT_MIN_SAMPLE)
        .describe('rated interactions (or answers) needed in each window'),
    })
    .refine((p) => p.metric !== 'csat' || p.threshold <= 4, {
      path: ['threshold'],
      message: 'the mean CSAT answer moves at most 4 points (1…5)',
    }),
  touchpoint_silent: z.strictObject({
    touchpointId: zUuid
      .nullable()
      .default(null)
      .describe('a touchpoint of the workspace (with its descendants); null: every active touchpoint'),
    days: zWindowDays.default(DEFAULT_SILENT_DAYS).describe('days without any interaction'),
  }),
  task_overdue: z.strictObject({}),
  task_not_effective: z.strictObject({}),
  link_conversion_drop: z.strictObject({
    chainId: zUuid.describe('a chain of the workspace'),
    position: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be a link position from 1')
      .max(1000, 'must be at most 1000')
      .nullable()
      .default(null)
      .describe('one link of the chain (1 = the first); null: every link'),
    windowDays: zWindowDays
      .default(DEFAULT_ALERT_WINDOW_DAYS)
      .describe('the last windowDays days are compared with the windowDays before'),
    threshold: z
      .number({ error: 'must be a number' })
      .gt(0, 'must be above 0')
      .max(100, 'must be at most 100')
      .describe('the least fall of the link conversion, in percentage points, that fires'),
    minSample: zMinSample(1)
      .default(DEFAULT_ALERT_MIN_SAMPLE)
      .describe('customers entering the link needed in each window'),
  }),
} as const satisfies Record<AlertKind, z.ZodType>;

/** Parses a rule's params for its kind: defaults filled in, faults as 400 naming `params.<field>`. */
export function parseAlertParams<K extends AlertKind>(kind: K, params: unknown): AlertParamsByKind[K] {
  if (!(ALERT_KINDS as readonly string[]).includes(kind))
    throw invalid('kind', `must be one of ${ALERT_KINDS.join(', ')}`);
  const result = ALERT_PARAMS[kind].safeParse(params ?? {});
  if (!result.success)
    throw new ValidationError(
      result.error.issues.map((i) => ({
        field: ['params', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  return result.data as AlertParamsByKind[K];
}

// ---------------------------------------------------------------- statistics

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function logGamma(x: number): number {
  const c = [
    76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2,
    -0.5395239384953e-5,
  ];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const ci of c) {
    y += 1;
    ser += ci / y;
  }
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

/** Continued fraction of the regularised incomplete beta function (Numerical Recipes betacf). */
function betacf(a: number, b: number, x: number): number {
  const tiny = 1e-30;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 200; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 3e-12) break;
  }
  return h;
}

function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (bt * betacf(a, b, x)) / a : 1 - (bt * betacf(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / 2, 0.5, df / (df + t * t));
}

export interface ShiftTest {
  /** previous → current, in the metric's unit (percentage points, NPS points, CSAT points). */
  before: number;
  after: number;
  change: number;
  statistic: number;
  p: number;
  test: 'two-proportion z-test' | 'z-test of NPS means' | "Welch's t-test";
}

/** Two-proportion z-test (pooled) of x1/n1 (before) against x2/n2 (after); shares in percent. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ShiftTest {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se === 0 ? (p1 === p2 ? 0 : Number.POSITIVE_INFINITY) : (p2 - p1) / se;
  const p = z === 0 ? 1 : Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z))) : 0;
  return {
    before: p1 * 100,
    after: p2 * 100,
    change: (p2 - p1) * 100,
    statistic: z,
    p,
    test: 'two-proportion z-test',
  };
}

/** NPS before and after: answers scored +1/0/−1, means compared with each window's own variance. */
export function npsShiftTest(
  before: { answers: number; promoters: number; detractors: number },
  after: { answers: number; promoters: number; detractors: number },
): ShiftTest {
  const side = (s: typeof before) => {
    const pp = s.promoters / s.answers;
    const pd = s.detractors / s.answers;
    const mean = pp - pd;
    return { mean, variance: pp + pd - mean * mean, n: s.answers };
  };
  const a = side(before);
  const b = side(after);
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const z = se === 0 ? (a.mean === b.mean ? 0 : Number.POSITIVE_INFINITY) : (b.mean - a.mean) / se;
  const p = z === 0 ? 1 : Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z))) : 0;
  return {
    before: a.mean * 100,
    after: b.mean * 100,
    change: (b.mean - a.mean) * 100,
    statistic: z,
    p,
    test: 'z-test of NPS means',
  };
}

/** Welch's t-test of two means from their count, sum and sum of squares. */
export function welchTest(
  before: { n: number; sum: number; sumSquares: number },
  after: { n: number; sum: number; sumSquares: number },
): ShiftTest {
  const side = (s: typeof before) => {
    const mean = s.sum / s.n;
    const variance = s.n > 1 ? Math.max(0, (s.sumSquares - s.n * mean * mean) / (s.n - 1)) : 0;
    return { mean, v: variance / s.n, n: s.n };
  };
  const a = side(before);
  const b = side(after);
  const se2 = a.v + b.v;
  let t: number;
  let p: number;
  if (se2 === 0) {
    t = a.mean === b.mean ? 0 : Number.POSITIVE_INFINITY;
    p = a.mean === b.mean ? 1 : 0;
  } else {
    t = (b.mean - a.mean) / Math.sqrt(se2);
    const df = (se2 * se2) / ((a.v * a.v) / (a.n - 1) + (b.v * b.v) / (b.n - 1));
    p = studentTwoSidedP(t, df);
  }
  return { before: a.mean, after: b.mean, change: b.mean - a.mean, statistic: t, p, test: "Welch's t-test" };
}

/**
 * Whether a feedback change is a shift for the worse worth an alert: significant at
 * `ALERT_SIGNIFICANCE` and larger than the threshold. Worse is a rise of the negative share and
 * a fall of NPS or CSAT.
 */
export function isWorseShift(metric: FeedbackMetric, test: ShiftTest, threshold: number): boolean {
  const worse = metric === 'negative_share' ? test.change : -test.change;
  return test.p < ALERT_SIGNIFICANCE && worse > threshold;
}
