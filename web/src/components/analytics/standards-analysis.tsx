/** Standards compliance (SPEC §7.6): per standard the share meeting its target, percentiles, pass/fail, weekly trend. */
import { Button, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StandardsCompliance } from '../../api/types';
import { type Formatters, useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { Chart, type ChartOption } from '../chart';
import { Empty, QueryState } from '../states';
import {
  AnalysisIntro,
  AnalysisStack,
  ChartCard,
  DataTable,
  NoInteractions,
  PassBadge,
  Stat,
  StatGrid,
  TableCard,
} from './analysis-parts';
import { COLOR_BAD, COLOR_GOOD, SERIES_COLORS } from './chart-style';
import { useAnalysis } from './use-analysis';

type Compliance = StandardsCompliance['standards'][number];
type Metric = Compliance['metric'];
type Show = 'all' | 'failing' | 'passing';

/** Metrics judged as one figure over all answers (no per-interaction share, no percentiles). */
function isAggregate(metric: Metric): boolean {
  return metric === 'csat' || metric === 'nps' || metric === 'ces' || metric === 'negative_share';
}

/** A value of the metric in its own unit: times as durations, shares as percentages. */
function metricValue(format: Formatters, metric: Metric, value: number | null): string {
  switch (metric) {
    case 'response_ms':
    case 'wait_ms':
    case 'duration_ms':
    case 'complaint_first_response_ms':
    case 'complaint_resolution_ms':
    case 'review_reply_ms':
      return format.duration(value);
    case 'negative_share':
      return format.percent(value);
    case 'nps':
      return format.number(value, 0);
    default:
      return format.number(value, 2);
  }
}

function comparatorSign(comparator: Compliance['comparator']): string {
  return comparator === 'lte' ? '≤' : '≥';
}

function TrendCard({ standard, format }: { standard: Compliance; format: Formatters }) {
  const { t } = useTranslation('analytics');
  const aggregate = isAggregate(standard.metric);
  const option = useMemo<ChartOption>(() => {
    const line = aggregate ? standard.target : standard.requiredShare;
    const show = (v: number | null) =>
      aggregate ? metricValue(format, standard.metric, v) : format.percent(v);
    return {
      color: [SERIES_COLORS[0]],
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => show(v) },
      grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: standard.weeks.map((w) => format.date(w.weekStart)) },
      yAxis: {
        type: 'value',
        scale: aggregate,
        ...(aggregate ? {} : { min: 0, max: 1 }),
        axisLabel: { formatter: (v: number) => show(v) },
      },
      series: [
        {
          type: 'line',
          name: aggregate ? t('standards.value') : t('standards.shareMeeting'),
          symbolSize: 9,
          data: standard.weeks.map((w) => ({
            value: aggregate ? w.value : w.shareMeeting,
            itemStyle: { color: w.passed === false ? COLOR_BAD : COLOR_GOOD },
          })),
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: COLOR_BAD },
            label: { formatter: () => `${comparatorSign(standard.comparator)} ${show(line)}` },
            data: [{ yAxis: line }],
          },
        },
      ],
    };
  }, [standard, aggregate, format, t]);
  return (
    <Chart
      option={option}
      height={300}
      label={t('standards.trendLabel', { name: standard.name })}
      testId="standards-trend"
    />
  );
}

