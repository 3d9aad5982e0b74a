/**
 * The items of a journey map's cells (stage × lane). What an item holds follows its lane's kind
 * (domain/journey-lanes.ts): a touchpoint, an uploaded image, a channel, a KPI figure, or a text
 * note (in pain-point and opportunity lanes optionally linked to an improvement task).
 *
 * Item changes need no journey version (two people can fill cells at the same time) and answer
 * the new journey version. An image belongs to the items showing it: when the last one goes (the
 * item, its lane, its stage or its map is removed, or it shows another image), the image row goes
 * in the same transaction and its file right after the commit (when the caller passes the photo
 * store; otherwise the start-up sweep removes the file).
 */
import { and, asc, count, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import { type FieldIssue, invalid, NotFoundError, ValidationError } from '../../domain/errors.js';
import {
  type ItemContent,
  type ItemShape,
  itemPatchIssues,
  type Kpi,
  laneTakesTask,
  newItemIssues,
  SHAPE_FIELD,
  shapeOfItem,
  shapeOfLane,
} from '../../domain/journey-lanes.js';
import { channelName, type LaneKind, type TaskStatus } from '../../domain/vocabulary.js';
import type { PhotoStore } from '../photos.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import type { JourneyRow } from './journeys.js';
import { deleteMapImageRows, getMapImageRow, removeMapImageFiles } from './map-images.js';
import {
  chains,
  channels,
  type JourneyLane,
  journeyItems,
  journeys,
  mapImages,
  personas,
  stages,
  tasks,
  touchpoints,
} from './schema.js';
import { findOne } from './versioned.js';

type ItemRow = typeof journeyItems.$inferSelect;

/** A journey holds at most this many items in all its cells together. */
export const MAX_JOURNEY_ITEMS = 2000;

/** Where an image's files are (the photo directory); absent: files are left to the start-up sweep. */
export type ImageFiles = Pick<PhotoStore, 'dir'> | undefined;

const itemColumns = {
  item: journeyItems,
  touchpointKey: touchpoints.key,
  touchpointName: touchpoints.name,
  channelKey: channels.key,
  channelStoredName: channels.name,
  taskTitle: tasks.title,
  taskStatus: tasks.status,
};

interface ItemView {
  item: ItemRow;
  touchpointKey: string | null;
  touchpointName: string | null;
  channelKey: string | null;
  channelStoredName: string | null;
  taskTitle: string | null;
  taskStatus: string | null;
}

function selectItems(db: Db) {
  return db
    .select(itemColumns)
    .from(journeyItems)
    .leftJoin(touchpoints, eq(touchpoints.id, journeyItems.touchpointId))
    .leftJoin(channels, eq(channels.id, journeyItems.channelId))
    .leftJoin(tasks, eq(tasks.id, journeyItems.taskId));
}

/** Where an image is served to members of the workspace. */
export function mapImageUrl(workspaceId: string, journeyId: string, imageId: string): string {
  return `/api/workspaces/${workspaceId}/journeys/${journeyId}/images/${imageId}`;
}

export function toItemDto(view: ItemView) {
  const { item } = view;
  return {
    id: item.id,
    stageId: item.stageId,
    lane: item.lane,
    position: item.position,
    text: item.text,
    touchpointId: item.touchpointId,
    touchpointKey: view.touchpointKey,
    touchpointName: view.touchpointName,
    imageId: item.imageId,
    imageUrl: item.imageId ? mapImageUrl(item.workspaceId, item.journeyId, item.imageId) : null,
    channelId: item.channelId,
    channelKey: view.channelKey,
    channelName: view.channelKey === null ? null : channelName(view.channelKey, view.channelStoredName),
    channelCustomName: view.channelStoredName,
    taskId: item.taskId,
    taskTitle: view.taskTitle,
    taskStatus: view.taskStatus as TaskStatus | null,
    kpi: (item.kpi as Kpi | null) ?? null,
  };
}

export type JourneyItemDto = ReturnType<typeof toItemDto>;

/** Every item of a journey, by stage position, lane and place. */
export async function readItems(db: Db, journeyId: string): Promise<JourneyItemDto[]> {
  const rows = await selectItems(db)
    .innerJoin(stages, eq(stages.id, journeyItems.stageId))
    .where(eq(journeyItems.journeyId, journeyId))
    .orderBy(asc(stages.position), asc(journeyItems.lane), asc(journeyItems.position), asc(journeyItems.id));
  return rows.map(toItemDto);
}

/** Issues of lanes that would hold items their (new) kind does not take, named `lanes.N.kind`. */
export function laneKindIssues(
  lanes: readonly { key: string; kind: LaneKind }[],
  items: readonly JourneyItemDto[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lanes.forEach((lane, i) => {
    const shape = shapeOfLane(lane.kind);
    const held = items.filter((item) => item.lane === lane.key);
    const other = held.find((item) => shapeOfItem(item) !== shape);
    if (other)
      issues.push({
        field: `lanes.${i}.kind`,
        message: `lane "${lane.key}" holds items with ${SHAPE_FIELD[shapeOfItem(other)]}; a lane of kind ${lane.kind} takes ${SHAPE_FIELD[shape]}`,
      });
    else if (!laneTakesTask(lane.kind) && held.some((item) => item.taskId !== null))
      issues.push({
        field: `lanes.${i}.kind`,
        message: `lane "${lane.key}" holds notes linked to tasks; only pain-point and opportunity lanes link tasks`,
      });
  });
  return issues;
}

/** The image ids of `before`'s items that `after` no longer shows. */
export function imagesDropped(
  before: readonly { imageId: string | null }[],
  after: readonly { imageId: string | null }[],
): string[] {
  const kept = new Set(after.map((i) => i.imageId));
  return [...new Set(before.map((i) => i.imageId))].filter(
    (id): id is string => id !== null && !kept.has(id),
  );
}

/**
 * Deletes the image rows of `imageIds` that no journey item and no persona shows any more, inside
 * the caller's transaction; answers the ids deleted (their files go after the commit).
 */
export async function deleteUnusedImages(db: Db, workspaceId: string, imageIds: string[]): Promise<string[]> {
  if (imageIds.length === 0) return [];
  const [used, photos] = await Promise.all([
    db
      .select({ id: journeyItems.imageId })
      .from(journeyItems)
      .where(and(eq(journeyItems.workspaceId, workspaceId), inArray(journeyItems.imageId, imageIds))),
    db
      .select({ id: personas.photoId })
      .from(personas)
      .where(and(eq(personas.workspaceId, workspaceId), inArray(personas.photoId, imageIds))),
  ]);
  const kept = new Set([...used, ...photos].map((r) => r.id));
  return deleteMapImageRows(
    db,
    workspaceId,
    imageIds.filter((id) => !kept.has(id)),
  );
}

/** Removes the files of deleted images when the photo store is known. */
export async function removeImageFiles(files: ImageFiles, workspaceId: string, ids: string[]): Promise<void> {
  if (files && ids.length > 0) await removeMapImageFiles(files, workspaceId, ids);
}

/** How long an uploaded image may wait for the item that shows it. */
const UNUSED_IMAGE_GRACE_MS = 24 * 60 * 60_000;

/**
 * Images uploaded to the workspace's maps more than a day ago that no item or persona shows (an
 * upload whose item was never made): their rows go; answers their ids for removing the files.
 */
export async function deleteStaleImages(db: Db, workspaceId: string, now = Date.now()): Promise<string[]> {
  const old = await db
    .select({ id: mapImages.id })
    .from(mapImages)
    .where(
      and(
        eq(mapImages.workspaceId, workspaceId),
        lt(mapImages.createdAt, new Date(now - UNUSED_IMAGE_GRACE_MS)),
      ),
    )
    .limit(500);
  return deleteUnusedImages(
    db,
    workspaceId,
    old.map((r) => r.id),
  );
}

export interface JourneyItemInput extends ItemContent {
  stageId: string;
  lane: string;
  text?: string | undefined;
  touchpointId?: string | undefined;
  imageId?: string | undefined;
  channelId?: string | undefined;
  kpi?: Kpi | undefined;
  /** Pain-point and opportunity notes only. */
  taskId?: string | undefined;
  /** 0-based place in the cell; omitted or past the end appends. */
  position?: number | undefined;
}

export interface JourneyItemPatch extends ItemContent {
  stageId?: string | undefined;
  lane?: string | undefined;
  position?: number | undefined;
  text?: string | undefined;
  touchpointId?: string | undefined;
  imageId?: string | undefined;
  channelId?: string | undefined;
  kpi?: Kpi | undefined;
  /** null unlinks the task. */
  taskId?: string | null | undefined;
}

/** An item change's answer: the item and the journey version it produced. */
export type JourneyItemChange = JourneyItemDto & { journeyVersion: number };

/** The journey `id` of the workspace (404 otherwise). */
export function findJourney(db: Db, workspaceId: string, id: string): Promise<JourneyRow> {
  return findOne(db, journeys, 'journey', workspaceId, id);
}

async function checkStage(db: Db, journeyId: string, stageId: string): Promise<void> {
  const [row] = await db
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.id, stageId), eq(stages.journeyId, journeyId)));
  if (!row) throw invalid('stageId', 'no such stage in this journey');
}

