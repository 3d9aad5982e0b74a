/**
 * The conversion funnel of a saved chain (SPEC §7.1, computed by the API): customers reached,
 * dropped and broken by a negative per link, conversion per transition, the weak link, and the
 * time between links; a chart and a table with the same numbers.
 */
import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Chain, ChainConversion } from '../../api/types';
import { type Formatters, useFormat } from '../../i18n/format';
import { useAnalyticsFilter } from '../../state/period';
import { Chart, type ChartOption } from '../chart';
import { PeriodFilter } from '../period-filter';
import { Empty, QueryState } from '../states';
import { RoleBadge } from './link-editor';
import { useChainConversion } from './queries';

const COLORS = { reached: '#228be6', weak: '#e03131', dropped: '#adb5bd', negative: '#f76707' };
const DEFAULT_MIN_ENTRANTS = 30;

type LinkResult = ChainConversion['links'][number];

function chartOption(
  result: ChainConversion,
  labels: { reached: string; dropped: string; negative: string },
  format: Formatters,
): ChartOption {
  const weakTo = result.weakLink?.toLink;
  const names = result.links.map((l) => `${l.link}. ${l.touchpointName}`);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 90, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      // Long touchpoint names wrap rather than being cut: the whole name is always readable.
      axisLabel: { width: 220, overflow: 'break', lineHeight: 14 },
    },
    series: [
      {
        name: labels.reached,
        type: 'bar',
        barMaxWidth: 22,
        data: result.links.map((l) => ({
          value: l.reached,
          itemStyle: { color: l.link === weakTo ? COLORS.weak : COLORS.reached },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params: { dataIndex: number }) => {
            const l = result.links[params.dataIndex];
            if (!l) return '';
            const reached = format.number(l.reached);
            return l.conversionFromPrevious === null
              ? reached
              : `${reached} (${format.percent(l.conversionFromPrevious)})`;
          },
        },
      },
      {
        name: labels.dropped,
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: COLORS.dropped },
        data: result.links.map((l) => l.dropped ?? 0),
      },
      {
        name: labels.negative,
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: COLORS.negative },
        data: result.links.map((l) => l.brokenByNegative ?? 0),
      },
    ],
  };
}

function WeakLinkExplanation({ result }: { result: ChainConversion }) {
  const { t } = useTranslation('chains');
  const format = useFormat();
  const weak = result.weakLink;
  if (!weak) {
    return result.links.length > 1 ? (
      <Text size="sm" c="dimmed" data-testid="no-weak-link">
        {t('funnel.noWeakLink', { min: format.number(result.minEntrants) })}
      </Text>
    ) : null;
  }
  const from = result.links[weak.fromLink - 1];
  const to = result.links[weak.toLink - 1];
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('funnel.weakLinkTitle', { from: from?.touchpointName ?? '', to: to?.touchpointName ?? '' })}
      data-testid="weak-link-explanation"
    >
      {t('funnel.weakLinkExplanation', {
        entrants: format.number(weak.entrants),
        reached: format.number(weak.reached),
        conversion: format.percent(weak.conversion),
        from: from?.touchpointName ?? '',
        to: to?.touchpointName ?? '',
        days: format.number(result.chain.windowDays),
        min: format.number(result.minEntrants),
      })}
    </Alert>
  );
}

