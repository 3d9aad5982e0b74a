/**
 * The tasks of a chain on its page: those on the whole chain, and per link those on that link, each
 * with "Create task" prefilled (a link's task targets the chain and the link, lever business processes).
 */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Chain } from '../../api/types';
import { CreateTaskButton, isOpenTask, TaskLinks } from './object-tasks';
import { useTasks } from './queries';

export function ChainTasks({ workspaceId, chain }: { workspaceId: string; chain: Chain }) {
  const { t } = useTranslation('tasks');
  const tasks = useTasks(workspaceId, { chainId: chain.id });
  const open = (tasks.data ?? []).filter(isOpenTask);
  const onChain = open.filter((task) => !task.targets.chainLinkId);
  return (
    <Card withBorder mb="md" data-testid="chain-tasks">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('panel.title')}</Title>
        <CreateTaskButton
          workspaceId={workspaceId}
          targets={{ chainId: chain.id }}
          lever="business_processes"
        />
      </Group>
      {onChain.length > 0 ? (
        <TaskLinks workspaceId={workspaceId} tasks={onChain} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('panel.none')}
        </Text>
      )}
      <Stack gap="xs" mt="sm">
        {chain.links.map((link) => {
          const { id } = link;
          const ofLink = open.filter((task) => task.targets.chainLinkId === id);
          return (
            <Group
              key={id}
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              py={4}
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              data-testid="chain-link-tasks"
              data-position={link.position}
            >
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {link.position + 1}. {link.touchpointName}
                </Text>
                {ofLink.length > 0 && <TaskLinks workspaceId={workspaceId} tasks={ofLink} />}
              </Stack>
              <CreateTaskButton
                workspaceId={workspaceId}
                targets={{ chainId: chain.id, chainLinkId: id }}
                lever="business_processes"
                label={`${t('createTask')}: ${t('panel.forLink', { position: link.position + 1 })}`}
                compact
              />
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
