/** The list view of tasks: one row each, with the same facts as a card; a row opens the task. */
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Member, Task } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { type TargetNames, useTargetLabels } from './targets';
import { OverdueBadge, STATUS_COLORS } from './task-board';

export function TaskList({
  tasks,
  members,
  names,
  onOpen,
}: {
  tasks: Task[];
  members: Map<string, Member>;
  names: TargetNames;
  onOpen: (task: Task) => void;
}) {
  const { t } = useTranslation('tasks');
  const format = useFormat();
  const targetLabels = useTargetLabels();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover data-testid="task-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('field.title')}</Table.Th>
            <Table.Th>{t('field.status')}</Table.Th>
            <Table.Th>{t('field.lever')}</Table.Th>
            <Table.Th>{t('field.owner')}</Table.Th>
            <Table.Th>{t('field.due')}</Table.Th>
            <Table.Th>{t('field.priority')}</Table.Th>
            <Table.Th>{t('field.targets')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => {
            const owner = task.ownerUserId ? members.get(task.ownerUserId) : undefined;
            return (
              <Table.Tr key={task.id} data-testid="task-row" data-task={task.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    ta="left"
                    onClick={() => onOpen(task)}
                  >
                    {task.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[task.status]} variant="light" miw="max-content">
                    {t(`status.${task.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`lever.${task.lever}`)}</Table.Td>
                <Table.Td>{owner ? owner.name || owner.email : t('noOwner')}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{task.dueDate ? format.date(`${task.dueDate}T00:00:00`) : '–'}</Text>
                    {task.overdue && <OverdueBadge />}
                  </Group>
                </Table.Td>
                <Table.Td>{task.priority}</Table.Td>
                <Table.Td>
                  {targetLabels(task, names).map((label) => (
                    <Text key={label} size="xs">
                      {label}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
