/**
 * The results of one audit: its weighted score, then each touchpoint (or stage) with its score and
 * its criteria — the answer, pass or fail, the note and the photo evidence. A failed criterion is
 * highlighted and offers "Create task": the task dialog opens prefilled with the criterion's
 * touchpoint (or its journey stage) and a lever.
 */
import { Anchor, Badge, Button, Card, Group, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weightedScore } from '../../../../src/domain/audit-scoring';
import { type AuditCriterion, type AuditDetail, useChecklists } from '../../api/audits';
import { api, ws } from '../../api/client';
import type { JourneyMap } from '../../api/types';
import type { TaskDraft } from '../tasks/queries';
import { TaskDialog } from '../tasks/task-dialog';
import { groupOf, percent, targetLabel } from './criterion-format';

type Answer = AuditDetail['answers'][number];
type Photo = AuditDetail['photos'][number];

/** How an answer reads: "Yes", "4 of 5", "42 s", "Not applicable", or "Not answered". */
function useAnswerText() {
  const { t } = useTranslation('audits');
  return (criterion: AuditCriterion, answer: Answer | undefined): string => {
    if (!answer) return t('results.notAnswered');
    if (answer.value === null) return t('walk.skipped');
    if (criterion.scale === 'yes_no') return answer.value >= 1 ? t('walk.yes') : t('walk.no');
    if (criterion.scale === 'score_1_5') return t('results.outOf5', { value: answer.value });
    return `${answer.value}${criterion.unit ? ` ${criterion.unit}` : ''}`;
  };
}

/** The journey stage (its id) of a stage key, in the journey a checklist walks. */
function useStageIds(workspaceId: string, journeyId: string | null) {
  return useQuery({
    queryKey: ['journeys', workspaceId, 'map-for-audits', journeyId],
    queryFn: () => api.get<JourneyMap>(ws(workspaceId, `/journeys/${journeyId}`)),
    enabled: Boolean(journeyId),
    select: (map) => new Map(map.stages.map((s) => [s.key, s.id])),
  });
}

function PhotoStrip({ photos, alt }: { photos: Photo[]; alt: string }) {
  if (photos.length === 0) return null;
  return (
    <Group gap={6}>
      {photos.map((photo) => (
        <Anchor key={photo.id} href={photo.url} target="_blank" rel="noreferrer">
          <Image src={photo.url} alt={alt} h={72} w={72} fit="cover" radius="sm" data-testid="result-photo" />
        </Anchor>
      ))}
    </Group>
  );
}

export function AuditResults({
  workspaceId,
  audit,
  canEdit,
}: {
  workspaceId: string;
  audit: AuditDetail;
  canEdit: boolean;
}) {
  const { t } = useTranslation('audits');
  const answerText = useAnswerText();
  const checklists = useChecklists(workspaceId);
  const journeyId = checklists.data?.find((c) => c.id === audit.checklistId)?.journeyId ?? null;
  const stageIds = useStageIds(workspaceId, journeyId);
  const [draft, setDraft] = useState<TaskDraft | null>(null);
  const answers = new Map(audit.answers.map((a) => [a.criterionId, a]));

  const groups = new Map<string, { label: string; criteria: AuditCriterion[] }>();
  for (const criterion of audit.criteria) {
    const { key, label } = groupOf(criterion);
    const group = groups.get(key) ?? { label, criteria: [] };
    group.criteria.push(criterion);
    groups.set(key, group);
  }

  const taskDraft = (criterion: AuditCriterion): TaskDraft => {
    const stageId = criterion.stageKey ? stageIds.data?.get(criterion.stageKey) : undefined;
    return {
      title: t('results.taskTitle', { criterion: criterion.text, brand: audit.brandName }),
      lever: 'staff_qualification',
      targets: {
        touchpointId: criterion.touchpointId ?? undefined,
        journeyId: stageId && journeyId ? journeyId : undefined,
        stageId,
      },
    };
  };

  const loosePhotos = audit.photos.filter(
    (p) => p.criterionId === null || !audit.criteria.some((c) => c.id === p.criterionId),
  );

  return (
    <Stack gap="md" data-testid="audit-results">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Card withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('field.score')}
          </Text>
          <Text size="xl" fw={700} data-testid="audit-score">
            {percent(audit.score)}
          </Text>
        </Card>
        <Card withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('results.answered')}
          </Text>
          <Text size="xl" fw={700}>
            {audit.answeredCount} / {audit.criteriaCount}
          </Text>
        </Card>
        <Card withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('results.passed')}
          </Text>
          <Text size="xl" fw={700} c="teal">
            {audit.passedCount}
          </Text>
        </Card>
        <Card withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t('results.failed')}
          </Text>
          <Text size="xl" fw={700} c={audit.failedCount ? 'red' : undefined} data-testid="audit-failed">
            {audit.failedCount}
          </Text>
        </Card>
      </SimpleGrid>
      {[...groups.entries()].map(([key, group]) => {
        const scored = group.criteria.map((c) => ({
          score: answers.get(c.id)?.score ?? null,
          weight: c.weight,
        }));
        const n = scored.filter((s) => s.score !== null).length;
        return (
          <Card withBorder key={key} data-testid="result-group">
            <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
              <Title order={4} style={{ overflowWrap: 'anywhere' }}>
                {group.label}
              </Title>
              <Text size="sm" c="dimmed">
                {t('results.groupScore', { score: percent(weightedScore(scored)), count: n })}
              </Text>
            </Group>
            <Stack gap="xs">
              {group.criteria.map((criterion) => {
                const answer = answers.get(criterion.id);
                const failed = answer?.passed === false;
                const target = targetLabel(criterion);
                return (
                  <Card
                    key={criterion.id}
                    p="xs"
                    withBorder
                    bg={failed ? 'var(--mantine-color-red-light)' : undefined}
                    style={failed ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
                    data-testid="result-criterion"
                    data-criterion={criterion.id}
                    data-failed={failed}
                  >
                    <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                      <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
                        <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {criterion.text}
                        </Text>
                        <Text size="sm">
                          {answerText(criterion, answer)}
                          {target && (
                            <Text span c="dimmed" size="sm">
                              {' '}
                              ({t('walk.target', { target })})
                            </Text>
                          )}
                        </Text>
                        {answer?.note && (
                          <Text size="sm" c="dimmed" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                            {answer.note}
                          </Text>
                        )}
                        <PhotoStrip
                          photos={audit.photos.filter((p) => p.criterionId === criterion.id)}
                          alt={t('walk.photoAlt', { criterion: criterion.text })}
                        />
                      </Stack>
                      <Group gap="xs">
                        {answer?.passed === true && (
                          <Badge color="teal" variant="light">
                            {t('results.pass')}
                          </Badge>
                        )}
                        {failed && (
                          <Badge color="red" variant="filled">
                            {t('results.fail')}
                          </Badge>
                        )}
                        {failed && canEdit && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconListCheck size={14} />}
                            onClick={() => setDraft(taskDraft(criterion))}
                            data-testid="result-create-task"
                          >
                            {t('results.createTask')}
                          </Button>
                        )}
                      </Group>
                    </Group>
                  </Card>
                );
              })}
            </Stack>
          </Card>
        );
      })}
      {loosePhotos.length > 0 && (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('results.photos')}
          </Title>
          <PhotoStrip photos={loosePhotos} alt={audit.brandName} />
        </Card>
      )}
      <TaskDialog
        workspaceId={workspaceId}
        opened={draft !== null}
        draft={draft ?? undefined}
        onClose={() => setDraft(null)}
      />
    </Stack>
  );
}
