/**
 * What each kind of journey-map lane holds (SPEC §3, issue: lane types). Every item of a cell is
 * one of a few shapes, told by the lane's kind:
 * - touchpoints: a touchpoint of the workspace (`touchpointId`);
 * - images: an uploaded picture (`imageId`);
 * - channels: a channel of the workspace (`channelId`);
 * - kpis: a figure (`kpi`): typed in (`manual`, with its value) or live from the analytics
 *   (`chain_conversion` of the stage's chain links, `csat` of the stage's touchpoints,
 *   `compliance` with the standards of the stage's touchpoints);
 * - every other kind (actions, thoughts, feelings, pain points, opportunities, frontstage,
 *   backstage, support): a text note; pain points and opportunities may be linked to a task.
 *
 * The frontstage, backstage and support lanes form the service blueprint: the line of visibility
 * runs between frontstage and backstage, the line of internal interaction before support.
 */
import type { FieldIssue } from './errors.js';
import type { LaneKind } from './vocabulary.js';

export const ITEM_SHAPES = ['touchpoint', 'image', 'channel', 'kpi', 'text'] as const;
export type ItemShape = (typeof ITEM_SHAPES)[number];

/** The field that holds each shape's content. */
export const SHAPE_FIELD = {
  touchpoint: 'touchpointId',
  image: 'imageId',
  channel: 'channelId',
  kpi: 'kpi',
  text: 'text',
} as const satisfies Record<ItemShape, string>;
export type ContentField = (typeof SHAPE_FIELD)[ItemShape];
const CONTENT_FIELDS = Object.values(SHAPE_FIELD);

/** The shape of the items a lane of `kind` holds. */
export function shapeOfLane(kind: LaneKind): ItemShape {
  switch (kind) {
    case 'touchpoints':
      return 'touchpoint';
    case 'images':
      return 'image';
    case 'channels':
      return 'channel';
    case 'kpis':
      return 'kpi';
    default:
      return 'text';
  }
}

/** Lanes whose notes may be linked to an improvement task. */
export const TASK_LANE_KINDS = ['pain_points', 'opportunities'] as const satisfies readonly LaneKind[];
export function laneTakesTask(kind: LaneKind): boolean {
  return (TASK_LANE_KINDS as readonly LaneKind[]).includes(kind);
}

/** The service-blueprint lanes, top to bottom. */
export const BLUEPRINT_KINDS = ['frontstage', 'backstage', 'support'] as const satisfies readonly LaneKind[];
export function isBlueprintKind(kind: LaneKind): boolean {
  return (BLUEPRINT_KINDS as readonly LaneKind[]).includes(kind);
}

export const KPI_SOURCES = ['manual', 'chain_conversion', 'csat', 'compliance'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];
/** Live sources: computed per stage from the analytics for the period shown. */
export const LIVE_KPI_SOURCES = ['chain_conversion', 'csat', 'compliance'] as const;

export const KPI_LABEL_MAX = 100;

/** A KPI item's figure as stored. */
export interface Kpi {
  source: KpiSource;
  /** The typed-in figure (manual only). */
  value?: number | null | undefined;
  /** What the figure measures, e.g. "Average handling time, min" (optional). */
  label?: string | undefined;
  /** chain_conversion only: the chain; omitted → the chains mapped on the journey. */
  chainId?: string | null | undefined;
}

/** Issues of a KPI figure (fields named `kpi.*`). */
export function kpiIssues(kpi: Kpi): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(KPI_SOURCES as readonly string[]).includes(kpi.source))
    issues.push({ field: 'kpi.source', message: `must be one of ${KPI_SOURCES.join(', ')}` });
  const hasValue = kpi.value !== undefined && kpi.value !== null;
  if (kpi.source === 'manual' && !hasValue)
    issues.push({ field: 'kpi.value', message: 'a typed-in figure needs its value' });
  if (hasValue && !Number.isFinite(kpi.value))
    issues.push({ field: 'kpi.value', message: 'must be a finite number' });
  if (kpi.source !== 'manual' && hasValue)
    issues.push({
      field: 'kpi.value',
      message: `a ${kpi.source} figure is computed from the analytics; only a manual one takes a value`,
    });
  if (kpi.source !== 'chain_conversion' && kpi.chainId)
    issues.push({ field: 'kpi.chainId', message: 'only a chain_conversion figure names a chain' });
  if (kpi.label !== undefined && kpi.label.length > KPI_LABEL_MAX)
    issues.push({ field: 'kpi.label', message: `must be at most ${KPI_LABEL_MAX} characters` });
  return issues;
}

