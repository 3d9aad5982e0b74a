/** The stages filter of the analyses: kept in the URL with the period, sent as the API's `stage` list. */
import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAnalyticsFilter } from '../../state/period';
import { DEFAULT_STAGE_KEYS } from '../touchpoints/labels';
import { useStageName } from './analysis-parts';

export function StageFilter() {
  const { t } = useTranslation('analytics');
  const stageName = useStageName();
  const { filter, setFilter } = useAnalyticsFilter();
  const value = filter.stage ? filter.stage.split(',') : [];
  return (
    <MultiSelect
      label={t('filter.stages')}
      placeholder={value.length === 0 ? t('filter.allStages') : undefined}
      size="xs"
      w={260}
      searchable
      clearable
      data-testid="stage-filter"
      data={DEFAULT_STAGE_KEYS.map((key) => ({ value: key, label: stageName(key) }))}
      value={value}
      onChange={(keys) => setFilter({ stage: keys.join(',') })}
    />
  );
}
