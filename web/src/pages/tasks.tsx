/**
 * `/w/:id/tasks`: the improvement tasks of the workspace (law 3) as a board by status or as a list,
 * all or "my tasks", filtered by lever, owner, touchpoint, journey and overdue. The filters, the view
 * and the open task live in the URL, so the panels on objects can link to their tasks.
 */
import { Button, Card, Group, SegmentedControl, Select, Switch, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LEVERS } from '../../../src/domain/vocabulary';
import type { Member, Task } from '../api/types';
import { useMembers } from '../api/workspace-lists';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import { type Lever, type TaskFilter, useTasks } from '../components/tasks/queries';
import { useTargetOptions } from '../components/tasks/targets';
import { TaskBoard, useMoveTask } from '../components/tasks/task-board';
import { TaskDialog } from '../components/tasks/task-dialog';
import { TaskDrawer } from '../components/tasks/task-drawer';
import { TaskList } from '../components/tasks/task-list';
import { useCanEdit, useWorkspaceId } from '../state/session';

type View = 'board' | 'list';

export function TasksPage() {
  const { t } = useTranslation('tasks');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const [announcement, setAnnouncement] = useState('');
  const [creating, setCreating] = useState(false);
  const view: View = params.get('view') === 'list' ? 'list' : 'board';
  const filter: TaskFilter = {
    mine: params.get('mine') === '1' || undefined,
    lever: (params.get('lever') as Lever | null) ?? undefined,
    ownerUserId: params.get('owner') ?? undefined,
    touchpointId: params.get('touchpoint') ?? undefined,
    journeyId: params.get('journey') ?? undefined,
    overdue: params.get('overdue') === '1' || undefined,
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
  const filtered = Boolean(
    filter.lever || filter.ownerUserId || filter.touchpointId || filter.journeyId || filter.overdue,
  );

  const tasks = useTasks(workspaceId, filter);
  const members = useMembers();
  const memberMap = useMemo(
    () => new Map<string, Member>((members.data ?? []).map((m) => [m.userId, m])),
    [members.data],
  );
  const options = useTargetOptions(workspaceId);
  const move = useMoveTask(workspaceId, setAnnouncement);
  const openId = params.get('task');
  const open: Task | null = (openId && tasks.data?.find((task) => task.id === openId)) || null;

  return (
    <div data-testid="page-tasks">
      <PageHeader title={t('title')}>
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="task-create"
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
          data-testid="task-scope"
        />
        <SegmentedControl
          aria-label={t('view')}
          value={view}
          onChange={(value) => setParam('view', value === 'list' ? 'list' : null)}
          data={[
            { value: 'board', label: t('board') },
            { value: 'list', label: t('list') },
          ]}
          data-testid="task-view"
        />
      </Group>
      <Group gap="sm" mb="md" align="flex-end">
        <Select
          label={t('filter.lever')}
          placeholder={t('field.any')}
          clearable
          w={200}
          data={LEVERS.map((lever) => ({ value: lever, label: t(`lever.${lever}`) }))}
          value={filter.lever ?? null}
          onChange={(value) => setParam('lever', value)}
          data-testid="task-filter-lever"
        />
        {!filter.mine && (
          <Select
            label={t('filter.owner')}
            placeholder={t('field.any')}
            clearable
            searchable
            w={200}
            data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
            value={filter.ownerUserId ?? null}
            onChange={(value) => setParam('owner', value)}
            data-testid="task-filter-owner"
          />
        )}
        <Select
          label={t('filter.touchpoint')}
          placeholder={t('field.any')}
          clearable
          searchable
          w={200}
          data={options.touchpoints}
          value={filter.touchpointId ?? null}
          onChange={(value) => setParam('touchpoint', value)}
          data-testid="task-filter-touchpoint"
        />
        <Select
          label={t('filter.journey')}
          placeholder={t('field.any')}
          clearable
          searchable
          w={200}
          data={options.journeys}
          value={filter.journeyId ?? null}
          onChange={(value) => setParam('journey', value)}
          data-testid="task-filter-journey"
        />
        <Switch
          label={t('filter.overdue')}
          checked={Boolean(filter.overdue)}
          onChange={(e) => setParam('overdue', e.currentTarget.checked ? '1' : null)}
          mb={8}
          data-testid="task-filter-overdue"
        />
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            mb={4}
            onClick={() =>
              setParams((current) => {
                const next = new URLSearchParams(current);
                for (const key of ['lever', 'owner', 'touchpoint', 'journey', 'overdue']) next.delete(key);
                return next;
              })
            }
          >
            {t('filter.clear')}
          </Button>
        )}
      </Group>
      <VisuallyHidden role="status" aria-live="polite" data-testid="task-announcement">
        {announcement}
      </VisuallyHidden>
      <QueryState query={tasks}>
        {(list) =>
          list.length === 0 ? (
            <Card withBorder>
              <Empty title={filtered || filter.mine ? t('noMatch') : t('empty')}>
                {filtered || filter.mine ? undefined : t('emptyHint')}
              </Empty>
            </Card>
          ) : view === 'board' ? (
            <TaskBoard
              tasks={list}
              members={memberMap}
              names={options.names}
              onOpen={(task) => setParam('task', task.id)}
              onMove={move}
              canEdit={canEdit}
            />
          ) : (
            <TaskList
              tasks={list}
              members={memberMap}
              names={options.names}
              onOpen={(task) => setParam('task', task.id)}
            />
          )
        }
      </QueryState>
      <TaskDrawer
        workspaceId={workspaceId}
        task={open}
        members={memberMap}
        names={options.names}
        onClose={() => setParam('task', null)}
        onMove={move}
      />
      <TaskDialog
        workspaceId={workspaceId}
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(task) => setParam('task', task.id)}
      />
    </div>
  );
}
