/**
 * One task in a drawer: its facts, status (the user's three, or the verification's outcome with its
 * explanation), edit, and the comments with who wrote them and when.
 */
import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Member, Task } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useCanEdit } from '../../state/session';
import { ErrorState, Loading } from '../states';
import { fieldErrorsOf } from '../touchpoints/form-errors';
import { isUserStatus, type TaskStatus, USER_STATUSES, useInvalidateTasks, useTaskComments } from './queries';
import { type TargetNames, useTargetLabels } from './targets';
import { OverdueBadge, STATUS_COLORS } from './task-board';
import { TaskDialog } from './task-dialog';

function Verification({ task }: { task: Task }) {
  const { t } = useTranslation('tasks');
  const format = useFormat();
  const v = task.verification;
  const color =
    task.status === 'verified' ? 'green' : task.status === 'not_effective' ? 'red' : v ? 'blue' : 'gray';
  return (
    <Alert color={color} title={t('detail.verification')} data-testid="task-verification-detail">
      {v ? (
        <Stack gap={2}>
          <Text size="sm">{v.explanation}</Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(v.checkedAt)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm">{task.status === 'done' ? t('detail.waiting') : t('detail.notVerified')}</Text>
      )}
    </Alert>
  );
}

function Comments({ workspaceId, task }: { workspaceId: string; task: Task }) {
  const { t } = useTranslation('tasks');
  const format = useFormat();
  const canEdit = useCanEdit();
  const comments = useTaskComments(workspaceId, task.id);
  const invalidate = useInvalidateTasks(workspaceId);
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(ws(workspaceId, `/tasks/${task.id}/comments`), { body }),
    onSuccess: async () => {
      setBody('');
      await invalidate();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Stack gap="xs">
      <Title order={5}>{t('detail.comments')}</Title>
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noComments')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {comments.data.map((comment) => (
            <li key={comment.id} data-testid="task-comment">
              <Text size="xs" c="dimmed">
                {comment.authorName} · {format.dateTime(comment.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {comment.body}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate>
          <Stack gap={6}>
            <Textarea
              label={t('detail.comment')}
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={
                fieldErrorsOf(add.error).body ??
                (add.error && !fieldErrorsOf(add.error).body ? add.error.message : undefined)
              }
              data-testid="task-comment-body"
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={add.isPending} data-testid="task-comment-add">
                {t('detail.addComment')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

export function TaskDrawer({
  workspaceId,
  task,
  members,
  names,
  onClose,
  onMove,
}: {
  workspaceId: string;
  task: Task | null;
  members: Map<string, Member>;
  names: TargetNames;
  onClose: () => void;
  onMove: (task: Task, status: TaskStatus) => void;
}) {
  const { t } = useTranslation('tasks');
  const format = useFormat();
  const canEdit = useCanEdit();
  const targetLabels = useTargetLabels();
  const [editing, setEditing] = useState(false);
  const owner = task?.ownerUserId ? members.get(task.ownerUserId) : undefined;
  const statusOptions: TaskStatus[] = task
    ? isUserStatus(task.status)
      ? [...USER_STATUSES]
      : [task.status, 'planned', 'in_progress']
    : [];
  return (
    <Drawer
      opened={task !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Title order={4}>{task?.title}</Title>}
      data-testid="task-drawer"
    >
      {task && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color={STATUS_COLORS[task.status]} variant="light" data-testid="task-drawer-status">
              {t(`status.${task.status}`)}
            </Badge>
            <Badge variant="light" color="grape">
              {t(`lever.${task.lever}`)}
            </Badge>
            <Badge variant="outline" color="gray">
              {t(`priority.p${task.priority}` as 'priority.p1')}
            </Badge>
            {task.overdue && <OverdueBadge />}
          </Group>
          {task.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{task.description}</Text>}
          <Stack gap={4}>
            <Text size="sm">
              <b>{t('field.owner')}:</b> {owner ? owner.name || owner.email : t('noOwner')}
            </Text>
            <Text size="sm">
              <b>{t('field.due')}:</b> {task.dueDate ? format.date(`${task.dueDate}T00:00:00`) : t('noDue')}
            </Text>
            <Text size="sm">
              <b>{t('field.targets')}:</b> {targetLabels(task, names).join('; ') || t('detail.targetsNone')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('detail.created', { time: format.dateTime(task.createdAt) })} ·{' '}
              {t('detail.updated', { time: format.dateTime(task.updatedAt) })}
            </Text>
          </Stack>
          {canEdit && (
            <Group align="flex-end">
              <Select
                label={t('field.status')}
                allowDeselect={false}
                value={task.status}
                data={statusOptions.map((s) => ({
                  value: s,
                  label: t(`status.${s}`),
                  disabled: !isUserStatus(s),
                }))}
                onChange={(value) => value && onMove(task, value as TaskStatus)}
                data-testid="task-drawer-status-select"
                w={220}
              />
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                {t('edit')}
              </Button>
            </Group>
          )}
          <Verification task={task} />
          <Divider />
          <Comments workspaceId={workspaceId} task={task} />
          <TaskDialog
            workspaceId={workspaceId}
            opened={editing}
            onClose={() => setEditing(false)}
            task={task}
          />
        </Stack>
      )}
    </Drawer>
  );
}
