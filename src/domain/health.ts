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
 *   descendant (the customer passes the whole when passing a part) is a link of a chain.
 */

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
} as const satisfies Record<string, { law: Law; severity: Severity }>;

export type HealthRule = keyof typeof HEALTH_RULES;
export const HEALTH_RULE_NAMES = Object.keys(HEALTH_RULES) as [HealthRule, ...HealthRule[]];

/** The three laws (SPEC §2), as headings of a report. */
export const LAWS: Record<Law, string> = {
  1: 'Law 1: every subject has more than one touchpoint',
  2: 'Law 2: touchpoints form chains, and every chain ends in a final link from which a new chain starts',
  3: 'Law 3: touchpoints must be managed (an owner, a standard that is met, live data)',
};

export const HEALTH_OBJECT_TYPES = ['subject', 'chain', 'stage', 'touchpoint', 'standard'] as const;
export type HealthObjectType = (typeof HEALTH_OBJECT_TYPES)[number];

export interface HealthFinding {
  rule: HealthRule;
  severity: Severity;
  law: Law;
  message: string;
  object: { type: HealthObjectType; id: string; name: string; key?: string };
  /** API path of the object (for a stage: of its journey). */
  link: string;
}

export interface HealthReport {
  summary: { total: number; errors: number; warnings: number; byRule: Record<HealthRule, number> };
  findings: HealthFinding[];
}

function finding(
  rule: HealthRule,
  message: string,
  object: HealthFinding['object'],
  link: string,
): HealthFinding {
  const { law, severity } = HEALTH_RULES[rule];
  return { rule, severity, law, message, object, link };
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
  const found: HealthFinding[] = [];
  const empty = c.links === 0 ? ' (it has no links yet)' : '';
  if (!c.hasInitial)
    found.push(
      finding(
        'chain_no_initial',
        `Chain “${c.name}” has no initial link${empty}; a chain starts where the customer first meets it (law 2)`,
        object,
        link,
      ),
    );
  if (!c.hasFinal)
    found.push(
      finding(
        'chain_no_final',
        `Chain “${c.name}” has no final link${empty}; every chain must end in a final link (law 2)`,
        object,
        link,
      ),
    );
  else if (!c.hasNext)
    found.push(
      finding(
        'final_without_continuation',
        `Chain “${c.name}” ends in a final link but no next chain starts from it; continue it, e.g. with a review request or a referral (law 2)`,
        object,
        link,
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
  const found: HealthFinding[] = [];
  if (!t.inChain)
    found.push(
      finding(
        'touchpoint_in_no_chain',
        `Touchpoint “${t.name}” is in no chain; add it to the chain in which customers meet it (law 2)`,
        object,
        link,
      ),
    );
  if (!t.hasOwner)
    found.push(
      finding(
        'touchpoint_no_owner',
        `Touchpoint “${t.name}” has no owner; name the person who manages it (law 3)`,
        object,
        link,
      ),
    );
  if (!t.hasStandard)
    found.push(
      finding(
        'touchpoint_no_standard',
        `Touchpoint “${t.name}” has no standard; set a measurable promise, e.g. a response time or a CSAT target (law 3)`,
        object,
        link,
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
    ),
  ];
}

/** Law 3, measured: a standard that failed over the checked period. */
export function checkStandardResult(
  workspaceId: string,
  s: { id: string; name: string; touchpointName: string; passed: boolean | null },
  periodDays: number,
): HealthFinding[] {
  if (s.passed !== false) return [];
  return [
    finding(
      'standard_failing',
      `Standard “${s.name}” of touchpoint “${s.touchpointName}” fails over the last ${periodDays} days; plan a task to bring it back (law 3)`,
      { type: 'standard', id: s.id, name: s.name },
      `${base(workspaceId)}/standards/${s.id}`,
    ),
  ];
}

/** Law 2, measured: a link where customers who had a negative experience leave the chain. */
export function checkNegativeBreak(
  workspaceId: string,
  link: {
    touchpointId: string;
    key: string;
    name: string;
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
