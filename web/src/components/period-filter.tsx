/** The period picker shared by the analytics pages and the chain funnel. */
import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type PeriodPreset, useAnalyticsFilter } from '../state/period';

export function PeriodFilter() {
  const { t } = useTranslation();
  const { filter, setFilter } = useAnalyticsFilter();
  return (
    <Group gap="sm" align="end" maw="100%" data-testid="period-filter">
      {/* On a narrow screen the choices scroll inside their own box instead of widening the page. */}
      <SegmentedControl
        aria-label={t('period.label')}
        size="xs"
        maw="100%"
        style={{ overflowX: 'auto' }}
        value={filter.preset}
        onChange={(value) => setFilter({ preset: value as PeriodPreset })}
        data={[
          { value: '30', label: t('period.last30') },
          { value: '90', label: t('period.last90') },
          { value: '365', label: t('period.last365') },
          { value: 'all', label: t('period.all') },
          { value: 'custom', label: t('period.custom') },
        ]}
      />
      {filter.preset === 'custom' && (
        <>
          <TextInput
            size="xs"
            type="date"
            label={t('period.from')}
            value={filter.from === '1970-01-01' ? '' : (filter.from ?? '')}
            onChange={(e) => setFilter({ from: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            type="date"
            label={t('period.to')}
            value={filter.to ?? ''}
            onChange={(e) => setFilter({ to: e.currentTarget.value })}
          />
        </>
      )}
    </Group>
  );
}
