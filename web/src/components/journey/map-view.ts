/**
 * A journey map to read, not to edit: the shape the read-only link answers (names, keys, texts; no
 * ids), made also from a member's map, so that the shared page, the presentation and the print
 * view draw the same thing. Default stages and lanes are named in the reader's language.
 */

import type { z } from 'zod';
import type { ZWorkspaceSentiment } from '../../../../src/api/analytics.schemas.js';
import type { SharedMapView } from '../../../../src/api/journey-shares.schemas.js';
import type { ZJourneyMap } from '../../../../src/api/journeys.schemas.js';

// From the server's schemas (as api/types.ts), so that the pure helpers here also run in Node tests.
type JourneyMap = z.output<typeof ZJourneyMap>;
type Sentiment = z.output<typeof ZWorkspaceSentiment>;

export type MapView = SharedMapView;
export type ViewStage = MapView['stages'][number];
export type ViewLane = MapView['lanes'][number];
export type ViewItem = MapView['items'][number];

/** A member's map as a view; the measured emotion from the sentiment analysis when there is one. */
export function viewOfMap(map: JourneyMap, sentiment?: Sentiment): MapView {
  const curve = sentiment?.emotionCurves.find((c) => c.journeyId === map.id);
  const measured = new Map((curve?.stages ?? []).map((p) => [p.key, p]));
  const stageKey = new Map(map.stages.map((s) => [s.id, s.key]));
  return {
    name: map.name,
    description: map.description,
    persona: map.persona,
    expiresAt: null,
    period: sentiment?.period ?? { from: '', to: '' },
    lanes: map.lanes.map((l) => ({ key: l.key, name: l.name, customName: l.customName, kind: l.kind })),
    stages: map.stages.map((s) => ({
      key: s.key,
      name: s.name,
      customName: s.customName,
      designedEmotion: s.designedEmotion,
      measuredEmotion: measured.get(s.key)?.measuredEmotion ?? null,
      rated: measured.get(s.key)?.rated ?? 0,
    })),
    // As the link shows it: pictures stay out of the read-only views.
    items: map.items.flatMap((item) => {
      const stage = stageKey.get(item.stageId);
      if (stage === undefined || item.imageId !== null) return [];
      const kind =
        item.touchpointKey !== null
          ? 'touchpoint'
          : item.channelKey !== null
            ? 'channel'
            : item.kpi !== null
              ? 'kpi'
              : 'note';
      return [
        {
          stage,
          lane: item.lane,
          position: item.position,
          kind,
          text: item.text,
          touchpointKey: item.touchpointKey,
          touchpointName: item.touchpointName,
          channelKey: item.channelKey,
          channelName: item.channelCustomName,
          kpiLabel: item.kpi?.label ?? null,
          kpiValue: item.kpi?.source === 'manual' ? (item.kpi.value ?? null) : null,
        } as const,
      ];
    }),
  };
}

/** The items of each cell (stage key × lane key), in place order. */
export function cellsOf(view: MapView): Map<string, ViewItem[]> {
  const cells = new Map<string, ViewItem[]>();
  for (const item of view.items) {
    const key = `${item.stage}\u0000${item.lane}`;
    const list = cells.get(key);
    if (list) list.push(item);
    else cells.set(key, [item]);
  }
  for (const list of cells.values()) list.sort((a, b) => a.position - b.position);
  return cells;
}

export const cellOf = (cells: Map<string, ViewItem[]>, stage: string, lane: string): ViewItem[] =>
  cells.get(`${stage}\u0000${lane}`) ?? [];

/** An emotion on the −2…+2 scale as a signed figure: "+2", "−1.3", "0". */
export function emotionText(value: number | null, language: string): string {
  if (value === null) return '–';
  const rounded = Math.round(value * 10) / 10;
  const text = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(Math.abs(rounded));
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}

/** Splits `count` stages into as few pages as hold `perPage` each, the pages as even as can be. */
export function pageRanges(count: number, perPage: number): { from: number; to: number }[] {
  if (count === 0) return [{ from: 0, to: 0 }];
  const pages = Math.ceil(count / perPage);
  const size = Math.ceil(count / pages);
  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < count; from += size) ranges.push({ from, to: Math.min(count, from + size) });
  return ranges;
}
