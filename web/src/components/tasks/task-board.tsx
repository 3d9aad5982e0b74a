/**
 * The task board: a column per status. A card moves by drag and drop (native HTML5) or by keyboard
 * (← → on a focused card, or its move menu); either PATCHes the status with the task's version, and
 * the result is announced. Verified and Not effective take no drops: the verification sets them.
 */
import { ActionIcon, Badge, Box, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsMove, IconInfoCircle } from '@tabler/icons-react';
import { type DragEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES } from '../../../../src/domain/vocabulary';
import type { Member, Task } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { isVersionConflict } from '../touchpoints/form-errors';
import { isUserStatus, type TaskStatus, USER_STATUSES, useInvalidateTasks, usePatchTask } from './queries';
import { type TargetNames, useTargetLabels } from './targets';

export const STATUS_COLORS: Record<TaskStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  done: 'violet',
  verified: 'green',
  not_effective: 'red',
};

const DRAG_TYPE = 'application/x-touchpoints-task';

/** Moving a task to another status, with the 409 of a stale version explained and the board reloaded. */
export function useMoveTask(workspaceId: string, announce: (message: string) => void) {
  const { t } = useTranslation('tasks');
  const patch = usePatchTask(workspaceId);
  const invalidate = useInvalidateTasks(workspaceId);
  return (task: Task, status: TaskStatus) => {
    if (task.status === status || !isUserStatus(status)) return;
    const values = { title: task.title, status: t(`status.${status}`) };
    patch.mutate(
      { id: task.id, patch: { version: task.version, status } },
      {
        onSuccess: () => {
          announce(t('move.moved', values));
          // Keep the keyboard on the card in its new column.
          setTimeout(() => document.querySelector<HTMLElement>(`[data-task="${task.id}"]`)?.focus(), 0);
        },
        onError: (error) => {
          const message = isVersionConflict(error)
            ? t('move.conflict', values)
            : t('move.failed', { message: error.message });
          announce(message);
          notifications.show({ color: 'red', message });
          void invalidate();
        },
      },
    );
  };
}

export function OverdueBadge() {
  const { t } = useTranslation('tasks');
  return (
    <Badge color="red" variant="filled" size="xs" miw="max-content" data-testid="task-overdue">
      {t('overdue')}
    </Badge>
  );
}

