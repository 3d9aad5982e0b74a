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
import {
  IconArrowsDiff,
  IconCopy,
  IconDots,
  IconMap2,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api, ws } from '../api/client';
import type { Journey, JourneyMap, Page } from '../api/types';
import { useChannels } from '../api/workspace-lists';
import { DialogActions } from '../components/dialog-actions';
import { JourneyDialogExtras } from '../components/journey/journey-dialog-extras';
import {
  JourneyPersona,
  PersonaFilter,
  useDuplicateJourney,
} from '../components/journey/journey-list-extras';
import { JourneysTabs } from '../components/journey/journeys-tabs';
import { useConfirm } from '../components/journey/map-dialogs';
import { PageHeader } from '../components/layout';
import { useNames } from '../components/names';
import { Empty, ErrorState, errorMessage, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

const PAGE_SIZE = 50;

interface JourneyFields {
  name: string;
  persona: string;
  description: string;
  acquisitionChannelId: string | null;
  personaId: string | null;
  /** A new map's template (journey-dialog-extras.tsx); null: the default stages and lanes. */
  templateKey: string | null;
}

const BLANK: JourneyFields = {
  name: '',
  persona: '',
  description: '',
  acquisitionChannelId: null,
  personaId: null,
  templateKey: null,
};

interface JourneyDialogProps {
  opened: boolean;
  title: string;
  hint?: string;
  initial: JourneyFields;
  /** A new map: it may start from a template. */
  isNew?: boolean;
  submitLabel: string;
  onClose: () => void;
  /** Saves the fields; a rejected ApiError's field messages are shown at the fields. */
  onSubmit: (fields: JourneyFields) => Promise<unknown>;
}

function JourneyDialog({
  opened,
  title,
  hint,
  initial,
  isNew = false,
  submitLabel,
  onClose,
  onSubmit,
}: JourneyDialogProps) {
  const { t } = useTranslation('journeys');
  const channels = useChannels();
  const names = useNames();
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
          <JourneyDialogExtras
            fields={fields}
            name={fields.name}
            errors={errors}
            withTemplate={isNew}
            onChange={set}
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
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: names.channel(c) }))}
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
  const { t: tc, i18n } = useTranslation();
  const { t: tp } = useTranslation('personas');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  // `?persona=` filters by a persona; `&new=1` opens a new map for it (from the personas page).
  const [params, setParams] = useSearchParams();
  const personaId = params.get('persona');
  const [creating, setCreating] = useState(params.get('new') === '1');
  const [editing, setEditing] = useState<Journey | null>(null);
  const duplicate = useDuplicateJourney(workspaceId);
  const [confirm, confirmDialog] = useConfirm();
  const channels = useChannels();
  const names = useNames();
  const channelName = (id: string | null) => {
    const channel = channels.data?.find((c) => c.id === id);
    return channel && names.channel(channel);
  };

  const list = useQuery({
    queryKey: ['journeys', workspaceId, q, page, personaId],
    queryFn: () =>
      api.get<Page<Journey>>(ws(workspaceId, '/journeys'), {
        q,
        personaId,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        sort: 'name',
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['journeys', workspaceId] });

  const create = async ({ templateKey, ...fields }: JourneyFields) => {
    // The default stages and lanes, without names: each reader sees them in their own language.
    // A template's own stages and starter notes come in the user's language.
    const created = templateKey
      ? await api.post<JourneyMap>(ws(workspaceId, '/journeys/from-template'), {
          templateKey,
          language: i18n.language,
          ...fields,
        })
      : await api.post<JourneyMap>(ws(workspaceId, '/journeys'), {
          name: fields.name,
          persona: fields.persona,
          description: fields.description,
          acquisitionChannelId: fields.acquisitionChannelId,
          personaId: fields.personaId,
        });
    notifications.show({ color: 'green', message: t('list.created') });
    setCreating(false);
    void refresh();
    navigate(`/w/${workspaceId}/journeys/${created.id}`);
  };

  const update = async (journey: Journey, { templateKey: _template, ...fields }: JourneyFields) => {
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
        <Table.ScrollContainer minWidth={640} type="native">
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
                  <Table.Td>
                    <JourneyPersona journey={journey} />
                  </Table.Td>
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
                        <Menu.Item
                          leftSection={<IconArrowsDiff size={14} />}
                          component={Link}
                          to={`/w/${workspaceId}/journeys/compare?ids=${journey.id}`}
                        >
                          {tp('compare.action')}
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
                              leftSection={<IconCopy size={14} />}
                              onClick={() => void duplicate(journey)}
                              data-testid="journey-duplicate"
                            >
                              {tp('duplicate.action')}
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
        </Table.ScrollContainer>
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
      <JourneysTabs workspaceId={workspaceId} active="maps" />
      <PersonaFilter
        value={personaId}
        onChange={(id) => {
          setParams(id ? { persona: id } : {}, { replace: true });
          setPage(1);
        }}
      />
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
          initial={{ ...BLANK, personaId }}
          isNew
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
            personaId: editing.personaId,
            templateKey: null,
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