export function StandardsAnalysis() {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const [show, setShow] = useState<Show>('all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const query = useAnalysis<StandardsCompliance>('standards');

  const standards = query.data?.standards ?? [];
  const shown = standards.filter((s) =>
    show === 'all' ? true : show === 'failing' ? s.passed === false : s.passed === true,
  );
  // The trend opens on the chosen standard, else on the first failing one.
  const selected =
    standards.find((s) => s.standardId === selectedId) ??
    standards.find((s) => s.passed === false) ??
    standards.find((s) => s.measured > 0);
  const metricLabel = (s: Compliance) =>
    s.metric === 'prop' ? t('metrics.prop', { prop: s.prop ?? '' }) : t(`metrics.${s.metric}`);
  const standardLabel = (s: Compliance) => `${s.name} · ${s.touchpointName ?? s.touchpointKey ?? ''}`;

  return (
    <AnalysisStack testId="analysis-standards" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('standards.intro')}</AnalysisIntro>
      <QueryState query={query}>
        {(data) =>
          data.standards.length === 0 ? (
            <Empty
              title={t('standards.noneTitle')}
              action={
                <Button component={Link} to={`/w/${workspaceId}/touchpoints`} variant="light">
                  {t('standards.noneAction')}
                </Button>
              }
            >
              {t('standards.noneHint')}
            </Empty>
          ) : data.standards.every((s) => s.measured === 0) ? (
            <NoInteractions workspaceId={workspaceId} />
          ) : (
            <>
              <StatGrid>
                <Stat label={t('standards.count')} value={format.number(data.standards.length)} />
                <Stat
                  label={t('standards.passing')}
                  value={format.number(data.standards.filter((s) => s.passed === true).length)}
                />
                <Stat
                  label={t('standards.failing')}
                  value={format.number(data.standards.filter((s) => s.passed === false).length)}
                />
                <Stat
                  label={t('standards.unmeasured')}
                  value={format.number(data.standards.filter((s) => s.passed === null).length)}
                />
              </StatGrid>
              <TableCard
                title={t('standards.tableTitle')}
                description={t('standards.tableHint')}
                actions={
                  <SegmentedControl
                    size="xs"
                    aria-label={t('standards.showLabel')}
                    value={show}
                    onChange={(v) => setShow(v as Show)}
                    data={[
                      { value: 'all', label: t('standards.showAll') },
                      { value: 'failing', label: t('standards.showFailing') },
                      { value: 'passing', label: t('standards.showPassing') },
                    ]}
                  />
                }
              >
                <DataTable label={t('standards.tableTitle')} minWidth={960} testId="standards-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('standards.standard')}</Table.Th>
                      <Table.Th ta="right">{t('standards.target')}</Table.Th>
                      <Table.Th ta="right">{t('standards.measured')}</Table.Th>
                      <Table.Th ta="right">{t('standards.result')}</Table.Th>
                      <Table.Th ta="right">{t('standards.required')}</Table.Th>
                      <Table.Th ta="right">p50</Table.Th>
                      <Table.Th ta="right">p90</Table.Th>
                      <Table.Th ta="right">p99</Table.Th>
                      <Table.Th>{t('standards.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((s) => {
                      const aggregate = isAggregate(s.metric);
                      return (
                        <Table.Tr
                          key={s.standardId}
                          data-testid="standard-row"
                          onClick={() => setSelectedId(s.standardId)}
                          onKeyDown={(event) => {
                            if (event.key === 'Enter' || event.key === ' ') {
                              event.preventDefault();
                              setSelectedId(s.standardId);
                            }
                          }}
                          tabIndex={0}
                          aria-label={`${s.name} (${s.touchpointName ?? s.touchpointKey})`}
                          aria-current={selected?.standardId === s.standardId ? 'true' : undefined}
                          style={{ cursor: 'pointer' }}
                          bg={
                            selected?.standardId === s.standardId
                              ? 'var(--mantine-color-blue-light)'
                              : undefined
                          }
                        >
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {s.name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {s.touchpointName ?? s.touchpointKey}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                              {`${comparatorSign(s.comparator)} ${metricValue(format, s.metric, s.target)}`}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {metricLabel(s)}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">{format.number(s.measured)}</Table.Td>
                          <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                            {aggregate
                              ? metricValue(format, s.metric, s.value)
                              : format.percent(s.shareMeeting)}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {aggregate ? '–' : `≥ ${format.percent(s.requiredShare, 0)}`}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {metricValue(format, s.metric, s.p50)}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {metricValue(format, s.metric, s.p90)}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {metricValue(format, s.metric, s.p99)}
                          </Table.Td>
                          <Table.Td miw={110}>
                            <PassBadge passed={s.passed} />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </DataTable>
              </TableCard>
              {selected && (
                <ChartCard
                  title={t('standards.trendTitle')}
                  description={
                    isAggregate(selected.metric)
                      ? t('standards.trendHintValue')
                      : t('standards.trendHintShare')
                  }
                  actions={
                    <Select
                      size="xs"
                      w={420}
                      aria-label={t('standards.trendStandard')}
                      searchable
                      allowDeselect={false}
                      value={selected.standardId}
                      onChange={setSelectedId}
                      data={data.standards.map((s) => ({ value: s.standardId, label: standardLabel(s) }))}
                    />
                  }
                  chart={
                    selected.weeks.length === 0 ? (
                      <Text c="dimmed" size="sm" py="md">
                        {t('standards.noWeeks')}
                      </Text>
                    ) : (
                      <TrendCard standard={selected} format={format} />
                    )
                  }
                  table={
                    <DataTable label={t('standards.trendTitle')} minWidth={520}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('standards.week')}</Table.Th>
                          <Table.Th ta="right">{t('standards.measured')}</Table.Th>
                          <Table.Th ta="right">{t('standards.result')}</Table.Th>
                          <Table.Th>{t('standards.status')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {selected.weeks.map((w) => (
                          <Table.Tr key={w.week}>
                            <Table.Td>
                              <Group gap="xs">
                                <Text size="sm">{w.week}</Text>
                                <Text size="xs" c="dimmed">
                                  {format.date(w.weekStart)}
                                </Text>
                              </Group>
                            </Table.Td>
                            <Table.Td ta="right">{format.number(w.measured)}</Table.Td>
                            <Table.Td ta="right">
                              {isAggregate(selected.metric)
                                ? metricValue(format, selected.metric, w.value)
                                : format.percent(w.shareMeeting)}
                            </Table.Td>
                            <Table.Td>
                              <PassBadge passed={w.passed} />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </DataTable>
                  }
                />
              )}
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
