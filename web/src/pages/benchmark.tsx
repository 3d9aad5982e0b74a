/**
 * `/w/:id/benchmark`: brands side by side (GET …/benchmark): audit scores per stage as grouped bars,
 * the numbers per stage and per touchpoint with the audits and answers behind each, where a
 * competitor beats us by gap, and each brand's latest failures. The server computes; this page shows.
 */
import { Alert, Box, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconBuildingStore, IconClipboardCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CompetitorBenchmark, useBenchmark } from '../api/benchmark';
import { BeatsList } from '../components/benchmark/beats-list';
import { BenchmarkChart } from '../components/benchmark/benchmark-chart';
import { ComparisonTable } from '../components/benchmark/comparison-table';
import { stageLabel } from '../components/benchmark/labels';
import { LatestFailures } from '../components/benchmark/latest-failures';
import { WRAPPING_BUTTON } from '../components/benchmark/wrapping-button';
import { useJourneys } from '../components/chains/queries';
import { PageHeader } from '../components/layout';
import { PeriodFilter } from '../components/period-filter';
import { Empty, QueryState } from '../components/states';
import { useAnalyticsFilter } from '../state/period';
import { useWorkspaceId } from '../state/session';

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Card withBorder>
      <Title order={4}>{title}</Title>
      {hint && (
        <Text size="sm" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
      <Stack mt="sm">{children}</Stack>
    </Card>
  );
}

function BenchmarkView({ data, workspaceId }: { data: CompetitorBenchmark; workspaceId: string }) {
  const { t } = useTranslation('benchmark');
  const { t: tj } = useTranslation('journeys');
  const competitors = data.brands.filter((b) => !b.isOwn);
  const hasAudits = data.overall.some((c) => c.audit !== null);
  const competitorAudited = data.overall.some(
    (c) => c.audit !== null && competitors.some((b) => b.id === c.brandId),
  );
  const toAudits = (
    <Button
      {...WRAPPING_BUTTON}
      component={Link}
      to={`/w/${workspaceId}/audits`}
      leftSection={<IconClipboardCheck size={16} />}
      data-testid="benchmark-to-audits"
    >
      {t('benchmark.toAudits')}
    </Button>
  );
  const toBrands = (
    <Button
      {...WRAPPING_BUTTON}
      component={Link}
      to={`/w/${workspaceId}/brands`}
      variant={competitors.length === 0 ? 'filled' : 'default'}
      leftSection={<IconBuildingStore size={16} />}
    >
      {t('benchmark.toBrands')}
    </Button>
  );

  if (!hasAudits && data.overall.every((c) => c.measured === null))
    return (
      <Card withBorder>
        <Empty
          title={t('benchmark.emptyTitle')}
          action={<Group justify="center">{competitors.length === 0 ? toBrands : toAudits}</Group>}
        >
          {competitors.length === 0 ? t('benchmark.emptyNoCompetitor') : t('benchmark.emptyHint')}
        </Empty>
      </Card>
    );

  const fromJourney = data.journey !== null;
  return (
    <Stack gap="md">
      {!competitorAudited && (
        <Alert
          color="blue"
          title={t('benchmark.noCompetitorAuditTitle')}
          data-testid="benchmark-no-competitor"
        >
          <Text size="sm">
            {competitors.length === 0 ? t('benchmark.emptyNoCompetitor') : t('benchmark.noCompetitorAudit')}
          </Text>
          <Group mt="sm">{competitors.length === 0 ? toBrands : toAudits}</Group>
        </Alert>
      )}
      {hasAudits && (
        <Section title={t('benchmark.chartTitle')}>
          <BenchmarkChart data={data} />
        </Section>
      )}
      <Section title={t('benchmark.beatsTitle')} hint={t('benchmark.beatsHint')}>
        <BeatsList beats={data.beats} fromJourney={fromJourney} />
      </Section>
      <Section title={t('benchmark.stagesTitle')} hint={t('benchmark.tableHint')}>
        <ComparisonTable
          brands={data.brands}
          firstColumn={t('benchmark.stage')}
          testId="benchmark-stages"
          rows={[
            ...data.stages.map((stage) => ({
              key: stage.stageKey,
              label: stageLabel(tj, stage, fromJourney),
              cells: stage.brands,
            })),
            { key: '__overall', label: t('benchmark.overall'), cells: data.overall },
          ]}
        />
      </Section>
      {data.touchpoints.length > 0 && (
        <Section title={t('benchmark.touchpointsTitle')} hint={t('benchmark.touchpointsHint')}>
          <ComparisonTable
            brands={data.brands}
            firstColumn={t('benchmark.touchpoint')}
            testId="benchmark-touchpoints"
            rows={data.touchpoints.map((row) => ({
              key: row.touchpointId,
              label: row.touchpointName,
              detail: row.stageKey
                ? stageLabel(tj, { stageKey: row.stageKey, stageName: null }, false)
                : undefined,
              cells: row.brands,
            }))}
          />
        </Section>
      )}
      {data.latestFailures.length > 0 && (
        <Section title={t('benchmark.failuresTitle')} hint={t('benchmark.failuresHint')}>
          <LatestFailures audits={data.latestFailures} />
        </Section>
      )}
    </Stack>
  );
}

export function BenchmarkPage() {
  const { t } = useTranslation('benchmark');
  const workspaceId = useWorkspaceId();
  const { query } = useAnalyticsFilter();
  const [params, setParams] = useSearchParams();
  const journeyId = params.get('journey') ?? undefined;
  const journeys = useJourneys(workspaceId);
  const benchmark = useBenchmark(workspaceId, { ...query, journeyId });
  const setJourney = (value: string | null) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set('journey', value);
    else next.delete('journey');
    setParams(next, { replace: true });
  };
  return (
    <div data-testid="page-benchmark">
      <PageHeader title={t('benchmark.title')}>
        <Button
          {...WRAPPING_BUTTON}
          component={Link}
          to={`/w/${workspaceId}/brands`}
          variant="default"
          leftSection={<IconBuildingStore size={16} />}
        >
          {t('benchmark.toBrands')}
        </Button>
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('benchmark.intro')}
      </Text>
      <Group gap="md" align="end" mb="md" wrap="wrap">
        <Select
          label={t('benchmark.journey')}
          placeholder={t('benchmark.allJourneys')}
          clearable
          w={260}
          maw="100%"
          value={journeyId ?? null}
          onChange={setJourney}
          data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
          data-testid="benchmark-journey"
        />
        {/* The period's five choices are wider than a phone leaves beside the navigation: they scroll. */}
        <Box maw="100%" style={{ overflowX: 'auto' }}>
          <PeriodFilter />
        </Box>
      </Group>
      <QueryState query={benchmark}>
        {(data) => <BenchmarkView data={data} workspaceId={workspaceId} />}
      </QueryState>
    </div>
  );
}
