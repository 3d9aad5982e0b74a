/**
 * The workspace document (SPEC §9): a whole workspace's catalog as JSON, for export, import,
 * backups and the demo. Members, API tokens, the audit log and sessions are not part of it.
 * Objects refer to each other by id (the UUIDs of the database they came from; an import gives
 * every object a fresh id), people by e-mail (touchpoint and task owners, auditors, comment
 * authors). The order of stages, of cell items, of chain links and of checklist criteria is their
 * position.
 *
 * Format version 2 added the Law 3 objects: tasks with their comments, audit checklists with their
 * criteria, audits with their answers, alert rules and webhooks (URL and description only: never
 * the signing secret). A version 1 document has none of these keys and imports as before. Not in
 * the document: audit photos (the bytes live outside the catalog), shopper links (secrets), alert
 * episodes, notifications and webhook deliveries (runtime state of the workspace it came from).
 *
 * Format version 3 added surveys (questions, texts, look, complaint rule; each gets a new public
 * code on import, so printed QR codes keep pointing at the workspace they were printed for). Not in
 * it: survey answers (the event store), respondents' contacts and kiosk devices (personal data and
 * secrets), reviews and complaints (customer data of the workspace it came from).
 *
 * Format version 4 added personas (without their photos) and a journey's persona, and the journey
 * items of the newer lane kinds: channels (`channelId`), KPI figures (`kpi`) and the task a pain
 * point or opportunity is linked to (`taskId`). Pictures of image lanes stay behind (their bytes
 * live outside the catalog), as do map comments and read-only map links.
 */
import { z } from 'zod';
import { ALERT_KINDS, parseAlertParams } from './alert-rules.js';
import { AUDIT_SCALES, AUDIT_STATUSES, checkAnswerValue, checkCriterionScale } from './audit-scoring.js';
import { checkLinkRoles, closesNextChainCycle } from './chain-rules.js';
import { type FieldIssue, ValidationError } from './errors.js';
import { KPI_LABEL_MAX, KPI_SOURCES, kpiIssues, laneTakesTask, shapeOfLane } from './journey-lanes.js';
import { PERSONA_AVATARS } from './personas.js';
import { checkStandard } from './standard-rules.js';
import { LANGUAGES, QUESTION_KINDS, SURVEY_STATUSES } from './survey-model.js';
import { surveyIssues } from './survey-rules.js';
import { closesParentCycle } from './touchpoint-tree.js';
import {
  ATTENTION_SPANS,
  COMPARATORS,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  DIRECTIONS,
  LANE_KINDS,
  LEVERS,
  LIFETIMES,
  LINK_ROLES,
  SLUG_PATTERN,
  STANDARD_METRICS,
  SUBJECT_KINDS,
  TASK_STATUSES,
  TASK_VERIFICATION_STATES,
  TOUCHPOINT_STATUSES,
} from './vocabulary.js';

export const WORKSPACE_DOCUMENT_FORMAT = 'touchpoints.workspace';
/** The version an export writes; an import reads every version in WORKSPACE_DOCUMENT_VERSIONS. */
export const WORKSPACE_DOCUMENT_VERSION = 4;
export const WORKSPACE_DOCUMENT_VERSIONS = [1, 2, 3, 4] as const;

// The same field rules as the API's (api/common.schemas.ts); the domain does not import the API.
const ZDocId = z.uuid({ error: 'must be a UUID' });
const ZDocName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const ZDocText = z.string().max(5000, 'must be at most 5000 characters');
const ZDocKey = z
  .string()
  .regex(
    SLUG_PATTERN,
    'must be a slug: lowercase letters, digits, _ - . (starting with a letter or digit, ≤ 128)',
  );
type StageKey = (typeof DEFAULT_STAGES)[number]['key'];
const nullable = <T extends z.ZodType>(t: T) => t.nullable().default(null);
const ZDocEmail = z.string().trim().max(320).email('must be an e-mail address');
// Year 0 is a valid ISO date the databases refuse.
const FIRST_DAY = '0001-01-01';
const ZDocTimestamp = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .refine((s) => Date.parse(s) >= Date.parse(`${FIRST_DAY}T00:00:00Z`), 'must be in year 1 or later');
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const ZDocDate = z.string().refine((s) => {
  if (!DATE_PATTERN.test(s) || s < FIRST_DAY) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'must be a date YYYY-MM-DD that exists');
const int = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

export const ZDocumentWorkspace = z.strictObject({
  name: ZDocName,
  description: ZDocText.default(''),
  settings: z.record(z.string(), z.unknown()).default({}),
});

export const ZDocumentBrand = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  isOwn: z.boolean().default(false),
  website: z
    .union([
      z.literal(''),
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL or empty' })
        .max(2000, 'must be at most 2000 characters'),
    ])
    .default(''),
});

