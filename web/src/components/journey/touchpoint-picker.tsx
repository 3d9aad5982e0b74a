/** Choosing a touchpoint of the workspace for a cell: searched on the server by name or key. */
import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Page, Touchpoint } from '../../api/types';
import { useWorkspaceId } from '../../state/session';

export interface TouchpointPickerProps {
  /** Touchpoints already in the cell: shown, but not to be picked again. */
  exclude: ReadonlySet<string>;
  label: string;
  onPick: (touchpoint: Touchpoint) => void;
}

export function TouchpointPicker({ exclude, label, onPick }: TouchpointPickerProps) {
  const { t } = useTranslation('journeys');
  const workspaceId = useWorkspaceId();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const options = useQuery({
    queryKey: ['touchpoint-options', workspaceId, q],
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { q, limit: 50, sort: 'name' }),
    placeholderData: keepPreviousData,
  });
  const touchpoints = options.data?.items ?? [];
  const empty = options.isSuccess && touchpoints.length === 0;
  return (
    <>
      <Select
        label={t('map.pickTouchpoint')}
        aria-label={label}
        placeholder={t('map.pickPlaceholder')}
        data-testid="jm-touchpoint-picker"
        searchable
        autoFocus
        defaultDropdownOpened
        size="xs"
        w={260}
        searchValue={search}
        onSearchChange={setSearch}
        // The server searched already (name, key and description).
        filter={({ options: all }) => all}
        nothingFoundMessage={t('map.noTouchpoints')}
        comboboxProps={{ withinPortal: false }}
        data={touchpoints.map((tp) => ({
          value: tp.id,
          label: `${tp.name} · ${tp.key}`,
          disabled: exclude.has(tp.id),
        }))}
        onChange={(id) => {
          const touchpoint = touchpoints.find((tp) => tp.id === id);
          if (touchpoint) onPick(touchpoint);
        }}
      />
      {empty && !q && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('map.noTouchpointsHint')}
        </Text>
      )}
    </>
  );
}
