/**
 * Journeys (SPEC §2–§3): a customer's experience mapped as ordered stages × lanes. Each cell
 * (stage × lane) holds ordered items: text notes, or touchpoint references in a `touchpoints` lane.
 *
 * The journey's `version` covers the whole map: changing the journey, its stages or any item bumps
 * it. Journey and stage changes need the version read (409 otherwise), so a stale editor cannot
 * drop a stage that someone just filled; item changes need no version (two people can fill cells
 * at the same time) and answer the new journey version.
 */
import { and, asc, count, eq, ilike, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import { type FieldIssue, invalid, NotFoundError, ValidationError } from '../../domain/errors.js';
import {
  customLaneName,
  customStageName,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  type LaneKind,
  laneName,
  stageName,
} from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import { detachChains } from './chains.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { channels, type JourneyLane, journeyItems, journeys, stages, touchpoints } from './schema.js';
import { findOne, updateVersioned, versionConflict } from './versioned.js';

export type JourneyRow = typeof journeys.$inferSelect;
type StageRow = typeof stages.$inferSelect;
type ItemRow = typeof journeyItems.$inferSelect;

/** A journey holds at most this many items in all its cells together. */
export const MAX_JOURNEY_ITEMS = 2000;

export const JOURNEY_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export function toJourneyDto(j: JourneyRow) {
  return {
    id: j.id,
    name: j.name,
    description: j.description,
    persona: j.persona,
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

interface ItemView {
  item: ItemRow;
  touchpointKey: string | null;
  touchpointName: string | null;
}

function toItemDto({ item, touchpointKey, touchpointName }: ItemView) {
  return {
    id: item.id,
    stageId: item.stageId,
    lane: item.lane,
    position: item.position,
    text: item.text,
    touchpointId: item.touchpointId,
    touchpointKey,
    touchpointName,
  };
}

export type JourneyItemDto = ReturnType<typeof toItemDto>;
export type JourneyMap = ReturnType<typeof toJourneyDto> & {
  stages: ReturnType<typeof toStageDto>[];
  items: JourneyItemDto[];
};

export interface LaneInput {
  key: string;
  name: string;
  kind: LaneKind;
}

export interface StageInput {
  key: string;
  name: string;
  /** −2…+2; omitted means not designed yet (null). */
  designedEmotion?: number | null | undefined;
}

export interface JourneyInput {
  name: string;
  description?: string | undefined;
  persona?: string | undefined;
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
}

export async function listJourneys(db: Db, workspaceId: string, f: JourneyFilter) {
  const where = and(
    eq(journeys.workspaceId, workspaceId),
    f.acquisitionChannelId ? eq(journeys.acquisitionChannelId, f.acquisitionChannelId) : undefined,
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
  const [stageRows, itemRows] = await Promise.all([
    db.select().from(stages).where(eq(stages.journeyId, journey.id)).orderBy(asc(stages.position)),
    db
      .select({ item: journeyItems, touchpointKey: touchpoints.key, touchpointName: touchpoints.name })
      .from(journeyItems)
      .innerJoin(stages, eq(stages.id, journeyItems.stageId))
      .leftJoin(touchpoints, eq(touchpoints.id, journeyItems.touchpointId))
      .where(eq(journeyItems.journeyId, journey.id))
      .orderBy(
        asc(stages.position),
        asc(journeyItems.lane),
        asc(journeyItems.position),
        asc(journeyItems.id),
      ),
  ]);
  return { ...toJourneyDto(journey), stages: stageRows.map(toStageDto), items: itemRows.map(toItemDto) };
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
  throwIfAny([...duplicateKeyIssues(lanes, 'lanes'), ...duplicateKeyIssues(stageList, 'stages')]);
  return db.transaction(async (tx) => {
    await checkChannel(tx, workspaceId, input.acquisitionChannelId);
    const [row] = await tx
      .insert(journeys)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        name: input.name,
        description: input.description ?? '',
        persona: input.persona ?? '',
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
): Promise<JourneyMap> {
  return db.transaction(async (tx) => {
    const current = await journeyAtVersion(tx, workspaceId, id, patch.version);
    const before = await readMap(tx, current);
    await checkChannel(tx, workspaceId, patch.acquisitionChannelId);
    const { version, lanes, ...fields } = patch;
    const values = {
      ...fields,
      ...(lanes ? { lanes: lanes.map((l) => ({ ...l, name: customLaneName(l.key, l.name) })) } : {}),
    };
    if (patch.lanes) {
      throwIfAny([...duplicateKeyIssues(patch.lanes, 'lanes'), ...laneKindIssues(patch.lanes, before.items)]);
      const keep = patch.lanes.map((l) => l.key);
      await tx
        .delete(journeyItems)
        .where(and(eq(journeyItems.journeyId, id), notInArray(journeyItems.lane, keep)));
    }
    const row = await updateVersioned(tx, journeys, 'journey', workspaceId, id, version, values);
    const after = await readMap(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

function laneKindIssues(lanes: readonly LaneInput[], items: readonly JourneyItemDto[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lanes.forEach((lane, i) => {
    const held = items.filter((item) => item.lane === lane.key);
    const takesTouchpoints = lane.kind === 'touchpoints';
    if (takesTouchpoints && held.some((item) => item.touchpointId === null))
      issues.push({
        field: `lanes.${i}.kind`,
        message: `lane "${lane.key}" holds text items; only a lane of another kind can hold them`,
      });
    if (!takesTouchpoints && held.some((item) => item.touchpointId !== null))
      issues.push({
        field: `lanes.${i}.kind`,
        message: `lane "${lane.key}" holds touchpoints; only a lane of kind touchpoints can hold them`,
      });
  });
  return issues;
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
): Promise<JourneyMap> {
  return db.transaction(async (tx) => {
    const current = await journeyAtVersion(tx, workspaceId, id, input.version);
    const before = await readMap(tx, current);
    const existing = new Set(before.stages.map((s) => s.id));
    const seenIds = new Map<string, number>();
    const issues = duplicateKeyIssues(input.stages, 'stages');
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
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * Deletes a journey with its stages and items. Chains mapped on it stay and lose their journey
 * (each such chain's version is bumped and the change audited).
 */
export async function deleteJourney(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getJourneyMap(tx, workspaceId, id);
    await detachChains(tx, actor, workspaceId, 'journeyId', id);
    await tx.delete(journeys).where(and(eq(journeys.id, id), eq(journeys.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey',
      entityId: id,
      before,
    });
  });
}

export interface JourneyItemInput {
  stageId: string;
  lane: string;
  text?: string | undefined;
  touchpointId?: string | undefined;
  /** 0-based place in the cell; omitted or past the end appends. */
  position?: number | undefined;
}

export type JourneyItemPatch = Partial<JourneyItemInput>;

/** An item change's answer: the item and the journey version it produced. */
export type JourneyItemChange = JourneyItemDto & { journeyVersion: number };

async function checkStage(db: Db, journeyId: string, stageId: string): Promise<void> {
  const [row] = await db
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.id, stageId), eq(stages.journeyId, journeyId)));
  if (!row) throw invalid('stageId', 'no such stage in this journey');
}

/** The journey's lane named `key`, checked to take a touchpoint item or a text item. */
function checkLane(journey: JourneyRow, key: string, isTouchpointItem: boolean): JourneyLane {
  const lane = journey.lanes.find((l) => l.key === key);
  if (!lane)
    throw invalid(
      'lane',
      `no such lane in this journey (lanes: ${journey.lanes.map((l) => l.key).join(', ')})`,
    );
  if (isTouchpointItem && lane.kind !== 'touchpoints')
    throw invalid(
      'lane',
      `lane "${key}" is of kind ${lane.kind}; touchpoints go in a lane of kind touchpoints`,
    );
  if (!isTouchpointItem && lane.kind === 'touchpoints')
    throw invalid('lane', `lane "${key}" holds touchpoints only; give touchpointId instead of text`);
  return lane;
}

async function findTouchpoint(db: Db, workspaceId: string, touchpointId: string) {
  const [row] = await db
    .select({ key: touchpoints.key, name: touchpoints.name })
    .from(touchpoints)
    .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.workspaceId, workspaceId)));
  if (!row) throw invalid('touchpointId', 'no such touchpoint in this workspace');
  return row;
}

/** Refuses a touchpoint that the cell already holds (through another item than `itemId`). */
async function checkNotInCell(
  db: Db,
  journeyId: string,
  stageId: string,
  lane: string,
  touchpointId: string,
  itemId: string,
): Promise<void> {
  const [row] = await db
    .select({ id: journeyItems.id })
    .from(journeyItems)
    .where(
      and(
        eq(journeyItems.journeyId, journeyId),
        eq(journeyItems.stageId, stageId),
        eq(journeyItems.lane, lane),
        eq(journeyItems.touchpointId, touchpointId),
        ne(journeyItems.id, itemId),
      ),
    )
    .limit(1);
  if (row) throw invalid('touchpointId', 'this touchpoint is already in this cell');
}

/**
 * Renumbers a cell's items 0…n−1 in their current order; when `itemId` is given it is placed at
 * `position` (clamped; the end when omitted).
 */
async function arrangeCell(
  db: Db,
  journeyId: string,
  stageId: string,
  lane: string,
  place?: { itemId: string; position: number | undefined },
): Promise<void> {
  const rows = await db
    .select({ id: journeyItems.id, position: journeyItems.position })
    .from(journeyItems)
    .where(
      and(
        eq(journeyItems.journeyId, journeyId),
        eq(journeyItems.stageId, stageId),
        eq(journeyItems.lane, lane),
      ),
    )
    .orderBy(asc(journeyItems.position), asc(journeyItems.createdAt), asc(journeyItems.id));
  const order = rows.filter((r) => r.id !== place?.itemId).map((r) => r.id);
  if (place) order.splice(Math.min(place.position ?? order.length, order.length), 0, place.itemId);
  const was = new Map(rows.map((r) => [r.id, r.position]));
  for (const [position, id] of order.entries()) {
    if (was.get(id) !== position)
      await db.update(journeyItems).set({ position }).where(eq(journeyItems.id, id));
  }
}

/** Bumps the journey's version after a change to its items; returns the new version. */
async function bumpJourney(db: Db, journeyId: string): Promise<number> {
  const [row] = await db
    .update(journeys)
    .set({ version: sql`${journeys.version} + 1`, updatedAt: new Date() })
    .where(eq(journeys.id, journeyId))
    .returning({ version: journeys.version });
  if (!row) throw new NotFoundError('journey', journeyId);
  return row.version;
}

async function readItem(db: Db, workspaceId: string, journeyId: string, itemId: string): Promise<ItemView> {
  const [row] = await db
    .select({ item: journeyItems, touchpointKey: touchpoints.key, touchpointName: touchpoints.name })
    .from(journeyItems)
    .leftJoin(touchpoints, eq(touchpoints.id, journeyItems.touchpointId))
    .where(
      and(
        eq(journeyItems.id, itemId),
        eq(journeyItems.journeyId, journeyId),
        eq(journeyItems.workspaceId, workspaceId),
      ),
    );
  if (!row) throw new NotFoundError('journey item', itemId);
  return row;
}

/**
 * Removes every item holding `touchpointId` from the workspace's journey maps, closing the gaps
 * in their cells; each removed item is audited as a removal by hand would be, and each affected
 * journey's version is bumped once. Used when the touchpoint is deleted.
 */
export async function removeTouchpointFromJourneys(
  tx: Db,
  actor: Actor,
  workspaceId: string,
  touchpointId: string,
): Promise<{ journeyId: string; version: number }[]> {
  const held = await tx
    .select({ item: journeyItems, touchpointKey: touchpoints.key, touchpointName: touchpoints.name })
    .from(journeyItems)
    .innerJoin(touchpoints, eq(touchpoints.id, journeyItems.touchpointId))
    .where(and(eq(journeyItems.workspaceId, workspaceId), eq(journeyItems.touchpointId, touchpointId)))
    .orderBy(asc(journeyItems.journeyId), asc(journeyItems.stageId), asc(journeyItems.lane));
  if (held.length === 0) return [];
  await tx
    .delete(journeyItems)
    .where(and(eq(journeyItems.workspaceId, workspaceId), eq(journeyItems.touchpointId, touchpointId)));
  const bumped: { journeyId: string; version: number }[] = [];
  for (const view of held) {
    const before = toItemDto(view);
    const { journeyId } = view.item;
    await arrangeCell(tx, journeyId, before.stageId, before.lane);
    if (bumped.at(-1)?.journeyId !== journeyId)
      bumped.push({ journeyId, version: await bumpJourney(tx, journeyId) });
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey_item',
      entityId: before.id,
      before: { journeyId, ...before },
    });
  }
  return bumped;
}

/**
 * Adds an item to a cell: exactly one of `text` (lanes of any kind but touchpoints) or
 * `touchpointId` (a touchpoint of the workspace, in a lane of kind touchpoints, once per cell).
 */
export async function addJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  input: JourneyItemInput,
): Promise<JourneyItemChange> {
  if (input.text === undefined && input.touchpointId === undefined)
    throw invalid('text', 'give the text of a note or a touchpointId');
  if (input.text !== undefined && input.touchpointId !== undefined)
    throw invalid('touchpointId', 'give either text or touchpointId, not both');
  return db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    await checkStage(tx, journeyId, input.stageId);
    checkLane(journey, input.lane, input.touchpointId !== undefined);
    const id = crypto.randomUUID();
    if (input.touchpointId !== undefined) {
      await findTouchpoint(tx, workspaceId, input.touchpointId);
      await checkNotInCell(tx, journeyId, input.stageId, input.lane, input.touchpointId, id);
    }
    const [held] = await tx
      .select({ n: count() })
      .from(journeyItems)
      .where(eq(journeyItems.journeyId, journeyId));
    if (Number(held?.n ?? 0) >= MAX_JOURNEY_ITEMS)
      throw invalid('', `a journey holds at most ${MAX_JOURNEY_ITEMS} items`);
    await tx.insert(journeyItems).values({
      id,
      workspaceId,
      journeyId,
      stageId: input.stageId,
      lane: input.lane,
      position: 0,
      text: input.text ?? null,
      touchpointId: input.touchpointId ?? null,
    });
    await arrangeCell(tx, journeyId, input.stageId, input.lane, { itemId: id, position: input.position });
    const after = toItemDto(await readItem(tx, workspaceId, journeyId, id));
    const journeyVersion = await bumpJourney(tx, journeyId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'journey_item',
      entityId: id,
      after: { journeyId, ...after },
    });
    return { ...after, journeyVersion };
  });
}

/**
 * Moves an item (another stage, lane or place in the cell) or changes what it holds: the text
 * of a note, the touchpoint of a touchpoint item. An item never turns from one into the other.
 */
export async function updateJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  itemId: string,
  patch: JourneyItemPatch,
): Promise<JourneyItemChange> {
  return db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const before = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    const isTouchpointItem = before.touchpointId !== null;
    if (patch.text !== undefined && isTouchpointItem)
      throw invalid('text', 'this item is a touchpoint; it holds no text');
    if (patch.touchpointId !== undefined && !isTouchpointItem)
      throw invalid('touchpointId', 'this item is a text note; it holds no touchpoint');
    const stageId = patch.stageId ?? before.stageId;
    const lane = patch.lane ?? before.lane;
    if (stageId !== before.stageId) await checkStage(tx, journeyId, stageId);
    checkLane(journey, lane, isTouchpointItem);
    const touchpointId = patch.touchpointId ?? before.touchpointId;
    if (patch.touchpointId !== undefined) await findTouchpoint(tx, workspaceId, patch.touchpointId);
    if (touchpointId !== null) await checkNotInCell(tx, journeyId, stageId, lane, touchpointId, itemId);

    await tx
      .update(journeyItems)
      .set({ stageId, lane, text: patch.text ?? before.text, touchpointId })
      .where(eq(journeyItems.id, itemId));
    const moved = stageId !== before.stageId || lane !== before.lane;
    if (moved) await arrangeCell(tx, journeyId, before.stageId, before.lane);
    if (moved || patch.position !== undefined)
      await arrangeCell(tx, journeyId, stageId, lane, { itemId, position: patch.position });
    const after = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    const journeyVersion = await bumpJourney(tx, journeyId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey_item',
      entityId: itemId,
      before: { journeyId, ...before },
      after: { journeyId, ...after },
    });
    return { ...after, journeyVersion };
  });
}

/** Removes an item from its cell (the cell's other items close the gap); bumps the journey version. */
export async function deleteJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  itemId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const before = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    await tx.delete(journeyItems).where(eq(journeyItems.id, itemId));
    await arrangeCell(tx, journeyId, before.stageId, before.lane);
    await bumpJourney(tx, journeyId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey_item',
      entityId: itemId,
      before: { journeyId, ...before },
    });
  });
}