function FunnelTable({ result }: { result: ChainConversion }) {
  const { t } = useTranslation('chains');
  const format = useFormat();
  const weakTo = result.weakLink?.toLink;
  const brokenShare = (l: LinkResult) =>
    l.brokenByNegative === null
      ? '–'
      : l.dropped
        ? t('funnel.brokenShare', {
            n: format.number(l.brokenByNegative),
            share: format.percent(l.brokenByNegative / l.dropped),
          })
        : format.number(l.brokenByNegative);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" data-testid="funnel-table" striped={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={240}>{t('funnel.link')}</Table.Th>
            <Table.Th ta="right">{t('funnel.reached')}</Table.Th>
            <Table.Th ta="right">{t('funnel.conversionFromPrevious')}</Table.Th>
            <Table.Th ta="right">{t('funnel.conversionFromFirst')}</Table.Th>
            <Table.Th ta="right">{t('funnel.dropped')}</Table.Th>
            <Table.Th ta="right">{t('funnel.brokenColumn')}</Table.Th>
            <Table.Th ta="right">{t('funnel.medianTime')}</Table.Th>
            <Table.Th ta="right">{t('funnel.p90Time')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.links.map((l) => {
            const isWeak = l.link === weakTo;
            return (
              <Table.Tr
                key={l.link}
                data-testid="funnel-row"
                data-link={l.link}
                data-weak={isWeak || undefined}
                bg={isWeak ? 'red.0' : undefined}
              >
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" c="dimmed" w={22}>
                      {l.link}.
                    </Text>
                    <div>
                      <Text size="sm" fw={500}>
                        {l.touchpointName}
                      </Text>
                      <Group gap={4} mt={2}>
                        <RoleBadge role={l.role} />
                        {isWeak && (
                          <Badge color="red" variant="filled" size="sm" data-testid="weak-link-badge">
                            {t('funnel.weakLink')}
                          </Badge>
                        )}
                      </Group>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{format.number(l.reached)}</Table.Td>
                <Table.Td ta="right" fw={isWeak ? 700 : undefined} c={isWeak ? 'red' : undefined}>
                  {format.percent(l.conversionFromPrevious)}
                </Table.Td>
                <Table.Td ta="right">{format.percent(l.conversionFromFirst)}</Table.Td>
                <Table.Td ta="right">{format.number(l.dropped)}</Table.Td>
                <Table.Td ta="right">{brokenShare(l)}</Table.Td>
                <Table.Td ta="right">{format.duration(l.medianMsFromPrevious)}</Table.Td>
                <Table.Td ta="right">{format.duration(l.p90MsFromPrevious)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FunnelResult({ result, workspaceId }: { result: ChainConversion; workspaceId: string }) {
  const { t } = useTranslation('chains');
  const format = useFormat();
  const option = useMemo(
    () =>
      chartOption(
        result,
        {
          reached: t('funnel.reached'),
          dropped: t('funnel.dropped'),
          negative: t('funnel.brokenByNegative'),
        },
        format,
      ),
    [result, t, format],
  );
  if ((result.links[0]?.reached ?? 0) === 0) {
    return (
      <Empty
        title={t('funnel.emptyTitle')}
        action={
          <Button component={Link} to={`/w/${workspaceId}/data`} variant="light">
            {t('funnel.toData')}
          </Button>
        }
      >
        {t('funnel.emptyHint')}
      </Empty>
    );
  }
  return (
    <Stack gap="md">
      <WeakLinkExplanation result={result} />
      <Chart
        option={option}
        height={Math.max(220, result.links.length * 64 + 60)}
        label={t('funnel.chartLabel', { name: result.chain.name })}
        testId="funnel-chart"
      />
      <FunnelTable result={result} />
    </Stack>
  );
}

export function ChainFunnel({
  workspaceId,
  chain,
  unsaved,
}: {
  workspaceId: string;
  chain: Chain;
  unsaved: boolean;
}) {
  const { t } = useTranslation('chains');
  const { query } = useAnalyticsFilter();
  const [minEntrants, setMinEntrants] = useState<number>(DEFAULT_MIN_ENTRANTS);
  const hasLinks = chain.links.length > 0;
  const [debouncedMin] = useDebouncedValue(minEntrants, 300);
  const conversion = useChainConversion(
    workspaceId,
    chain.id,
    { ...query, minEntrants: debouncedMin },
    hasLinks,
  );
  return (
    <Card withBorder data-testid="chain-funnel">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
        <div>
          <Title order={4}>{t('funnel.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('funnel.subtitle', { days: chain.windowDays })}
          </Text>
        </div>
        <Group gap="md" align="flex-end">
          <PeriodFilter />
          <NumberInput
            size="xs"
            w={240}
            label={t('funnel.minEntrants')}
            min={1}
            max={1_000_000}
            allowDecimal={false}
            value={minEntrants}
            onChange={(value) => setMinEntrants(typeof value === 'number' && value >= 1 ? value : 1)}
          />
        </Group>
      </Group>
      {unsaved && hasLinks && (
        <Text size="sm" c="orange" mb="sm">
          {t('funnel.unsaved')}
        </Text>
      )}
      {!hasLinks ? (
        <Empty title={t('funnel.noLinksTitle')}>{t('funnel.noLinks')}</Empty>
      ) : (
        <QueryState query={conversion}>
          {(result) => <FunnelResult result={result} workspaceId={workspaceId} />}
        </QueryState>
      )}
    </Card>
  );
}
