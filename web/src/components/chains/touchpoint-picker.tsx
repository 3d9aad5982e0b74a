/** A searchable touchpoint select that asks the API as the user types (workspaces hold thousands). */
import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTouchpointSearch } from './queries';

export interface PickedTouchpoint {
  id: string;
  name: string;
  key: string;
}

export function TouchpointPicker({
  workspaceId,
  value,
  onChange,
  label,
  error,
  disabled,
  testId,
}: {
  workspaceId: string;
  value: PickedTouchpoint | null;
  onChange: (touchpoint: PickedTouchpoint) => void;
  label: string;
  error?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('chains');
  const { t: tc } = useTranslation();
  const [search, setSearch] = useState('');
  // The search box shows the chosen name; only what the user types narrows the list.
  const typed = value && search === value.name ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 200);
  const found = useTouchpointSearch(workspaceId, q);
  const options = useMemo(() => {
    const byId = new Map<string, PickedTouchpoint>();
    if (value) byId.set(value.id, value);
    for (const tp of found.data?.items ?? []) byId.set(tp.id, { id: tp.id, name: tp.name, key: tp.key });
    return byId;
  }, [found.data, value]);
  return (
    <Select
      aria-label={label}
      placeholder={t('editor.chooseTouchpoint')}
      searchable
      disabled={disabled}
      data-testid={testId}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const picked = id ? options.get(id) : undefined;
        if (picked) onChange(picked);
      }}
      allowDeselect={false}
      nothingFoundMessage={found.isFetching ? tc('state.loading') : t('editor.noTouchpoint')}
      // The API already matched key, name and description; do not filter its answer again by label.
      filter={({ options: all }) => all}
      data={[...options.values()].map((tp) => ({ value: tp.id, label: tp.name }))}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {options.get(option.value)?.key}
          </Text>
        </Group>
      )}
      error={error}
      style={{ flex: 1, minWidth: 0 }}
    />
  );
}
