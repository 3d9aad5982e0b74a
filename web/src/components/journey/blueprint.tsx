/**
 * The service-blueprint section of the map: the frontstage, backstage and support lanes under a
 * "Service blueprint" heading, the line of visibility drawn between frontstage and backstage and
 * the line of internal interaction before support (domain/journey-lanes.ts BLUEPRINT_KINDS).
 */
import { useTranslation } from 'react-i18next';
import { isBlueprintKind } from '../../../../src/domain/journey-lanes';
import type { Lane } from '../../api/types';

export type BlueprintMark = 'heading' | 'visibility' | 'internal';

/** What to draw before each lane (by key): the heading before the first blueprint lane, the lines. */
export function blueprintMarks(lanes: readonly Lane[]): Map<string, BlueprintMark[]> {
  const marks = new Map<string, BlueprintMark[]>();
  const add = (key: string, mark: BlueprintMark) => marks.set(key, [...(marks.get(key) ?? []), mark]);
  const first = lanes.find((l) => isBlueprintKind(l.kind));
  if (first) add(first.key, 'heading');
  let seenFront = false;
  let visibility = false;
  let internal = false;
  for (const lane of lanes) {
    if (lane.kind === 'frontstage') seenFront = true;
    if (lane.kind === 'backstage' && seenFront && !visibility) {
      add(lane.key, 'visibility');
      visibility = true;
    }
    if (lane.kind === 'support' && !internal) {
      add(lane.key, 'internal');
      internal = true;
    }
  }
  return marks;
}

/** A full-width row of the grid: the heading or a drawn line with its name. */
export function BlueprintRow({ mark, columns }: { mark: BlueprintMark; columns: number }) {
  const { t } = useTranslation('lanes');
  if (mark === 'heading')
    return (
      <tr className="jm-blueprint-head" data-testid="jm-blueprint">
        <th scope="colgroup" colSpan={columns}>
          {t('blueprint.title')}
        </th>
      </tr>
    );
  return (
    <tr className={`jm-line jm-line-${mark}`} data-testid={`jm-line-${mark}`} aria-hidden="false">
      <td colSpan={columns}>
        <span>{mark === 'visibility' ? t('blueprint.visibility') : t('blueprint.internal')}</span>
      </td>
    </tr>
  );
}
