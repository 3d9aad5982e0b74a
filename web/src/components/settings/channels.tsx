/** Channels: the built-in reference list and the workspace's own; add, edit, delete own ones. */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ws } from '../../api/client';
import type { Channel, Page } from '../../api/types';
import { useCanEdit, useWorkspaceId } from '../../state/session';
import { ConfirmModal } from '../confirm-modal';
import { DialogActions } from '../dialog-actions';
import { useNames } from '../names';
import { Empty, QueryState } from '../states';

export const channelsKey = (workspaceId: string) => ['channels', workspaceId] as const;

/** Create (no channel given) or edit a channel; a built-in one keeps its key. */
function ChannelModal({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const names = useNames();
  // The name as the reader sees it: a built-in channel not renamed shows its translated name.
  const shown = channel ? names.channel(channel) : '';
  const [key, setKey] = useState(channel?.key ?? '');
  const [name, setName] = useState(shown);
  const [online, setOnline] = useState(channel?.online ?? true);
  const save = useMutation({
    mutationFn: () =>
      channel
        ? api.patch<Channel>(ws(workspaceId, `/channels/${channel.id}`), {
            version: channel.version,
            // Unchanged: a built-in channel keeps its default name; emptied: goes back to it.
            ...(name.trim() !== shown ? { name } : {}),
            online,
            ...(channel.builtin ? {} : { key }),
          })
        : api.post<Channel>(ws(workspaceId, '/channels'), { key, name, online }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: tc('state.saved') });
      await queryClient.invalidateQueries({ queryKey: ['channels', workspaceId] });
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409 && channel) {
        notifications.show({ color: 'orange', message: tc('state.conflict') });
        await queryClient.invalidateQueries({ queryKey: ['channels', workspaceId] });
        onClose();
      }
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const fieldErrors = error?.fieldErrors() ?? {};
  const general = save.isError && !fieldErrors.key && !fieldErrors.name ? save.error.message : null;
  return (
    <Modal opened onClose={onClose} title={channel ? t('channels.editTitle') : t('channels.addTitle')}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <TextInput
          label={t('channels.name')}
          required={!channel?.builtin}
          description={channel?.builtin ? t('channels.builtinName') : undefined}
          data-testid="channel-name"
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
        />
        <TextInput
          label={t('channels.key')}
          description={channel?.builtin ? t('channels.builtinKey') : t('channels.keyHint')}
          required
          readOnly={channel?.builtin}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          error={fieldErrors.key}
        />
        <Switch
          label={t('channels.online')}
          checked={online}
          onChange={(e) => setOnline(e.currentTarget.checked)}
        />
        <DialogActions
          error={general}
          onCancel={onClose}
          label={tc('action.save')}
          pending={save.isPending}
          testId="channel-save"
        />
      </Stack>
    </Modal>
  );
}

function DeleteChannelModal({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const { t: tc } = useTranslation();
  const names = useNames();
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(ws(workspaceId, `/channels/${channel.id}`)),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: tc('state.deleted') });
      await queryClient.invalidateQueries({ queryKey: ['channels', workspaceId] });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={tc('action.delete')}
      message={tc('confirmDelete', { name: names.channel(channel) })}
      confirmLabel={tc('action.delete')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}

export function Channels() {
  const { t } = useTranslation('settings');
  const { t: tc, i18n } = useTranslation();
  const names = useNames();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Channel | null>(null);
  const query = useQuery({
    queryKey: [...channelsKey(workspaceId), 'settings'],
    queryFn: () => api.get<Page<Channel>>(ws(workspaceId, '/channels'), { limit: 500, sort: 'name' }),
  });
  const add = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="channel-add">
      {t('channels.add')}
    </Button>
  );
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="start">
          <div>
            <Title order={4}>{t('channels.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('channels.intro')}
            </Text>
          </div>
          {canEdit && add}
        </Group>
        <QueryState query={query}>
          {(page) => {
            // Own channels first: they are the ones a team adds and edits; by name as shown.
            const channels = page.items
              .map((channel) => ({ ...channel, shown: names.channel(channel) }))
              .sort(
                (a, b) =>
                  Number(a.builtin) - Number(b.builtin) || a.shown.localeCompare(b.shown, i18n.language),
              );
            return channels.length === 0 ? (
              <Empty title={t('channels.empty')} action={canEdit ? add : undefined}>
                {t('channels.emptyHint')}
              </Empty>
            ) : (
              <Table withTableBorder highlightOnHover data-testid="channels-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('channels.name')}</Table.Th>
                    <Table.Th>{t('channels.key')}</Table.Th>
                    <Table.Th>{t('channels.kind')}</Table.Th>
                    <Table.Th>{t('channels.origin')}</Table.Th>
                    {canEdit && <Table.Th w={170} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {channels.map((channel) => (
                    <Table.Tr key={channel.id} data-testid={`channel-${channel.key}`}>
                      <Table.Td fw={500}>{channel.shown}</Table.Td>
                      <Table.Td>
                        <code>{channel.key}</code>
                      </Table.Td>
                      <Table.Td>
                        {channel.online ? t('channels.onlineShort') : t('channels.offlineShort')}
                      </Table.Td>
                      <Table.Td>
                        {channel.builtin ? (
                          <Badge size="sm" variant="light" color="gray">
                            {t('channels.builtin')}
                          </Badge>
                        ) : (
                          <Badge size="sm" variant="light">
                            {t('channels.own')}
                          </Badge>
                        )}
                      </Table.Td>
                      {canEdit && (
                        <Table.Td ta="right">
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() => setEditing(channel)}
                              aria-label={`${tc('action.edit')}: ${channel.shown}`}
                            >
                              {tc('action.edit')}
                            </Button>
                            {!channel.builtin && (
                              <Button
                                size="xs"
                                variant="subtle"
                                color="red"
                                onClick={() => setDeleting(channel)}
                                aria-label={`${tc('action.delete')}: ${channel.shown}`}
                              >
                                {tc('action.delete')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            );
          }}
        </QueryState>
      </Stack>
      {editing && (
        <ChannelModal channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {deleting && <DeleteChannelModal channel={deleting} onClose={() => setDeleting(null)} />}
    </Card>
  );
}