export const ZDocumentSubject = z.strictObject({
  id: ZDocId,
  kind: z.enum(SUBJECT_KINDS),
  name: ZDocName,
  description: ZDocText.default(''),
});

export const ZDocumentChannel = z.strictObject({
  id: ZDocId,
  key: ZDocKey,
  name: ZDocName,
  online: z.boolean().default(true),
  builtin: z.boolean().default(false),
});

export const ZDocumentTouchpoint = z.strictObject({
  id: ZDocId,
  key: ZDocKey,
  name: ZDocName,
  description: ZDocText.default(''),
  brandId: ZDocId,
  subjectId: nullable(ZDocId),
  parentId: nullable(ZDocId),
  channelId: nullable(ZDocId),
  direction: z.enum(DIRECTIONS).default('both'),
  stage: nullable(z.enum(DEFAULT_STAGES.map((s) => s.key) as [StageKey, ...StageKey[]])),
  online: z.boolean().default(true),
  attention: nullable(z.enum(ATTENTION_SPANS)),
  lifetime: nullable(z.enum(LIFETIMES)),
  controllable: z.boolean().default(true),
  priority: z.number().int().min(1).max(5).default(3),
  ownerEmail: nullable(z.string().trim().max(320).email('must be an e-mail address')),
  status: z.enum(TOUCHPOINT_STATUSES).default('active'),
  tags: z
    .array(z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters'))
    .max(30, 'at most 30 tags')
    .default([])
    .describe('repeats are dropped on import, as the touchpoint API does'),
  brandedMaterial: z.string().max(2000, 'must be at most 2000 characters').default(''),
});

export const ZDocumentStandard = z.strictObject({
  id: ZDocId,
  touchpointId: ZDocId,
  name: ZDocName,
  metric: z.enum(STANDARD_METRICS),
  prop: nullable(z.string().max(64)),
  comparator: z.enum(COMPARATORS),
  target: z.number(),
  requiredShare: z.number().min(0).max(1).default(0.9),
});

export const ZDocumentLane = z.strictObject({ key: ZDocKey, name: ZDocName, kind: z.enum(LANE_KINDS) });

export const ZDocumentStage = z.strictObject({
  id: ZDocId,
  key: ZDocKey,
  name: ZDocName,
  designedEmotion: nullable(z.number().int().min(-2).max(2)),
});

/** One item of a journey-map cell (stage × lane): a text note or, in a touchpoints lane, a touchpoint. */
/** A KPI figure of a kpis lane (`chainId` names a chain of the document). */
export const ZDocumentKpi = z.strictObject({
  source: z.enum(KPI_SOURCES),
  value: z.number().finite('must be a finite number').nullable().optional(),
  label: z.string().trim().max(KPI_LABEL_MAX, `must be at most ${KPI_LABEL_MAX} characters`).optional(),
  chainId: ZDocId.nullable().optional(),
});

/** One item of a cell: exactly one of text, touchpointId, channelId and kpi (since version 4). */
export const ZDocumentItem = z.strictObject({
  stageId: ZDocId,
  lane: ZDocKey,
  text: nullable(z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters')),
  touchpointId: nullable(ZDocId),
  channelId: ZDocId.nullable().optional().describe('since version 4: a channel (channels lanes)'),
  kpi: ZDocumentKpi.nullable().optional().describe('since version 4: a figure (kpis lanes)'),
  taskId: ZDocId.nullable()
    .optional()
    .describe('since version 4: the task a pain point or opportunity is linked to'),
});

/** A persona a map is drawn for (its photo's bytes live outside the catalog and stay behind). */
export const ZDocumentPersona = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  role: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  segment: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  quote: z.string().trim().max(1000, 'must be at most 1000 characters').default(''),
  goals: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  needs: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  pains: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
  avatar: z.union([z.enum(PERSONA_AVATARS), z.literal('')]).default(''),
});

