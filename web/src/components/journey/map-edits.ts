/** Building the stage and lane lists the API takes from what the user did on the map. */
import { slugify } from '../../../../src/domain/slug';
import type { Lane, LaneEdit, Stage } from '../../api/types';
import type { StageEdit } from './use-journey-map';

/**
 * A key (slug) for a new stage or lane from its name, unique among `taken`: "Price check" →
 * "price-check", "Оплата" → "oplata"; names without letters or digits get `fallback-N`.
 */
export function newKey(name: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set(taken);
  const base = slugify(name, 60);
  const stem = base || fallback;
  if (base && !used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * The stages as the stage list PUT takes them (ids keep each stage's items); a default stage goes
 * without a name, so that it keeps showing in each reader's language.
 */
export function stageEdits(stages: Stage[]): StageEdit[] {
  return stages.map((s) => ({
    id: s.id,
    key: s.key,
    name: s.customName,
    designedEmotion: s.designedEmotion,
  }));
}

/** The list with the element at `index` moved by `delta` places (clamped to the list). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, index + delta));
  const copy = [...list];
  const [element] = copy.splice(index, 1);
  if (element !== undefined) copy.splice(target, 0, element);
  return copy;
}

/** The lanes as PATCH takes them; a default lane goes without a name (see stageEdits). */
export function laneEdits(lanes: readonly Lane[]): LaneEdit[] {
  return lanes.map((l) => ({ key: l.key, name: l.customName, kind: l.kind }));
}
