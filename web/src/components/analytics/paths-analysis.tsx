/** Paths (SPEC §7.3): the Sankey of step-to-step flows and the most common paths with their conversion. */
import { Group, NumberInput, SegmentedControl, Select, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Page, Paths, Touchpoint } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { Chart, type ChartOption } from '../chart';
import { QueryState } from '../states';
import {
  AnalysisIntro,
  AnalysisStack,
  ChartCard,
  DataTable,
  NoInteractions,
  Stat,
  StatGrid,
  TableCard,
} from './analysis-parts';
import { SERIES_COLORS, shorten } from './chart-style';
import { useAnalysis } from './use-analysis';

type Edge = Paths['edges'][number];

const FLOW_LIMITS = ['30', '60', '120', 'all'] as const;

/** The touchpoints of the workspace, for choosing where paths start or end. */
function useTouchpointChoices() {
  const workspaceId = useWorkspaceId();
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'choices'],
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { limit: 500, sort: 'name' }),
    staleTime: 60_000,
  });
  return useMemo(
    () => (touchpoints.data?.items ?? []).map((t) => ({ value: t.key, label: t.name })),
    [touchpoints.data],
  );
}

function stepName(name: string | null, key: string | null, id: string): string {
  return name ?? key ?? id;
}

/**
 * The Sankey's nodes are "touchpoint at step i", so the same touchpoint at two steps is two nodes
 * and the graph has no cycles (ECharts refuses them); each node sits in the column of its step.
 */
function sankeyOption(edges: Edge[], customersLabel: string, format: (n: number) => string): ChartOption {
  const nodes = new Map<string, { id: string; name: string; depth: number; itemStyle: { color: string } }>();
  // One colour per touchpoint, whatever its step, so a touchpoint is recognisable across columns.
  const colors = new Map<string, string>();
  const node = (step: number, id: string, name: string) => {
    const nodeId = `${step}|${id}`;
    let color = colors.get(id);
    if (!color) {
      color = SERIES_COLORS[colors.size % SERIES_COLORS.length] as string;
      colors.set(id, color);
    }
    if (!nodes.has(nodeId)) nodes.set(nodeId, { id: nodeId, name, depth: step - 1, itemStyle: { color } });
    return nodeId;
  };
  const links = edges.map((e) => {
    const fromName = stepName(e.fromName, e.fromKey, e.from);
    const toName = stepName(e.toName, e.toKey, e.to);
    return {
      source: node(e.step, e.from, fromName),
      target: node(e.step + 1, e.to, toName),
      value: e.customers,
      fromName,
      toName,
    };
  });
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: {
        dataType?: string;
        data: { name?: string; fromName?: string; toName?: string; value?: number };
        value?: number;
      }) =>
        params.dataType === 'edge'
          ? `${params.data.fromName} → ${params.data.toName}<br/>${customersLabel}: ${format(params.data.value ?? 0)}`
          : `${params.data.name}<br/>${customersLabel}: ${format(params.value ?? 0)}`,
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 160,
        top: 8,
        bottom: 8,
        nodeGap: 6,
        nodeWidth: 14,
        layoutIterations: 32,
        emphasis: { focus: 'adjacency' },
        data: [...nodes.values()],
        links,
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: {
          fontSize: 11,
          textBorderColor: '#fff',
          textBorderWidth: 2,
          formatter: (params: { name: string }) => shorten(params.name, 30),
        },
      },
    ],
  };
}

