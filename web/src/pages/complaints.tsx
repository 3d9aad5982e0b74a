/**
 * `/w/:id/complaints`: the complaint register as a board by status or as a list, all or "my
 * complaints", filtered by severity, touchpoint, owner, source, overdue and text. The filters, the
 * view and the open complaint live in the URL, so a notification or a task can link to one.
 */
import {
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { COMPLAINT_SEVERITIES, COMPLAINT_SOURCES } from '../../../src/domain/complaint-rules';
import { ws } from '../api/client';
import {
  type Complaint,
  type ComplaintFilter,
  type ComplaintSeverity,
  type ComplaintSource,
  useComplaints,
  useCreateComplaint,
} from '../api/complaints';
import type { Member, Touchpoint } from '../api/types';
import { fetchAll, useMembers } from '../api/workspace-lists';
import { ComplaintBoard, ComplaintList, useMoveComplaint } from '../components/complaints/complaint-board';
import { ComplaintDrawer } from '../components/complaints/complaint-drawer';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import { fieldErrorsOf } from '../components/touchpoints/form-errors';
import { useCanEdit, useWorkspaceId } from '../state/session';

type View = 'board' | 'list';

function useTouchpointNames(workspaceId: string) {
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'all-for-tasks'],
    queryFn: () => fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { sort: 'name' }),
    staleTime: 30_000,
  });
  return useMemo(() => new Map((touchpoints.data ?? []).map((tp) => [tp.id, tp.name])), [touchpoints.data]);
}

