/**
 * A journey map's cells as CSV: one line per item, in the map's order (stage, then lane, then the
 * item's place in its cell), UTF-8 with a byte-order mark so that spreadsheets read the accents.
 */
import { formatCsv } from './csv.js';

export interface CsvStage {
  id: string;
  key: string;
  name: string;
}
export interface CsvLane {
  key: string;
  name: string;
  kind: string;
}
export interface CsvItem {
  stageId: string;
  lane: string;
  position: number;
  text: string | null;
  touchpointKey: string | null;
  touchpointName: string | null;
  channelKey?: string | null | undefined;
  channelName?: string | null | undefined;
  imageId?: string | null | undefined;
  kpi?: { source: string; label?: string | undefined; value?: number | null | undefined } | null | undefined;
}

/** What an item holds, by the field it fills. */
function kindOf(item: CsvItem): string {
  if (item.touchpointKey !== null) return 'touchpoint';
  if (item.channelKey) return 'channel';
  if (item.imageId) return 'image';
  if (item.kpi) return 'kpi';
  return 'note';
}

export const JOURNEY_CSV_COLUMNS = [
  'stage_position',
  'stage_key',
  'stage',
  'lane_key',
  'lane',
  'lane_kind',
  'position',
  'kind',
  'text',
  'touchpoint_key',
  'touchpoint_name',
  'channel_key',
  'channel_name',
  'kpi_source',
  'kpi_label',
  'kpi_value',
] as const;

/** A spreadsheet must not read a user's text as a formula: such a cell gets a leading '. */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV text (with BOM) of a map's items; stages and lanes in the map's order, positions from 1. */
export function journeyCsv(map: {
  stages: readonly CsvStage[];
  lanes: readonly CsvLane[];
  items: readonly CsvItem[];
}): string {
  const stageAt = new Map(map.stages.map((s, i) => [s.id, i]));
  const laneAt = new Map(map.lanes.map((l, i) => [l.key, i]));
  const items = map.items
    .filter((item) => stageAt.has(item.stageId) && laneAt.has(item.lane))
    .toSorted(
      (a, b) =>
        (stageAt.get(a.stageId) ?? 0) - (stageAt.get(b.stageId) ?? 0) ||
        (laneAt.get(a.lane) ?? 0) - (laneAt.get(b.lane) ?? 0) ||
        a.position - b.position,
    );
  const cellPlace = new Map<string, number>();
  const rows = items.map((item) => {
    const stageIndex = stageAt.get(item.stageId) ?? 0;
    const stage = map.stages[stageIndex];
    const lane = map.lanes[laneAt.get(item.lane) ?? 0];
    const cell = `${item.stageId} ${item.lane}`;
    const place = (cellPlace.get(cell) ?? 0) + 1;
    cellPlace.set(cell, place);
    return [
      String(stageIndex + 1),
      stage?.key ?? '',
      safeCell(stage?.name ?? ''),
      item.lane,
      safeCell(lane?.name ?? ''),
      lane?.kind ?? '',
      String(place),
      kindOf(item),
      safeCell(item.text ?? ''),
      item.touchpointKey ?? '',
      safeCell(item.touchpointName ?? ''),
      item.channelKey ?? '',
      safeCell(item.channelName ?? ''),
      item.kpi?.source ?? '',
      safeCell(item.kpi?.label ?? ''),
      item.kpi?.value === undefined || item.kpi.value === null ? '' : String(item.kpi.value),
    ];
  });
  return `\uFEFF${formatCsv([[...JOURNEY_CSV_COLUMNS], ...rows])}`;
}
