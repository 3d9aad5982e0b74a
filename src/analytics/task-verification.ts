/**
 * Verification of improvement tasks from live data (Law 3). A task that is `done` since T is
 * judged over its window [T, T + windowDays):
 *
 * - on a standard: the standard's compliance (standards-compliance.ts, the same analysis as the
 *   analytics page) over [T, min(now, T + windowDays)). As soon as it passes on at least the
 *   task's `minSample` measured interactions (answers, complaints, reviews) the task is
 *   `verified` — early, inside
 *   the window: the minimum sample is what makes an early answer trustworthy. When the window has
 *   closed without that (failing, or too few measured) it is `not_effective`;
 * - on a chain link with a `conversionRiseTarget` (percentage points): once the window has
 *   closed, the link's conversion from the previous link (chain-conversion.ts) over the window is
 *   compared with the same length before T; `verified` when it rose by at least the target,
 *   `not_effective` otherwise (also when either side had no customer at the previous link). A
 *   link's conversion needs the whole window, so there is no early answer;
 * - a task on both needs both to hold; one that has neither (a touchpoint, a journey) is marked
 *   `not_verifiable` once and stays done.
 *
 * A run writes only when a task's state changes (pending is written once, with the figures of
 * that moment), so running it again changes nothing. It is written on the task with an
 * explanation and figures, and audited (store/catalog/tasks.ts).
 */
import type { Mailer } from '../alerts/mailer.js';
import { AppError } from '../domain/errors.js';
import type { StandardMetric } from '../domain/standard-rules.js';
import type { TaskVerificationState } from '../domain/vocabulary.js';
import {
  recordTaskVerification,
  type TaskToVerify,
  type TaskVerificationOutcome,
  tasksToVerify,
} from '../store/catalog/tasks.js';
import { findUser } from '../store/catalog/users.js';
import { DAY_MS } from './analysis-scope.js';
import {
  type AnalyticsStores,
  analyzeChainConversion,
  analyzeStandardsCompliance,
} from './workspace-analytics.js';

