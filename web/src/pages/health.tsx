/**
 * `/w/:id/health`: the health check of the three laws (SPEC §7.8), computed by the API. Findings
 * are grouped by law and rule, counted, explained in the UI language, and link to the object to fix.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ws } from '../api/client';
import type { HealthFinding, HealthReport, Page, Touchpoint } from '../api/types';
import { useJourneys } from '../components/chains/queries';
import { useStandardTouchpoints } from '../components/health/finding-link';
import { RuleGroup } from '../components/health/rule-group';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import type { TaskDraft } from '../components/tasks/queries';
import { TaskDialog } from '../components/tasks/task-dialog';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

type Law = HealthFinding['law'];
type Rule = HealthFinding['rule'];
type SeverityFilter = 'all' | HealthFinding['severity'];
const LAWS: Law[] = [1, 2, 3];

/** Findings by law, then by rule, in the API's order (law, rule, object name). */
function grouped(findings: HealthFinding[]): Map<Law, Map<Rule, HealthFinding[]>> {
  const byLaw = new Map<Law, Map<Rule, HealthFinding[]>>(LAWS.map((law) => [law, new Map()]));
  for (const finding of findings) {
    const byRule = byLaw.get(finding.law) ?? new Map<Rule, HealthFinding[]>();
    byLaw.set(finding.law, byRule);
    const list = byRule.get(finding.rule) ?? [];
    list.push(finding);
    byRule.set(finding.rule, list);
  }
  return byLaw;
}

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  const format = useFormat();
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={value > 0 ? color : undefined} data-testid={testId}>
        {format.number(value)}
      </Text>
    </Paper>
  );
}

/** No findings: all clear, or nothing to check yet in a workspace without touchpoints. */
function NoFindings({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation('chains');
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'count'],
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { limit: 1 }),
  });
  if (touchpoints.isPending) return null;
  if (touchpoints.data?.total === 0)
    return (
      <Card withBorder>
        <Empty
          title={t('health.nothingTitle')}
          action={
            <Button component={Link} to={`/w/${workspaceId}/touchpoints`}>
              {t('health.toTouchpoints')}
            </Button>
          }
        >
          {t('health.nothingHint')}
        </Empty>
      </Card>
    );
  return (
    <Alert color="green" icon={<IconCircleCheck />} title={t('health.allClear')} data-testid="health-clear">
      {t('health.allClearHint')}
    </Alert>
  );
}

function HealthView({ report, workspaceId }: { report: HealthReport; workspaceId: string }) {
  const { t } = useTranslation('chains');
  const format = useFormat();
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const canEdit = useCanEdit();
  // The "Create task" action of a finding: the dialog opens with the finding's prefill.
  const [draft, setDraft] = useState<TaskDraft | null>(null);
  const needsJourneys = report.findings.some((f) => f.rule === 'stage_without_touchpoint');
  const journeys = useJourneys(workspaceId);
  const journeyNames = useMemo(
    () => new Map(needsJourneys ? (journeys.data?.items ?? []).map((j) => [j.id, j.name]) : []),
    [journeys.data, needsJourneys],
  );
  const standardTouchpoints = useStandardTouchpoints(
    workspaceId,
    report.findings.some((f) => f.object.type === 'standard'),
  );
  const groups = useMemo(
    () =>
      grouped(severity === 'all' ? report.findings : report.findings.filter((f) => f.severity === severity)),
    [report, severity],
  );

  const { summary } = report;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, xs: 3 }} maw={720}>
        <Stat label={t('health.total')} value={summary.total} testId="health-total" />
        <Stat label={t('health.errors')} value={summary.errors} color="red" testId="health-errors" />
        <Stat label={t('health.warnings')} value={summary.warnings} color="yellow" testId="health-warnings" />
      </SimpleGrid>
      {summary.total === 0 ? (
        <NoFindings workspaceId={workspaceId} />
      ) : (
        <>
          <SegmentedControl
            aria-label={t('health.severityFilter')}
            w="fit-content"
            size="xs"
            value={severity}
            onChange={(value) => setSeverity(value as SeverityFilter)}
            data={[
              { value: 'all', label: t('health.all') },
              { value: 'error', label: t('health.errors') },
              { value: 'warning', label: t('health.warnings') },
            ]}
          />
          {LAWS.map((law) => {
            const byRule = groups.get(law) ?? new Map<Rule, HealthFinding[]>();
            const count = [...byRule.values()].reduce((sum, list) => sum + list.length, 0);
            return (
              <Card withBorder key={law} data-testid="health-law" data-law={law}>
                <Group justify="space-between" mb="sm" wrap="nowrap">
                  <Title order={4}>{t(`health.law${law}`)}</Title>
                  <Badge
                    size="lg"
                    variant="light"
                    color={count ? 'orange' : 'green'}
                    data-testid="health-law-count"
                  >
                    {format.number(count)}
                  </Badge>
                </Group>
                {count === 0 ? (
                  <Group gap="xs" c="green">
                    <IconCircleCheck size={18} />
                    <Text size="sm">{t('health.lawClear')}</Text>
                  </Group>
                ) : (
                  <Stack gap="sm">
                    {[...byRule.entries()].map(([rule, findings]) => (
                      <RuleGroup
                        key={rule}
                        workspaceId={workspaceId}
                        rule={rule}
                        findings={findings}
                        journeyNames={journeyNames}
                        standardTouchpoints={standardTouchpoints.data}
                        onCreateTask={canEdit ? (finding) => setDraft(finding.createTask) : undefined}
                      />
                    ))}
                  </Stack>
                )}
              </Card>
            );
          })}
        </>
      )}
      <TaskDialog
        workspaceId={workspaceId}
        opened={draft !== null}
        onClose={() => setDraft(null)}
        draft={draft ?? undefined}
      />
    </Stack>
  );
}

export function HealthPage() {
  const { t } = useTranslation('chains');
  const workspaceId = useWorkspaceId();
  const report = useQuery({
    queryKey: ['health', workspaceId],
    queryFn: () => api.get<HealthReport>(ws(workspaceId, '/health')),
  });
  return (
    <div data-testid="page-health">
      <PageHeader title={t('health.title')}>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          loading={report.isFetching}
          onClick={() => void report.refetch()}
        >
          {t('health.refresh')}
        </Button>
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('health.intro')}
      </Text>
      <QueryState query={report}>
        {(data) => <HealthView report={data} workspaceId={workspaceId} />}
      </QueryState>
    </div>
  );
}