function findLane(journey: JourneyRow, key: string): JourneyLane & { kind: LaneKind } {
  const lane = journey.lanes.find((l) => l.key === key);
  if (!lane)
    throw invalid(
      'lane',
      `no such lane in this journey (lanes: ${journey.lanes.map((l) => l.key).join(', ')})`,
    );
  return lane as JourneyLane & { kind: LaneKind };
}

function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Checks that each id given names a thing of the workspace (400 naming the field otherwise). */
async function checkReferences(db: Db, workspaceId: string, content: ItemContent): Promise<void> {
  const inWorkspace = async (
    field: string,
    table: typeof touchpoints | typeof channels | typeof tasks,
    id: unknown,
    what: string,
  ) => {
    if (typeof id !== 'string') return;
    const [row] = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)));
    if (!row) throw invalid(field, `no such ${what} in this workspace`);
  };
  await inWorkspace('touchpointId', touchpoints, content.touchpointId, 'touchpoint');
  await inWorkspace('channelId', channels, content.channelId, 'channel');
  await inWorkspace('taskId', tasks, content.taskId, 'task');
  if (typeof content.imageId === 'string')
    await getMapImageRow(db, workspaceId, content.imageId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? invalid('imageId', 'no such image in this workspace') : error;
    });
  if (content.kpi && typeof (content.kpi as Kpi).chainId === 'string') {
    const id = (content.kpi as Kpi).chainId as string;
    const [row] = await db
      .select({ id: chains.id })
      .from(chains)
      .where(and(eq(chains.id, id), eq(chains.workspaceId, workspaceId)));
    if (!row) throw invalid('kpi.chainId', 'no such chain in this workspace');
  }
}

