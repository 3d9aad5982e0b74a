/** Contact frequency (SPEC §7.7): customers over the out-touch cap, and how they fare against the rest. */
import { Group, NumberInput, SimpleGrid, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactFrequency } from '../../api/types';
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
import { COLOR_BAD, COLOR_GOOD, SERIES_COLORS } from './chart-style';
import { useAnalysis } from './use-analysis';

const DAY_MS = 86_400_000;

export function ContactFrequencyAnalysis() {
  const { t } = useTranslation('analytics');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  // Empty: the workspace's own cap.
  const [cap, setCap] = useState<number | undefined>(undefined);
  const [windowDays, setWindowDays] = useState(30);
  const query = useAnalysis<ContactFrequency>('contact-frequency', { cap, windowDays });
  const data = query.data;

  const groupsOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const { overCap, underCap } = data.groups;
    return {
      color: [COLOR_BAD, SERIES_COLORS[0]],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => format.percent(v),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: [t('contact.lostRate'), t('contact.negativeRate')] },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v, 0) } },
      series: [
        {
          type: 'bar',
          name: t('contact.overCapGroup', { cap: data.cap }),
          data: [overCap.lostRate, overCap.negativeRate],
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => format.percent(p.value),
          },
        },
        {
          type: 'bar',
          name: t('contact.underCapGroup', { cap: data.cap }),
          data: [underCap.lostRate, underCap.negativeRate],
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => format.percent(p.value),
          },
        },
      ],
    };
  }, [data, format, t]);

  const histogramOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => format.number(v),
      },
      grid: { left: 8, right: 16, top: 32, bottom: 28, containLabel: true },
      xAxis: {
        type: 'category',
        name: t('contact.maxTouchesAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        data: data.histogram.map((h) => String(h.maxTouches)),
      },
      yAxis: { type: 'value', name: t('contact.customers'), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('contact.customers'),
          barCategoryGap: '15%',
          data: data.histogram.map((h) => ({
            value: h.customers,
            itemStyle: { color: h.maxTouches > data.cap ? COLOR_BAD : COLOR_GOOD },
          })),
        },
      ],
    };
  }, [data, format, t]);

  return (
    <AnalysisStack testId="analysis-contact" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('contact.intro')}</AnalysisIntro>
      <Group gap="md">
        <NumberInput
          label={t('contact.cap')}
          placeholder={t('contact.capDefault')}
          size="xs"
          w={220}
          min={0}
          max={1_000_000}
          value={cap ?? ''}
          onChange={(v) => setCap(typeof v === 'number' && v >= 0 ? v : undefined)}
        />
        <NumberInput
          label={t('contact.window')}
          size="xs"
          w={160}
          min={1}
          max={3650}
          value={windowDays}
          onChange={(v) => typeof v === 'number' && v >= 1 && v <= 3650 && setWindowDays(v)}
        />
      </Group>
      <QueryState query={query}>
        {(result) =>
          result.customers === 0 ? (
            <NoInteractions workspaceId={workspaceId} />
          ) : (
            <>
              <StatGrid>
                <Stat
                  label={t('contact.capShown')}
                  value={format.number(result.cap)}
                  hint={t('contact.capWindow', { days: format.number(result.windowMs / DAY_MS, 1) })}
                />
                <Stat label={t('contact.customers')} value={format.number(result.customers)} />
                <Stat label={t('contact.overCap')} value={format.number(result.overCap)} />
                <Stat
                  label={t('contact.lostRateOver')}
                  value={format.percent(result.groups.overCap.lostRate)}
                  hint={t('contact.vsUnder', { rate: format.percent(result.groups.underCap.lostRate) })}
                />
                <Stat
                  label={t('contact.negativeRateOver')}
                  value={format.percent(result.groups.overCap.negativeRate)}
                  hint={t('contact.vsUnder', { rate: format.percent(result.groups.underCap.negativeRate) })}
                />
              </StatGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                {groupsOption && (
                  <ChartCard
                    title={t('contact.groupsTitle')}
                    description={t('contact.groupsHint')}
                    chart={
                      <Chart
                        option={groupsOption}
                        height={300}
                        label={t('contact.groupsLabel', { cap: result.cap })}
                        testId="contact-groups"
                      />
                    }
                  />
                )}
                {histogramOption && (
                  <ChartCard
                    title={t('contact.histogramTitle')}
                    description={t('contact.histogramHint', { cap: result.cap })}
                    chart={
                      <Chart
                        option={histogramOption}
                        height={300}
                        label={t('contact.histogramLabel')}
                        testId="contact-histogram"
                      />
                    }
                    table={
                      <DataTable label={t('contact.histogramTitle')} minWidth={280}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th ta="right">{t('contact.maxTouchesAxis')}</Table.Th>
                            <Table.Th ta="right">{t('contact.customers')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {result.histogram.map((h) => (
                            <Table.Tr key={h.maxTouches} c={h.maxTouches > result.cap ? 'red' : undefined}>
                              <Table.Td ta="right">{format.number(h.maxTouches)}</Table.Td>
                              <Table.Td ta="right">{format.number(h.customers)}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </DataTable>
                    }
                  />
                )}
              </SimpleGrid>
              <TableCard title={t('contact.groupsTable')}>
                <DataTable label={t('contact.groupsTable')} minWidth={760} testId="contact-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('contact.group')}</Table.Th>
                      <Table.Th ta="right">{t('contact.customers')}</Table.Th>
                      <Table.Th ta="right">{t('contact.lostCustomers')}</Table.Th>
                      <Table.Th ta="right">{t('contact.lostRate')}</Table.Th>
                      <Table.Th ta="right">{t('contact.ratedInteractions')}</Table.Th>
                      <Table.Th ta="right">{t('contact.negativeInteractions')}</Table.Th>
                      <Table.Th ta="right">{t('contact.negativeRate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(['overCap', 'underCap'] as const).map((key) => {
                      const g = result.groups[key];
                      return (
                        <Table.Tr key={key}>
                          <Table.Td fw={500}>
                            {key === 'overCap'
                              ? t('contact.overCapGroup', { cap: result.cap })
                              : t('contact.underCapGroup', { cap: result.cap })}
                          </Table.Td>
                          <Table.Td ta="right">{format.number(g.customers)}</Table.Td>
                          <Table.Td ta="right">{format.number(g.lostCustomers)}</Table.Td>
                          <Table.Td ta="right" fw={600}>
                            {format.percent(g.lostRate)}
                          </Table.Td>
                          <Table.Td ta="right">{format.number(g.ratedInteractions)}</Table.Td>
                          <Table.Td ta="right">{format.number(g.negativeInteractions)}</Table.Td>
                          <Table.Td ta="right" fw={600}>
                            {format.percent(g.negativeRate)}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </DataTable>
              </TableCard>
              {result.touchpointCaps.length > 0 && (
                <TableCard title={t('contact.touchpointCaps')}>
                  <DataTable label={t('contact.touchpointCaps')} minWidth={480}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('contact.touchpoint')}</Table.Th>
                        <Table.Th ta="right">{t('contact.capShown')}</Table.Th>
                        <Table.Th ta="right">{t('contact.overCap')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.touchpointCaps.map((c) => (
                        <Table.Tr key={c.touchpointId}>
                          <Table.Td>{c.touchpointName ?? c.touchpointKey ?? c.touchpointId}</Table.Td>
                          <Table.Td ta="right">{format.number(c.cap)}</Table.Td>
                          <Table.Td ta="right">{format.number(c.customersOver)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </DataTable>
                </TableCard>
              )}
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
