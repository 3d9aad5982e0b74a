/** How the benchmark names a stage: a journey's own stage names as written, default stages translated. */
import type { TFunction } from 'i18next';

export function stageLabel(
  t: TFunction<'journeys'>,
  stage: { stageKey: string | null; stageName: string | null },
  fromJourney: boolean,
): string {
  if (stage.stageKey === null) return stage.stageName ?? '';
  if (fromJourney && stage.stageName) return stage.stageName;
  return t(`defaults.stages.${stage.stageKey}` as 'defaults.stages.purchase', {
    defaultValue: stage.stageName ?? stage.stageKey,
  });
}