/**
 * Refuses a touchpoint or channel that the cell already holds (through another item than `itemId`).
 */
async function checkNotInCell(
  db: Db,
  item: { journeyId: string; stageId: string; lane: string; id: string },
  field: 'touchpointId' | 'channelId',
  value: string | null,
): Promise<void> {
  if (value === null) return;
  const column = field === 'touchpointId' ? journeyItems.touchpointId : journeyItems.channelId;
  const [row] = await db
    .select({ id: journeyItems.id })
    .from(journeyItems)
    .where(
      and(
        eq(journeyItems.journeyId, item.journeyId),
        eq(journeyItems.stageId, item.stageId),
        eq(journeyItems.lane, item.lane),
        eq(column, value),
        ne(journeyItems.id, item.id),
      ),
    )
    .limit(1);
  if (row)
    throw invalid(
      field,
      `this ${field === 'touchpointId' ? 'touchpoint' : 'channel'} is already in this cell`,
    );
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
  const [row] = await selectItems(db).where(
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
  const held = await selectItems(tx)
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
 * Adds an item to a cell: the content its lane's kind takes (journey-lanes.ts) — a touchpoint or
 * a channel of the workspace (once per cell), an image uploaded to the workspace, a KPI figure,
 * or a text note (linked to a task of the workspace in pain-point and opportunity lanes).
 */
export async function addJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  input: JourneyItemInput,
): Promise<JourneyItemChange> {
  return db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    await checkStage(tx, journeyId, input.stageId);
    const lane = findLane(journey, input.lane);
    throwIfAny(newItemIssues(input.lane, lane.kind, input));
    await checkReferences(tx, workspaceId, input);
    const id = crypto.randomUUID();
    const at = { journeyId, stageId: input.stageId, lane: input.lane, id };
    await checkNotInCell(tx, at, 'touchpointId', input.touchpointId ?? null);
    await checkNotInCell(tx, at, 'channelId', input.channelId ?? null);
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
      imageId: input.imageId ?? null,
      channelId: input.channelId ?? null,
      taskId: input.taskId ?? null,
      kpi: input.kpi ? kpiValue(input.kpi) : null,
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

/** The KPI as stored: only the fields of its source. */
function kpiValue(kpi: Kpi): Record<string, unknown> {
  return {
    source: kpi.source,
    ...(kpi.source === 'manual' ? { value: kpi.value } : {}),
    ...(kpi.label ? { label: kpi.label } : {}),
    ...(kpi.source === 'chain_conversion' && kpi.chainId ? { chainId: kpi.chainId } : {}),
  };
}

/**
 * Moves an item (another stage, lane or place in the cell) or changes what it holds: the text of
 * a note, its task, the touchpoint, image, channel or KPI figure. An item keeps its shape: it moves
 * only to lanes whose kind takes it. An image it no longer shows is deleted (when no other item
 * shows it).
 */
export async function updateJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  itemId: string,
  patch: JourneyItemPatch,
  files?: ImageFiles,
): Promise<JourneyItemChange> {
  const { change, dropped } = await db.transaction(async (tx) => {
    const journey = await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const before = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    const shape: ItemShape = shapeOfItem(before);
    const stageId = patch.stageId ?? before.stageId;
    const laneKey = patch.lane ?? before.lane;
    if (stageId !== before.stageId) await checkStage(tx, journeyId, stageId);
    const lane = findLane(journey, laneKey);
    const taskId = patch.taskId === undefined ? before.taskId : patch.taskId;
    throwIfAny(
      itemPatchIssues(shape, laneKey, lane.kind, {
        ...patch,
        taskId: patch.taskId === undefined && laneKey !== before.lane ? taskId : patch.taskId,
      }),
    );
    await checkReferences(tx, workspaceId, patch);
    const values = {
      stageId,
      lane: laneKey,
      text: patch.text ?? before.text,
      touchpointId: patch.touchpointId ?? before.touchpointId,
      imageId: patch.imageId ?? before.imageId,
      channelId: patch.channelId ?? before.channelId,
      kpi: patch.kpi ? kpiValue(patch.kpi) : (before.kpi as Record<string, unknown> | null),
      taskId,
    };
    const at = { journeyId, stageId, lane: laneKey, id: itemId };
    await checkNotInCell(tx, at, 'touchpointId', values.touchpointId);
    await checkNotInCell(tx, at, 'channelId', values.channelId);

    await tx.update(journeyItems).set(values).where(eq(journeyItems.id, itemId));
    const moved = stageId !== before.stageId || laneKey !== before.lane;
    if (moved) await arrangeCell(tx, journeyId, before.stageId, before.lane);
    if (moved || patch.position !== undefined)
      await arrangeCell(tx, journeyId, stageId, laneKey, { itemId, position: patch.position });
    const after = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    const gone = await deleteUnusedImages(tx, workspaceId, imagesDropped([before], [after]));
    const journeyVersion = await bumpJourney(tx, journeyId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'journey_item',
      entityId: itemId,
      before: { journeyId, ...before },
      after: { journeyId, ...after },
    });
    return { change: { ...after, journeyVersion }, dropped: gone };
  });
  await removeImageFiles(files, workspaceId, dropped);
  return change;
}

