/**
 * The tasks of a journey under its map: those on the whole journey, and per stage those on that
 * stage, each with "Create task" prefilled (a stage's task targets the journey and the stage).
 * A list under the map rather than inside the stage headers, which stay compact for printing.
 */
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JourneyMap } from '../../api/types';
import { CreateTaskButton, isOpenTask, TaskLinks } from './object-tasks';
import { useTasks } from './queries';

export function JourneyTasks({ workspaceId, map }: { workspaceId: string; map: JourneyMap }) {
  const { t } = useTranslation('tasks');
  const tasks = useTasks(workspaceId, { journeyId: map.id });
  const open = (tasks.data ?? []).filter(isOpenTask);
  const onJourney = open.filter((task) => !task.targets.stageId);
  return (
    <Card withBorder className="no-print" data-testid="journey-tasks">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('panel.title')}</Title>
        <CreateTaskButton workspaceId={workspaceId} targets={{ journeyId: map.id }} lever="new_touchpoints" />
      </Group>
      {onJourney.length > 0 ? (
        <TaskLinks workspaceId={workspaceId} tasks={onJourney} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('panel.none')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
        {map.stages.map((stage) => {
          const ofStage = open.filter((task) => task.targets.stageId === stage.id);
          return (
            <Stack
              key={stage.id}
              gap={4}
              p="xs"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
              data-testid="stage-tasks"
              data-stage={stage.key}
            >
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={500}>
                  {stage.name}
                </Text>
                <CreateTaskButton
                  workspaceId={workspaceId}
                  targets={{ journeyId: map.id, stageId: stage.id }}
                  lever="new_touchpoints"
                  label={`${t('createTask')}: ${t('panel.forStage', { name: stage.name })}`}
                  compact
                />
              </Group>
              {ofStage.length > 0 && <TaskLinks workspaceId={workspaceId} tasks={ofStage} />}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
