/** "Where a competitor beats us": the stages and touchpoints where a competitor scores higher, largest gap first. */
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Beat } from '../../api/benchmark';
import { useFormat } from '../../i18n/format';
import { stageLabel } from './labels';

export function BeatsList({ beats, fromJourney }: { beats: Beat[]; fromJourney: boolean }) {
  const { t } = useTranslation('benchmark');
  const { t: tj } = useTranslation('journeys');
  const format = useFormat();
  if (beats.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="beats-none">
        {t('benchmark.beatsNone')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="beats-list">
      {beats.map((beat) => {
        const stage = stageLabel(tj, beat, fromJourney);
        const where = beat.level === 'touchpoint' ? (beat.touchpointName ?? '') : stage;
        return (
          <Paper
            withBorder
            p="sm"
            key={`${beat.level}:${beat.touchpointId ?? beat.stageKey}:${beat.brandId}`}
            data-testid="beat"
          >
            <Group justify="space-between" wrap="wrap" align="start" gap="sm">
              <div style={{ minWidth: 0, flex: '1 1 180px' }}>
                <Text size="sm" fw={600}>
                  {t('benchmark.beat', { brand: beat.brandName, where })}
                </Text>
                <Text size="xs" c="dimmed">
                  {beat.level === 'touchpoint'
                    ? t('benchmark.touchpointAt', { stage: stage || '—' })
                    : t('benchmark.stageLevel')}
                </Text>
                <Text size="sm" mt={4}>
                  {t('benchmark.beatScores', {
                    brand: beat.brandName,
                    score: format.percent(beat.score, 0),
                    own: format.percent(beat.ownScore, 0),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('benchmark.beatN', {
                    audits: format.number(beat.audits),
                    answers: format.number(beat.answers),
                    ownAudits: format.number(beat.ownAudits),
                    ownAnswers: format.number(beat.ownAnswers),
                  })}
                </Text>
              </div>
              <Badge
                color="orange"
                variant="light"
                size="lg"
                style={{ flexShrink: 0 }}
                data-testid="beat-gap"
              >
                {t('benchmark.gap', { gap: format.number(beat.gap * 100) })}
              </Badge>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
