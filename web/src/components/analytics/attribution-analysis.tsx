/** Attribution (SPEC §7.4): the seven models side by side, by touchpoint or by channel. */
import { Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attribution } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { Chart, type ChartOption } from '../chart';
import { type Names, useNames } from '../names';
import { QueryState } from '../states';
import {
  AnalysisIntro,
  AnalysisStack,
  ChartCard,
  DataTable,
  NoInteractions,
  SortHeader,
  Stat,
  StatGrid,
  TableCard,
} from './analysis-parts';
import { SERIES_COLORS, shorten } from './chart-style';
import { useAnalysis } from './use-analysis';

type Model = Attribution['models'][number]['model'];
type Measure = 'conversions' | 'value';

interface Row {
  key: string;
  name: string;
  touchpointKey: string | null;
  byModel: Partial<Record<Model, { conversions: number; value: number }>>;
}

/** One row per touchpoint (or channel) met by any model, with each model's credit. */
function rowsOf(data: Attribution, noChannel: string, names: Names, byChannel: boolean): Row[] {
  const rows = new Map<string, Row>();
  for (const { model, credits } of data.models) {
    for (const credit of credits) {
      let row = rows.get(credit.key);
      if (!row) {
        const name =
          credit.key === '(none)'
            ? (credit.name ?? noChannel)
            : byChannel
              ? names.channel({ key: credit.key, name: credit.name })
              : (credit.name ?? credit.key);
        row = { key: credit.key, name, touchpointKey: credit.touchpointKey, byModel: {} };
        rows.set(credit.key, row);
      }
      row.byModel[model] = { conversions: credit.conversions, value: credit.value };
    }
  }
  return [...rows.values()];
}

const CHART_ROWS = 10;

export function AttributionAnalysis() {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const [by, setBy] = useState<'touchpoint' | 'channel'>('touchpoint');
  const [measure, setMeasure] = useState<Measure>('conversions');
  const [sortModel, setSortModel] = useState<Model>('linear');
  const query = useAnalysis<Attribution>('attribution', { by });
  const names = useNames();

  const models = useMemo(() => query.data?.models.map((m) => m.model) ?? [], [query.data]);
  const rows = useMemo(() => {
    if (!query.data) return [];
    const all = rowsOf(query.data, t('attribution.noChannel'), names, by === 'channel');
    const credit = (row: Row) => row.byModel[sortModel]?.[measure] ?? 0;
    return all.sort((a, b) => credit(b) - credit(a) || a.name.localeCompare(b.name));
  }, [query.data, sortModel, measure, t, names, by]);

  const amount = (n: number | undefined) =>
    n === undefined ? '–' : measure === 'conversions' ? format.number(n, 1) : format.number(n, 0);

  const option = useMemo<ChartOption>(() => {
    const top = rows.slice(0, CHART_ROWS);
    return {
      color: SERIES_COLORS,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) =>
          measure === 'conversions' ? format.number(v, 1) : format.number(v, 0),
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.number(v) } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map((r) => r.name),
        axisLabel: { formatter: (v: string) => shorten(v, 32) },
      },
      series: models.map((model) => ({
        type: 'bar',
        name: t(`models.${model}.name`),
        barGap: '10%',
        data: top.map((r) => r.byModel[model]?.[measure] ?? 0),
      })),
    };
  }, [rows, models, measure, format, t]);

  return (
    <AnalysisStack testId="analysis-attribution" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('attribution.intro')}</AnalysisIntro>
      <Group gap="md">
        <SegmentedControl
          size="xs"
          aria-label={t('attribution.byLabel')}
          value={by}
          onChange={(v) => setBy(v as 'touchpoint' | 'channel')}
          data={[
            { value: 'touchpoint', label: t('attribution.byTouchpoint') },
            { value: 'channel', label: t('attribution.byChannel') },
          ]}
        />
        <SegmentedControl
          size="xs"
          aria-label={t('attribution.measureLabel')}
          value={measure}
          onChange={(v) => setMeasure(v as Measure)}
          data={[
            { value: 'conversions', label: t('attribution.conversions') },
            { value: 'value', label: t('attribution.value') },
          ]}
        />
      </Group>
      <QueryState query={query}>
        {(data) =>
          data.paths === 0 ? (
            <NoInteractions workspaceId={workspaceId} />
          ) : (
            <>
              <StatGrid>
                <Stat label={t('attribution.conversions')} value={format.number(data.conversions)} />
                <Stat label={t('attribution.value')} value={format.number(data.value)} />
                <Stat label={t('attribution.paths')} value={format.number(data.paths)} />
                <Stat label={t('attribution.nullPaths')} value={format.number(data.nullPaths)} />
                <Stat
                  label={t('attribution.markovProbability')}
                  value={format.percent(data.models.find((m) => m.model === 'markov')?.conversionProbability)}
                />
              </StatGrid>
              {data.conversions === 0 ? (
                <TableCard title={t('attribution.chartTitle')}>
                  <Text c="dimmed" size="sm">
                    {t('attribution.noConversions')}
                  </Text>
                </TableCard>
              ) : (
                <>
                  <ChartCard
                    title={t('attribution.chartTitle')}
                    description={t('attribution.chartHint', {
                      n: format.number(Math.min(CHART_ROWS, rows.length)),
                    })}
                    chart={
                      <Chart
                        option={option}
                        height={Math.max(360, Math.min(CHART_ROWS, rows.length) * 58 + 60)}
                        label={t('attribution.chartLabel')}
                        testId="attribution-chart"
                      />
                    }
                  />
                  <TableCard
                    title={
                      by === 'touchpoint' ? t('attribution.tableTouchpoints') : t('attribution.tableChannels')
                    }
                    description={
                      measure === 'conversions'
                        ? t('attribution.tableHintConversions')
                        : t('attribution.tableHintValue')
                    }
                  >
                    <DataTable label={t('attribution.tableLabel')} testId="attribution-table" minWidth={980}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>
                            {by === 'touchpoint' ? t('attribution.touchpoint') : t('attribution.channel')}
                          </Table.Th>
                          {models.map((model) => (
                            <SortHeader
                              key={model}
                              active={sortModel === model}
                              onSort={() => setSortModel(model)}
                              tooltip={t(`models.${model}.hint`)}
                            >
                              <span data-testid="model-column">{t(`models.${model}.short`)}</span>
                            </SortHeader>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {rows.map((row) => (
                          <Table.Tr key={row.key}>
                            <Table.Td>
                              <Text size="sm">{row.name}</Text>
                              {row.touchpointKey && (
                                <Text size="xs" c="dimmed" ff="monospace">
                                  {row.touchpointKey}
                                </Text>
                              )}
                            </Table.Td>
                            {models.map((model) => (
                              <Table.Td key={model} ta="right" fw={sortModel === model ? 600 : undefined}>
                                {amount(row.byModel[model]?.[measure])}
                              </Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </DataTable>
                  </TableCard>
                </>
              )}
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