export const ZDocumentJourney = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  description: ZDocText.default(''),
  persona: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  personaId: ZDocId.nullable().optional().describe('one of the document’s personas; absent: none'),
  acquisitionChannelId: nullable(ZDocId),
  lanes: z
    .array(ZDocumentLane)
    .min(1, 'a journey needs at least one lane')
    .max(20, 'a journey has at most 20 lanes')
    .default(() => DEFAULT_LANES.map((l) => ({ ...l }))),
  stages: z
    .array(ZDocumentStage)
    .min(1, 'a journey needs at least one stage')
    .max(30, 'a journey has at most 30 stages'),
  items: z.array(ZDocumentItem).max(2000, 'a journey holds at most 2000 items').default([]),
});

export const ZDocumentLink = z.strictObject({ touchpointId: ZDocId, role: z.enum(LINK_ROLES) });

export const ZDocumentChain = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  description: ZDocText.default(''),
  journeyId: nullable(ZDocId),
  nextChainId: nullable(ZDocId),
  windowDays: z.number().int().min(1).max(3650).default(30),
  links: z.array(ZDocumentLink).max(100, 'a chain has at most 100 links').default([]),
});

/** A task's targets; a chain link is named by its chain and the touchpoint it stands on. */
export const ZDocumentTaskTargets = z.strictObject({
  touchpointId: nullable(ZDocId),
  chainId: nullable(ZDocId),
  linkTouchpointId: nullable(ZDocId).describe(
    "with chainId: the touchpoint of the chain's link the task works on (link ids change on edits)",
  ),
  journeyId: nullable(ZDocId),
  stageId: nullable(ZDocId).describe('with journeyId: one stage of that journey'),
  standardId: nullable(ZDocId),
});

export const ZDocumentTaskComment = z.strictObject({
  authorName: z.string().trim().min(1, 'must not be empty').max(320, 'must be at most 320 characters'),
  authorEmail: nullable(ZDocEmail).describe('kept as the author on import when it is the importing user'),
  body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
  createdAt: ZDocTimestamp.optional().describe('default: the time of the import'),
});

export const ZDocumentTaskVerification = z.strictObject({
  checkedAt: ZDocTimestamp,
  state: z.enum(TASK_VERIFICATION_STATES),
  explanation: z.string().max(5000, 'must be at most 5000 characters'),
  figures: z.record(z.string().max(100), z.union([z.number(), z.string().max(1000), z.boolean(), z.null()])),
});

export const ZDocumentTask = z.strictObject({
  id: ZDocId,
  title: ZDocName,
  description: ZDocText.default(''),
  lever: z.enum(LEVERS),
  ownerEmail: nullable(ZDocEmail),
  dueDate: nullable(ZDocDate),
  priority: int(1, 5).default(3),
  status: z.enum(TASK_STATUSES).default('planned'),
  targets: ZDocumentTaskTargets.default({
    touchpointId: null,
    chainId: null,
    linkTouchpointId: null,
    journeyId: null,
    stageId: null,
    standardId: null,
  }),
  windowDays: int(1, 365).default(14),
  minSample: int(1, 1_000_000).default(30),
  conversionRiseTarget: nullable(
    z.number().min(0.1, 'must be between 0.1 and 100').max(100, 'must be between 0.1 and 100'),
  ),
  doneAt: nullable(ZDocTimestamp).describe('when the task was last set to done'),
  verification: nullable(ZDocumentTaskVerification).describe("the verification's latest outcome"),
  createdAt: ZDocTimestamp.optional().describe('default: the time of the import'),
  comments: z.array(ZDocumentTaskComment).max(100_000).default([]),
});

export const ZDocumentCriterion = z.strictObject({
  id: ZDocId,
  text: ZDocName,
  touchpointId: nullable(ZDocId),
  stageKey: nullable(
    z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  ),
  scale: z.enum(AUDIT_SCALES),
  target: nullable(z.number()),
  comparator: nullable(z.enum(COMPARATORS)),
  unit: z.string().max(32, 'must be at most 32 characters').default(''),
  weight: z.number().positive('must be greater than 0').max(100, 'must be at most 100').default(1),
});

export const ZDocumentChecklist = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  description: ZDocText.default(''),
  journeyId: nullable(ZDocId),
  templateKey: nullable(z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters')),
  criteria: z.array(ZDocumentCriterion).max(200, 'a checklist has at most 200 criteria').default([]),
});

export const ZDocumentAnswer = z.strictObject({
  criterionId: ZDocId,
  value: z.number().nullable().describe('null: skipped (not applicable)'),
  note: ZDocText.default(''),
  answeredAt: ZDocTimestamp.optional().describe('default: the time of the import'),
});

