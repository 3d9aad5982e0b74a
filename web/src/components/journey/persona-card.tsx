/** The persona a journey map is drawn for, in the map's header: who, their quote, goals, needs and pains. */
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  List,
  Paper,
  Popover,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListDetails, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, ws } from '../../api/client';
import { type Persona, personasKey, usePersonas } from '../../api/personas';
import type { JourneyMap } from '../../api/types';
import { PersonaAvatar } from '../personas/persona-avatar';
import { errorMessage } from '../states';
import { journeyKey } from './use-journey-map';

function PersonaLists({ persona }: { persona: Persona }) {
  const { t } = useTranslation('personas');
  const lists = [
    ['goals', persona.goals],
    ['needs', persona.needs],
    ['pains', persona.pains],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      {lists.map(([key, entries]) => (
        <div key={key}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            {t(`fields.${key}`)}
          </Text>
          {entries.length === 0 ? (
            <Text size="sm" c="dimmed">
              –
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {entries.map((entry, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, entries may repeat
                <List.Item key={`${i}-${entry}`}>{entry}</List.Item>
              ))}
            </List>
          )}
        </div>
      ))}
    </SimpleGrid>
  );
}

/** Picks the map's persona (or none); saves it with the map's version. */
function PersonaPicker({
  workspaceId,
  map,
  personas,
  onDone,
}: {
  workspaceId: string;
  map: JourneyMap;
  personas: Persona[];
  onDone: () => void;
}) {
  const { t } = useTranslation('personas');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const save = async (personaId: string | null) => {
    setPending(true);
    try {
      await api.patch(ws(workspaceId, `/journeys/${map.id}`), { version: map.version, personaId });
      notifications.show({ color: 'green', message: t('card.changed') });
      onDone();
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409;
      notifications.show({
        color: conflict ? 'orange' : 'red',
        message: conflict ? tc('state.conflict') : errorMessage(error),
      });
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: journeyKey(workspaceId, map.id) });
      void queryClient.invalidateQueries({ queryKey: personasKey(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });
    }
  };
  return (
    <Stack gap="xs" w={260}>
      <Select
        label={t('persona')}
        placeholder={t('noPersona')}
        clearable
        searchable
        disabled={pending}
        value={map.personaId}
        data={personas.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(value) => void save(value)}
        nothingFoundMessage={t('emptyTitle')}
        comboboxProps={{ withinPortal: false }}
        data-testid="jm-persona-select"
      />
      <Anchor component={Link} to={`/w/${workspaceId}/journeys/personas`} size="sm">
        {t('card.open')}
      </Anchor>
    </Stack>
  );
}

export function PersonaCard({
  workspaceId,
  map,
  canEdit,
}: {
  workspaceId: string;
  map: JourneyMap;
  canEdit: boolean;
}) {
  const { t } = useTranslation('personas');
  const personas = usePersonas();
  const [picking, setPicking] = useState(false);
  const persona = personas.data?.find((p) => p.id === map.personaId);
  const picker = (
    <PersonaPicker
      workspaceId={workspaceId}
      map={map}
      personas={personas.data ?? []}
      onDone={() => setPicking(false)}
    />
  );

  if (!persona) {
    if (!canEdit || personas.isPending) return null;
    return (
      <Popover opened={picking} onChange={setPicking} position="bottom-start" withArrow trapFocus>
        <Popover.Target>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconUserPlus size={14} />}
            onClick={() => setPicking((o) => !o)}
            className="jm-edit no-print"
            style={{ alignSelf: 'flex-start' }}
            data-testid="jm-persona-choose"
          >
            {t('card.choose')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>{picker}</Popover.Dropdown>
      </Popover>
    );
  }

  const subtitle = [persona.role, persona.segment].filter(Boolean).join(' · ');
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      mt="xs"
      maw={560}
      aria-label={t('card.label')}
      component="section"
      data-testid="jm-persona"
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <PersonaAvatar persona={persona} size="lg" />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap={4} wrap="nowrap" justify="space-between">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="jm-persona-name">
              {persona.name}
            </Text>
            <Group gap={2} wrap="nowrap" className="no-print">
              <Popover position="bottom-end" withArrow width={560} shadow="md">
                <Popover.Target>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('card.details')}
                    title={t('card.details')}
                    data-testid="jm-persona-details"
                  >
                    <IconListDetails size={16} />
                  </ActionIcon>
                </Popover.Target>
                <Popover.Dropdown maw="calc(100vw - 24px)">
                  <PersonaLists persona={persona} />
                </Popover.Dropdown>
              </Popover>
              {canEdit && (
                <Popover opened={picking} onChange={setPicking} position="bottom-end" withArrow trapFocus>
                  <Popover.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('card.change')}
                      title={t('card.change')}
                      onClick={() => setPicking((o) => !o)}
                      className="jm-edit"
                      data-testid="jm-persona-change"
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Popover.Target>
                  <Popover.Dropdown>{picker}</Popover.Dropdown>
                </Popover>
              )}
            </Group>
          </Group>
          {subtitle && (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          )}
          {persona.quote && (
            <Text size="sm" fs="italic" mt={2} lineClamp={2}>
              “{persona.quote}”
            </Text>
          )}
          {persona.goals.length > 0 && (
            <Text size="xs" mt={2} lineClamp={1} data-testid="jm-persona-goals">
              <Text span fw={600} size="xs">
                {t('fields.goals')}:
              </Text>{' '}
              {persona.goals.join(' · ')}
            </Text>
          )}
        </div>
      </Group>
    </Paper>
  );
}
