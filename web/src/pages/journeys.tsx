/** The journey maps of a workspace: search, create (default stages and lanes), rename, delete. */
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Menu,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconMap2, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DEFAULT_LANES, DEFAULT_STAGES } from '../../../src/domain/vocabulary.js';
import { ApiError, api, ws } from '../api/client';
import type { Journey, JourneyMap, Page } from '../api/types';
import { useChannels } from '../api/workspace-lists';
import { DialogActions } from '../components/dialog-actions';
import { useConfirm } from '../components/journey/map-dialogs';
import { PageHeader } from '../components/layout';
import { Empty, ErrorState, errorMessage, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

const PAGE_SIZE = 50;

interface JourneyFields {
  name: string;
  persona: string;
  description: string;
  acquisitionChannelId: string | null;
}

const BLANK: JourneyFields = { name: '', persona: '', description: '', acquisitionChannelId: null };

interface JourneyDialogProps {
  opened: boolean;
  title: string;
  hint?: string;
  initial: JourneyFields;
  submitLabel: string;
  onClose: () => void;
  /** Saves the fields; a rejected ApiError's field messages are shown at the fields. */
  onSubmit: (fields: JourneyFields) => Promise<unknown>;
}

function JourneyDialog({ opened, title, hint, initial, submitLabel, onClose, onSubmit }: JourneyDialogProps) {
  const { t } = useTranslation('journeys');
  const channels = useChannels();
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (change: Partial<JourneyFields>) => setFields((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setErrors({});
    setGeneral(null);
    try {
      await onSubmit(fields);
    } catch (error) {
      if (error instanceof ApiError && error.body.issues?.length) setErrors(error.fieldErrors());
      else setGeneral(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          {hint && (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          )}
          <TextInput
            label={t('list.name')}
            value={fields.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            required
            data-autofocus
            data-testid="journey-name"
          />
          <TextInput
            label={t('list.persona')}
            placeholder={t('list.personaPlaceholder')}
            value={fields.persona}
            onChange={(e) => set({ persona: e.currentTarget.value })}
            error={errors.persona}
          />
          <Select
            label={t('list.channel')}
            placeholder={t('list.anyChannel')}
            clearable
            searchable
            value={fields.acquisitionChannelId}
            onChange={(value) => set({ acquisitionChannelId: value })}
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            error={errors.acquisitionChannelId}
          />
          <Textarea
            label={t('list.description')}
            autosize
            minRows={2}
            maxRows={6}
            value={fields.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.description}
          />
          <DialogActions
            error={general}
            onCancel={onClose}
            label={submitLabel}
            pending={pending}
            testId="journey-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

export function JourneysPage() {
  const { t } = useTranslation('journeys');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Journey | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const channels = useChannels();
  const channelName = (id: string | null) => channels.data?.find((c) => c.id === id)?.name;

  const list = useQuery({
    queryKey: ['journeys', workspaceId, q, page],
    queryFn: () =>
      api.get<Page<Journey>>(ws(workspaceId, '/journeys'), {
        q,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        sort: 'name',
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });

  const create = async (fields: JourneyFields) => {
    // The default stages and lanes, named in the user's language.
    const created = await api.post<JourneyMap>(ws(workspaceId, '/journeys'), {
      name: fields.name,
      persona: fields.persona,
      description: fields.description,
      acquisitionChannelId: fields.acquisitionChannelId,
      stages: DEFAULT_STAGES.map((s) => ({ key: s.key, name: t(`defaults.stages.${s.key}`) })),
      lanes: DEFAULT_LANES.map((l) => ({ key: l.key, kind: l.kind, name: t(`defaults.lanes.${l.key}`) })),
    });
    notifications.show({ color: 'green', message: t('list.created') });
    setCreating(false);
    void refresh();
    navigate(`/w/${workspaceId}/journeys/${created.id}`);
  };

  const update = async (journey: Journey, fields: JourneyFields) => {
    try {
      await api.patch<JourneyMap>(ws(workspaceId, `/journeys/${journey.id}`), {
        version: journey.version,
        ...fields,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        notifications.show({ color: 'orange', message: tc('state.conflict') });
        setEditing(null);
        void refresh();
        return;
      }
      throw error;
    }
    notifications.show({ color: 'green', message: tc('state.saved') });
    setEditing(null);
    void refresh();
    void queryClient.invalidateQueries({ queryKey: ['journey', workspaceId, journey.id] });
  };

  const remove = useMutation({
    mutationFn: (journey: Journey) => api.delete(ws(workspaceId, `/journeys/${journey.id}`)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: tc('state.deleted') });
      void refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: tc('state.error'), message: errorMessage(error) }),
  });

  const createButton = canEdit && (
    <Button
      leftSection={<IconPlus size={16} />}
      onClick={() => setCreating(true)}
      data-testid="journey-create"
    >
      {t('list.create')}
    </Button>
  );

  let body: ReactNode;
  if (list.isPending) body = <Loading />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.total === 0 && !q)
    body = (
      <Empty title={t('list.emptyTitle')} action={createButton}>
        {t('list.emptyHint')}
      </Empty>
    );
  else if (list.data.items.length === 0) body = <Empty title={t('list.noMatch', { q })} />;
  else
    body = (
      <>
        <Table highlightOnHover verticalSpacing="sm" data-testid="journey-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.name')}</Table.Th>
              <Table.Th>{t('list.persona')}</Table.Th>
              <Table.Th>{t('list.channel')}</Table.Th>
              <Table.Th ta="right">{t('list.lanes')}</Table.Th>
              <Table.Th>{t('list.updated')}</Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>{tc('action.edit')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((journey) => (
              <Table.Tr key={journey.id} data-testid="journey-row">
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/w/${workspaceId}/journeys/${journey.id}`}
                    fw={500}
                    data-testid={`journey-link-${journey.id}`}
                  >
                    {journey.name}
                  </Anchor>
                  {journey.description && (
                    <Text size="xs" c="dimmed" lineClamp={1} maw={420}>
                      {journey.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{journey.persona || '–'}</Table.Td>
                <Table.Td>{channelName(journey.acquisitionChannelId) ?? t('list.anyChannel')}</Table.Td>
                <Table.Td ta="right">{format.number(journey.lanes.length)}</Table.Td>
                <Table.Td>{format.dateTime(journey.updatedAt)}</Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('list.actions', { name: journey.name })}
                        data-testid="journey-actions"
                      >
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item
                        leftSection={<IconMap2 size={14} />}
                        component={Link}
                        to={`/w/${workspaceId}/journeys/${journey.id}`}
                      >
                        {t('list.open')}
                      </Menu.Item>
                      {canEdit && (
                        <>
                          <Menu.Item
                            leftSection={<IconPencil size={14} />}
                            onClick={() => setEditing(journey)}
                          >
                            {t('list.rename')}
                          </Menu.Item>
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() =>
                              confirm(tc('confirmDelete', { name: journey.name }), () =>
                                remove.mutate(journey),
                              )
                            }
                          >
                            {tc('action.delete')}
                          </Menu.Item>
                        </>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {t('list.total', { total: format.number(list.data.total) })}
          </Text>
          {list.data.total > PAGE_SIZE && (
            <Pagination
              size="sm"
              value={page}
              onChange={setPage}
              total={Math.ceil(list.data.total / PAGE_SIZE)}
            />
          )}
        </Group>
      </>
    );

  return (
    <>
      <PageHeader title={t('title')}>{createButton}</PageHeader>
      {(search || (list.data?.total ?? 0) > 0) && (
        <TextInput
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          maw={360}
          mb="md"
          data-testid="journey-search"
        />
      )}
      {body}
      {creating && (
        <JourneyDialog
          opened
          title={t('list.createTitle')}
          hint={t('list.createHint')}
          initial={BLANK}
          submitLabel={tc('action.create')}
          onClose={() => setCreating(false)}
          onSubmit={create}
        />
      )}
      {editing && (
        <JourneyDialog
          opened
          title={t('list.editTitle')}
          initial={{
            name: editing.name,
            persona: editing.persona,
            description: editing.description,
            acquisitionChannelId: editing.acquisitionChannelId,
          }}
          submitLabel={tc('action.save')}
          onClose={() => setEditing(null)}
          onSubmit={(fields) => update(editing, fields)}
        />
      )}
      {confirmDialog}
    </>
  );
}
