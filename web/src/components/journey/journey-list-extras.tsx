/** The journey list's persona parts: filter by persona, a map's persona, duplicating a map. */
import { Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ws } from '../../api/client';
import { personasKey, usePersonas } from '../../api/personas';
import type { Journey, JourneyMap } from '../../api/types';
import { PersonaAvatar } from '../personas/persona-avatar';
import { errorMessage } from '../states';

export function PersonaFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('personas');
  const personas = usePersonas();
  if (!value && (personas.data?.length ?? 0) === 0) return null;
  return (
    <Select
      aria-label={t('filter')}
      placeholder={t('allPersonas')}
      clearable
      searchable
      value={value}
      onChange={onChange}
      data={(personas.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
      maw={260}
      mb="sm"
      data-testid="journey-persona-filter"
    />
  );
}

/** The persona a map is drawn for (its avatar and name), else its free-text persona. */
export function JourneyPersona({ journey }: { journey: Pick<Journey, 'persona' | 'personaId'> }) {
  const personas = usePersonas();
  const persona = personas.data?.find((p) => p.id === journey.personaId);
  if (!persona) return <>{journey.persona || '–'}</>;
  return (
    <Group gap={6} wrap="nowrap">
      <PersonaAvatar persona={persona} size="sm" />
      <div style={{ minWidth: 0 }}>
        <Text size="sm">{persona.name}</Text>
        {journey.persona && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {journey.persona}
          </Text>
        )}
      </div>
    </Group>
  );
}

/** Copies a map (named "… (copy)") and opens the copy. */
export function useDuplicateJourney(workspaceId: string) {
  const { t } = useTranslation('personas');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (journey: Pick<Journey, 'id' | 'name'>) => {
    try {
      const copy = await api.post<JourneyMap>(ws(workspaceId, `/journeys/${journey.id}/duplicate`), {
        name: t('duplicate.name', { name: journey.name }).slice(0, 200),
      });
      notifications.show({ color: 'green', message: t('duplicate.done') });
      void queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });
      void queryClient.invalidateQueries({ queryKey: personasKey(workspaceId) });
      navigate(`/w/${workspaceId}/journeys/${copy.id}`);
    } catch (error) {
      notifications.show({ color: 'red', title: tc('state.error'), message: errorMessage(error) });
    }
  };
}