export function PathsAnalysis() {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const [steps, setSteps] = useState(6);
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [rollUp, setRollUp] = useState(false);
  const [flowLimit, setFlowLimit] = useState<(typeof FLOW_LIMITS)[number]>('60');
  const touchpoints = useTouchpointChoices();
  const query = useAnalysis<Paths>('paths', {
    steps,
    start: start ?? undefined,
    end: end ?? undefined,
    rollUp: rollUp || undefined,
  });

  const shownEdges = useMemo(() => {
    const edges = query.data?.edges ?? [];
    if (flowLimit === 'all') return edges;
    return [...edges].sort((a, b) => b.customers - a.customers).slice(0, Number(flowLimit));
  }, [query.data, flowLimit]);
  const option = useMemo(
    () => sankeyOption(shownEdges, t('paths.customers'), (n) => format.number(n)),
    [shownEdges, t, format],
  );

  return (
    <AnalysisStack testId="analysis-paths" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('paths.intro')}</AnalysisIntro>
      <Group gap="md" align="end">
        <NumberInput
          label={t('paths.steps')}
          size="xs"
          w={110}
          min={1}
          max={20}
          value={steps}
          onChange={(v) => typeof v === 'number' && v >= 1 && v <= 20 && setSteps(v)}
        />
        <Select
          label={t('paths.start')}
          placeholder={t('paths.anyTouchpoint')}
          size="xs"
          w={260}
          searchable
          clearable
          data={touchpoints}
          value={start}
          onChange={(v) => {
            setStart(v);
            if (v) setEnd(null);
          }}
        />
        <Select
          label={t('paths.end')}
          placeholder={t('paths.anyTouchpoint')}
          size="xs"
          w={260}
          searchable
          clearable
          data={touchpoints}
          value={end}
          onChange={(v) => {
            setEnd(v);
            if (v) setStart(null);
          }}
        />
        <Switch
          label={t('paths.rollUp')}
          checked={rollUp}
          onChange={(e) => setRollUp(e.currentTarget.checked)}
          mb={6}
        />
      </Group>
      <QueryState query={query}>
        {(data) =>
          data.customers === 0 ? (
            <NoInteractions workspaceId={workspaceId} />
          ) : (
            <>
              <StatGrid>
                <Stat label={t('paths.customersWithPath')} value={format.number(data.customers)} />
                <Stat label={t('paths.converted')} value={format.number(data.converted)} />
                <Stat label={t('paths.distinctFlows')} value={format.number(data.edges.length)} />
              </StatGrid>
              <ChartCard
                title={t('paths.sankeyTitle')}
                description={t('paths.sankeyShown', {
                  shown: format.number(shownEdges.length),
                  total: format.number(data.edges.length),
                })}
                actions={
                  <SegmentedControl
                    size="xs"
                    aria-label={t('paths.flowsShown')}
                    value={flowLimit}
                    onChange={(v) => setFlowLimit(v as (typeof FLOW_LIMITS)[number])}
                    data={FLOW_LIMITS.map((limit) => ({
                      value: limit,
                      label: limit === 'all' ? t('paths.allFlows') : t('paths.topFlows', { n: limit }),
                    }))}
                  />
                }
                chart={
                  data.edges.length === 0 ? (
                    <Text c="dimmed" size="sm" py="md">
                      {t('paths.noFlows')}
                    </Text>
                  ) : (
                    <Chart
                      option={option}
                      height={Math.max(420, Math.min(900, shownEdges.length * 9))}
                      label={t('paths.sankeyLabel', { steps: data.steps })}
                      testId="paths-sankey"
                    />
                  )
                }
                table={
                  <DataTable label={t('paths.flowsTable')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th ta="right">{t('paths.step')}</Table.Th>
                        <Table.Th>{t('paths.from')}</Table.Th>
                        <Table.Th>{t('paths.to')}</Table.Th>
                        <Table.Th ta="right">{t('paths.customers')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {shownEdges.map((e) => (
                        <Table.Tr key={`${e.step}|${e.from}|${e.to}`}>
                          <Table.Td ta="right">{`${e.step} → ${e.step + 1}`}</Table.Td>
                          <Table.Td>{stepName(e.fromName, e.fromKey, e.from)}</Table.Td>
                          <Table.Td>{stepName(e.toName, e.toKey, e.to)}</Table.Td>
                          <Table.Td ta="right">{format.number(e.customers)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </DataTable>
                }
              />
              <TableCard title={t('paths.topTitle')} description={t('paths.topHint')}>
                <DataTable label={t('paths.topTitle')} testId="paths-table" minWidth={760}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th ta="right">#</Table.Th>
                      <Table.Th>{t('paths.path')}</Table.Th>
                      <Table.Th ta="right">{t('paths.customers')}</Table.Th>
                      <Table.Th ta="right">{t('paths.converted')}</Table.Th>
                      <Table.Th ta="right">{t('paths.conversionRate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.paths.map((p, i) => (
                      <Table.Tr key={p.touchpointIds.join('|')}>
                        <Table.Td ta="right" c="dimmed">
                          {i + 1}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {p.steps
                              .map((s) => stepName(s.touchpointName, s.touchpointKey, s.touchpointId))
                              .join(' → ')}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{format.number(p.customers)}</Table.Td>
                        <Table.Td ta="right">{format.number(p.converted)}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {format.percent(p.conversionRate)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </DataTable>
              </TableCard>
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
