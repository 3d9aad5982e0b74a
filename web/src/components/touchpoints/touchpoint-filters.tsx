/** Search and filters of the registry (stage, channel, direction, subject, brand, status, tag). */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBrands, useChannels, useSubjects } from '../../api/workspace-lists';
import { DEFAULT_STAGE_KEYS, DIRECTIONS, TOUCHPOINT_STATUSES, useLabels } from './labels';
import type { FilterName, Filters } from './use-touchpoint-query';

export function TouchpointFilters({
  filters,
  onChange,
  onClear,
}: {
  filters: Filters;
  onChange: (name: FilterName, value: string | null) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('touchpoints');
  const labels = useLabels();
  const channels = useChannels().data ?? [];
  const brands = useBrands().data ?? [];
  const subjects = useSubjects().data ?? [];
  const [q, setQ] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  const pushQ = useDebouncedCallback((value: string) => onChange('q', value.trim() || null), 300);
  const pushTag = useDebouncedCallback((value: string) => onChange('tag', value.trim() || null), 300);
  // Clearing the filters (or going back in history) resets the typed text too.
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setTag(filters.tag ?? ''), [filters.tag]);

  const select = (name: FilterName, label: string, data: { value: string; label: string }[], width = 170) => (
    <Select
      label={label}
      placeholder={t('filter.any')}
      data={data}
      value={filters[name] ?? null}
      onChange={(value) => onChange(name, value)}
      clearable
      searchable={data.length > 8}
      size="xs"
      w={width}
      data-testid={`filter-${name}`}
      comboboxProps={{ width: 'target', withinPortal: true }}
    />
  );
  return (
    <Group gap="sm" align="end" mb="md" data-testid="touchpoint-filters">
      <TextInput
        label={t('filter.search')}
        placeholder={t('filter.searchPlaceholder')}
        leftSection={<IconSearch size={14} />}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          pushQ(event.currentTarget.value);
        }}
        size="xs"
        w={230}
        data-testid="filter-q"
      />
      {select(
        'stage',
        t('filter.stage'),
        DEFAULT_STAGE_KEYS.map((key) => ({ value: key, label: labels.stage(key) })),
      )}
      {select(
        'channel',
        t('filter.channel'),
        channels.map((c) => ({ value: c.key, label: labels.channel(c) })),
      )}
      {select(
        'direction',
        t('filter.direction'),
        DIRECTIONS.map((d) => ({ value: d, label: labels.direction(d) })),
        160,
      )}
      {subjects.length > 0 &&
        select(
          'subjectId',
          t('filter.subject'),
          subjects.map((s) => ({ value: s.id, label: s.name })),
        )}
      {brands.length > 1 &&
        select(
          'brandId',
          t('filter.brand'),
          brands.map((b) => ({ value: b.id, label: b.name })),
          150,
        )}
      {select(
        'status',
        t('filter.status'),
        TOUCHPOINT_STATUSES.map((s) => ({ value: s, label: labels.status(s) })),
        120,
      )}
      <TextInput
        label={t('filter.tag')}
        value={tag}
        onChange={(event) => {
          setTag(event.currentTarget.value);
          pushTag(event.currentTarget.value);
        }}
        size="xs"
        w={110}
        data-testid="filter-tag"
      />
      {Object.keys(filters).length > 0 && (
        <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={onClear}>
          {t('filter.clear')}
        </Button>
      )}
    </Group>
  );
}
