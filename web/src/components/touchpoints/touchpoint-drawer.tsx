/** The drawer to create or edit a touchpoint: details, standards and parts; retire and delete. */
import { Alert, Badge, Button, Drawer, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ws } from '../../api/client';
import type { Page, Touchpoint } from '../../api/types';
import { useCanEdit, useWorkspaceId } from '../../state/session';
import { ErrorState, errorMessage, Loading } from '../states';
import { ObjectTasks } from '../tasks/object-tasks';
import { fieldErrorsOf, isVersionConflict } from './form-errors';
import { STATUS_COLORS, useLabels } from './labels';
import { StandardsPanel } from './standards-panel';
import {
  changedFields,
  createBody,
  EMPTY_FORM,
  formOf,
  missingFields,
  suggestKey,
  TouchpointForm,
  type TouchpointFormState,
} from './touchpoint-form';
import { touchpointKeys } from './workspace-data';

function NewTouchpoint({
  onCreated,
  onCancel,
}: {
  onCreated: (tp: Touchpoint) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(['touchpoints', 'common']);
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<TouchpointFormState>(EMPTY_FORM);
  const [keyEdited, setKeyEdited] = useState(false);
  // What Create found missing, shown at the fields until they are filled in.
  const [missing, setMissing] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () => api.post<Touchpoint>(ws(workspaceId, '/touchpoints'), createBody(form)),
    onSuccess: async (tp) => {
      await queryClient.invalidateQueries({ queryKey: touchpointKeys.all(workspaceId) });
      notifications.show({ color: 'teal', message: t('drawer.created') });
      onCreated(tp);
    },
  });
  const errors = { ...fieldErrorsOf(create.error), ...missing };
  const change = (changes: Partial<TouchpointFormState>) => {
    if ('key' in changes) setKeyEdited(true);
    // Until the key is typed by hand it follows the name.
    const key = !keyEdited && changes.name !== undefined ? { key: suggestKey(changes.name) } : {};
    setMissing((current) => {
      const left = { ...current };
      for (const field of Object.keys({ ...changes, ...key })) delete left[field];
      return left;
    });
    setForm((current) => ({ ...current, ...changes, ...key }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = missingFields(form, t('field.required'));
    setMissing(found);
    if (Object.keys(found).length === 0) create.mutate();
  };
  return (
    // The fields' own messages, not the browser's bubbles, say what is missing.
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <TouchpointForm form={form} onChange={change} errors={errors} readOnly={false} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:action.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="touchpoint-save">
            {t('common:action.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditTouchpoint({ touchpoint, onClose }: { touchpoint: Touchpoint; onClose: () => void }) {
  const { t } = useTranslation(['touchpoints', 'common']);
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const [form, setForm] = useState<TouchpointFormState>(() => formOf(touchpoint));
  const [conflict, setConflict] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // A reload (after a conflict or a retire) shows the stored state.
  useEffect(() => setForm(formOf(touchpoint)), [touchpoint]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: touchpointKeys.all(workspaceId) });
  const onError = async (error: unknown) => {
    if (isVersionConflict(error)) {
      setConflict(true);
      await refresh();
    }
  };
  const path = ws(workspaceId, `/touchpoints/${touchpoint.id}`);
  const save = useMutation({
    mutationFn: () =>
      api.patch<Touchpoint>(path, { ...changedFields(form, touchpoint), version: touchpoint.version }),
    onSuccess: async () => {
      setConflict(false);
      await refresh();
      notifications.show({ color: 'teal', message: t('common:state.saved') });
    },
    onError,
  });
  const setStatus = useMutation({
    mutationFn: (status: string) => api.patch<Touchpoint>(path, { status, version: touchpoint.version }),
    onSuccess: async () => {
      setConflict(false);
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => api.delete(path),
    onSuccess: async () => {
      notifications.show({ message: t('common:state.deleted') });
      await refresh();
      onClose();
    },
  });
  const errors = isVersionConflict(save.error) ? {} : fieldErrorsOf(save.error);
  const deleteRefused = remove.error instanceof ApiError && remove.error.status === 409;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const dirty = Object.keys(changedFields(form, touchpoint)).length > 0;

  return (
    <form onSubmit={submit}>
      <Stack>
        {conflict && (
          <Alert color="yellow" role="alert" data-testid="conflict-alert">
            {t('common:state.conflict')}
          </Alert>
        )}
        {save.isError && !isVersionConflict(save.error) && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <TouchpointForm
          form={form}
          onChange={(changes) => setForm((current) => ({ ...current, ...changes }))}
          errors={errors}
          readOnly={!canEdit}
          self={touchpoint.id}
        />
        {canEdit && (
          <>
            {deleteRefused && (
              <Alert
                color="orange"
                role="alert"
                title={t('drawer.deleteRefused')}
                data-testid="delete-refused"
              >
                <Text size="sm">{errorMessage(remove.error)}</Text>
                {touchpoint.status !== 'retired' && (
                  <Button
                    mt="sm"
                    size="xs"
                    variant="light"
                    color="orange"
                    leftSection={<IconArchive size={14} />}
                    loading={setStatus.isPending}
                    onClick={() => setStatus.mutate('retired', { onSuccess: () => remove.reset() })}
                  >
                    {t('drawer.retireInstead')}
                  </Button>
                )}
              </Alert>
            )}
            {remove.isError && !deleteRefused && (
              <Alert color="red" role="alert">
                {errorMessage(remove.error)}
              </Alert>
            )}
            {confirmDelete && (
              <Alert color="red" role="alertdialog" data-testid="confirm-delete">
                <Text size="sm">{t('common:confirmDelete', { name: touchpoint.name })}</Text>
                <Group mt="sm" gap="xs">
                  <Button
                    size="xs"
                    color="red"
                    loading={remove.isPending}
                    onClick={() => {
                      setConfirmDelete(false);
                      remove.mutate();
                    }}
                  >
                    {t('common:action.delete')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
                    {t('common:action.cancel')}
                  </Button>
                </Group>
              </Alert>
            )}
            <Group justify="space-between">
              <Group gap="xs">
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => {
                    remove.reset();
                    setConfirmDelete(true);
                  }}
                >
                  {t('common:action.delete')}
                </Button>
                {touchpoint.status === 'retired' ? (
                  <Button
                    variant="subtle"
                    loading={setStatus.isPending}
                    onClick={() => setStatus.mutate('active')}
                  >
                    {t('drawer.reactivate')}
                  </Button>
                ) : (
                  <Button
                    variant="subtle"
                    color="gray"
                    title={t('drawer.retireHint')}
                    leftSection={<IconArchive size={16} />}
                    loading={setStatus.isPending}
                    onClick={() => setStatus.mutate('retired')}
                  >
                    {t('drawer.retire')}
                  </Button>
                )}
              </Group>
              <Group gap="xs">
                <Button variant="default" onClick={onClose}>
                  {t('common:action.close')}
                </Button>
                <Button
                  type="submit"
                  loading={save.isPending}
                  disabled={!dirty}
                  data-testid="touchpoint-save"
                >
                  {t('common:action.save')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}

function Parts({ touchpoint, onOpen }: { touchpoint: Touchpoint; onOpen: (id: string) => void }) {
  const { t } = useTranslation(['touchpoints', 'common', 'tasks']);
  const workspaceId = useWorkspaceId();
  const labels = useLabels();
  const parts = useQuery({
    queryKey: touchpointKeys.children(workspaceId, touchpoint.id),
    queryFn: () =>
      api.get<Page<Touchpoint>>(ws(workspaceId, `/touchpoints/${touchpoint.id}/children`), { limit: 500 }),
  });
  if (parts.isPending) return <Loading />;
  if (parts.isError) return <ErrorState error={parts.error} onRetry={() => void parts.refetch()} />;
  if (!parts.data.items.length)
    return (
      <Text c="dimmed" size="sm">
        {t('drawer.noParts')}
      </Text>
    );
  return (
    <Stack gap={4}>
      {parts.data.items.map((part) => (
        <Button
          key={part.id}
          variant="subtle"
          justify="space-between"
          fullWidth
          onClick={() => onOpen(part.id)}
          rightSection={
            <Text size="xs" c="dimmed">
              {labels.stage(part.stage)}
            </Text>
          }
        >
          {part.name}
        </Button>
      ))}
    </Stack>
  );
}

export function TouchpointDrawer({
  open,
  onOpen,
  onClose,
}: {
  /** Id of the touchpoint, `new` to create one, null when closed. */
  open: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['touchpoints', 'common', 'tasks']);
  const workspaceId = useWorkspaceId();
  const labels = useLabels();
  const [tab, setTab] = useState<string | null>('details');
  const id = open && open !== 'new' ? open : null;
  const touchpoint = useQuery({
    queryKey: touchpointKeys.one(workspaceId, id ?? ''),
    queryFn: () => api.get<Touchpoint>(ws(workspaceId, `/touchpoints/${id}`)),
    enabled: id !== null,
  });
  useEffect(() => {
    if (open) setTab('details');
  }, [open]);

  const title =
    open === 'new' ? (
      t('drawer.newTitle')
    ) : touchpoint.data ? (
      <Group gap="sm">
        <span>{touchpoint.data.name}</span>
        <Badge variant="light" color={STATUS_COLORS[touchpoint.data.status]} tt="none">
          {labels.status(touchpoint.data.status)}
        </Badge>
      </Group>
    ) : (
      ''
    );
  return (
    <Drawer
      opened={open !== null}
      onClose={onClose}
      position="right"
      size={720}
      title={<Title order={3}>{title}</Title>}
      data-testid="touchpoint-drawer"
    >
      {open === 'new' && <NewTouchpoint onCreated={(tp) => onOpen(tp.id)} onCancel={onClose} />}
      {id !== null && touchpoint.isPending && <Loading />}
      {id !== null && touchpoint.isError && (
        <ErrorState error={touchpoint.error} onRetry={() => void touchpoint.refetch()} />
      )}
      {id !== null && touchpoint.data && (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="details">{t('drawer.details')}</Tabs.Tab>
            <Tabs.Tab value="standards" data-testid="tab-standards">
              {t('drawer.standards')}
            </Tabs.Tab>
            <Tabs.Tab value="parts">{t('drawer.parts')}</Tabs.Tab>
            <Tabs.Tab value="tasks" data-testid="tab-tasks">
              {t('tasks:title')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <EditTouchpoint touchpoint={touchpoint.data} onClose={onClose} />
          </Tabs.Panel>
          <Tabs.Panel value="standards">
            <StandardsPanel touchpoint={touchpoint.data} />
          </Tabs.Panel>
          <Tabs.Panel value="parts">
            <Parts touchpoint={touchpoint.data} onOpen={onOpen} />
          </Tabs.Panel>
          <Tabs.Panel value="tasks">
            <ObjectTasks
              workspaceId={workspaceId}
              filter={{ touchpointId: touchpoint.data.id }}
              targets={{ touchpointId: touchpoint.data.id }}
            />
          </Tabs.Panel>
        </Tabs>
      )}
    </Drawer>
  );
}
