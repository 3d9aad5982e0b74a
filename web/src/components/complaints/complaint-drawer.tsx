/**
 * One complaint in a drawer: its facts and times, the edit form (text, touchpoint, owner,
 * severity, status, resolution note — saved with its version), "Make a task" on its touchpoint,
 * and its history from the audit log.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMPLAINT_SEVERITIES } from '../../../../src/domain/complaint-rules';
import {
  type Complaint,
  type ComplaintSeverity,
  type ComplaintStatus,
  useComplaintHistory,
  useMakeComplaintTask,
  usePatchComplaint,
} from '../../api/complaints';
import type { Member } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useCanEdit } from '../../state/session';
import { ErrorState, Loading } from '../states';
import { fieldErrorsOf, isVersionConflict } from '../touchpoints/form-errors';
import { movesFrom, OverdueBadge, SEVERITY_COLORS, STATUS_COLORS } from './complaint-board';

interface Form {
  text: string;
  touchpointId: string | null;
  ownerUserId: string | null;
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  resolutionNote: string;
}

const formOf = (c: Complaint): Form => ({
  text: c.text,
  touchpointId: c.touchpointId,
  ownerUserId: c.ownerUserId,
  severity: c.severity,
  status: c.status,
  resolutionNote: c.resolutionNote,
});

function History({
  workspaceId,
  complaint,
  members,
  touchpoints,
}: {
  workspaceId: string;
  complaint: Complaint;
  members: Map<string, Member>;
  touchpoints: Map<string, string>;
}) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  const history = useComplaintHistory(workspaceId, complaint.id, complaint.version);
  const shown = (field: string, value: string | null): string => {
    if (value === null || value === '') return t('detail.empty');
    if (field === 'status') return t(`status.${value as ComplaintStatus}`);
    if (field === 'severity') return t(`severity.${value as ComplaintSeverity}`);
    if (field === 'ownerUserId') {
      const m = members.get(value);
      return m ? m.name || m.email : value;
    }
    if (field === 'touchpointId') return touchpoints.get(value) ?? value;
    if (field === 'firstResponseAt' || field === 'resolvedAt') return format.dateTime(value);
    return value;
  };
  const label = (field: string): string => {
    const names: Record<string, string> = {
      status: t('field.status'),
      severity: t('field.severity'),
      ownerUserId: t('field.owner'),
      touchpointId: t('field.touchpoint'),
      customer: t('field.customer'),
      text: t('field.text'),
      resolutionNote: t('field.resolutionNote'),
      firstResponseAt: t('field.firstResponse'),
      resolvedAt: t('field.resolved'),
      taskId: t('detail.makeTask'),
    };
    return names[field] ?? field;
  };
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('detail.noHistory')}
      </Text>
    );
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} data-testid="complaint-history">
      {history.data.map((entry) => (
        <li key={entry.id} data-testid="complaint-history-entry">
          <Text size="xs" c="dimmed">
            {t(`detail.action.${entry.action as 'create'}`, { defaultValue: entry.action })} ·{' '}
            {t('detail.by', { name: entry.actorName })} · {format.dateTime(entry.at)}
          </Text>
          {entry.changes
            .filter(
              (c) => entry.action !== 'create' || ['status', 'severity', 'touchpointId'].includes(c.field),
            )
            .map((c) => (
              <Text key={c.field} size="sm" style={{ wordBreak: 'break-word' }}>
                {t('detail.change', {
                  field: label(c.field),
                  from: shown(c.field, c.from),
                  to: shown(c.field, c.to),
                })}
              </Text>
            ))}
        </li>
      ))}
    </Stack>
  );
}

function MakeTask({ workspaceId, complaint }: { workspaceId: string; complaint: Complaint }) {
  const { t } = useTranslation('complaints');
  const make = useMakeComplaintTask(workspaceId);
  const [title, setTitle] = useState('');
  if (complaint.taskId)
    return (
      <Anchor
        component={Link}
        to={`/w/${workspaceId}/tasks?task=${complaint.taskId}`}
        data-testid="complaint-task-link"
      >
        {t('detail.openTask')}
      </Anchor>
    );
  if (!complaint.touchpointId)
    return (
      <Text size="sm" c="dimmed">
        {t('detail.needsTouchpoint')}
      </Text>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    make.mutate({
      id: complaint.id,
      body: { version: complaint.version, ...(title.trim() ? { title: title.trim() } : {}) },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('detail.taskTitle')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrorsOf(make.error).title}
          style={{ flex: '1 1 200px' }}
          data-testid="complaint-task-title"
        />
        <Button type="submit" variant="light" loading={make.isPending} data-testid="complaint-make-task">
          {t('detail.makeTask')}
        </Button>
      </Group>
      {make.isError && !fieldErrorsOf(make.error).title && (
        <Text size="sm" c="red" mt={4} role="alert">
          {make.error.message}
        </Text>
      )}
    </form>
  );
}

export function ComplaintDrawer({
  workspaceId,
  complaint,
  members,
  touchpoints,
  onClose,
}: {
  workspaceId: string;
  complaint: Complaint | null;
  members: Map<string, Member>;
  touchpoints: Map<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation('complaints');
  const format = useFormat();
  const canEdit = useCanEdit();
  const save = usePatchComplaint(workspaceId);
  const [form, setForm] = useState<Form | null>(complaint ? formOf(complaint) : null);
  // A newer version of the complaint (a move on the board, a save) resets the form.
  const key = complaint ? `${complaint.id}:${complaint.version}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names the complaint's version
  useEffect(() => {
    setForm(complaint ? formOf(complaint) : null);
  }, [key]);
  const id = complaint?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another complaint starts without a message
  useEffect(() => save.reset(), [id]);
  const errors = fieldErrorsOf(save.error);
  const set = (changes: Partial<Form>) =>
    setForm((current) => (current ? { ...current, ...changes } : current));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complaint || !form) return;
    const patch: Record<string, unknown> = { version: complaint.version };
    const before = formOf(complaint);
    for (const field of Object.keys(form) as (keyof Form)[])
      if (form[field] !== before[field]) patch[field] = form[field];
    save.mutate({ id: complaint.id, patch: patch as { version: number } });
  };
  const owner = complaint?.ownerUserId ? members.get(complaint.ownerUserId) : undefined;
  const since = (at: string | null) =>
    complaint && at ? format.duration(Date.parse(at) - Date.parse(complaint.receivedAt)) : null;
  return (
    <Drawer
      opened={complaint !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Title order={4}>{complaint ? t(`source.${complaint.source}`) : ''}</Title>}
      data-testid="complaint-drawer"
    >
      {complaint && form && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge
              color={STATUS_COLORS[complaint.status]}
              variant="light"
              data-testid="complaint-drawer-status"
            >
              {t(`status.${complaint.status}`)}
            </Badge>
            <Badge color={SEVERITY_COLORS[complaint.severity]} variant="light">
              {t(`severity.${complaint.severity}`)}
            </Badge>
            {complaint.overdue && <OverdueBadge />}
          </Group>
          <Stack gap={4}>
            <Text size="sm">
              <b>{t('field.received')}:</b> {format.dateTime(complaint.receivedAt)}
            </Text>
            {complaint.firstResponseAt && (
              <Text size="sm" data-testid="complaint-first-response">
                {t('detail.timeToFirstResponse', { time: since(complaint.firstResponseAt) })}
              </Text>
            )}
            {complaint.resolvedAt && (
              <Text size="sm" data-testid="complaint-resolved">
                {t('detail.timeToResolution', { time: since(complaint.resolvedAt) })}
              </Text>
            )}
            {complaint.customer && (
              <Text size="sm">
                <b>{t('field.customer')}:</b> {complaint.customer}
              </Text>
            )}
            {!canEdit && (
              <>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {complaint.text}
                </Text>
                <Text size="sm">
                  <b>{t('field.owner')}:</b> {owner ? owner.name || owner.email : t('noOwner')}
                </Text>
                {complaint.resolutionNote && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <b>{t('field.resolutionNote')}:</b> {complaint.resolutionNote}
                  </Text>
                )}
              </>
            )}
          </Stack>
          {canEdit && (
            <form onSubmit={submit} noValidate data-testid="complaint-form">
              <Stack gap="sm">
                {save.isError && isVersionConflict(save.error) && (
                  <Alert color="yellow" role="alert">
                    {t('detail.conflict')}
                  </Alert>
                )}
                <Textarea
                  label={t('field.text')}
                  autosize
                  minRows={2}
                  value={form.text}
                  error={errors.text}
                  onChange={(e) => set({ text: e.currentTarget.value })}
                  data-testid="complaint-text"
                />
                <Group grow align="flex-start" wrap="wrap">
                  <Select
                    label={t('field.status')}
                    allowDeselect={false}
                    value={form.status}
                    data={[complaint.status, ...movesFrom(complaint.status)].map((s) => ({
                      value: s,
                      label: t(`status.${s}`),
                    }))}
                    onChange={(value) => value && set({ status: value as ComplaintStatus })}
                    error={errors.status}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="complaint-status"
                    miw={160}
                  />
                  <Select
                    label={t('field.severity')}
                    allowDeselect={false}
                    value={form.severity}
                    data={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
                    onChange={(value) => value && set({ severity: value as ComplaintSeverity })}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="complaint-severity"
                    miw={160}
                  />
                </Group>
                <Group grow align="flex-start" wrap="wrap">
                  <Select
                    label={t('field.owner')}
                    placeholder={t('noOwner')}
                    clearable
                    searchable
                    value={form.ownerUserId}
                    data={[...members.values()].map((m) => ({ value: m.userId, label: m.name || m.email }))}
                    onChange={(value) => set({ ownerUserId: value })}
                    error={errors.ownerUserId}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="complaint-owner"
                    miw={160}
                  />
                  <Select
                    label={t('field.touchpoint')}
                    placeholder={t('noTouchpoint')}
                    clearable
                    searchable
                    value={form.touchpointId}
                    data={[...touchpoints].map(([value, label]) => ({ value, label }))}
                    onChange={(value) => set({ touchpointId: value })}
                    error={errors.touchpointId}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="complaint-touchpoint"
                    miw={160}
                  />
                </Group>
                <Textarea
                  label={t('field.resolutionNote')}
                  autosize
                  minRows={2}
                  value={form.resolutionNote}
                  error={errors.resolutionNote}
                  onChange={(e) => set({ resolutionNote: e.currentTarget.value })}
                  data-testid="complaint-resolution-note"
                />
                <Group justify="flex-end">
                  {save.isSuccess && (
                    <Text size="sm" c="green" role="status">
                      {t('detail.saved')}
                    </Text>
                  )}
                  {save.isError && !isVersionConflict(save.error) && Object.keys(errors).length === 0 && (
                    <Text size="sm" c="red" role="alert">
                      {save.error.message}
                    </Text>
                  )}
                  <Button type="submit" loading={save.isPending} data-testid="complaint-save">
                    {t('detail.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
          {canEdit && <MakeTask workspaceId={workspaceId} complaint={complaint} />}
          <Divider />
          <Title order={5}>{t('detail.history')}</Title>
          <History
            workspaceId={workspaceId}
            complaint={complaint}
            members={members}
            touchpoints={touchpoints}
          />
        </Stack>
      )}
    </Drawer>
  );
}