export const ZDocumentAudit = z.strictObject({
  id: ZDocId,
  checklistId: ZDocId,
  brandId: ZDocId,
  auditDate: ZDocDate,
  auditorEmail: nullable(ZDocEmail).describe('the member who audits; null for an external shopper'),
  auditorName: z.string().max(200, 'must be at most 200 characters').default(''),
  status: z.enum(AUDIT_STATUSES).default('planned'),
  notes: ZDocText.default(''),
  submittedAt: nullable(ZDocTimestamp),
  createdAt: ZDocTimestamp.optional().describe('default: the time of the import'),
  answers: z.array(ZDocumentAnswer).max(200, 'an audit has at most 200 answers').default([]),
});

export const ZDocumentAlertRule = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  kind: z.enum(ALERT_KINDS),
  params: z
    .record(z.string().max(64), z.unknown())
    .default({})
    .describe("the kind's settings; standardId, touchpointId and chainId name objects of the document"),
  enabled: z.boolean().default(true),
  email: z.boolean().default(false),
});

export const ZDocumentWebhook = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000, 'must be at most 2000 characters')
    .refine((url) => !/^https?:\/\/[^/?#]*@/i.test(url), 'must not carry a user name or password'),
  description: ZDocText.default(''),
});

const ZDocLocalText = z.partialRecord(
  z.enum(LANGUAGES),
  z.string().max(2000, 'must be at most 2000 characters'),
);

/** A survey; the rules of a saved survey (survey-rules.ts) are checked with the document's. */
export const ZDocumentSurvey = z.strictObject({
  id: ZDocId,
  touchpointId: ZDocId,
  chainId: nullable(ZDocId),
  name: ZDocName,
  status: z.enum(SURVEY_STATUSES),
  defaultLanguage: z.enum(LANGUAGES),
  questions: z
    .array(
      z.strictObject({
        id: z.string().max(32),
        kind: z.enum(QUESTION_KINDS),
        required: z.boolean(),
        text: ZDocLocalText,
        options: z
          .array(z.strictObject({ key: z.string().max(32), text: ZDocLocalText }))
          .max(10)
          .optional(),
      }),
    )
    .max(30),
  texts: z.strictObject({
    title: ZDocLocalText,
    intro: ZDocLocalText.optional(),
    thankYou: ZDocLocalText,
    consent: ZDocLocalText.optional(),
  }),
  colour: z.string().max(7),
  logo: nullable(z.string().max(300_000)),
  contactConsent: z.boolean(),
  complaintRule: nullable(
    z.strictObject({
      csatMax: z.number().optional(),
      npsMax: z.number().optional(),
      cesMin: z.number().optional(),
      requireComment: z.boolean(),
    }),
  ),
  startsAt: nullable(ZDocTimestamp),
  endsAt: nullable(ZDocTimestamp),
  templateKey: nullable(z.string().max(64)),
});

/** The whole document; `settings` is checked by the workspace API's own schema on import. */
export const ZWorkspaceDocument = z.strictObject({
  format: z.literal(WORKSPACE_DOCUMENT_FORMAT),
  formatVersion: z.literal(WORKSPACE_DOCUMENT_VERSIONS, {
    error: `only format versions ${WORKSPACE_DOCUMENT_VERSIONS.slice(0, -1).join(', ')} and ${WORKSPACE_DOCUMENT_VERSION} are supported`,
  }),
  exportedAt: z.string().max(64).optional().describe('ISO 8601 date-time of the export'),
  workspace: ZDocumentWorkspace,
  brands: z.array(ZDocumentBrand).min(1, 'needs the own brand').max(1000),
  subjects: z.array(ZDocumentSubject).max(20_000).default([]),
  channels: z.array(ZDocumentChannel).max(1000).default([]),
  touchpoints: z.array(ZDocumentTouchpoint).max(50_000).default([]),
  standards: z.array(ZDocumentStandard).max(50_000).default([]),
  personas: z.array(ZDocumentPersona).max(1000).optional().describe('absent: none'),
  journeys: z.array(ZDocumentJourney).max(2000).default([]),
  chains: z.array(ZDocumentChain).max(10_000).default([]),
  // Since format version 2; absent (as in version 1) means none.
  tasks: z.array(ZDocumentTask).max(50_000).optional(),
  auditChecklists: z.array(ZDocumentChecklist).max(5000).optional(),
  audits: z.array(ZDocumentAudit).max(50_000).optional(),
  alertRules: z.array(ZDocumentAlertRule).max(1000).optional(),
  webhooks: z
    .array(ZDocumentWebhook)
    .max(100)
    .optional()
    .describe('imported disabled, each with a new signing secret: an owner enables them'),
  // Since format version 3.
  surveys: z
    .array(ZDocumentSurvey)
    .max(5000)
    .optional()
    .describe('each gets a new public code on import; answers, contacts and kiosk devices stay behind'),
});