export function TaskCard({
  task,
  owner,
  names,
  onOpen,
  onMove,
  canEdit,
}: {
  task: Task;
  owner: Member | undefined;
  names: TargetNames;
  onOpen: (task: Task) => void;
  onMove: (task: Task, status: TaskStatus) => void;
  /** Viewers see the board without moving anything. */
  canEdit: boolean;
}) {
  const { t } = useTranslation('tasks');
  const format = useFormat();
  const targetLabels = useTargetLabels();
  // ← → move to the neighbouring column a user may set; from verified/not effective → reopens.
  const step = (direction: -1 | 1): TaskStatus | undefined => {
    const index = USER_STATUSES.indexOf(task.status);
    if (index === -1) return direction === -1 ? 'in_progress' : undefined;
    return USER_STATUSES[index + direction];
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(task);
    } else if (canEdit && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      const next = step(event.key === 'ArrowRight' ? 1 : -1);
      if (next) onMove(task, next);
    }
  };
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, task.id);
    event.dataTransfer.setData('text/plain', task.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const targets = targetLabels(task, names);
  const moves = USER_STATUSES.filter(
    (s) => s !== task.status && !(s === 'done' && !isUserStatus(task.status)),
  );
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      tabIndex={0}
      draggable={canEdit}
      onDragStart={canEdit ? onDragStart : undefined}
      onKeyDown={onKeyDown}
      onClick={() => onOpen(task)}
      aria-label={`${task.title} — ${t(`status.${task.status}`)}`}
      aria-describedby={canEdit ? 'task-board-hint' : undefined}
      data-testid="task-card"
      data-task={task.id}
      data-status={task.status}
      style={{ cursor: canEdit ? 'grab' : 'pointer' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Text fw={600} size="sm" style={{ wordBreak: 'break-word' }}>
          {task.title}
        </Text>
        {canEdit && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t('move.label', { title: task.title })}
                onClick={(e) => e.stopPropagation()}
                data-testid="task-move-menu"
              >
                <IconArrowsMove size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {moves.map((status) => (
                <Menu.Item
                  key={status}
                  onClick={() => onMove(task, status)}
                  data-testid={`task-move-${status}`}
                >
                  {t('move.to', { status: t(`status.${status}`) })}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Group gap={4} mt={6}>
        <Badge size="xs" variant="light" color="grape" data-testid="task-lever">
          {t(`lever.${task.lever}`)}
        </Badge>
        <Badge size="xs" variant="outline" color={task.priority <= 2 ? 'orange' : 'gray'}>
          {t('priority.short', { n: task.priority })}
        </Badge>
        {task.overdue && <OverdueBadge />}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {owner ? owner.name || owner.email : t('noOwner')} ·{' '}
        {task.dueDate ? format.date(`${task.dueDate}T00:00:00`) : t('noDue')}
      </Text>
      {targets.map((label) => (
        <Text key={label} size="xs" c="dimmed" lineClamp={1}>
          {label}
        </Text>
      ))}
      {task.verification && (task.status === 'verified' || task.status === 'not_effective') && (
        <Text
          size="xs"
          mt={4}
          c={task.status === 'verified' ? 'green' : 'red'}
          data-testid="task-verification"
        >
          {task.verification.explanation}
        </Text>
      )}
    </Paper>
  );
}

function Column({
  status,
  tasks,
  children,
  onDropTask,
}: {
  status: TaskStatus;
  tasks: Task[];
  children: React.ReactNode;
  onDropTask: (taskId: string, status: TaskStatus) => void;
}) {
  const { t } = useTranslation('tasks');
  const [over, setOver] = useState(false);
  const accepts = isUserStatus(status);
  const onDragOver = (event: DragEvent) => {
    if (!accepts) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    setOver(false);
    if (!accepts) return;
    event.preventDefault();
    const id = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    if (id) onDropTask(id, status);
  };
  return (
    <Paper
      component="section"
      withBorder
      p="xs"
      radius="md"
      bg={over ? 'blue.0' : 'gray.0'}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-label={t('move.column', { status: t(`status.${status}`), count: tasks.length })}
      data-testid="task-column"
      data-status={status}
      style={{ flex: '0 0 260px', minHeight: 240, display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Badge color={STATUS_COLORS[status]} variant="light">
            {t(`status.${status}`)}
          </Badge>
          {!accepts && (
            <Tooltip label={t('move.byVerification')} multiline w={240} withinPortal>
              <IconInfoCircle
                size={16}
                aria-label={t('move.byVerification')}
                color="var(--mantine-color-dimmed)"
              />
            </Tooltip>
          )}
        </Group>
        <Text size="sm" c="dimmed" data-testid="task-column-count">
          {tasks.length}
        </Text>
      </Group>
      <Stack gap="xs" style={{ flex: 1 }}>
        {children}
      </Stack>
    </Paper>
  );
}

export function TaskBoard({
  tasks,
  members,
  names,
  onOpen,
  onMove,
  canEdit,
}: {
  tasks: Task[];
  members: Map<string, Member>;
  names: TargetNames;
  onOpen: (task: Task) => void;
  onMove: (task: Task, status: TaskStatus) => void;
  canEdit: boolean;
}) {
  const { t } = useTranslation('tasks');
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return (
    <>
      {canEdit && (
        <Text id="task-board-hint" size="xs" c="dimmed" mb="xs">
          {t('move.keyboardHint')} {t('move.byVerification')}
        </Text>
      )}
      {/* The board scrolls sideways in its own box: the page itself never does. */}
      <Box
        data-testid="task-board"
        style={{ display: 'flex', gap: 12, overflowX: 'auto', maxWidth: '100%', paddingBottom: 8 }}
      >
        {TASK_STATUSES.map((status) => {
          const column = tasks.filter((task) => task.status === status);
          return (
            <Column
              key={status}
              status={status}
              tasks={column}
              onDropTask={(id, to) => {
                const task = byId.get(id);
                if (task && canEdit) onMove(task, to);
              }}
            >
              {column.map((task) => (
                <TaskCard
                  key={task.id}
                  task={task}
                  owner={task.ownerUserId ? members.get(task.ownerUserId) : undefined}
                  names={names}
                  onOpen={onOpen}
                  onMove={onMove}
                  canEdit={canEdit}
                />
              ))}
            </Column>
          );
        })}
      </Box>
    </>
  );
}
