/**
 * Retention of personal data: how long interactions and feedback are kept (and comments, which
 * can go earlier), when the server runs it next and what the last run removed. Owners change
 * the periods and can run it now.
 */
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { RetentionRun, RetentionStatus, Workspace } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useIsOwner, useWorkspaceId } from '../../state/session';
import { QueryState } from '../states';
import { useWorkspaceSave } from './use-workspace-save';

const days = (value: unknown): number | '' => (typeof value === 'number' ? value : '');

function RetentionFields({ workspace, onConflict }: { workspace: Workspace; onConflict: () => void }) {
  const { t } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const isOwner = useIsOwner();
  const initial = {
    retention: days(workspace.settings.retentionDays),
    comments: days(workspace.settings.commentRetentionDays),
  };
  const [form, setForm] = useState<{ retention: number | string; comments: number | string }>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version resets the form
  useEffect(() => setForm(initial), [workspace.version]);
  const { save, error, submit, formError } = useWorkspaceSave(
    workspace,
    () => ({
      // The other settings go back as they are: a PATCH replaces the settings whole.
      settings: {
        ...workspace.settings,
        retentionDays: typeof form.retention === 'number' ? form.retention : null,
        commentRetentionDays: typeof form.comments === 'number' ? form.comments : null,
      },
    }),
    { onConflict, alsoRefresh: ['retention', workspaceId] },
  );
  return (
    <Stack component="form" onSubmit={submit} maw={640}>
      <Group align="flex-start" grow>
        <NumberInput
          label={t('retention.days')}
          description={t('retention.daysHint')}
          min={30}
          max={3650}
          allowDecimal={false}
          readOnly={!isOwner}
          value={form.retention}
          onChange={(value) => setForm({ ...form, retention: value })}
          error={error?.fieldMessage('settings.retentionDays')}
          data-testid="retention-days"
        />
        <NumberInput
          label={t('retention.commentDays')}
          description={t('retention.commentDaysHint')}
          min={1}
          max={3650}
          allowDecimal={false}
          readOnly={!isOwner}
          value={form.comments}
          onChange={(value) => setForm({ ...form, comments: value })}
          error={error?.fieldMessage('settings.commentRetentionDays')}
          data-testid="retention-comment-days"
        />
      </Group>
      {formError && (
        <Alert color="red" role="alert">
          {formError.message}
        </Alert>
      )}
      {isOwner && (
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="retention-save">
            {tc('action.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RetentionRuns({ status }: { status: RetentionStatus }) {
  const { t } = useTranslation('settings');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const isOwner = useIsOwner();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<RetentionRun>(ws(workspaceId, '/retention/run'), {}),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('retention.ran') });
      await queryClient.invalidateQueries({ queryKey: ['retention', workspaceId] });
    },
  });
  const last = status.lastRun;
  const removed = (result: RetentionRun) =>
    t('retention.removed', {
      interactions: format.number(result.interactions),
      feedback: format.number(result.feedback),
      quarantined: format.number(result.quarantined),
      comments: format.number(result.commentsStripped),
    });
  return (
    <Stack gap="xs" data-testid="retention-status">
      <Text size="sm">
        <b>{t('retention.nextRun')}:</b>{' '}
        {status.nextRunAt === null ? t('retention.off') : format.dateTime(status.nextRunAt)}
      </Text>
      <Text size="sm">
        <b>{t('retention.lastRun')}:</b>{' '}
        {status.running
          ? t('retention.running')
          : last === null
            ? t('retention.never')
            : `${format.dateTime(last.finishedAt ?? last.startedAt)} — ${
                last.result ? removed(last.result) : t('retention.failed', { error: last.error ?? '' })
              }`}
      </Text>
      {run.isError && (
        <Alert color="red" role="alert">
          {run.error.message}
        </Alert>
      )}
      {isOwner && status.nextRunAt !== null && (
        <Group>
          <Button
            variant="default"
            loading={run.isPending}
            onClick={() => run.mutate()}
            data-testid="retention-run"
          >
            {t('retention.runNow')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function RetentionSettings() {
  const { t } = useTranslation('settings');
  const workspaceId = useWorkspaceId();
  const workspace = useQuery({
    queryKey: ['workspace', workspaceId],
    queryFn: () => api.get<Workspace>(ws(workspaceId, '')),
  });
  const status = useQuery({
    queryKey: ['retention', workspaceId],
    queryFn: () => api.get<RetentionStatus>(ws(workspaceId, '/retention')),
  });
  return (
    <Card withBorder data-testid="retention-settings">
      <Stack>
        <div>
          <Title order={4}>{t('retention.title')}</Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('retention.intro')}
          </Text>
        </div>
        <QueryState query={workspace}>
          {(w) => <RetentionFields workspace={w} onConflict={() => void workspace.refetch()} />}
        </QueryState>
        <QueryState query={status}>{(s) => <RetentionRuns status={s} />}</QueryState>
      </Stack>
    </Card>
  );
}