export type WorkspaceDocument = z.output<typeof ZWorkspaceDocument>;
export type DocumentTouchpoint = WorkspaceDocument['touchpoints'][number];
export type DocumentJourney = WorkspaceDocument['journeys'][number];
export type DocumentChain = WorkspaceDocument['chains'][number];
export type DocumentTask = z.output<typeof ZDocumentTask>;
export type DocumentSurvey = z.output<typeof ZDocumentSurvey>;
export type DocumentChecklist = z.output<typeof ZDocumentChecklist>;
export type DocumentAudit = z.output<typeof ZDocumentAudit>;
export type DocumentAlertRule = z.output<typeof ZDocumentAlertRule>;
export type DocumentWebhook = z.output<typeof ZDocumentWebhook>;

/** At most this many issues are reported for one document. */
export const MAX_DOCUMENT_ISSUES = 50;

/**
 * Checks what the schema cannot: ids unique per kind, every reference pointing at an object of
 * the document, exactly one own brand, unique brand names, channel and touchpoint keys and lane
 * and stage keys, an acyclic touchpoint tree and next-chain graph, well-formed chain link roles
 * (each touchpoint once per chain), cell items fitting their lane (touchpoints only in a lane of
 * kind touchpoints, once per cell), consistent standards — the rules the catalog API enforces. Returns the issues (dot paths into the document), empty when importable.
 */
