/**
 * The audits overall: the weighted scores of the submitted audits per criterion, touchpoint, stage
 * or brand (GET …/audits/scores), each with the number of audits and answers behind it, own brand
 * and competitors side by side. A figure below the pass mark is highlighted; a weak touchpoint of
 * the own brand offers "Create task".
 */
import { Badge, Button, Card, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASS_SCORE } from '../../../../src/domain/audit-scoring';
import { type AuditScoreRow, useAuditScores } from '../../api/audits';
import { useBrands } from '../../api/workspace-lists';
import { useNames } from '../names';
import { Empty, QueryState } from '../states';
import type { TaskDraft } from '../tasks/queries';
import { TaskDialog } from '../tasks/task-dialog';
import { BrandBadge } from './audit-list';
import { percent } from './criterion-format';

const LEVELS = ['touchpoint', 'stage', 'criterion', 'brand'] as const;
type Level = (typeof LEVELS)[number];

export function AuditScores({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { t } = useTranslation('audits');
  const [level, setLevel] = useState<Level>('touchpoint');
  const [brandId, setBrandId] = useState<string | null>(null);
  const [draft, setDraft] = useState<TaskDraft | null>(null);
  const brands = useBrands();
  const names = useNames();
  const scores = useAuditScores(workspaceId, { level, brandId: brandId ?? undefined });
  const label = (row: AuditScoreRow): string => {
    if (level === 'criterion') return row.criterionText ?? '—';
    if (level === 'touchpoint') return row.touchpointName ?? '—';
    if (level === 'stage')
      return row.stageKey ? names.stage({ key: row.stageKey, name: row.stageName }) : (row.stageName ?? '—');
    return row.brandName;
  };

  return (
    <>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('scores.level')}
          value={level}
          onChange={(value) => setLevel(value as Level)}
          data={LEVELS.map((l) => ({ value: l, label: t(`scores.levels.${l}`) }))}
          data-testid="scores-level"
        />
        <Select
          label={t('filter.brand')}
          placeholder={t('filter.any')}
          clearable
          w={200}
          data={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          value={brandId}
          onChange={setBrandId}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('scores.intro', { pass: percent(PASS_SCORE) })}
      </Text>
      <QueryState query={scores}>
        {({ rows }) =>
          rows.length === 0 ? (
            <Card withBorder>
              <Empty title={t('scores.empty')}>{t('scores.emptyHint')}</Empty>
            </Card>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" data-testid="scores-table">
                <Table.Thead>
                  <Table.Tr>
                    {level !== 'brand' && <Table.Th>{t(`scores.levels.${level}`)}</Table.Th>}
                    <Table.Th>{t('field.brand')}</Table.Th>
                    <Table.Th ta="right">{t('field.score')}</Table.Th>
                    <Table.Th ta="right">{t('scores.passRate')}</Table.Th>
                    <Table.Th ta="right">{t('scores.audits')}</Table.Th>
                    <Table.Th ta="right">{t('scores.answers')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => {
                    const weak = row.score < PASS_SCORE;
                    return (
                      <Table.Tr
                        key={`${row.brandId}:${row.criterionId ?? row.touchpointId ?? row.stageKey ?? ''}`}
                        bg={weak ? 'var(--mantine-color-red-light)' : undefined}
                        data-testid="scores-row"
                        data-weak={weak}
                      >
                        {level !== 'brand' && <Table.Td>{label(row)}</Table.Td>}
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm">{row.brandName}</Text>
                            <BrandBadge isOwn={row.isOwn} />
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Badge color={weak ? 'red' : 'teal'} variant="light">
                            {percent(row.score)}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">{percent(row.passRate)}</Table.Td>
                        <Table.Td ta="right">{row.audits}</Table.Td>
                        <Table.Td ta="right">{row.answers}</Table.Td>
                        <Table.Td ta="right">
                          {canEdit && weak && row.isOwn && level === 'touchpoint' && row.touchpointId && (
                            <Button
                              size="compact-sm"
                              variant="light"
                              leftSection={<IconListCheck size={14} />}
                              onClick={() =>
                                setDraft({
                                  title: t('scores.taskTitle', { name: label(row) }),
                                  lever: 'staff_qualification',
                                  targets: { touchpointId: row.touchpointId ?? undefined },
                                })
                              }
                            >
                              {t('results.createTask')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <TaskDialog
        workspaceId={workspaceId}
        opened={draft !== null}
        draft={draft ?? undefined}
        onClose={() => setDraft(null)}
      />
    </>
  );
}
