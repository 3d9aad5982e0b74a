/** One brand's figures in a row of the benchmark: audit score with its n, then what was measured. */
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BrandCell } from '../../api/benchmark';
import { useFormat } from '../../i18n/format';

export function ScoreCell({ cell }: { cell: BrandCell | undefined }) {
  const { t } = useTranslation('benchmark');
  const format = useFormat();
  const audit = cell?.audit ?? null;
  const measured = cell?.measured ?? null;
  if (!audit && !measured)
    return (
      <Text c="dimmed" size="sm">
        —
      </Text>
    );
  return (
    <Stack gap={2}>
      {audit ? (
        <>
          <Text fw={600} data-testid="benchmark-score">
            {format.percent(audit.score, 0)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('benchmark.passRate', { rate: format.percent(audit.passRate, 0) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('benchmark.n', { audits: format.number(audit.audits), answers: format.number(audit.answers) })}
          </Text>
        </>
      ) : (
        <Text size="xs" c="dimmed">
          {t('benchmark.noAudit')}
        </Text>
      )}
      {measured && (
        <Stack gap={0} mt={4}>
          {measured.standards > 0 && (
            <Text size="xs">
              {t('benchmark.measured.standards', {
                passing: format.number(measured.standardsPassing),
                total: format.number(measured.standards),
              })}
            </Text>
          )}
          {measured.csat !== null && (
            <Text size="xs">
              {t('benchmark.measured.csat', {
                value: format.percent(measured.csat, 0),
                n: format.number(measured.csatAnswers),
              })}
            </Text>
          )}
          {measured.nps !== null && (
            <Text size="xs">
              {t('benchmark.measured.nps', {
                value: format.number(measured.nps),
                n: format.number(measured.npsAnswers),
              })}
            </Text>
          )}
          {measured.negativeShare !== null && (
            <Text size="xs">
              {t('benchmark.measured.negative', {
                value: format.percent(measured.negativeShare, 0),
                n: format.number(measured.rated),
              })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
