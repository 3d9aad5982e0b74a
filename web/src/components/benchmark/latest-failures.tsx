/** Each brand's latest audit and the criteria it failed there (which one, on which touchpoint). */
import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LatestAuditFailures } from '../../api/benchmark';
import { useFormat } from '../../i18n/format';

export function LatestFailures({ audits }: { audits: LatestAuditFailures[] }) {
  const { t } = useTranslation('benchmark');
  const { t: tj } = useTranslation('journeys');
  const format = useFormat();
  return (
    <Stack gap="md" data-testid="latest-failures">
      {audits.map((audit) => (
        <div key={audit.auditId}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm">
              {audit.brandName}
            </Text>
            {audit.isOwn && (
              <Badge size="xs" variant="light">
                {t('benchmark.own')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t('benchmark.latestAudit', {
                checklist: audit.checklistName,
                date: format.date(audit.auditDate),
                score: format.percent(audit.score, 0),
              })}
            </Text>
          </Group>
          {audit.failed.length === 0 ? (
            <Text size="sm" c="green">
              {t('benchmark.failuresNone')}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {audit.failed.map((failed) => (
                <List.Item key={failed.criterionId}>
                  {failed.criterionText}
                  <Text span size="xs" c="dimmed">
                    {' · '}
                    {failed.touchpointName ??
                      (failed.stageKey
                        ? tj(`defaults.stages.${failed.stageKey}` as 'defaults.stages.purchase', {
                            defaultValue: failed.stageKey,
                          })
                        : '')}
                    {failed.note ? ` · ${failed.note}` : ''}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </div>
      ))}
    </Stack>
  );
}
