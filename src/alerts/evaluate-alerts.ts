/**
 * Evaluation of a workspace's alert rules (Law 3, the control). Each enabled rule judges its
 * subjects with the existing analyses, counted in the event store's engine:
 * - standard_compliance: standards compliance (analytics/standards-compliance.ts) over the window;
 * - feedback_shift: feedback of two adjacent windows per touchpoint (analytics/alert-measures.ts)
 *   and the test of domain/alert-rules.ts (z-tests, Welch's t-test);
 * - touchpoint_silent: interactions per touchpoint in the last days (alert-measures.ts);
 * - task_overdue, task_not_effective: the tasks in the catalog;
 * - link_conversion_drop: chain conversion (analytics/chain-conversion.ts) of two adjacent windows.
 *
 * A subject is firing, clear, or unknown (too small a sample to say: its episode stays as it is).
 * Firing without an open episode opens one; clear (or a subject that is gone) resolves the open
 * one. Opening and resolving are guarded in the catalog (store/catalog/alert-episodes.ts), and
 * the messages go out only from the evaluator that opened or resolved: so an alert fires once per
 * episode, even with several servers evaluating at once. In the same transaction as the episode:
 * one notification per owner and editor (and the task's owner for task rules) and one webhook
 * delivery per enabled hook; after it, e-mail when the rule asks and SMTP is configured.
 */

import {
  addWindow,
  emptyWindow,
  type FeedbackWindow,
  feedbackWindows,
  interactionCounts,
} from '../analytics/alert-measures.js';
import { DAY_MS } from '../analytics/analysis-scope.js';
import { loadTouchpointTree, type TouchpointTree } from '../analytics/catalog-facts.js';
import {
  type AnalyticsStores,
  analyzeChainConversion,
  analyzeStandardsCompliance,
} from '../analytics/workspace-analytics.js';
import {
  type AlertKind,
  type AlertParamsByKind,
  type FeedbackMetric,
  isWorseShift,
  npsShiftTest,
  type ShiftTest,
  subjectKey,
  TASK_ALERT_KINDS,
  twoProportionTest,
  welchTest,
} from '../domain/alert-rules.js';
import { AppError } from '../domain/errors.js';
import { utcDate } from '../domain/task-rules.js';
import {
  type AlertEpisodeRow,
  type EpisodeDetails,
  openEpisode,
  openEpisodesOfRule,
  resolveEpisode,
  toEpisodeDto,
} from '../store/catalog/alert-episodes.js';
import { type AlertRuleRow, enabledAlertRules } from '../store/catalog/alert-rules.js';
import {
  chainSubject,
  notEffectiveTaskSubjects,
  overdueTaskSubjects,
  type TaskSubject,
  taskOwners,
  touchpointSubjects,
} from '../store/catalog/alert-subjects.js';
import type { Db } from '../store/catalog/db.js';
import { insertNotifications, type Recipient, workspaceRecipients } from '../store/catalog/notifications.js';
import { enqueueDeliveries } from '../store/catalog/webhooks.js';
import type { Mailer } from './mailer.js';

type Figures = EpisodeDetails['figures'];

/** One subject's state under a rule at this evaluation. */
export interface Verdict {
  subjectKey: string;
  state: 'firing' | 'clear' | 'unknown';
  subjectName: string;
  message: string;
  figures: Figures;
  link: string;
}

export interface AlertStores extends AnalyticsStores {
  /** Alert e-mail, when SMTP is configured. */
  mailer?: Mailer | null | undefined;
  /** The web app's public URL, for absolute links in e-mail. */
  publicUrl?: string | undefined;
  /** Called once deliveries were queued (the server's sender sends them at once). */
  onDeliveriesQueued?: (() => void) | undefined;
}

