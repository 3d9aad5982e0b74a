/**
 * The catalog side of the health check (SPEC §7.8): which objects break the three laws of
 * touchpoints, each finding naming its object and linking to it. The store computes the facts
 * (counts, flags) in the database; the rules and the wording live here.
 *
 * The check looks at the catalog as it works today:
 * - only `active` touchpoints count: `planned` ones are drafts and `retired` ones are gone, so
 *   neither is a finding, counts towards a subject's touchpoints or covers a journey stage;
 * - touchpoint rules apply to the own brand's touchpoints; competitors' are benchmarks, not managed;
 * - a composite touchpoint's parts inherit from their ancestors: an owner or a standard set on the
 *   call centre covers its greeting and hold music;
 * - measured rules (once the workspace has recorded any interaction): an active own touchpoint
 *   whose interactions (its own or its parts') are all older than 90 days or absent; a standard
 *   failing over the last 30 days; a chain link where at least a quarter (and at least one) of the
 *   customers who left the chain there had a sentiment −1 interaction there (SPEC §7.1);
 * - a touchpoint is in a chain when it, an ancestor (a link matches its descendants, SPEC §7) or a
 *   descendant (the customer passes the whole when passing a part) is a link of a chain;
 * - improvement tasks: a failing standard that no planned or in-progress task targets is a second
 *   finding beside `standard_failing`; a task still open after its due date is `task_overdue`;
 * - every finding carries `createTask`: the finding's object as target (a subject has none: the
 *   user picks one), a lever suggested by the rule, and its message up to the advice as title.
 */

import type { TaskTargetField } from './task-rules.js';
import type { Lever } from './vocabulary.js';

export type Law = 1 | 2 | 3;
export type Severity = 'error' | 'warning';

/** Every rule with its law and severity, in the order findings are listed. */
export const HEALTH_RULES = {
  subject_few_touchpoints: { law: 1, severity: 'warning' },
  chain_no_initial: { law: 2, severity: 'error' },
  chain_no_final: { law: 2, severity: 'error' },
  final_without_continuation: { law: 2, severity: 'warning' },
  stage_without_touchpoint: { law: 2, severity: 'warning' },
  touchpoint_in_no_chain: { law: 2, severity: 'warning' },
  touchpoint_no_owner: { law: 3, severity: 'warning' },
  touchpoint_no_standard: { law: 3, severity: 'warning' },
  negative_breaks_chain: { law: 2, severity: 'warning' },
  touchpoint_no_recent_interaction: { law: 3, severity: 'warning' },
  standard_failing: { law: 3, severity: 'warning' },
  standard_failing_without_task: { law: 3, severity: 'warning' },
  task_overdue: { law: 3, severity: 'warning' },
} as const satisfies Record<string, { law: Law; severity: Severity }>;

export type HealthRule = keyof typeof HEALTH_RULES;
export const HEALTH_RULE_NAMES = Object.keys(HEALTH_RULES) as [HealthRule, ...HealthRule[]];

/** The three laws (SPEC §2), as headings of a report. */
export const LAWS: Record<Law, string> = {
  1: 'Law 1: every subject has more than one touchpoint',
  2: 'Law 2: touchpoints form chains, and every chain ends in a final link from which a new chain starts',
  3: 'Law 3: touchpoints must be managed (an owner, a standard that is met, live data)',
};

export const HEALTH_OBJECT_TYPES = ['subject', 'chain', 'stage', 'touchpoint', 'standard', 'task'] as const;
export type HealthObjectType = (typeof HEALTH_OBJECT_TYPES)[number];

export interface HealthFinding {
  rule: HealthRule;
  severity: Severity;
  law: Law;
  message: string;
  object: { type: HealthObjectType; id: string; name: string; key?: string };
  /** API path of the object (for a stage: of its journey). */
  link: string;
  /** What a "Create task" action pre-fills: the finding's object as target and a suggested lever. */
  createTask: TaskPrefill;
}

/** A pre-filled task for a finding (POST /tasks body after the user's edits). */
export interface TaskPrefill {
  title: string;
  lever: Lever;
  targets: Partial<Record<TaskTargetField, string>>;
}

/** The lever a finding's task most likely pulls (SPEC §2), by rule. */
export const RULE_LEVERS: Record<HealthRule, Lever> = {
  subject_few_touchpoints: 'new_touchpoints',
  chain_no_initial: 'new_touchpoints',
  chain_no_final: 'new_touchpoints',
  final_without_continuation: 'new_touchpoints',
  stage_without_touchpoint: 'new_touchpoints',
  touchpoint_in_no_chain: 'business_processes',
  touchpoint_no_owner: 'business_processes',
  touchpoint_no_standard: 'business_processes',
  negative_breaks_chain: 'staff_qualification',
  touchpoint_no_recent_interaction: 'business_processes',
  standard_failing: 'staff_qualification',
  standard_failing_without_task: 'staff_qualification',
  task_overdue: 'business_processes',
};