function CreateDialog({
  workspaceId,
  opened,
  onClose,
  onCreated,
  touchpoints,
  members,
}: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (complaint: Complaint) => void;
  touchpoints: Map<string, string>;
  members: Member[];
}) {
  const { t } = useTranslation('complaints');
  const create = useCreateComplaint(workspaceId);
  const [text, setText] = useState('');
  const [touchpointId, setTouchpointId] = useState<string | null>(null);
  const [customer, setCustomer] = useState('');
  const [severity, setSeverity] = useState<ComplaintSeverity>('medium');
  const [ownerUserId, setOwnerUserId] = useState<string | null>(null);
  const errors = fieldErrorsOf(create.error);
  const close = () => {
    create.reset();
    setText('');
    setTouchpointId(null);
    setCustomer('');
    setSeverity('medium');
    setOwnerUserId(null);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        text,
        touchpointId,
        severity,
        ownerUserId,
        ...(customer.trim() ? { customer: customer.trim() } : {}),
      },
      {
        onSuccess: (complaint) => {
          close();
          onCreated(complaint);
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('dialog.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="complaint-create-form">
        <Stack gap="sm">
          <Textarea
            label={t('field.text')}
            required
            autosize
            minRows={3}
            value={text}
            error={errors.text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="complaint-create-text"
          />
          <Select
            label={t('field.touchpoint')}
            placeholder={t('noTouchpoint')}
            clearable
            searchable
            value={touchpointId}
            data={[...touchpoints].map(([value, label]) => ({ value, label }))}
            onChange={setTouchpointId}
            error={errors.touchpointId}
            comboboxProps={{ withinPortal: true }}
            data-testid="complaint-create-touchpoint"
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('field.severity')}
              allowDeselect={false}
              value={severity}
              data={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
              onChange={(value) => value && setSeverity(value as ComplaintSeverity)}
              comboboxProps={{ withinPortal: true }}
              miw={160}
            />
            <Select
              label={t('field.owner')}
              placeholder={t('noOwner')}
              clearable
              searchable
              value={ownerUserId}
              data={members.map((m) => ({ value: m.userId, label: m.name || m.email }))}
              onChange={setOwnerUserId}
              error={errors.ownerUserId}
              comboboxProps={{ withinPortal: true }}
              miw={160}
            />
          </Group>
          <TextInput
            label={t('field.customer')}
            value={customer}
            error={errors.customer}
            onChange={(e) => setCustomer(e.currentTarget.value)}
          />
          {create.isError && Object.keys(errors).length === 0 && (
            <Text c="red" size="sm" role="alert">
              {create.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('dialog.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="complaint-create-submit">
              {t('dialog.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ComplaintsPage() {
  const { t } = useTranslation('complaints');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const [announcement, setAnnouncement] = useState('');
  const [creating, setCreating] = useState(false);
  const view: View = params.get('view') === 'list' ? 'list' : 'board';
  const filter: ComplaintFilter = {
    mine: params.get('mine') === '1' || undefined,
    severity: (params.get('severity') as ComplaintSeverity | null) ?? undefined,
    ownerUserId: params.get('owner') ?? undefined,
    touchpointId: params.get('touchpoint') ?? undefined,
    source: (params.get('source') as ComplaintSource | null) ?? undefined,
    overdue: params.get('overdue') === '1' || undefined,
    q: params.get('q') ?? undefined,
  };
  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const filterKeys = ['severity', 'owner', 'touchpoint', 'source', 'overdue', 'q'];
  const filtered = filterKeys.some((key) => params.has(key));

  const complaints = useComplaints(workspaceId, filter);
  const members = useMembers();
  const memberMap = useMemo(
    () => new Map<string, Member>((members.data ?? []).map((m) => [m.userId, m])),
    [members.data],
  );
  const touchpoints = useTouchpointNames(workspaceId);
  const move = useMoveComplaint(workspaceId, setAnnouncement);
  const openId = params.get('complaint');
  const open: Complaint | null = (openId && complaints.data?.find((c) => c.id === openId)) || null;
  const onOpen = (c: Complaint) => setParam('complaint', c.id);

  return (
    <div data-testid="page-complaints">
      <PageHeader title={t('title')}>
        {canEdit && (
          <Button
            size="sm"
            maw="100%"
            h="auto"
            mih={32}
            // On a phone the label wraps rather than pushing the page sideways.
            styles={{ label: { whiteSpace: 'normal' } }}
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="complaint-create"
          >
            {t('create')}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('intro')}
      </Text>
      <Group gap="sm" mb="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('mine')}
          size="sm"
          value={filter.mine ? 'mine' : 'all'}
          onChange={(value) => setParam('mine', value === 'mine' ? '1' : null)}
          data={[
            { value: 'all', label: t('all') },
            { value: 'mine', label: t('mine') },
          ]}
        />
        <SegmentedControl
          aria-label={t('view')}
          value={view}
          onChange={(value) => setParam('view', value === 'list' ? 'list' : null)}
          data={[
            { value: 'board', label: t('board') },
            { value: 'list', label: t('list') },
          ]}
          data-testid="complaint-view"
        />
      </Group>
      <Group gap="sm" mb="md" align="flex-end">
        <TextInput
          label={t('filter.search')}
          w={200}
          defaultValue={filter.q ?? ''}
          onChange={(e) => setParam('q', e.currentTarget.value.trim() || null)}
          data-testid="complaint-filter-q"
        />
        <Select
          label={t('field.severity')}
          placeholder={t('field.any')}
          clearable
          w={160}
          data={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          value={filter.severity ?? null}
          onChange={(value) => setParam('severity', value)}
          data-testid="complaint-filter-severity"
        />
        <Select
          label={t('field.touchpoint')}
          placeholder={t('field.any')}
          clearable
          searchable
          w={200}
          data={[...touchpoints].map(([value, label]) => ({ value, label }))}
          value={filter.touchpointId ?? null}
          onChange={(value) => setParam('touchpoint', value)}
          data-testid="complaint-filter-touchpoint"
        />
        {!filter.mine && (
          <Select
            label={t('field.owner')}
            placeholder={t('field.any')}
            clearable
            searchable
            w={200}
            data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
            value={filter.ownerUserId ?? null}
            onChange={(value) => setParam('owner', value)}
          />
        )}
        <Select
          label={t('field.source')}
          placeholder={t('field.any')}
          clearable
          w={160}
          data={COMPLAINT_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          value={filter.source ?? null}
          onChange={(value) => setParam('source', value)}
        />
        <Switch
          label={t('filter.overdue')}
          checked={Boolean(filter.overdue)}
          onChange={(e) => setParam('overdue', e.currentTarget.checked ? '1' : null)}
          mb={8}
        />
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            mb={4}
            onClick={() =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                for (const key of filterKeys) next.delete(key);
                return next;
              })
            }
          >
            {t('filter.clear')}
          </Button>
        )}
      </Group>
      <VisuallyHidden role="status" aria-live="polite" data-testid="complaint-announcement">
        {announcement}
      </VisuallyHidden>
      <QueryState query={complaints}>
        {(list) =>
          list.length === 0 ? (
            <Card withBorder>
              <Empty title={filtered || filter.mine ? t('noMatch') : t('empty')}>
                {filtered || filter.mine ? undefined : t('emptyHint')}
              </Empty>
            </Card>
          ) : view === 'board' ? (
            <ComplaintBoard
              complaints={list}
              members={memberMap}
              touchpoints={touchpoints}
              onOpen={onOpen}
              onMove={move}
              canEdit={canEdit}
            />
          ) : (
            <ComplaintList complaints={list} members={memberMap} touchpoints={touchpoints} onOpen={onOpen} />
          )
        }
      </QueryState>
      <ComplaintDrawer
        workspaceId={workspaceId}
        complaint={open}
        members={memberMap}
        touchpoints={touchpoints}
        onClose={() => setParam('complaint', null)}
      />
      <CreateDialog
        workspaceId={workspaceId}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={onOpen}
        touchpoints={touchpoints}
        members={members.data ?? []}
      />
    </div>
  );
}
