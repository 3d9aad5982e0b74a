/**
 * The workspace document (SPEC §9): a whole workspace's catalog as JSON, for export, import,
 * backups and the demo. Members, API tokens, the audit log and sessions are not part of it.
 * Objects refer to each other by id (the UUIDs of the database they came from; an import gives
 * every object a fresh id), touchpoint owners by e-mail. The order of stages, of cell items and
 * of chain links is their position.
 */
import { z } from 'zod';
import { checkLinkRoles, closesNextChainCycle } from './chain-rules.js';
import type { FieldIssue } from './errors.js';
import { checkStandard } from './standard-rules.js';
import { closesParentCycle } from './touchpoint-tree.js';
import {
  ATTENTION_SPANS,
  COMPARATORS,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  DIRECTIONS,
  LANE_KINDS,
  LIFETIMES,
  LINK_ROLES,
  SLUG_PATTERN,
  STANDARD_METRICS,
  SUBJECT_KINDS,
  TOUCHPOINT_STATUSES,
} from './vocabulary.js';

export const WORKSPACE_DOCUMENT_FORMAT = 'touchpoints.workspace';
export const WORKSPACE_DOCUMENT_VERSION = 1;

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
export const ZDocumentItem = z.strictObject({
  stageId: ZDocId,
  lane: ZDocKey,
  text: nullable(z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters')),
  touchpointId: nullable(ZDocId),
});

export const ZDocumentJourney = z.strictObject({
  id: ZDocId,
  name: ZDocName,
  description: ZDocText.default(''),
  persona: z.string().trim().max(200, 'must be at most 200 characters').default(''),
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

/** The whole document; `settings` is checked by the workspace API's own schema on import. */
export const ZWorkspaceDocument = z.strictObject({
  format: z.literal(WORKSPACE_DOCUMENT_FORMAT),
  formatVersion: z.literal(WORKSPACE_DOCUMENT_VERSION, { error: 'only format version 1 is supported' }),
  exportedAt: z.string().max(64).optional().describe('ISO 8601 date-time of the export'),
  workspace: ZDocumentWorkspace,
  brands: z.array(ZDocumentBrand).min(1, 'needs the own brand').max(1000),
  subjects: z.array(ZDocumentSubject).max(20_000).default([]),
  channels: z.array(ZDocumentChannel).max(1000).default([]),
  touchpoints: z.array(ZDocumentTouchpoint).max(50_000).default([]),
  standards: z.array(ZDocumentStandard).max(50_000).default([]),
  journeys: z.array(ZDocumentJourney).max(2000).default([]),
  chains: z.array(ZDocumentChain).max(10_000).default([]),
});

export type WorkspaceDocument = z.output<typeof ZWorkspaceDocument>;
export type DocumentTouchpoint = WorkspaceDocument['touchpoints'][number];
export type DocumentJourney = WorkspaceDocument['journeys'][number];
export type DocumentChain = WorkspaceDocument['chains'][number];

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
  indexIds(doc.standards, 'standards', add);
  const journeyIds = indexIds(doc.journeys, 'journeys', add);
  const chainIds = indexIds(doc.chains, 'chains', add);
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
    checkJourney(j, `journeys.${i}`, { channelIds, touchpointIds }, add);
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
  return issues;
}

type Add = (field: string, message: string) => void;

function checkJourney(
  j: DocumentJourney,
  at: string,
  refs: { channelIds: Set<string>; touchpointIds: Set<string> },
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
    if ((item.text === null) === (item.touchpointId === null)) {
      add(it, 'an item holds either a text or a touchpointId');
      return;
    }
    if (item.touchpointId === null) {
      if (kind === 'touchpoints')
        add(`${it}.lane`, `lane "${item.lane}" holds touchpoints only; give touchpointId instead of text`);
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
