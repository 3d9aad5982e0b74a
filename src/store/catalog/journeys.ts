/**
 * Journeys (SPEC §2–§3): a customer's experience mapped as ordered stages × lanes. Each cell
 * (stage × lane) holds ordered items, what each holds told by its lane's kind (journey-items.ts).
 *
 * The journey's `version` covers the whole map: changing the journey, its stages or any item bumps
 * it. Journey and stage changes need the version read (409 otherwise), so a stale editor cannot
 * drop a stage that someone just filled; item changes need no version (two people can fill cells
 * at the same time) and answer the new journey version.
 */
import { and, asc, eq, ilike, inArray, notInArray, or, sql } from 'drizzle-orm';
import { type FieldIssue, invalid, ValidationError } from '../../domain/errors.js';
import {
  customLaneName,
  customStageName,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  hasDefaultLaneName,
  hasDefaultStageName,
  type LaneKind,
  laneName,
  stageName,
} from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import { detachChains } from './chains.js';
import type { Db } from './db.js';
import {
  deleteUnusedImages,
  type ImageFiles,
  imagesDropped,
  type JourneyItemDto,
  journeyImageIds,
  laneKindIssues,
  readItems,
  removeImageFiles,
} from './journey-items.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { checkPersona } from './personas.js';
import { channels, journeyItems, journeys, stages } from './schema.js';
import { findOne, updateVersioned, versionConflict } from './versioned.js';

export type JourneyRow = typeof journeys.$inferSelect;
type StageRow = typeof stages.$inferSelect;

export {
  addJourneyItem,
  deleteJourneyItem,
  type JourneyItemChange,
  type JourneyItemDto,
  type JourneyItemInput,
  type JourneyItemPatch,
  MAX_JOURNEY_ITEMS,
  removeTouchpointFromJourneys,
  updateJourneyItem,
} from './journey-items.js';

export const JOURNEY_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export function toJourneyDto(j: JourneyRow) {
  return {
    id: j.id,
    name: j.name,
    description: j.description,
    persona: j.persona,
    personaId: j.personaId,
    acquisitionChannelId: j.acquisitionChannelId,
    lanes: j.lanes.map((l) => ({
      key: l.key,
      name: laneName(l.key, l.name),
      customName: l.name,
      kind: l.kind as LaneKind,
    })),
    version: j.version,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}

function toStageDto(s: StageRow) {
  return {
    id: s.id,
    position: s.position,
    key: s.key,
    name: stageName(s.key, s.name),
    customName: s.name,
    designedEmotion: s.designedEmotion,
  };
}

export type JourneyMap = ReturnType<typeof toJourneyDto> & {
  stages: ReturnType<typeof toStageDto>[];
  items: JourneyItemDto[];
};

export interface LaneInput {
  key: string;
  /** Omitted, null or '' for a default lane key: its default name, in the reader's language. */
  name?: string | null | undefined;
  kind: LaneKind;
}

export interface StageInput {
  key: string;
  /** Omitted, null or '' for a default stage key: its default name, in the reader's language. */
  name?: string | null | undefined;
  /** −2…+2; omitted means not designed yet (null). */
  designedEmotion?: number | null | undefined;
}

export interface JourneyInput {
  name: string;
  description?: string | undefined;
  persona?: string | undefined;
  /** A persona of the workspace (personas.ts) the map is drawn for. */
  personaId?: string | null | undefined;
  acquisitionChannelId?: string | null | undefined;
  /** Defaults to DEFAULT_LANES. */
  lanes?: LaneInput[] | undefined;
  /** Defaults to the five DEFAULT_STAGES. */
  stages?: StageInput[] | undefined;
}

export type JourneyPatch = Partial<Omit<JourneyInput, 'stages'>> & { version: number };

export interface JourneyFilter extends PageQuery {
  q?: string | undefined;
  acquisitionChannelId?: string | undefined;
  personaId?: string | undefined;
}

export async function listJourneys(db: Db, workspaceId: string, f: JourneyFilter) {
  const where = and(
    eq(journeys.workspaceId, workspaceId),
    f.acquisitionChannelId ? eq(journeys.acquisitionChannelId, f.acquisitionChannelId) : undefined,
    f.personaId ? eq(journeys.personaId, f.personaId) : undefined,
    f.q
      ? or(
          ilike(journeys.name, likePattern(f.q)),
          ilike(journeys.description, likePattern(f.q)),
          ilike(journeys.persona, likePattern(f.q)),
        )
      : undefined,
  );
  const sortable = { name: journeys.name, createdAt: journeys.createdAt, updatedAt: journeys.updatedAt };
  const { rows, total } = await readPage(db, journeys, where, sortable, 'name', f);
  return { items: rows.map(toJourneyDto), total, limit: f.limit, offset: f.offset };
}

/** The whole journey map: the journey, its stages in order and every cell item. */
export async function getJourneyMap(db: Db, workspaceId: string, id: string): Promise<JourneyMap> {
  return readMap(db, await findOne(db, journeys, 'journey', workspaceId, id));
}

async function readMap(db: Db, journey: JourneyRow): Promise<JourneyMap> {
  const [stageRows, items] = await Promise.all([
    db.select().from(stages).where(eq(stages.journeyId, journey.id)).orderBy(asc(stages.position)),
    readItems(db, journey.id),
  ]);
  return { ...toJourneyDto(journey), stages: stageRows.map(toStageDto), items };
}

/** Issues for keys that appear more than once in `list`, named `<field>.N.key` at each repeat. */
function duplicateKeyIssues(list: readonly { key: string }[], field: string): FieldIssue[] {
  const firstAt = new Map<string, number>();
  const issues: FieldIssue[] = [];
  list.forEach(({ key }, i) => {
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else
      issues.push({
        field: `${field}.${i}.key`,
        message: `key "${key}" is already used by ${field}.${first}`,
      });
  });
  return issues;
}

/** Issues for stages or lanes without a name whose key has no default name to fall back on. */
function missingNameIssues(
  list: readonly { key: string; name?: string | null | undefined }[],
  field: string,
  hasDefault: (key: string) => boolean,
): FieldIssue[] {
  return list.flatMap(({ key, name }, i) =>
    name || hasDefault(key)
      ? []
      : [{ field: `${field}.${i}.name`, message: `must not be empty: "${key}" has no default name` }],
  );
}

function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

async function checkChannel(db: Db, workspaceId: string, channelId: string | null | undefined) {
  if (!channelId) return;
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!row) throw invalid('acquisitionChannelId', 'no such channel in this workspace');
}

