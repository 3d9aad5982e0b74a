/** The template library: reference touchpoints by stage and channel, each added with one click. */
import { Badge, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TouchpointTemplate } from '../../../../src/domain/touchpoint-templates';
import { ApiError, api, ws } from '../../api/client';
import type { Touchpoint } from '../../api/types';
import { useChannels } from '../../api/workspace-lists';
import { useWorkspaceId } from '../../state/session';
import { Empty, ErrorState, errorMessage, Loading } from '../states';
import { DEFAULT_STAGE_KEYS, useLabels } from './labels';
import { touchpointKeys, useTouchpointIndex } from './workspace-data';

// The library is data of its own: loaded when the modal first opens, not with the page.
const loadLibrary = () => import('../../../../src/domain/touchpoint-templates');

function TemplateRow({
  template,
  added,
  onAdd,
  pending,
  error,
}: {
  template: TouchpointTemplate;
  added: boolean;
  onAdd: () => void;
  pending: boolean;
  error?: string;
}) {
  const { t, i18n } = useTranslation('templates');
  const labels = useLabels();
  const text = template.text[i18n.language as keyof TouchpointTemplate['text']] ?? template.text.en;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      py={6}
      px="xs"
      data-testid={`tpl-${template.key}`}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <div style={{ minWidth: 0 }}>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" fw={500}>
            {text.name}
          </Text>
          <Badge size="xs" variant="light" color="gray" tt="none">
            {labels.direction(template.direction)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {text.description}
        </Text>
        {error && (
          <Text size="xs" c="red" role="alert">
            {error}
          </Text>
        )}
      </div>
      {added ? (
        <Button
          size="xs"
          variant="light"
          color="teal"
          leftSection={<IconCheck size={14} />}
          disabled
          miw={110}
        >
          {t('added')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          loading={pending}
          onClick={onAdd}
          aria-label={t('addLabel', { name: text.name })}
          miw={110}
        >
          {t('add')}
        </Button>
      )}
    </Group>
  );
}

function Library({ library }: { library: readonly TouchpointTemplate[] }) {
  const { t, i18n } = useTranslation('templates');
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const labels = useLabels();
  const channels = useChannels();
  const index = useTouchpointIndex();
  const [stage, setStage] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [justAdded, setJustAdded] = useState<Set<string>>(() => new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  const language = i18n.language as keyof TouchpointTemplate['text'];
  const textOf = (tpl: TouchpointTemplate) => tpl.text[language] ?? tpl.text.en;

  const existing = useMemo(() => new Set((index.data ?? []).map((tp) => tp.key)), [index.data]);
  const add = useMutation({
    mutationFn: (tpl: TouchpointTemplate) => {
      const text = textOf(tpl);
      const channelId = channels.data?.find((c) => c.key === tpl.channel)?.id;
      return api.post<Touchpoint>(ws(workspaceId, '/touchpoints'), {
        key: tpl.key,
        name: text.name,
        description: text.description,
        stage: tpl.stage,
        direction: tpl.direction,
        ...(channelId ? { channelId } : {}),
      });
    },
    onMutate: (tpl) => setPending((current) => new Set(current).add(tpl.key)),
    onSettled: (_data, _error, tpl) =>
      setPending((current) => {
        const next = new Set(current);
        next.delete(tpl.key);
        return next;
      }),
    onSuccess: (_tp, tpl) => {
      setJustAdded((current) => new Set(current).add(tpl.key));
      void queryClient.invalidateQueries({ queryKey: touchpointKeys.all(workspaceId) });
    },
    onError: (error, tpl) => {
      // Its key is taken: the touchpoint is already in the registry.
      if (error instanceof ApiError && error.status === 409) {
        setJustAdded((current) => new Set(current).add(tpl.key));
        return;
      }
      setErrors((current) => ({ ...current, [tpl.key]: errorMessage(error) }));
    },
  });

  const needle = search.trim().toLocaleLowerCase(i18n.language);
  const shown = library.filter((tpl) => {
    if (stage && tpl.stage !== stage) return false;
    if (channel && tpl.channel !== channel) return false;
    if (!needle) return true;
    const text = textOf(tpl);
    return `${text.name} ${text.description}`.toLocaleLowerCase(i18n.language).includes(needle);
  });
  const usedChannels = [...new Set(library.map((tpl) => tpl.channel))];

  if (channels.isPending || index.isPending) return <Loading />;
  if (channels.isError) return <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />;
  if (index.isError) return <ErrorState error={index.error} onRetry={() => void index.refetch()} />;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <Group align="end" gap="sm">
        <TextInput
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
          data-testid="template-search"
          data-autofocus
        />
        <Select
          label={t('stage')}
          placeholder={t('allStages')}
          clearable
          data={DEFAULT_STAGE_KEYS.map((key) => ({ value: key, label: labels.stage(key) }))}
          value={stage}
          onChange={setStage}
          w={220}
          data-testid="template-stage"
        />
        <Select
          label={t('channel')}
          placeholder={t('allChannels')}
          clearable
          searchable
          data={usedChannels.map((key) => ({ value: key, label: labels.channelKey(key) }))}
          value={channel}
          onChange={setChannel}
          w={240}
          data-testid="template-channel"
        />
        <Text size="sm" c="dimmed" ml="auto" data-testid="template-count">
          {t('shown', { count: shown.length })}
        </Text>
      </Group>
      {shown.length === 0 && <Empty title={t('noMatch')} />}
      {DEFAULT_STAGE_KEYS.map((stageKey) => {
        const inStage = shown.filter((tpl) => tpl.stage === stageKey);
        if (!inStage.length) return null;
        const byChannel = [...new Set(inStage.map((tpl) => tpl.channel))];
        return (
          <Stack key={stageKey} gap="xs">
            <Title order={4}>{labels.stage(stageKey)}</Title>
            {byChannel.map((channelKey) => (
              <Paper key={channelKey} withBorder radius="sm">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" pt={6}>
                  {labels.channelKey(channelKey)}
                </Text>
                {inStage
                  .filter((tpl) => tpl.channel === channelKey)
                  .map((tpl) => (
                    <TemplateRow
                      key={tpl.key}
                      template={tpl}
                      added={existing.has(tpl.key) || justAdded.has(tpl.key)}
                      pending={pending.has(tpl.key)}
                      error={errors[tpl.key]}
                      onAdd={() => add.mutate(tpl)}
                    />
                  ))}
              </Paper>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

export function TemplateLibrary({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('templates');
  const library = useQuery({
    queryKey: ['touchpoint-templates'],
    queryFn: async () => (await loadLibrary()).TOUCHPOINT_TEMPLATES,
    enabled: opened,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Title order={3}>{t('title')}</Title>}
      size={960}
      data-testid="template-library"
    >
      {library.isPending ? (
        <Loading />
      ) : library.isError ? (
        <ErrorState error={library.error} onRetry={() => void library.refetch()} />
      ) : (
        <Library library={library.data} />
      )}
    </Modal>
  );
}