export function checkWorkspaceDocument(doc: WorkspaceDocument): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => {
    if (issues.length < MAX_DOCUMENT_ISSUES) issues.push({ field, message });
  };

  const brandIds = indexIds(doc.brands, 'brands', add);
  const subjectIds = indexIds(doc.subjects, 'subjects', add);
  const channelIds = indexIds(doc.channels, 'channels', add);
  const touchpointIds = indexIds(doc.touchpoints, 'touchpoints', add);
  const standardIds = indexIds(doc.standards, 'standards', add);
  const journeyIds = indexIds(doc.journeys, 'journeys', add);
  const personaIds = indexIds(doc.personas ?? [], 'personas', add);
  const chainIds = indexIds(doc.chains, 'chains', add);
  const taskIds = new Set((doc.tasks ?? []).map((t) => t.id));
  const stageList = doc.journeys.flatMap((j, ji) =>
    j.stages.map((s, si) => ({ id: s.id, path: `journeys.${ji}.stages.${si}` })),
  );
  checkUnique(stageList, (s) => s.id, 'id', 'duplicate id', add);

  const own = doc.brands.filter((b) => b.isOwn).length;
  if (own !== 1) add('brands', `exactly one brand must be the own brand (isOwn: true); found ${own}`);
  checkUnique(
    doc.brands.map((b, i) => ({ ...b, path: `brands.${i}` })),
    (b) => b.name,
    'name',
    'duplicate brand name',
    add,
  );
  checkUnique(
    doc.channels.map((c, i) => ({ ...c, path: `channels.${i}` })),
    (c) => c.key,
    'key',
    'duplicate channel key',
    add,
  );
  checkUnique(
    doc.touchpoints.map((t, i) => ({ ...t, path: `touchpoints.${i}` })),
    (t) => t.key,
    'key',
    'duplicate touchpoint key',
    add,
  );

  const parentOf = new Map<string, string | null>();
  doc.touchpoints.forEach((t, i) => {
    const at = `touchpoints.${i}`;
    if (!brandIds.has(t.brandId)) add(`${at}.brandId`, 'no brand with this id in the document');
    if (t.subjectId !== null && !subjectIds.has(t.subjectId))
      add(`${at}.subjectId`, 'no subject with this id in the document');
    if (t.channelId !== null && !channelIds.has(t.channelId))
      add(`${at}.channelId`, 'no channel with this id in the document');
    if (t.parentId !== null && !touchpointIds.has(t.parentId))
      add(`${at}.parentId`, 'no touchpoint with this id in the document');
    else if (closesParentCycle(t.id, t.parentId, parentOf))
      add(`${at}.parentId`, 'makes a cycle: a touchpoint cannot be part of itself');
    else parentOf.set(t.id, t.parentId);
  });

  doc.standards.forEach((s, i) => {
    const at = `standards.${i}`;
    if (!touchpointIds.has(s.touchpointId))
      add(`${at}.touchpointId`, 'no touchpoint with this id in the document');
    for (const issue of checkStandard(s)) add(`${at}.${issue.field}`, issue.message);
  });

  doc.journeys.forEach((j, i) => {
    checkJourney(j, `journeys.${i}`, { channelIds, touchpointIds, chainIds, taskIds }, add);
    if (j.personaId && !personaIds.has(j.personaId))
      add(`journeys.${i}.personaId`, 'no persona with this id in the document');
  });

  const nextOf = new Map<string, string | null>();
  doc.chains.forEach((c, i) => {
    const at = `chains.${i}`;
    if (c.journeyId !== null && !journeyIds.has(c.journeyId))
      add(`${at}.journeyId`, 'no journey with this id in the document');
    if (c.nextChainId !== null && !chainIds.has(c.nextChainId))
      add(`${at}.nextChainId`, 'no chain with this id in the document');
    else if (closesNextChainCycle(c.id, c.nextChainId, nextOf))
      add(`${at}.nextChainId`, 'makes a loop of continuation chains');
    else nextOf.set(c.id, c.nextChainId);
    const linkAt = new Map<string, number>();
    c.links.forEach((l, li) => {
      const field = `${at}.links.${li}.touchpointId`;
      const first = linkAt.get(l.touchpointId);
      if (!touchpointIds.has(l.touchpointId)) add(field, 'no touchpoint with this id in the document');
      else if (first !== undefined)
        add(field, `the touchpoint is already ${at}.links.${first}; a chain passes a touchpoint once`);
      else linkAt.set(l.touchpointId, li);
    });
    for (const issue of checkLinkRoles(c.links.map((l) => l.role)))
      add(`${at}.${issue.field}`, issue.message);
  });

  const refs: Refs = {
    brandIds,
    touchpointIds,
    chainIds,
    journeyIds,
    standardIds,
    journeyOfStage: new Map(doc.journeys.flatMap((j) => j.stages.map((s) => [s.id, j.id] as const))),
  };
  checkTasks(doc.tasks ?? [], refs, add);
  checkAudits(doc.auditChecklists ?? [], doc.audits ?? [], refs, add);
  checkAlertRules(doc.alertRules ?? [], add);
  checkSurveys(doc.surveys ?? [], refs, add);
  return issues;
}

/** Surveys: at a touchpoint of the document (a chain of it, if any), and each a valid survey. */
function checkSurveys(surveys: readonly DocumentSurvey[], refs: Refs, add: Add): void {
  indexIds(surveys, 'surveys', add);
  surveys.forEach((survey, i) => {
    const at = `surveys.${i}`;
    if (!refs.touchpointIds.has(survey.touchpointId))
      add(`${at}.touchpointId`, 'no touchpoint with this id in the document');
    if (survey.chainId !== null && !refs.chainIds.has(survey.chainId))
      add(`${at}.chainId`, 'no chain with this id in the document');
    const draft = {
      ...survey,
      startsAt: survey.startsAt === null ? null : new Date(survey.startsAt),
      endsAt: survey.endsAt === null ? null : new Date(survey.endsAt),
    };
    for (const issue of surveyIssues(draft)) add(`${at}.${issue.field}`, issue.message);
  });
}

type Add = (field: string, message: string) => void;

interface Refs {
  brandIds: Set<string>;
  touchpointIds: Set<string>;
  chainIds: Set<string>;
  journeyIds: Set<string>;
  standardIds: Set<string>;
  journeyOfStage: Map<string, string>;
}

/**
 * Tasks: every target an object of the document, a stage within the task's journey, a chain
 * link's touchpoint with its chain. A task may hold no target at all: deleting what it worked on
 * clears the reference in the catalog, and such a task still exports and imports.
 */