/**
 * Removes an item from its cell (the cell's other items close the gap) and the image it showed
 * when no other item shows it; bumps the journey version.
 */
export async function deleteJourneyItem(
  db: Db,
  actor: Actor,
  workspaceId: string,
  journeyId: string,
  itemId: string,
  files?: ImageFiles,
): Promise<void> {
  const dropped = await db.transaction(async (tx) => {
    await findOne(tx, journeys, 'journey', workspaceId, journeyId);
    const before = toItemDto(await readItem(tx, workspaceId, journeyId, itemId));
    await tx.delete(journeyItems).where(eq(journeyItems.id, itemId));
    const gone = await deleteUnusedImages(tx, workspaceId, before.imageId ? [before.imageId] : []);
    await arrangeCell(tx, journeyId, before.stageId, before.lane);
    await bumpJourney(tx, journeyId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'journey_item',
      entityId: itemId,
      before: { journeyId, ...before },
    });
    return gone;
  });
  await removeImageFiles(files, workspaceId, dropped);
}

/** The image ids the items of a journey show (before the journey, a lane or a stage goes). */
export async function journeyImageIds(db: Db, journeyId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: journeyItems.imageId })
    .from(journeyItems)
    .where(and(eq(journeyItems.journeyId, journeyId), isNotNull(journeyItems.imageId)));
  return rows.map((r) => r.id).filter((id): id is string => id !== null);
}