export interface EvaluationResult {
  rulesEvaluated: number;
  opened: number;
  resolved: number;
  open: number;
  errors: { ruleId: string; message: string }[];
}

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;
const num = (n: number, digits = 1) => String(Math.round(n * 10 ** digits) / 10 ** digits);
const signed = (n: number, digits = 1) => `${n >= 0 ? '+' : ''}${num(n, digits)}`;
const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${num(p, 3)}`);

// ---------------------------------------------------------------- the kinds

async function judgeStandards(
  stores: AnalyticsStores,
  ws: string,
  params: AlertParamsByKind['standard_compliance'],
  now: number,
): Promise<Verdict[]> {
  const result = await analyzeStandardsCompliance(
    stores,
    ws,
    {
      from: now - params.windowDays * DAY_MS,
      to: now,
      ...(params.standardId ? { standardId: params.standardId } : {}),
    },
    now,
  );
  return result.standards.map((s) => {
    const aggregate = s.shareMeeting === null && s.value !== null;
    const measure = aggregate
      ? `${s.metric} ${s.value === null ? 'not measured' : num(s.value, 2)} against a target of ${s.target}`
      : `${s.shareMeeting === null ? 'nothing measured' : pct(s.shareMeeting)} compliant, required ${pct(s.requiredShare)}`;
    const figures: Figures = {
      standardId: s.standardId,
      metric: s.metric,
      target: s.target,
      requiredShare: s.requiredShare,
      shareMeeting: s.shareMeeting,
      value: s.value,
      measured: s.measured,
      minSample: params.minSample,
      windowDays: params.windowDays,
    };
    const enough = s.measured >= params.minSample;
    const state = !enough || s.passed === null ? 'unknown' : s.passed ? 'clear' : 'firing';
    const sample = `${s.measured} measured${enough ? '' : `, fewer than the ${params.minSample} needed`}`;
    return {
      subjectKey: subjectKey.standard(s.standardId),
      state,
      subjectName: s.name,
      message: `${s.name}: ${measure} over the last ${params.windowDays} days (${sample})`,
      figures,
      link: `/w/${ws}/analytics/standards`,
    };
  });
}

function shiftTest(metric: FeedbackMetric, before: FeedbackWindow, after: FeedbackWindow): ShiftTest | null {
  if (metric === 'negative_share')
    return twoProportionTest(before.negative, before.rated, after.negative, after.rated);
  if (metric === 'nps')
    return npsShiftTest(
      { answers: before.npsAnswers, promoters: before.npsPromoters, detractors: before.npsDetractors },
      { answers: after.npsAnswers, promoters: after.npsPromoters, detractors: after.npsDetractors },
    );
  return welchTest(
    { n: before.csatAnswers, sum: before.csatSum, sumSquares: before.csatSumSquares },
    { n: after.csatAnswers, sum: after.csatSum, sumSquares: after.csatSumSquares },
  );
}

const sampleOf = (metric: FeedbackMetric, w: FeedbackWindow) =>
  metric === 'negative_share' ? w.rated : metric === 'nps' ? w.npsAnswers : w.csatAnswers;
const metricLabel: Record<FeedbackMetric, string> = {
  negative_share: 'Negative share',
  nps: 'NPS',
  csat: 'Mean CSAT',
};
const unitOf: Record<FeedbackMetric, string> = { negative_share: 'pp', nps: 'points', csat: 'points' };
const sampleUnit: Record<FeedbackMetric, string> = {
  negative_share: 'rated interactions',
  nps: 'NPS answers',
  csat: 'CSAT answers',
};

async function judgeFeedback(
  stores: AnalyticsStores,
  ws: string,
  tree: TouchpointTree,
  params: AlertParamsByKind['feedback_shift'],
  now: number,
): Promise<Verdict[]> {
  const length = params.windowDays * DAY_MS;
  const rows = await feedbackWindows(stores.events, {
    workspaceId: ws,
    split: now - length,
    lengthMs: length,
  });
  const byTouchpoint = new Map(rows.map((r) => [r.touchpointId, r]));
  const subjects = params.touchpointId ? [params.touchpointId] : [...tree.touchpoints.keys()];
  return subjects.map((id) => {
    const name = tree.touchpoints.get(id)?.name ?? id;
    const before = emptyWindow();
    const after = emptyWindow();
    // One touchpoint named by the rule counts with its parts; "every touchpoint" judges each on its own.
    for (const part of params.touchpointId ? tree.descendantsOf(id) : [id]) {
      const row = byTouchpoint.get(part);
      if (row) {
        addWindow(before, row.before);
        addWindow(after, row.after);
      }
    }
    const nBefore = sampleOf(params.metric, before);
    const nAfter = sampleOf(params.metric, after);
    const base = {
      subjectKey: subjectKey.touchpoint(id),
      subjectName: name,
      link: `/w/${ws}/analytics/sentiment`,
    };
    const figures: Figures = {
      touchpointId: id,
      metric: params.metric,
      threshold: params.threshold,
      windowDays: params.windowDays,
      minSample: params.minSample,
      sampleBefore: nBefore,
      sampleAfter: nAfter,
    };
    if (nBefore < params.minSample || nAfter < params.minSample)
      return {
        ...base,
        state: 'unknown' as const,
        message: `${metricLabel[params.metric]} at ${name}: ${nBefore} and ${nAfter} ${sampleUnit[params.metric]} in the two ${params.windowDays}-day windows, fewer than the ${params.minSample} needed in each`,
        figures,
      };
    const test = shiftTest(params.metric, before, after);
    if (!test) return { ...base, state: 'unknown' as const, message: '', figures };
    const shown = (v: number) =>
      params.metric === 'negative_share' ? `${num(v)} %` : num(v, params.metric === 'csat' ? 2 : 1);
    const firing = isWorseShift(params.metric, test, params.threshold);
    const message = `${metricLabel[params.metric]} at ${name}: ${shown(test.before)} → ${shown(test.after)} (${signed(test.change, params.metric === 'csat' ? 2 : 1)} ${unitOf[params.metric]}, threshold ${params.threshold} ${unitOf[params.metric]}; ${test.test} ${pValue(test.p)}; ${nBefore} and ${nAfter} ${sampleUnit[params.metric]}, ${params.windowDays}-day windows)`;
    return {
      ...base,
      state: firing ? ('firing' as const) : ('clear' as const),
      message,
      figures: {
        ...figures,
        before: test.before,
        after: test.after,
        change: test.change,
        statistic: Number.isFinite(test.statistic) ? test.statistic : null,
        p: test.p,
        test: test.test,
      },
    };
  });
}

async function judgeSilent(
  stores: AnalyticsStores,
  ws: string,
  tree: TouchpointTree,
  params: AlertParamsByKind['touchpoint_silent'],
  now: number,
): Promise<Verdict[]> {
  const since = now - params.days * DAY_MS;
  const [counts, subjects] = await Promise.all([
    interactionCounts(stores.events, { workspaceId: ws, from: since, to: now }),
    touchpointSubjects(stores.db, ws),
  ]);
  const chosen = params.touchpointId
    ? subjects.filter((t) => t.id === params.touchpointId)
    : subjects.filter((t) => t.status === 'active');
  return chosen.map((t) => {
    const n = tree.descendantsOf(t.id).reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
    // A touchpoint younger than the period has not had the time to be silent.
    const young = t.createdAt.getTime() > since;
    const state = n > 0 ? 'clear' : young ? 'unknown' : 'firing';
    return {
      subjectKey: subjectKey.touchpoint(t.id),
      state,
      subjectName: t.name,
      message:
        n > 0
          ? `${t.name}: ${n} interaction${n === 1 ? '' : 's'} in the last ${params.days} days`
          : `${t.name}: no interaction in the last ${params.days} days`,
      figures: { touchpointId: t.id, days: params.days, interactions: n },
      link: `/w/${ws}/touchpoints?touchpoint=${t.id}`,
    };
  });
}

function taskVerdicts(
  ws: string,
  kind: 'task_overdue' | 'task_not_effective',
  list: TaskSubject[],
  today: string,
): Verdict[] {
  return list.map((t) => ({
    subjectKey: subjectKey.task(t.id),
    state: 'firing',
    subjectName: t.title,
    message:
      kind === 'task_overdue'
        ? `Task "${t.title}" is overdue: due ${t.dueDate}, still ${t.status.replace('_', ' ')} on ${today}`
        : `Task "${t.title}" was not effective: the verification from live data found its target not met`,
    figures: { taskId: t.id, dueDate: t.dueDate, status: t.status, ownerUserId: t.ownerUserId },
    link: `/w/${ws}/tasks?task=${t.id}`,
  }));
}

async function judgeLinks(
  stores: AnalyticsStores,
  ws: string,
  params: AlertParamsByKind['link_conversion_drop'],
  now: number,
): Promise<Verdict[]> {
  const chain = await chainSubject(stores.db, ws, params.chainId);
  if (!chain || chain.links < 2) return [];
  const length = params.windowDays * DAY_MS;
  const [before, after] = await Promise.all([
    analyzeChainConversion(stores, ws, params.chainId, { from: now - 2 * length, to: now - length }, now),
    analyzeChainConversion(stores, ws, params.chainId, { from: now - length, to: now }, now),
  ]);
  const verdicts: Verdict[] = [];
  for (let position = 2; position <= chain.links; position++) {
    if (params.position !== null && position !== params.position) continue;
    const b = before.links[position - 1];
    const a = after.links[position - 1];
    const entrantsBefore = before.links[position - 2]?.reached ?? 0;
    const entrantsAfter = after.links[position - 2]?.reached ?? 0;
    const name = `${chain.name}: ${a?.touchpointName || b?.touchpointName || `link ${position}`} (link ${position})`;
    const figures: Figures = {
      chainId: params.chainId,
      position,
      threshold: params.threshold,
      windowDays: params.windowDays,
      minSample: params.minSample,
      entrantsBefore,
      entrantsAfter,
      conversionBefore: b?.conversionFromPrevious ?? null,
      conversionAfter: a?.conversionFromPrevious ?? null,
    };
    const base = {
      subjectKey: subjectKey.link(params.chainId, position),
      subjectName: name,
      link: `/w/${ws}/chains/${params.chainId}`,
    };
    const cb = b?.conversionFromPrevious;
    const ca = a?.conversionFromPrevious;
    if (entrantsBefore < params.minSample || entrantsAfter < params.minSample || cb == null || ca == null) {
      verdicts.push({
        ...base,
        state: 'unknown',
        message: `${name}: ${entrantsBefore} and ${entrantsAfter} customers reached the previous link in the two ${params.windowDays}-day windows, fewer than the ${params.minSample} needed in each`,
        figures,
      });
      continue;
    }
    const dropPp = (cb - ca) * 100;
    verdicts.push({
      ...base,
      state: dropPp > params.threshold ? 'firing' : 'clear',
      message: `${name}: conversion from the previous link ${pct(cb)} → ${pct(ca)} (${signed(-dropPp)} pp, threshold −${params.threshold} pp; ${entrantsBefore} and ${entrantsAfter} customers, ${params.windowDays}-day windows)`,
      figures: { ...figures, dropPercentagePoints: dropPp },
    });
  }
  return verdicts;
}

/** The verdicts of one rule at `now`. */
export async function judgeRule(
  stores: AnalyticsStores & { tree: TouchpointTree },
  rule: Pick<AlertRuleRow, 'workspaceId' | 'kind' | 'params'>,
  now: number,
): Promise<Verdict[]> {
  const ws = rule.workspaceId;
  const kind = rule.kind as AlertKind;
  switch (kind) {
    case 'standard_compliance':
      return judgeStandards(
        stores,
        ws,
        rule.params as unknown as AlertParamsByKind['standard_compliance'],
        now,
      );
    case 'feedback_shift':
      return judgeFeedback(
        stores,
        ws,
        stores.tree,
        rule.params as unknown as AlertParamsByKind['feedback_shift'],
        now,
      );
    case 'touchpoint_silent':
      return judgeSilent(
        stores,
        ws,
        stores.tree,
        rule.params as unknown as AlertParamsByKind['touchpoint_silent'],
        now,
      );
    case 'task_overdue': {
      const today = utcDate(now);
      return taskVerdicts(ws, kind, await overdueTaskSubjects(stores.db, ws, today), today);
    }
    case 'task_not_effective':
      return taskVerdicts(ws, kind, await notEffectiveTaskSubjects(stores.db, ws), utcDate(now));
    case 'link_conversion_drop':
      return judgeLinks(stores, ws, rule.params as unknown as AlertParamsByKind['link_conversion_drop'], now);
    default:
      return [];
  }
}

// ---------------------------------------------------------------- firing and resolving

interface Outgoing {
  recipients: Recipient[];
  subject: string;
  lines: string[];
  link: string;
}

async function recipientsFor(db: Db, rule: AlertRuleRow, episode: AlertEpisodeRow, verdict?: Verdict) {
  const also: string[] = [];
  if (TASK_ALERT_KINDS.includes(rule.kind as AlertKind)) {
    const owner = verdict?.figures.ownerUserId;
    if (typeof owner === 'string') also.push(owner);
    else {
      const taskId = episode.subjectKey.slice('task:'.length);
      const found = (await taskOwners(db, rule.workspaceId, [taskId])).get(taskId);
      if (found) also.push(found);
    }
  }
  return workspaceRecipients(db, rule.workspaceId, ['owner', 'editor'], also);
}

/** Opens the episode and, if this evaluator opened it, queues its messages; undefined otherwise. */
async function fire(db: Db, rule: AlertRuleRow, verdict: Verdict): Promise<Outgoing | undefined> {
  return db.transaction(async (tx) => {
    const details: EpisodeDetails = {
      subjectName: verdict.subjectName,
      message: verdict.message,
      figures: verdict.figures,
      link: verdict.link,
    };
    const episode = await openEpisode(tx, {
      workspaceId: rule.workspaceId,
      ruleId: rule.id,
      subjectKey: verdict.subjectKey,
      details,
    });
    if (!episode) return undefined;
    const recipients = await recipientsFor(tx, rule, episode, verdict);
    const title = `${rule.name}: ${verdict.subjectName}`;
    await insertNotifications(
      tx,
      rule.workspaceId,
      recipients.map((r) => ({
        userId: r.userId,
        episodeId: episode.id,
        kind: 'alert_fired',
        title,
        body: verdict.message,
        link: verdict.link,
      })),
    );
    const dto = toEpisodeDto(episode, rule);
    await enqueueDeliveries(tx, rule.workspaceId, 'alert.fired', (id) => ({
      id,
      event: 'alert.fired',
      workspaceId: rule.workspaceId,
      createdAt: new Date().toISOString(),
      data: { rule: { id: rule.id, name: rule.name, kind: rule.kind }, episode: dto },
    }));
    return { recipients, subject: `Alert: ${title}`, lines: [verdict.message], link: verdict.link };
  });
}

/** Resolves the episode and, if this evaluator resolved it, queues its messages. */
async function resolve(
  db: Db,
  rule: AlertRuleRow,
  episode: AlertEpisodeRow,
  message: string,
  figures: Figures,
): Promise<Outgoing | undefined> {
  return db.transaction(async (tx) => {
    const resolved = await resolveEpisode(tx, episode.id, {
      resolvedMessage: message,
      resolvedFigures: figures,
    });
    if (!resolved) return undefined;
    const dto = toEpisodeDto(resolved, rule);
    const recipients = await recipientsFor(tx, rule, resolved);
    const title = `Resolved — ${rule.name}: ${dto.subjectName}`;
    await insertNotifications(
      tx,
      rule.workspaceId,
      recipients.map((r) => ({
        userId: r.userId,
        episodeId: resolved.id,
        kind: 'alert_resolved',
        title,
        body: message,
        link: dto.link,
      })),
    );
    await enqueueDeliveries(tx, rule.workspaceId, 'alert.resolved', (id) => ({
      id,
      event: 'alert.resolved',
      workspaceId: rule.workspaceId,
      createdAt: new Date().toISOString(),
      data: { rule: { id: rule.id, name: rule.name, kind: rule.kind }, episode: dto },
    }));
    return {
      recipients,
      subject: title,
      lines: [message, `It was opened on ${dto.openedAt}: ${dto.message}`],
      link: dto.link,
    };
  });
}

/** Brings one rule's episodes in line with its verdicts; answers what changed. */
export async function applyVerdicts(
  db: Db,
  rule: AlertRuleRow,
  verdicts: readonly Verdict[],
): Promise<{ opened: number; resolved: number; outgoing: Outgoing[] }> {
  const open = new Map((await openEpisodesOfRule(db, rule.id)).map((e) => [e.subjectKey, e]));
  const seen = new Set<string>();
  const outgoing: Outgoing[] = [];
  let opened = 0;
  let resolved = 0;
  for (const verdict of verdicts) {
    seen.add(verdict.subjectKey);
    const episode = open.get(verdict.subjectKey);
    if (verdict.state === 'firing' && !episode) {
      const out = await fire(db, rule, verdict);
      if (out) {
        opened += 1;
        outgoing.push(out);
      }
    } else if (verdict.state === 'clear' && episode) {
      const out = await resolve(db, rule, episode, verdict.message, verdict.figures);
      if (out) {
        resolved += 1;
        outgoing.push(out);
      }
    }
  }
  // Subjects the rule no longer sees (a deleted standard, a task done or deleted) are cleared.
  for (const [key, episode] of open) {
    if (seen.has(key)) continue;
    const name = (episode.details as EpisodeDetails).subjectName ?? key;
    const message = TASK_ALERT_KINDS.includes(rule.kind as AlertKind)
      ? `${name}: the condition no longer holds`
      : `${name} is no longer measured by this rule`;
    const out = await resolve(db, rule, episode, message, {});
    if (out) {
      resolved += 1;
      outgoing.push(out);
    }
  }
  return { opened, resolved, outgoing };
}

async function sendMail(stores: AlertStores, rule: AlertRuleRow, out: Outgoing): Promise<void> {
  if (!rule.email || !stores.mailer) return;
  const base = stores.publicUrl?.replace(/\/$/, '');
  await stores.mailer.send({
    to: out.recipients.map((r) => r.email),
    subject: `[Touchpoints] ${out.subject}`,
    lines: out.lines,
    link: base && out.link ? `${base}${out.link}` : undefined,
  });
}

/**
 * Evaluates every enabled rule of the workspace at `now`. A rule that cannot be judged (its chain
 * lost its links, its standard was deleted) is reported in `errors`; the others still run.
 */
export async function evaluateWorkspaceAlerts(
  stores: AlertStores,
  workspaceId: string,
  now = Date.now(),
): Promise<EvaluationResult> {
  const result: EvaluationResult = { rulesEvaluated: 0, opened: 0, resolved: 0, open: 0, errors: [] };
  const rules = await enabledAlertRules(stores.db, workspaceId);
  if (rules.length === 0) return result;
  const tree = stores.tree ?? (await loadTouchpointTree(stores.db, workspaceId));
  let queued = false;
  for (const rule of rules) {
    let verdicts: Verdict[];
    try {
      verdicts = await judgeRule({ ...stores, tree }, rule, now);
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) {
        result.errors.push({ ruleId: rule.id, message: error.message });
        continue;
      }
      throw error;
    }
    result.rulesEvaluated += 1;
    const applied = await applyVerdicts(stores.db, rule, verdicts);
    result.opened += applied.opened;
    result.resolved += applied.resolved;
    if (applied.outgoing.length > 0) queued = true;
    for (const out of applied.outgoing) await sendMail(stores, rule, out);
    result.open += (await openEpisodesOfRule(stores.db, rule.id)).length;
  }
  if (queued) stores.onDeliveriesQueued?.();
  return result;
}