/** The content of an item as given to create it (undefined: not given). */
export interface ItemContent {
  text?: unknown;
  touchpointId?: unknown;
  imageId?: unknown;
  channelId?: unknown;
  kpi?: unknown;
  taskId?: unknown;
}

function given(content: ItemContent, field: ContentField | 'taskId'): boolean {
  return content[field] !== undefined && content[field] !== null;
}

/** A field name with a preposition, for messages: "a touchpoints lane takes touchpointId". */
function laneTakes(lane: string, kind: LaneKind): string {
  return `lane "${lane}" is of kind ${kind} and takes ${SHAPE_FIELD[shapeOfLane(kind)]}`;
}

/**
 * Issues of a new item for a lane of `kind`: exactly the content field of the lane's shape (named
 * when missing), no other content field (each named), a taskId only in pain-point and opportunity
 * lanes, and a valid KPI figure.
 */
export function newItemIssues(lane: string, kind: LaneKind, content: ItemContent): FieldIssue[] {
  const shape = shapeOfLane(kind);
  const field = SHAPE_FIELD[shape];
  const issues: FieldIssue[] = [];
  if (!given(content, field)) issues.push({ field, message: `required: ${laneTakes(lane, kind)}` });
  for (const other of CONTENT_FIELDS)
    if (other !== field && given(content, other))
      issues.push({ field: other, message: `not taken: ${laneTakes(lane, kind)}` });
  if (given(content, 'taskId') && !laneTakesTask(kind))
    issues.push({
      field: 'taskId',
      message: `only pain-point and opportunity lanes link tasks; lane "${lane}" is of kind ${kind}`,
    });
  if (shape === 'kpi' && given(content, 'kpi')) issues.push(...kpiIssues(content.kpi as Kpi));
  return issues;
}

/**
 * Issues of a change to an item of `shape` now in (or moving to) a lane of `kind`: the item keeps
 * its shape (its lane's kind must take it) and only its own content field may change.
 */
export function itemPatchIssues(
  shape: ItemShape,
  lane: string,
  kind: LaneKind,
  patch: ItemContent,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (shapeOfLane(kind) !== shape)
    issues.push({
      field: 'lane',
      message: `${laneTakes(lane, kind)}; this item holds ${SHAPE_FIELD[shape]} (an item keeps what it holds)`,
    });
  for (const field of CONTENT_FIELDS)
    if (field !== SHAPE_FIELD[shape] && patch[field] !== undefined)
      issues.push({ field, message: `this item holds ${SHAPE_FIELD[shape]}, not ${field}` });
  if (patch.taskId !== undefined && patch.taskId !== null && !laneTakesTask(kind))
    issues.push({
      field: 'taskId',
      message: `only pain-point and opportunity lanes link tasks; lane "${lane}" is of kind ${kind}`,
    });
  if (shape === 'kpi' && patch.kpi !== undefined && patch.kpi !== null)
    issues.push(...kpiIssues(patch.kpi as Kpi));
  return issues;
}

/** The shape of a stored item, from the content it holds. */
export function shapeOfItem(item: {
  touchpointId: string | null;
  imageId: string | null;
  channelId: string | null;
  kpi: unknown;
}): ItemShape {
  if (item.touchpointId !== null) return 'touchpoint';
  if (item.imageId !== null) return 'image';
  if (item.channelId !== null) return 'channel';
  if (item.kpi !== null && item.kpi !== undefined) return 'kpi';
  return 'text';
}

/**
 * A stage's conversion along a chain: of the customers at the link before the stage's first link
 * (or at that first link when it is the chain's first), the share who reached the stage's last
 * link. `reached` holds each link's reached count in chain order; `links` the 0-based indexes of
 * the chain's links placed in the stage. Null when no link is in the stage or nobody entered.
 */
export function stageChainConversion(
  reached: readonly number[],
  links: readonly number[],
): { entrants: number; reached: number; value: number | null } | null {
  if (links.length === 0) return null;
  const first = Math.min(...links);
  const last = Math.max(...links);
  const entrants = reached[first > 0 ? first - 1 : first] ?? 0;
  const through = reached[last] ?? 0;
  return { entrants, reached: through, value: entrants > 0 ? through / entrants : null };
}
