/**
 * `/w/:id/chains/:chainId`: the chain editor (links, roles, next chain, window) saved with the
 * version read, and the conversion funnel of the saved chain below it.
 */
import {
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { ApiError, api, ws } from '../api/client';
import type { Chain, ChainPatch } from '../api/types';
import { ChainFunnel } from '../components/chains/chain-funnel';
import { DeleteChainModal } from '../components/chains/delete-chain';
import { type EditableLink, LinkEditor, toEditable } from '../components/chains/link-editor';
import { chainKeys, useChain, useChains, useJourneys } from '../components/chains/queries';
import { PageHeader } from '../components/layout';
import { QueryState } from '../components/states';
import { ChainTasks } from '../components/tasks/chain-tasks';
import { useCanEdit, useWorkspaceId } from '../state/session';

interface ChainForm {
  version: number;
  name: string;
  description: string;
  journeyId: string | null;
  nextChainId: string | null;
  windowDays: number | string;
  links: EditableLink[];
}

function formOf(chain: Chain): ChainForm {
  return {
    version: chain.version,
    name: chain.name,
    description: chain.description,
    journeyId: chain.journeyId,
    nextChainId: chain.nextChainId,
    windowDays: chain.windowDays,
    links: toEditable(chain.links),
  };
}

/** What the form would save, comparable with the chain as loaded. */
function comparable(form: Omit<ChainForm, 'links'> & { links: { touchpointId?: string; role: string }[] }) {
  return JSON.stringify([
    form.name,
    form.description,
    form.journeyId,
    form.nextChainId,
    Number(form.windowDays),
    form.links.map((l) => [l.touchpointId ?? null, l.role]),
  ]);
}

function ChainEditor({ chain }: { chain: Chain }) {
  const { t } = useTranslation('chains');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const journeys = useJourneys(workspaceId);
  const chains = useChains(workspaceId);
  const [form, setForm] = useState<ChainForm>(() => formOf(chain));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState(false);

  // A newer version (saved here, or reloaded after a conflict) replaces the form.
  useEffect(() => {
    setForm((current) => (current.version === chain.version ? current : formOf(chain)));
  }, [chain]);

  const save = useMutation({
    mutationFn: (body: ChainPatch) => api.patch<Chain>(ws(workspaceId, `/chains/${chain.id}`), body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(chainKeys.one(workspaceId, chain.id), saved);
      setForm(formOf(saved));
      notifications.show({ color: 'green', message: tc('state.saved') });
      await queryClient.invalidateQueries({ queryKey: chainKeys.all(workspaceId) });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        notifications.show({ color: 'orange', message: tc('state.conflict'), autoClose: 10_000 });
        await queryClient.invalidateQueries({ queryKey: chainKeys.one(workspaceId, chain.id) });
      }
    },
  });
  const apiErrors =
    save.error instanceof ApiError && save.error.status === 400 ? save.error.fieldErrors() : {};
  const errors = { ...apiErrors, ...localErrors };
  const unmatched =
    save.error && !(save.error instanceof ApiError && [400, 409].includes(save.error.status))
      ? save.error.message
      : undefined;

  const change = (patch: Partial<ChainForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setLocalErrors({});
    if (save.isError) save.reset();
  };

  const dirty = useMemo(
    () =>
      comparable({
        ...form,
        links: form.links.map((l) => ({ touchpointId: l.touchpoint?.id, role: l.role })),
      }) !== comparable({ ...formOf(chain), links: chain.links }),
    [form, chain],
  );

  const submit = () => {
    const missing: Record<string, string> = {};
    form.links.forEach((link, i) => {
      if (!link.touchpoint) missing[`links.${i}.touchpointId`] = t('editor.pickTouchpoint');
    });
    setLocalErrors(missing);
    if (Object.keys(missing).length) return;
    save.mutate({
      version: form.version,
      name: form.name,
      description: form.description,
      journeyId: form.journeyId,
      nextChainId: form.nextChainId,
      windowDays: Number(form.windowDays),
      links: form.links.map((l) => ({ touchpointId: l.touchpoint?.id ?? '', role: l.role })),
    });
  };

  // Leaving the page (not changing the funnel's period) with unsaved changes asks first.
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const otherChains = (chains.data?.items ?? []).filter((c) => c.id !== chain.id);
  return (
    <div data-testid="page-chain">
      <Anchor component={Link} to={`/w/${workspaceId}/chains`} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('editor.back')}
        </Group>
      </Anchor>
      <PageHeader title={chain.name}>
        {canEdit && (
          <>
            {dirty && (
              <Text size="sm" c="orange" data-testid="unsaved">
                {t('editor.unsaved')}
              </Text>
            )}
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDeleting(true)}
            >
              {tc('action.delete')}
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              onClick={submit}
              loading={save.isPending}
              disabled={!dirty}
              data-testid="save-chain"
            >
              {tc('action.save')}
            </Button>
          </>
        )}
      </PageHeader>
      {(unmatched || (save.isError && Object.keys(apiErrors).length > 0)) && (
        <Text c="red" size="sm" mb="sm" role="alert">
          {unmatched ?? t('editor.saveFailed')}
        </Text>
      )}
      <Grid gap="md" mb="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder h="100%">
            <Title order={4}>{t('editor.links')}</Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('editor.linksHint')}
            </Text>
            <LinkEditor
              workspaceId={workspaceId}
              links={form.links}
              onChange={(links) => change({ links })}
              errors={errors}
              readOnly={!canEdit}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder h="100%">
            <Title order={4} mb="sm">
              {t('editor.details')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('editor.name')}
                required
                disabled={!canEdit}
                value={form.name}
                onChange={(e) => change({ name: e.currentTarget.value })}
                error={errors.name}
              />
              <Select
                label={t('editor.journey')}
                placeholder={t('create.noJourney')}
                clearable
                searchable
                disabled={!canEdit}
                value={form.journeyId}
                onChange={(journeyId) => change({ journeyId })}
                data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
                error={errors.journeyId}
              />
              <Select
                label={t('editor.nextChain')}
                description={t('editor.nextChainHint')}
                placeholder={t('editor.noNextChain')}
                clearable
                searchable
                disabled={!canEdit}
                value={form.nextChainId}
                onChange={(nextChainId) => change({ nextChainId })}
                data={otherChains.map((c) => ({ value: c.id, label: c.name }))}
                error={errors.nextChainId}
                data-testid="next-chain"
              />
              <NumberInput
                label={t('editor.windowDays')}
                description={t('editor.windowHint')}
                min={1}
                max={3650}
                allowDecimal={false}
                disabled={!canEdit}
                value={form.windowDays}
                onChange={(windowDays) => change({ windowDays })}
                error={errors.windowDays}
              />
              <Textarea
                label={t('editor.description')}
                autosize
                minRows={2}
                maxRows={6}
                disabled={!canEdit}
                value={form.description}
                onChange={(e) => change({ description: e.currentTarget.value })}
                error={errors.description}
              />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <ChainTasks workspaceId={workspaceId} chain={chain} />
      <ChainFunnel workspaceId={workspaceId} chain={chain} unsaved={dirty} />
      <DeleteChainModal
        workspaceId={workspaceId}
        chain={deleting ? chain : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          leaving.current = true;
          navigate(`/w/${workspaceId}/chains`);
        }}
      />
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('editor.leaveTitle')}
      >
        <Text size="sm">{t('editor.leaveText')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            {t('editor.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()} data-testid="discard-changes">
            {t('editor.leave')}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}

export function ChainPage() {
  const { chainId = '' } = useParams();
  const workspaceId = useWorkspaceId();
  const chain = useChain(workspaceId, chainId);
  return <QueryState query={chain}>{(data) => <ChainEditor key={data.id} chain={data} />}</QueryState>;
}
