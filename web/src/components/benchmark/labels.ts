/** How the benchmark names a stage: a journey's own stage names as written, default stages translated. */
import type { TFunction } from 'i18next';
import { DEFAULT_STAGES } from '../../../../src/domain/vocabulary';

export function stageLabel(
  t: TFunction<'journeys'>,
  stage: { stageKey: string | null; stageName: string | null },
  fromJourney: boolean,
): string {
  if (stage.stageKey === null) return stage.stageName ?? '';
  // A default stage not renamed comes with its English name: shown in the reader's language.
  const english = DEFAULT_STAGES.find((s) => s.key === stage.stageKey)?.name;
  if (fromJourney && stage.stageName && stage.stageName !== english) return stage.stageName;
  return t(`defaults.stages.${stage.stageKey}` as 'defaults.stages.purchase', {
    defaultValue: stage.stageName ?? stage.stageKey,
  });
}
