/** How criteria and scores read on screen: the target of a measured criterion, a score in per cent. */
import type { AuditCriterion } from '../../api/audits';
import { i18n } from '../../i18n';

/** "≤ 30 s" for a measured criterion, null for the others. */
export function targetLabel(criterion: Pick<AuditCriterion, 'scale' | 'target' | 'comparator' | 'unit'>) {
  if (criterion.scale !== 'number' || criterion.target === null) return null;
  const sign = criterion.comparator === 'gte' ? '≥' : '≤';
  return `${sign} ${criterion.target}${criterion.unit ? ` ${criterion.unit}` : ''}`;
}

/** A score 0…1 as "83 %"; an em dash when there is none. */
export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Math.round(score * 100)} %`;
}

/** The group a criterion is walked in: its touchpoint, else its stage. */
export function groupOf(
  criterion: Pick<AuditCriterion, 'touchpointName' | 'stageKey'> & { touchpointId?: string | null },
): { key: string; label: string } {
  if (criterion.touchpointName)
    return {
      key: `tp:${criterion.touchpointId ?? criterion.touchpointName}`,
      label: criterion.touchpointName,
    };
  if (criterion.stageKey) return { key: `stage:${criterion.stageKey}`, label: stageName(criterion.stageKey) };
  return { key: 'general', label: i18n.t('walk.general', { ns: 'audits' }) };
}

/** A stage key's name in the UI language: the default stages are translated, others show as given. */
export function stageName(key: string): string {
  return i18n.t(`defaults.stages.${key}` as 'defaults.stages.purchase', {
    ns: 'journeys',
    defaultValue: key,
  });
}