type Figures = TaskVerificationOutcome['figures'];
interface Criterion {
  state: Exclude<TaskVerificationState, 'not_verifiable'>;
  text: string;
  figures: Figures;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** "within 20 s", "at least 4.5", "queue_length at most 3": what meeting the target means. */
function targetText(metric: StandardMetric, comparator: string, target: number, prop: string | null): string {
  if (metric.endsWith('_ms')) {
    // Complaint and review times run to hours; interaction times to seconds.
    const time = target >= 3_600_000 ? `${round(target / 3_600_000, 1)} h` : `${round(target / 1000, 1)} s`;
    return comparator === 'lte' ? `within ${time}` : `taking at least ${time}`;
  }
  const word = comparator === 'lte' ? 'at most' : 'at least';
  return metric === 'prop' ? `${prop} ${word} ${target}` : `${word} ${target}`;
}

const AGGREGATE = new Set(['csat', 'nps', 'ces', 'negative_share']);
const metricName: Record<string, string> = {
  csat: 'CSAT',
  nps: 'NPS',
  ces: 'CES',
  negative_share: 'negative share',
};

/** What a standard's metric counts, plural. */
function unitOf(metric: StandardMetric): string {
  if (metric === 'csat' || metric === 'nps' || metric === 'ces') return 'answers';
  if (metric === 'review_reply_ms') return 'reviews';
  if (metric === 'complaint_first_response_ms' || metric === 'complaint_resolution_ms') return 'complaints';
  return 'interactions';
}

/** The standard criterion over [doneAt, min(now, end)). */
async function standardCriterion(
  stores: AnalyticsStores,
  workspaceId: string,
  task: TaskToVerify,
  doneAt: number,
  end: number,
  now: number,
): Promise<Criterion | null> {
  const standardId = task.targets.standardId;
  if (!standardId) return null;
  const to = Math.min(now, end);
  if (to <= doneAt)
    return { state: 'pending', text: 'no data yet since the task was done', figures: { measured: 0 } };
  const result = await analyzeStandardsCompliance(stores, workspaceId, { from: doneAt, to, standardId }, now);
  const s = result.standards[0];
  if (!s) return null;
  const aggregate = AGGREGATE.has(s.metric);
  const unit = unitOf(s.metric);
  const figures: Figures = {
    standardId,
    metric: s.metric,
    target: s.target,
    requiredShare: aggregate ? null : s.requiredShare,
    measured: s.measured,
    minSample: task.minSample,
    shareMeeting: s.shareMeeting,
    value: s.value,
    passed: s.passed,
    from: new Date(doneAt).toISOString(),
    to: new Date(to).toISOString(),
  };
  const what = targetText(s.metric, s.comparator, s.target, s.prop);
  const measure = aggregate
    ? `${metricName[s.metric] ?? s.metric} ${s.value === null ? 'not measured' : round(s.value)}, required ${what}`
    : `${s.shareMeeting === null ? 'nothing measured' : `${percent(s.shareMeeting)} ${what}`}, required ${percent(s.requiredShare)}`;
  const sample = `${s.measured} ${s.measured === 1 ? unit.slice(0, -1) : unit}`;
  if (s.passed === true && s.measured >= task.minSample)
    return { state: 'verified', text: `${measure}, ${sample}`, figures };
  const short = s.measured < task.minSample ? ` (at least ${task.minSample} needed)` : '';
  if (now >= end) return { state: 'not_effective', text: `${measure}, ${sample}${short}`, figures };
  return { state: 'pending', text: `so far ${measure}, ${sample}${short}`, figures };
}

/** The chain-link criterion: conversion over the window after done vs the same length before. */
async function linkCriterion(
  stores: AnalyticsStores,
  workspaceId: string,
  task: TaskToVerify,
  doneAt: number,
  end: number,
  now: number,
): Promise<Criterion | null> {
  const { chainId, chainLinkId } = task.targets;
  if (!task.linkTouchpointId) return null;
  const rise = task.conversionRiseTarget;
  if (!chainId || !chainLinkId || rise === null) return null;
  if (now < end)
    return {
      state: 'pending',
      text: `link conversion is compared once the window closes on ${day(end)}`,
      figures: { conversionRiseTarget: rise },
    };
  const length = end - doneAt;
  const [before, after] = await Promise.all([
    analyzeChainConversion(stores, workspaceId, chainId, { from: doneAt - length, to: doneAt }, now),
    analyzeChainConversion(stores, workspaceId, chainId, { from: doneAt, to: end }, now),
  ]);
  const linkOf = (r: typeof before) => r.links.find((l) => l.touchpointId === task.linkTouchpointId);
  const b = linkOf(before)?.conversionFromPrevious ?? null;
  const a = linkOf(after)?.conversionFromPrevious ?? null;
  const risePp = a !== null && b !== null ? round((a - b) * 100, 1) : null;
  const figures: Figures = {
    chainId,
    chainLinkId,
    conversionBefore: b,
    conversionAfter: a,
    risePercentagePoints: risePp,
    conversionRiseTarget: rise,
  };
  if (risePp === null)
    return {
      state: 'not_effective',
      text: `link conversion could not be compared (no customers at the previous link ${b === null ? 'before' : 'after'} the task)`,
      figures,
    };
  const text = `link conversion ${percent(b ?? 0)} → ${percent(a ?? 0)} (${risePp >= 0 ? '+' : ''}${risePp} pp, target +${rise} pp)`;
  return { state: risePp >= rise ? 'verified' : 'not_effective', text, figures };
}

/** The outcome of one done task at `now` (not written). */
export async function evaluateTask(
  stores: AnalyticsStores,
  workspaceId: string,
  task: TaskToVerify,
  now = Date.now(),
): Promise<TaskVerificationOutcome> {
  const checkedAt = new Date(now).toISOString();
  const doneAt = task.doneAt ? Date.parse(task.doneAt) : now;
  const end = doneAt + task.windowDays * DAY_MS;
  const criteria = (
    await Promise.all([
      standardCriterion(stores, workspaceId, task, doneAt, end, now),
      linkCriterion(stores, workspaceId, task, doneAt, end, now),
    ])
  ).filter((c): c is Criterion => c !== null);
  if (criteria.length === 0)
    return {
      checkedAt,
      state: 'not_verifiable',
      explanation:
        'not verifiable from live data: the task targets no standard and no chain link with a conversion rise target',
      figures: {},
    };
  const figures = Object.assign(
    { windowDays: task.windowDays, windowEnd: new Date(end).toISOString() },
    ...criteria.map((c) => c.figures),
  );
  const text = criteria.map((c) => c.text).join('; ');
  if (criteria.some((c) => c.state === 'not_effective'))
    return {
      checkedAt,
      state: 'not_effective',
      explanation: `not effective on ${day(now)}, the ${task.windowDays}-day window after done closed: ${text}`,
      figures,
    };
  if (criteria.every((c) => c.state === 'verified'))
    return { checkedAt, state: 'verified', explanation: `verified on ${day(now)}: ${text}`, figures };
  return {
    checkedAt,
    state: 'pending',
    explanation: `being verified until ${day(end)}: ${text}`,
    figures,
  };
}

/** E-mails a not-effective task's owner when SMTP is configured (the notification is already kept). */
async function mailOwner(
  stores: { db: AnalyticsStores['db']; mailer?: Mailer | null | undefined; publicUrl?: string | undefined },
  workspaceId: string,
  task: TaskToVerify,
  explanation: string,
): Promise<void> {
  if (!stores.mailer || !task.ownerUserId) return;
  const owner = await findUser(stores.db, task.ownerUserId);
  if (!owner) return;
  const base = stores.publicUrl?.replace(/\/$/, '');
  await stores.mailer.send({
    to: [owner.email],
    subject: `[Touchpoints] Task not effective: ${task.title}`,
    lines: [explanation],
    link: base ? `${base}/w/${workspaceId}/tasks?task=${task.id}` : undefined,
  });
}

export interface VerificationRun {
  checked: number;
  written: number;
  verified: number;
  notEffective: number;
  /** Tasks whose analysis refused the catalog as it is (e.g. a chain without links). */
  skipped: number;
}

/**
 * Verifies every done task of the workspace at `now`; writes an outcome only where the state
 * changed. A task whose analysis fails (e.g. its chain lost all links) is skipped this time.
 */
export async function verifyWorkspaceTasks(
  stores: AnalyticsStores & { mailer?: Mailer | null | undefined; publicUrl?: string | undefined },
  workspaceId: string,
  now = Date.now(),
): Promise<VerificationRun> {
  const run: VerificationRun = { checked: 0, written: 0, verified: 0, notEffective: 0, skipped: 0 };
  for (const task of await tasksToVerify(stores.db, workspaceId)) {
    run.checked += 1;
    let outcome: TaskVerificationOutcome;
    try {
      outcome = await evaluateTask(stores, workspaceId, task, now);
    } catch (error) {
      // A 4xx of an analysis (the chain lost its links) is the catalog's state, not a failure.
      if (error instanceof AppError && error.statusCode < 500) {
        run.skipped += 1;
        continue;
      }
      throw error;
    }
    if (task.verification?.state === outcome.state) continue;
    if (await recordTaskVerification(stores.db, workspaceId, task, outcome)) {
      run.written += 1;
      if (outcome.state === 'verified') run.verified += 1;
      if (outcome.state === 'not_effective') {
        run.notEffective += 1;
        await mailOwner(stores, workspaceId, task, outcome.explanation);
      }
    }
  }
  return run;
}
