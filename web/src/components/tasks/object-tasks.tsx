/**
 * The tasks of one object on its own page (a touchpoint, a standard, a chain link, a journey stage):
 * the tasks not yet verified, each linking to the task board, and "Create task" prefilled with the
 * object as target.
 */
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../api/types';
import { useCanEdit } from '../../state/session';
import { type Lever, type TaskFilter, type TaskTargets, useTasks } from './queries';
import { OverdueBadge, STATUS_COLORS } from './task-board';
import { TaskDialog } from './task-dialog';

/** Still being worked on or waiting for its verification. */
export const isOpenTask = (task: Task) =>
  task.status === 'planned' || task.status === 'in_progress' || task.status === 'done';

export function taskPath(workspaceId: string, task: Task): string {
  return `/w/${workspaceId}/tasks?${new URLSearchParams({ task: task.id })}`;
}

/** A small list of tasks with a link each to the board. */
export function TaskLinks({ workspaceId, tasks }: { workspaceId: string; tasks: Task[] }) {
  const { t } = useTranslation('tasks');
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {tasks.map((task) => (
        <Group component="li" key={task.id} gap={6} wrap="nowrap" data-testid="object-task">
          <Badge size="xs" variant="light" color={STATUS_COLORS[task.status]} miw="max-content">
            {t(`status.${task.status}`)}
          </Badge>
          <Anchor component={Link} to={taskPath(workspaceId, task)} size="sm" lineClamp={1}>
            {task.title}
          </Anchor>
          {task.overdue && <OverdueBadge />}
        </Group>
      ))}
    </Stack>
  );
}

/** "Create task" for an object, opening the dialog prefilled with its target (and a lever). */
export function CreateTaskButton({
  workspaceId,
  targets,
  lever,
  label,
  compact,
}: {
  workspaceId: string;
  targets: Partial<TaskTargets>;
  lever?: Lever;
  label?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation('tasks');
  const canEdit = useCanEdit();
  const [opened, setOpened] = useState(false);
  if (!canEdit) return null;
  return (
    <>
      <Button
        size="xs"
        variant={compact ? 'subtle' : 'light'}
        leftSection={<IconPlus size={14} />}
        onClick={() => setOpened(true)}
        aria-label={label}
        data-testid="object-create-task"
      >
        {t('createTask')}
      </Button>
      <TaskDialog
        workspaceId={workspaceId}
        opened={opened}
        onClose={() => setOpened(false)}
        draft={{ targets, lever }}
      />
    </>
  );
}

/** The panel: title, the object's open tasks, and Create task. */
export function ObjectTasks({
  workspaceId,
  filter,
  targets,
  lever,
  title,
}: {
  workspaceId: string;
  /** Which tasks are the object's (one target filter of the task list). */
  filter: TaskFilter;
  /** What a new task targets. */
  targets: Partial<TaskTargets>;
  lever?: Lever;
  title?: string;
}) {
  const { t } = useTranslation('tasks');
  const tasks = useTasks(workspaceId, filter);
  const open = (tasks.data ?? []).filter(isOpenTask);
  return (
    <Paper withBorder p="sm" data-testid="object-tasks">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={5}>{title ?? t('panel.title')}</Title>
        <CreateTaskButton workspaceId={workspaceId} targets={targets} lever={lever} />
      </Group>
      {tasks.isPending ? null : open.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('panel.none')}
        </Text>
      ) : (
        <TaskLinks workspaceId={workspaceId} tasks={open} />
      )}
    </Paper>
  );
}
