/** The personas of a workspace: cards with avatar, quote, goals, needs and pains; their maps. */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  List,
  Menu,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconMap2, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ws } from '../api/client';
import { type Persona, personasKey, usePersonas } from '../api/personas';
import { JourneysTabs } from '../components/journey/journeys-tabs';
import { useConfirm } from '../components/journey/map-dialogs';
import { PageHeader } from '../components/layout';
import { PersonaAvatar } from '../components/personas/persona-avatar';
import { PersonaEditor } from '../components/personas/persona-editor';
import { Empty, ErrorState, errorMessage, Loading } from '../components/states';
import { useCanEdit, useWorkspaceId } from '../state/session';

function Entries({ label, entries }: { label: string; entries: string[] }) {
  if (entries.length === 0) return null;
  return (
    <div>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {label}
      </Text>
      <List size="sm" spacing={2}>
        {entries.slice(0, 3).map((entry, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, entries may repeat
          <List.Item key={`${i}-${entry}`}>{entry}</List.Item>
        ))}
        {entries.length > 3 && <List.Item>…</List.Item>}
      </List>
    </div>
  );
}

function PersonaCardView({
  workspaceId,
  persona,
  canEdit,
  onEdit,
  onDelete,
}: {
  workspaceId: string;
  persona: Persona;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('personas');
  const { t: tc } = useTranslation();
  const maps = `/w/${workspaceId}/journeys?persona=${persona.id}`;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="persona-card"
      aria-label={persona.name}
      component="article"
    >
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
        <PersonaAvatar persona={persona} size="lg" />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {persona.name}
          </Text>
          {(persona.role || persona.segment) && (
            <Text size="xs" c="dimmed">
              {[persona.role, persona.segment].filter(Boolean).join(' · ')}
            </Text>
          )}
        </div>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('actions', { name: persona.name })}
              data-testid="persona-actions"
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconMap2 size={14} />} component={Link} to={maps}>
              {t('showMaps')}
            </Menu.Item>
            {canEdit && (
              <>
                <Menu.Item
                  leftSection={<IconPlus size={14} />}
                  component={Link}
                  to={`${maps}&new=1`}
                  data-testid="persona-new-map"
                >
                  {t('newMap')}
                </Menu.Item>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="persona-edit">
                  {tc('action.edit')}
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
                  {tc('action.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {persona.quote && (
        <Text size="sm" fs="italic" mb="xs">
          “{persona.quote}”
        </Text>
      )}
      <Stack gap="xs">
        <Entries label={t('fields.goals')} entries={persona.goals} />
        <Entries label={t('fields.needs')} entries={persona.needs} />
        <Entries label={t('fields.pains')} entries={persona.pains} />
      </Stack>
      <Group mt="sm" gap="xs">
        <Badge
          variant="light"
          component={Link}
          to={maps}
          style={{ cursor: 'pointer' }}
          data-testid="persona-maps"
        >
          {t('maps', { count: persona.journeyCount })}
        </Badge>
      </Group>
    </Card>
  );
}

export function PersonasPage() {
  const { t } = useTranslation('personas');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const personas = usePersonas();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Persona | 'new' | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: personasKey(workspaceId) });

  const remove = useMutation({
    mutationFn: (persona: Persona) => api.delete(ws(workspaceId, `/personas/${persona.id}`)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: tc('state.deleted') });
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: tc('state.error'), message: errorMessage(error) }),
  });

  const createButton = canEdit && (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setEditing('new')}
      data-testid="persona-create"
    >
      {t('create')}
    </Button>
  );
  const q = search.trim().toLocaleLowerCase();
  const shown = (personas.data ?? []).filter(
    (p) => !q || [p.name, p.role, p.segment].some((x) => x.toLocaleLowerCase().includes(q)),
  );

  let body: ReactNode;
  if (personas.isPending) body = <Loading />;
  else if (personas.isError)
    body = <ErrorState error={personas.error} onRetry={() => void personas.refetch()} />;
  else if (personas.data.length === 0)
    body = (
      <Empty title={t('emptyTitle')} action={createButton}>
        {t('emptyHint')}
      </Empty>
    );
  else if (shown.length === 0) body = <Empty title={t('noMatch', { q: search.trim() })} />;
  else
    body = (
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="persona-list">
        {shown.map((persona) => (
          <PersonaCardView
            key={persona.id}
            workspaceId={workspaceId}
            persona={persona}
            canEdit={canEdit}
            onEdit={() => setEditing(persona)}
            onDelete={() =>
              confirm(tc('confirmDelete', { name: persona.name }), () => remove.mutate(persona))
            }
          />
        ))}
      </SimpleGrid>
    );

  return (
    <>
      <PageHeader title={t('title')}>{createButton}</PageHeader>
      <JourneysTabs workspaceId={workspaceId} active="personas" />
      {(personas.data?.length ?? 0) > 0 && (
        <TextInput
          aria-label={t('search')}
          placeholder={t('search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={360}
          mb="md"
        />
      )}
      {body}
      {editing && (
        <PersonaEditor
          key={editing === 'new' ? 'new' : editing.id}
          workspaceId={workspaceId}
          persona={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onPhoto={() => void refresh()}
          onSaved={(saved) => {
            void refresh();
            // A new persona stays open in the editor, so that a photo can be added; an edit closes it.
            setEditing(editing === 'new' ? saved : null);
          }}
        />
      )}
      {confirmDialog}
    </>
  );
}
