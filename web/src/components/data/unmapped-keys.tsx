/** Touchpoint keys that recorded data named but the catalog does not know: map them or create one. */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ZMapUnmappedResult } from '../../../../src/api/interactions.schemas.js';
import { ApiError, api, ws } from '../../api/client';
import type { Channel, Page, Touchpoint, UnmappedTouchpoint } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useCanEdit, useWorkspaceId } from '../../state/session';
import { DialogActions } from '../dialog-actions';
import { useNames } from '../names';
import { Empty, QueryState } from '../states';

type MapResult = z.output<typeof ZMapUnmappedResult>;

export const unmappedKey = (workspaceId: string) => ['unmapped-touchpoints', workspaceId] as const;

/** "price-list_2" → "Price list 2": a starting name for a touchpoint created from a key. */
function nameFromKey(key: string): string {
  const words = key.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function MapKeyModal({ item, onClose }: { item: UnmappedTouchpoint; onClose: () => void }) {
  const { t } = useTranslation('data');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'existing' | 'create'>(item.touchpointId ? 'existing' : 'create');
  const [touchpointId, setTouchpointId] = useState<string | null>(item.touchpointId);
  const [name, setName] = useState(nameFromKey(item.touchpointKey));
  const [channelId, setChannelId] = useState<string | null>(null);
  const names = useNames();
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'all-for-mapping'],
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { limit: 500, sort: 'name' }),
  });
  const channels = useQuery({
    queryKey: ['channels', workspaceId, 'all'],
    queryFn: () => api.get<Page<Channel>>(ws(workspaceId, '/channels'), { limit: 500, sort: 'name' }),
  });
  const map = useMutation({
    mutationFn: () =>
      api.post<MapResult>(
        ws(workspaceId, '/unmapped-touchpoints/map'),
        mode === 'existing'
          ? { touchpointKey: item.touchpointKey, touchpointId }
          : { touchpointKey: item.touchpointKey, create: { name, ...(channelId ? { channelId } : {}) } },
      ),
    onSuccess: async (result) => {
      const recorded = result.replayed.interactions.accepted + result.replayed.feedback.accepted;
      notifications.show({
        color: 'green',
        message: t('unmapped.mapped', {
          key: item.touchpointKey,
          name: result.touchpoint.name,
          recorded: f.number(recorded),
        }),
      });
      await queryClient.invalidateQueries({ queryKey: unmappedKey(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: ['touchpoints', workspaceId] });
      onClose();
    },
  });
  const error = map.error instanceof ApiError ? map.error : null;
  const fieldError = (field: string) => error?.fieldMessage(field) ?? error?.fieldMessage(`create.${field}`);
  const general = map.error && !fieldError('touchpointId') && !fieldError('name') ? map.error.message : null;
  return (
    <Modal opened onClose={onClose} title={t('unmapped.mapTitle', { key: item.touchpointKey })} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('unmapped.mapIntro', { records: f.number(item.count) })}
        </Text>
        <SegmentedControl
          aria-label={t('unmapped.how')}
          value={mode}
          onChange={(v) => setMode(v as 'existing' | 'create')}
          data={[
            { value: 'existing', label: t('unmapped.toExisting') },
            { value: 'create', label: t('unmapped.createNew') },
          ]}
        />
        {mode === 'existing' ? (
          <Select
            label={t('unmapped.touchpoint')}
            placeholder={t('unmapped.touchpointPlaceholder')}
            searchable
            nothingFoundMessage={tc('state.empty')}
            data={(touchpoints.data?.items ?? []).map((tp) => ({
              value: tp.id,
              label: `${tp.name} (${tp.key})`,
            }))}
            value={touchpointId}
            onChange={setTouchpointId}
            error={fieldError('touchpointId') ?? (touchpoints.isError ? touchpoints.error.message : null)}
            data-testid="map-key-touchpoint"
          />
        ) : (
          <>
            <TextInput
              label={t('unmapped.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError('name')}
            />
            <TextInput label={t('unmapped.key')} value={item.touchpointKey} readOnly variant="filled" />
            <Select
              label={t('unmapped.channel')}
              clearable
              searchable
              data={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: names.channel(c) }))}
              value={channelId}
              onChange={setChannelId}
              error={fieldError('channelId')}
            />
          </>
        )}
        <DialogActions
          error={general}
          onCancel={onClose}
          label={mode === 'existing' ? t('unmapped.mapSubmit') : t('unmapped.createSubmit')}
          onAction={() => map.mutate()}
          pending={map.isPending}
          disabled={mode === 'existing' ? !touchpointId : !name.trim()}
          testId="map-submit"
        />
      </Stack>
    </Modal>
  );
}

/** The list of unmapped keys with what waits under each. */
export function UnmappedKeys({ onUpload }: { onUpload?: () => void }) {
  const { t } = useTranslation('data');
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [mapping, setMapping] = useState<UnmappedTouchpoint | null>(null);
  const query = useQuery({
    queryKey: unmappedKey(workspaceId),
    queryFn: () =>
      api.get<{ items: UnmappedTouchpoint[] }>(ws(workspaceId, '/unmapped-touchpoints')).then((r) => r.items),
  });
  return (
    <Card withBorder>
      <Stack>
        <div>
          <Title order={4}>{t('unmapped.title')}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('unmapped.intro')}
          </Text>
        </div>
        <QueryState query={query}>
          {(items) =>
            items.length === 0 ? (
              <Empty
                title={t('unmapped.empty')}
                action={
                  onUpload && canEdit ? (
                    <Button variant="light" onClick={onUpload}>
                      {t('unmapped.emptyAction')}
                    </Button>
                  ) : undefined
                }
              >
                {t('unmapped.emptyHint')}
              </Empty>
            ) : (
              <Table withTableBorder highlightOnHover data-testid="unmapped-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('unmapped.key')}</Table.Th>
                    <Table.Th ta="right">{t('unmapped.count')}</Table.Th>
                    <Table.Th>{t('unmapped.firstSeen')}</Table.Th>
                    <Table.Th>{t('unmapped.lastSeen')}</Table.Th>
                    {canEdit && <Table.Th w={160} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.touchpointKey} data-testid={`unmapped-${item.touchpointKey}`}>
                      <Table.Td>
                        <Group gap="xs">
                          <code>{item.touchpointKey}</code>
                          {item.touchpointId && (
                            <Badge size="sm" variant="light">
                              {t('unmapped.resolves')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{f.number(item.count)}</Table.Td>
                      <Table.Td>{f.dateTime(item.firstSeen)}</Table.Td>
                      <Table.Td>{f.dateTime(item.lastSeen)}</Table.Td>
                      {canEdit && (
                        <Table.Td ta="right">
                          <Button
                            size="xs"
                            variant="light"
                            rightSection={<IconArrowRight size={14} />}
                            onClick={() => setMapping(item)}
                            aria-label={t('unmapped.mapTitle', { key: item.touchpointKey })}
                          >
                            {t('unmapped.map')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
      {mapping && <MapKeyModal item={mapping} onClose={() => setMapping(null)} />}
    </Card>
  );
}