/**
 * Creates a journey with its stages (the five default stages when none are given) and lanes
 * (the default lanes when none are given).
 */
export async function createJourney(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: JourneyInput,
): Promise<JourneyMap> {
  const lanes = (input.lanes ?? DEFAULT_LANES).map((l) => ({ ...l, name: customLaneName(l.key, l.name) }));
  const stageList: StageInput[] = input.stages ?? DEFAULT_STAGES.map((s) => ({ ...s }));
  throwIfAny([
    ...duplicateKeyIssues(lanes, 'lanes'),
    ...duplicateKeyIssues(stageList, 'stages'),
    ...missingNameIssues(lanes, 'lanes', hasDefaultLaneName),
    ...missingNameIssues(stageList, 'stages', hasDefaultStageName),
  ]);
  return db.transaction(async (tx) => {
    await checkChannel(tx, workspaceId, input.acquisitionChannelId);
    await checkPersona(tx, workspaceId, input.personaId);
    const [row] = await tx
      .insert(journeys)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        name: input.name,
        description: input.description ?? '',
        persona: input.persona ?? '',
        personaId: input.personaId ?? null,
        acquisitionChannelId: input.acquisitionChannelId ?? null,
        lanes,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await tx.insert(stages).values(
      stageList.map((s, position) => ({
        id: crypto.randomUUID(),
        workspaceId,
        journeyId: row.id,
        position,
        key: s.key,
        name: customStageName(s.key, s.name),
        designedEmotion: s.designedEmotion ?? null,
      })),
    );
    const map = await readMap(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'journey',
      entityId: row.id,
      after: map,
    });
    return map;
  });
}

/** Reads the journey for a change based on `version`: 404 when absent, 409 when it moved on. */
async function journeyAtVersion(db: Db, workspaceId: string, id: string, version: number) {
  const current = await findOne(db, journeys, 'journey', workspaceId, id);
  if (current.version !== version) throw versionConflict('journey', current);
  return current;
}

/**
 * Changes a journey's fields and lanes. Lanes are identified by key: a lane whose key is no
 * longer listed loses its items; a lane cannot change kind while it holds items the new kind
 * does not take (touchpoints only in a `touchpoints` lane, text only elsewhere).
 */