export interface HealthReport {
  summary: { total: number; errors: number; warnings: number; byRule: Record<HealthRule, number> };
  findings: HealthFinding[];
}

function finding(
  rule: HealthRule,
  message: string,
  object: HealthFinding['object'],
  link: string,
  targets: TaskPrefill['targets'] = {},
): HealthFinding {
  const { law, severity } = HEALTH_RULES[rule];
  // The task's title is what is wrong: the message up to its advice.
  const title = (message.split(';')[0] ?? message).slice(0, 200);
  return {
    rule,
    severity,
    law,
    message,
    object,
    link,
    createTask: { title, lever: RULE_LEVERS[rule], targets },
  };
}

const base = (workspaceId: string) => `/api/workspaces/${workspaceId}`;
const plural = (n: number, word: string) => `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;

/** Law 1: a subject with fewer than two active touchpoints. */
export function checkSubject(
  workspaceId: string,
  s: { id: string; name: string; touchpoints: number },
): HealthFinding[] {
  if (s.touchpoints >= 2) return [];
  return [
    finding(
      'subject_few_touchpoints',
      `Subject “${s.name}” has ${plural(s.touchpoints, 'active touchpoint')}; every subject needs at least 2 (law 1)`,
      { type: 'subject', id: s.id, name: s.name },
      `${base(workspaceId)}/subjects/${s.id}`,
    ),
  ];
}

/** Law 2: a chain starts with an initial link, ends with a final one, and a next chain starts there. */
export function checkChain(
  workspaceId: string,
  c: { id: string; name: string; links: number; hasInitial: boolean; hasFinal: boolean; hasNext: boolean },
): HealthFinding[] {
  const object = { type: 'chain' as const, id: c.id, name: c.name };
  const link = `${base(workspaceId)}/chains/${c.id}`;
  const targets = { chainId: c.id };
  const found: HealthFinding[] = [];
  const empty = c.links === 0 ? ' (it has no links yet)' : '';
  if (!c.hasInitial)
    found.push(
      finding(
        'chain_no_initial',
        `Chain “${c.name}” has no initial link${empty}; a chain starts where the customer first meets it (law 2)`,
        object,
        link,
        targets,
      ),
    );
  if (!c.hasFinal)
    found.push(
      finding(
        'chain_no_final',
        `Chain “${c.name}” has no final link${empty}; every chain must end in a final link (law 2)`,
        object,
        link,
        targets,
      ),
    );
  else if (!c.hasNext)
    found.push(
      finding(
        'final_without_continuation',
        `Chain “${c.name}” ends in a final link but no next chain starts from it; continue it, e.g. with a review request or a referral (law 2)`,
        object,
        link,
        targets,
      ),
    );
  return found;
}

/** Law 2: every stage of a journey shows at least one active touchpoint. */
export function checkStage(
  workspaceId: string,
  s: { id: string; key: string; name: string; touchpoints: number; journeyId: string; journeyName: string },
): HealthFinding[] {
  if (s.touchpoints > 0) return [];
  return [
    finding(
      'stage_without_touchpoint',
      `Stage “${s.name}” of journey “${s.journeyName}” has no active touchpoint; map at least one touchpoint to every stage (law 2)`,
      { type: 'stage', id: s.id, name: s.name, key: s.key },
      `${base(workspaceId)}/journeys/${s.journeyId}`,
      { journeyId: s.journeyId, stageId: s.id },
    ),
  ];
}

/** Laws 2 and 3 for one active own-brand touchpoint (flags include what it inherits, see above). */
export function checkTouchpoint(
  workspaceId: string,
  t: { id: string; key: string; name: string; inChain: boolean; hasOwner: boolean; hasStandard: boolean },
): HealthFinding[] {
  const object = { type: 'touchpoint' as const, id: t.id, name: t.name, key: t.key };
  const link = `${base(workspaceId)}/touchpoints/${t.id}`;
  const targets = { touchpointId: t.id };
  const found: HealthFinding[] = [];
  if (!t.inChain)
    found.push(
      finding(
        'touchpoint_in_no_chain',
        `Touchpoint “${t.name}” is in no chain; add it to the chain in which customers meet it (law 2)`,
        object,
        link,
        targets,
      ),
    );
  if (!t.hasOwner)
    found.push(
      finding(
        'touchpoint_no_owner',
        `Touchpoint “${t.name}” has no owner; name the person who manages it (law 3)`,
        object,
        link,
        targets,
      ),
    );
  if (!t.hasStandard)
    found.push(
      finding(
        'touchpoint_no_standard',
        `Touchpoint “${t.name}” has no standard; set a measurable promise, e.g. a response time or a CSAT target (law 3)`,
        object,
        link,
        targets,
      ),
    );
  return found;
}

/** How long a touchpoint may go without any interaction before it is a finding. */
export const QUIET_TOUCHPOINT_DAYS = 90;
/** A link breaks the chain when at least this share of its drop-outs had a negative there. */
export const NEGATIVE_BREAK_SHARE = 0.25;

/** Law 3, measured: an active touchpoint (or its parts) with no interaction in the last 90 days. */
export function checkRecentInteraction(
  workspaceId: string,
  t: { id: string; key: string; name: string; lastAt: number | null },
  now: number,
): HealthFinding[] {
  if (t.lastAt !== null && now - t.lastAt <= QUIET_TOUCHPOINT_DAYS * 86_400_000) return [];
  return [
    finding(
      'touchpoint_no_recent_interaction',
      `Touchpoint “${t.name}” has had no interaction in the last ${QUIET_TOUCHPOINT_DAYS} days; check that it still works, connect its data, or retire it (law 3)`,
      { type: 'touchpoint', id: t.id, name: t.name, key: t.key },
      `${base(workspaceId)}/touchpoints/${t.id}`,
      { touchpointId: t.id },
    ),
  ];
}

/** Law 3, measured: a standard that failed over the checked period. */
export function checkStandardResult(
  workspaceId: string,
  s: {
    id: string;
    name: string;
    touchpointId?: string | undefined;
    touchpointName: string;
    passed: boolean | null;
    /** Whether an open (planned or in-progress) task targets the standard. */
    hasOpenTask?: boolean | undefined;
  },
  periodDays: number,
): HealthFinding[] {
  if (s.passed !== false) return [];
  const targets = { standardId: s.id, ...(s.touchpointId ? { touchpointId: s.touchpointId } : {}) };
  const object = { type: 'standard' as const, id: s.id, name: s.name };
  const link = `${base(workspaceId)}/standards/${s.id}`;
  const found = [
    finding(
      'standard_failing',
      `Standard “${s.name}” of touchpoint “${s.touchpointName}” fails over the last ${periodDays} days; plan a task to bring it back (law 3)`,
      object,
      link,
      targets,
    ),
  ];
  if (s.hasOpenTask === false)
    found.push(
      finding(
        'standard_failing_without_task',
        `Standard “${s.name}” of touchpoint “${s.touchpointName}” is failing and no open task works on it; create a task with an owner and a due date (law 3)`,
        object,
        link,
        targets,
      ),
    );
  return found;
}

/** Law 3: a task still planned or in progress after its due date. */
export function checkTaskOverdue(
  workspaceId: string,
  t: {
    id: string;
    title: string;
    dueDate: string;
    lever: Lever;
    targets: TaskPrefill['targets'];
  },
): HealthFinding[] {
  const found = finding(
    'task_overdue',
    `Task “${t.title}” was due on ${t.dueDate} and is not done; finish it, or move its due date (law 3)`,
    { type: 'task', id: t.id, name: t.title },
    `${base(workspaceId)}/tasks/${t.id}`,
    t.targets,
  );
  // A new task for the same targets, pulling the same lever, continues the overdue one.
  return [{ ...found, createTask: { ...found.createTask, lever: t.lever } }];
}

/** Law 2, measured: a link where customers who had a negative experience leave the chain. */
export function checkNegativeBreak(
  workspaceId: string,
  link: {
    touchpointId: string;
    key: string;
    name: string;
    chainId?: string | undefined;
    chainName: string;
    dropped: number;
    brokenByNegative: number;
  },
): HealthFinding[] {
  if (link.brokenByNegative < 1 || link.brokenByNegative < NEGATIVE_BREAK_SHARE * link.dropped) return [];
  return [
    finding(
      'negative_breaks_chain',
      `At touchpoint “${link.name}”, ${plural(link.brokenByNegative, 'customer')} of ${link.dropped} who left chain “${link.chainName}” had a negative experience there; fix what goes wrong at this link (law 2)`,
      { type: 'touchpoint', id: link.touchpointId, name: link.name, key: link.key },
      `${base(workspaceId)}/touchpoints/${link.touchpointId}`,
      { touchpointId: link.touchpointId, ...(link.chainId ? { chainId: link.chainId } : {}) },
    ),
  ];
}

const RULE_ORDER = new Map(HEALTH_RULE_NAMES.map((r, i) => [r, i]));

/** Orders findings by law, rule, object name, id, and counts them. */
export function healthReport(findings: HealthFinding[]): HealthReport {
  const sorted = [...findings].sort(
    (a, b) =>
      a.law - b.law ||
      (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) ||
      a.object.name.localeCompare(b.object.name, 'en') ||
      a.object.id.localeCompare(b.object.id),
  );
  const byRule = Object.fromEntries(HEALTH_RULE_NAMES.map((r) => [r, 0])) as Record<HealthRule, number>;
  for (const f of sorted) byRule[f.rule] += 1;
  const errors = sorted.filter((f) => f.severity === 'error').length;
  return {
    summary: { total: sorted.length, errors, warnings: sorted.length - errors, byRule },
    findings: sorted,
  };
}
