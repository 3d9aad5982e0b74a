/** The channels filter of the analyses: kept in the URL with the period, sent as the API's `channel` list. */
import { MultiSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Channel, Page } from '../../api/types';
import { useAnalyticsFilter } from '../../state/period';
import { useWorkspaceId } from '../../state/session';
import { useNames } from '../names';

export function ChannelFilter() {
  const { t } = useTranslation('analytics');
  const workspaceId = useWorkspaceId();
  const { filter, setFilter } = useAnalyticsFilter();
  const names = useNames();
  const channels = useQuery({
    queryKey: ['channels', workspaceId, 'choices'],
    queryFn: () => api.get<Page<Channel>>(ws(workspaceId, '/channels'), { limit: 500, sort: 'name' }),
    staleTime: 60_000,
  });
  const value = filter.channel ? filter.channel.split(',') : [];
  return (
    <MultiSelect
      label={t('filter.channels')}
      placeholder={value.length === 0 ? t('filter.allChannels') : undefined}
      size="xs"
      w={300}
      searchable
      clearable
      data-testid="channel-filter"
      data={(channels.data?.items ?? []).map((c) => ({ value: c.key, label: names.channel(c) }))}
      value={value}
      onChange={(keys) => setFilter({ channel: keys.join(',') })}
    />
  );
}
