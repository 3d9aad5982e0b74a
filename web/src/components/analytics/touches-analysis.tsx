/** Touches to conversion (SPEC §7.2): how many touches and how much time a conversion takes. */
import { Group, NumberInput, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TouchesToConversion } from '../../api/types';
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
} from './analysis-parts';
import { SERIES_COLORS } from './chart-style';
import { useAnalysis } from './use-analysis';

type Bin = TouchesToConversion['touches']['histogram'][number];

/** The bins up to the last one holding a conversion (at least the first ten): the long empty tail is left out. */
function shownBins(bins: Bin[]): Bin[] {
  let last = 9;
  bins.forEach((bin, i) => {
    if (bin.conversions > 0) last = Math.max(last, i);
  });
  return bins.slice(0, last + 1);
}

function binLabel(bin: Bin): string {
  return bin.max === null ? `> ${bin.min - 1}` : String(bin.min);
}

export function TouchesAnalysis() {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const [lookbackDays, setLookbackDays] = useState(90);
  const query = useAnalysis<TouchesToConversion>('touches', { lookbackDays });

  const bins = useMemo(() => shownBins(query.data?.touches.histogram ?? []), [query.data]);
  const option = useMemo<ChartOption>(
    () => ({
      color: [SERIES_COLORS[0]],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => format.number(v),
      },
      grid: { left: 8, right: 16, top: 32, bottom: 28, containLabel: true },
      xAxis: {
        type: 'category',
        name: t('touches.touchesAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        data: bins.map(binLabel),
      },
      yAxis: { type: 'value', name: t('touches.conversionsAxis'), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('touches.conversionsAxis'),
          barCategoryGap: '15%',
          data: bins.map((b) => b.conversions),
        },
      ],
    }),
    [bins, t, format],
  );

  return (
    <AnalysisStack testId="analysis-touches" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('touches.intro')}</AnalysisIntro>
      <Group>
        <NumberInput
          label={t('touches.lookback')}
          size="xs"
          w={200}
          min={1}
          max={3650}
          value={lookbackDays}
          onChange={(v) => typeof v === 'number' && v >= 1 && v <= 3650 && setLookbackDays(v)}
        />
      </Group>
      <QueryState query={query}>
        {(data) =>
          data.conversions === 0 ? (
            <NoInteractions workspaceId={workspaceId} conversions />
          ) : (
            <>
              <StatGrid>
                <Stat label={t('touches.conversions')} value={format.number(data.conversions)} />
                <Stat label={t('touches.median')} value={format.number(data.touches.median, 1)} />
                <Stat label={t('touches.mean')} value={format.number(data.touches.mean, 1)} />
                <Stat
                  label={t('touches.medianTime')}
                  value={format.duration(data.timeToConversion.medianMs)}
                />
                <Stat label={t('touches.meanTime')} value={format.duration(data.timeToConversion.meanMs)} />
              </StatGrid>
              <ChartCard
                title={t('touches.histogramTitle')}
                description={t('touches.histogramHint')}
                chart={
                  <Chart
                    option={option}
                    height={340}
                    label={t('touches.histogramLabel')}
                    testId="touches-histogram"
                  />
                }
                table={
                  <DataTable label={t('touches.histogramTitle')} minWidth={320}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th ta="right">{t('touches.touchesAxis')}</Table.Th>
                        <Table.Th ta="right">{t('touches.conversionsAxis')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.touches.histogram
                        .filter((b) => b.conversions > 0)
                        .map((b) => (
                          <Table.Tr key={b.min}>
                            <Table.Td ta="right">{binLabel(b)}</Table.Td>
                            <Table.Td ta="right">{format.number(b.conversions)}</Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </DataTable>
                }
              />
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