function checkTasks(tasks: readonly DocumentTask[], refs: Refs, add: Add): void {
  indexIds(tasks, 'tasks', add);
  tasks.forEach((task, i) => {
    const at = `tasks.${i}.targets`;
    const t = task.targets;
    const exists = (field: keyof DocumentTask['targets'], ids: Set<string>, noun: string) => {
      const id = t[field];
      if (id !== null && !ids.has(id)) add(`${at}.${field}`, `no ${noun} with this id in the document`);
    };
    exists('touchpointId', refs.touchpointIds, 'touchpoint');
    exists('chainId', refs.chainIds, 'chain');
    exists('linkTouchpointId', refs.touchpointIds, 'touchpoint');
    exists('journeyId', refs.journeyIds, 'journey');
    exists('standardId', refs.standardIds, 'standard');
    if (t.linkTouchpointId !== null && t.chainId === null)
      add(`${at}.linkTouchpointId`, 'names the link of a chain: give targets.chainId too');
    if (t.stageId !== null) {
      const journey = refs.journeyOfStage.get(t.stageId);
      if (journey === undefined) add(`${at}.stageId`, 'no stage with this id in the document');
      else if (t.journeyId !== journey)
        add(`${at}.stageId`, 'is a stage of another journey than targets.journeyId');
    }
  });
}

/** Checklists and audits: criteria that fit their scale, answers to the audit's own criteria. */
function checkAudits(
  checklists: readonly DocumentChecklist[],
  audits: readonly DocumentAudit[],
  refs: Refs,
  add: Add,
): void {
  const checklistIds = indexIds(checklists, 'auditChecklists', add);
  const criterionList = checklists.flatMap((c, ci) =>
    c.criteria.map((k, ki) => ({ id: k.id, path: `auditChecklists.${ci}.criteria.${ki}` })),
  );
  checkUnique(criterionList, (k) => k.id, 'id', 'duplicate id', add);
  const criteriaOf = new Map(checklists.map((c) => [c.id, new Map(c.criteria.map((k) => [k.id, k]))]));
  checklists.forEach((c, ci) => {
    const at = `auditChecklists.${ci}`;
    if (c.journeyId !== null && !refs.journeyIds.has(c.journeyId))
      add(`${at}.journeyId`, 'no journey with this id in the document');
    c.criteria.forEach((k, ki) => {
      const kat = `${at}.criteria.${ki}`;
      if (k.touchpointId !== null && !refs.touchpointIds.has(k.touchpointId))
        add(`${kat}.touchpointId`, 'no touchpoint with this id in the document');
      collectIssues(add, () => checkCriterionScale(k, `${kat}.`));
    });
  });

  indexIds(audits, 'audits', add);
  audits.forEach((a, ai) => {
    const at = `audits.${ai}`;
    if (!checklistIds.has(a.checklistId))
      add(`${at}.checklistId`, 'no checklist with this id in the document');
    if (!refs.brandIds.has(a.brandId)) add(`${at}.brandId`, 'no brand with this id in the document');
    const criteria = criteriaOf.get(a.checklistId);
    const answered = new Map<string, number>();
    a.answers.forEach((answer, i) => {
      const field = `${at}.answers.${i}`;
      const criterion = criteria?.get(answer.criterionId);
      const first = answered.get(answer.criterionId);
      if (!criterion) {
        if (criteria) add(`${field}.criterionId`, "no criterion with this id in the audit's checklist");
        return;
      }
      if (first !== undefined)
        add(`${field}.criterionId`, `the criterion is already answered at ${at}.answers.${first}`);
      else answered.set(answer.criterionId, i);
      collectIssues(add, () => checkAnswerValue(criterion, answer.value, `${field}.value`));
    });
  });
}

/** The params of alert rules that name an object of the workspace, and its kind. */
export const ALERT_PARAM_REFS = [
  { param: 'standardId', kind: 'standard' },
  { param: 'touchpointId', kind: 'touchpoint' },
  { param: 'chainId', kind: 'chain' },
] as const;

/**
 * Alert rules: params that fit the kind (domain/alert-rules.ts). An id in the params need not name
 * an object of the document: nothing ties a rule to its standard, touchpoint or chain in the
 * catalog, so deleting one leaves the rule naming nothing, and such a rule (which sees nothing)
 * imports as it is, naming nothing in the new workspace either.
 */
function checkAlertRules(rules: readonly DocumentAlertRule[], add: Add): void {
  indexIds(rules, 'alertRules', add);
  rules.forEach((rule, i) => {
    collectIssues(add, () => parseAlertParams(rule.kind, rule.params), `alertRules.${i}.`);
  });
}

/** Runs a check of a domain rule that throws, turning its issues into the document's. */
function collectIssues(add: Add, check: () => void, prefix = ''): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) add(`${prefix}${issue.field}`, issue.message);
  }
}