export async function updateJourney(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: JourneyPatch,
  files?: ImageFiles,
): Promise<JourneyMap> {
  let dropped: string[] = [];
  const map = await db.transaction(async (tx) => {
    const current = await journeyAtVersion(tx, workspaceId, id, patch.version);
    const before = await readMap(tx, current);
    await checkChannel(tx, workspaceId, patch.acquisitionChannelId);
    await checkPersona(tx, workspaceId, patch.personaId);
    const { version, lanes, ...fields } = patch;
    const values = {
      ...fields,
      ...(lanes ? { lanes: lanes.map((l) => ({ ...l, name: customLaneName(l.key, l.name) })) } : {}),
    };
    if (patch.lanes) {
      throwIfAny([
        ...duplicateKeyIssues(patch.lanes, 'lanes'),
        ...missingNameIssues(patch.lanes, 'lanes', hasDefaultLaneName),
        ...laneKindIssues(patch.lanes, before.items),
      ]);
      const keep = patch.lanes.map((l) => l.key);
      await tx
        .delete(journeyItems)
        .where(and(eq(journeyItems.journeyId, id), notInArray(journeyItems.lane, keep)));
    }
    const row = await updateVersioned(tx, journeys, 'journey', workspaceId, id, version, values);
    const after = await readMap(tx, row);
    dropped = await deleteUnusedImages(tx, workspaceId, imagesDropped(before.items, after.items));
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  await removeImageFiles(files, workspaceId, dropped);
  return map;
}

export interface StageEdit extends StageInput {
  /** An existing stage of this journey (keeps its items); omitted for a new stage. */
  id?: string | undefined;
}

/**
 * Replaces the journey's ordered stage list: listed ids keep their items and take the new
 * position, key, name and designed emotion; new entries are added; stages not listed are
 * removed with their items. Needs the journey version (409 otherwise) and bumps it.
 */
export async function replaceStages(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: { version: number; stages: StageEdit[] },
  files?: ImageFiles,
): Promise<JourneyMap> {
  let dropped: string[] = [];
  const map = await db.transaction(async (tx) => {
    const current = await journeyAtVersion(tx, workspaceId, id, input.version);
    const before = await readMap(tx, current);
    const existing = new Set(before.stages.map((s) => s.id));
    const seenIds = new Map<string, number>();
    const issues = [
      ...duplicateKeyIssues(input.stages, 'stages'),
      ...missingNameIssues(input.stages, 'stages', hasDefaultStageName),
    ];
    input.stages.forEach((s, i) => {
      if (s.id === undefined) return;
      const first = seenIds.get(s.id);
      if (!existing.has(s.id))
        issues.push({ field: `stages.${i}.id`, message: 'no such stage in this journey' });
      else if (first !== undefined)
        issues.push({ field: `stages.${i}.id`, message: `the stage is already listed as stages.${first}` });
      else seenIds.set(s.id, i);
    });
    throwIfAny(issues);

    const kept = [...seenIds.keys()];
    const removed = before.stages.filter((s) => !seenIds.has(s.id)).map((s) => s.id);
    if (removed.length > 0) await tx.delete(stages).where(inArray(stages.id, removed));
    // Park the kept stages' keys first, so that two stages can swap keys without a unique clash.
    if (kept.length > 0)
      await tx
        .update(stages)
        .set({ key: sql`'~' || ${stages.id}::text` })
        .where(inArray(stages.id, kept));
    const added: (typeof stages.$inferInsert)[] = [];
    for (const [position, s] of input.stages.entries()) {
      const values = {
        position,
        key: s.key,
        name: customStageName(s.key, s.name),
        designedEmotion: s.designedEmotion ?? null,
      };
      if (s.id) await tx.update(stages).set(values).where(eq(stages.id, s.id));
      else added.push({ id: crypto.randomUUID(), workspaceId, journeyId: id, ...values });
    }
    if (added.length > 0) await tx.insert(stages).values(added);

    const row = await updateVersioned(tx, journeys, 'journey', workspaceId, id, input.version, {});
    const after = await readMap(tx, row);
    dropped = await deleteUnusedImages(tx, workspaceId, imagesDropped(before.items, after.items));
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey',
      entityId: id,
      before,
      after,
    });
    return after;
  });
  await removeImageFiles(files, workspaceId, dropped);
  return map;
}

/**
 * Deletes a journey with its stages and items. Chains mapped on it stay and lose their journey
 * (each such chain's version is bumped and the change audited).
 */
export async function deleteJourney(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  files?: ImageFiles,
): Promise<void> {
  const dropped = await db.transaction(async (tx) => {
    const before = await getJourneyMap(tx, workspaceId, id);
    const images = await journeyImageIds(tx, id);
    await detachChains(tx, actor, workspaceId, 'journeyId', id);
    await tx.delete(journeys).where(and(eq(journeys.id, id), eq(journeys.workspaceId, workspaceId)));
    const gone = await deleteUnusedImages(tx, workspaceId, images);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey',
      entityId: id,
      before,
    });
    return gone;
  });
  await removeImageFiles(files, workspaceId, dropped);
}