function checkJourney(
  j: DocumentJourney,
  at: string,
  refs: { channelIds: Set<string>; touchpointIds: Set<string>; chainIds: Set<string>; taskIds: Set<string> },
  add: Add,
): void {
  if (j.acquisitionChannelId !== null && !refs.channelIds.has(j.acquisitionChannelId))
    add(`${at}.acquisitionChannelId`, 'no channel with this id in the document');
  checkUnique(
    j.lanes.map((l, i) => ({ ...l, path: `${at}.lanes.${i}` })),
    (l) => l.key,
    'key',
    'duplicate lane key',
    add,
  );
  checkUnique(
    j.stages.map((s, i) => ({ ...s, path: `${at}.stages.${i}` })),
    (s) => s.key,
    'key',
    'duplicate stage key',
    add,
  );
  const stageIds = new Set(j.stages.map((s) => s.id));
  const laneKinds = new Map(j.lanes.map((l) => [l.key, l.kind]));
  const inCell = new Map<string, number>();
  j.items.forEach((item, i) => {
    const it = `${at}.items.${i}`;
    if (!stageIds.has(item.stageId)) add(`${it}.stageId`, 'no stage with this id in this journey');
    const kind = laneKinds.get(item.lane);
    if (kind === undefined) add(`${it}.lane`, 'no lane with this key in this journey');
    const contents = [item.text, item.touchpointId, item.channelId, item.kpi].filter(
      (c) => c !== null && c !== undefined,
    ).length;
    if (contents !== 1) {
      add(it, 'an item holds exactly one of text, touchpointId, channelId and kpi');
      return;
    }
    if (item.taskId !== null && item.taskId !== undefined) {
      if (!refs.taskIds.has(item.taskId)) add(`${it}.taskId`, 'no task with this id in the document');
      if (kind !== undefined && !laneTakesTask(kind))
        add(
          `${it}.taskId`,
          `lane "${item.lane}" is of kind ${kind}; tasks link to pain points and opportunities`,
        );
    }
    if (item.touchpointId === null) {
      const shape = item.channelId ? 'channel' : item.kpi ? 'kpi' : 'text';
      if (kind === 'touchpoints')
        add(
          `${it}.lane`,
          `lane "${item.lane}" holds touchpoints only; give touchpointId instead of ${shape}`,
        );
      else if (kind !== undefined && shapeOfLane(kind) !== shape)
        add(`${it}.lane`, `lane "${item.lane}" is of kind ${kind}; it does not hold a ${shape} item`);
      if (item.channelId && !refs.channelIds.has(item.channelId))
        add(`${it}.channelId`, 'no channel with this id in the document');
      if (item.kpi) {
        for (const issue of kpiIssues(item.kpi)) add(`${it}.${issue.field}`, issue.message);
        if (item.kpi.chainId && !refs.chainIds.has(item.kpi.chainId))
          add(`${it}.kpi.chainId`, 'no chain with this id in the document');
      }
      return;
    }
    if (!refs.touchpointIds.has(item.touchpointId))
      add(`${it}.touchpointId`, 'no touchpoint with this id in the document');
    if (kind !== undefined && kind !== 'touchpoints')
      add(
        `${it}.lane`,
        `lane "${item.lane}" is of kind ${kind}; touchpoints go in a lane of kind touchpoints`,
      );
    const cell = `${item.stageId}/${item.lane}/${item.touchpointId}`;
    const first = inCell.get(cell);
    if (first !== undefined)
      add(`${it}.touchpointId`, `the touchpoint is already in this cell (${at}.items.${first})`);
    else inCell.set(cell, i);
  });
}

/** The ids of a list, reporting repeated ones. */
function indexIds(list: readonly { id: string }[], path: string, add: Add): Set<string> {
  checkUnique(
    list.map((o, i) => ({ id: o.id, path: `${path}.${i}` })),
    (o) => o.id,
    'id',
    'duplicate id',
    add,
  );
  return new Set(list.map((o) => o.id));
}

function checkUnique<T extends { path: string }>(
  list: readonly T[],
  keyOf: (o: T) => string,
  field: string,
  message: string,
  add: Add,
): void {
  const first = new Map<string, string>();
  for (const o of list) {
    const value = keyOf(o);
    const seen = first.get(value);
    if (seen) add(`${o.path}.${field}`, `${message} "${value}" (also at ${seen})`);
    else first.set(value, o.path);
  }
}
