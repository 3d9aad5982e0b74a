/**
 * The designed emotion curve (from the map) and the measured one (GET analytics/sentiment, the
 * journey's emotion curve) drawn together, one point per stage, lined up under the map's columns.
 */
import { Alert, Group, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { JourneyMap, Sentiment } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useAnalyticsFilter } from '../../state/period';
import { useWorkspaceId } from '../../state/session';
import { Chart, type ChartOption } from '../chart';
import { ErrorState, Loading } from '../states';
import { LANE_COLUMN_PX } from './journey-grid';

const DAY_MS = 86_400_000;
const DESIGNED_COLOR = '#228be6';
const MEASURED_COLOR = '#e8590c';

export function EmotionCurve({ map }: { map: JourneyMap }) {
  const { t } = useTranslation('journeys');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const { filter, query } = useAnalyticsFilter();
  const sentiment = useQuery({
    queryKey: ['journey-sentiment', workspaceId, map.id, query.from, query.to, filter.channel],
    queryFn: () =>
      api.get<Sentiment>(ws(workspaceId, '/analytics/sentiment'), {
        journeyId: map.id,
        from: query.from,
        to: query.to,
        channel: filter.channel,
      }),
  });

  const curve = sentiment.data?.emotionCurves.find((c) => c.journeyId === map.id);
  const measuredByKey = useMemo(
    () => new Map((curve?.stages ?? []).map((point) => [point.key, point])),
    [curve],
  );
  const hasMeasured = (curve?.stages ?? []).some((point) => point.measuredEmotion !== null);

  const option = useMemo<ChartOption>(() => {
    const designedName = t('curve.designed');
    const measuredName = t('curve.measured');
    return {
      animation: false,
      grid: { left: LANE_COLUMN_PX, right: 0, top: 36, bottom: 28 },
      legend: { top: 0, left: LANE_COLUMN_PX, data: [designedName, measuredName] },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number; seriesName: string; value: number | null }[]) => {
          const index = params[0]?.dataIndex ?? 0;
          const stage = map.stages[index];
          const point = stage ? measuredByKey.get(stage.key) : undefined;
          const lines = params.map((p) => `${p.seriesName}: ${format.number(p.value, 2)}`);
          return [
            `<b>${escapeHtml(stage?.name ?? '')}</b>`,
            ...lines,
            t('curve.rated', { rated: format.number(point?.rated ?? 0) }),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        boundaryGap: true,
        data: map.stages.map((s) => s.name),
        axisLabel: { interval: 0, width: 150, overflow: 'truncate' },
      },
      yAxis: {
        type: 'value',
        min: -2,
        max: 2,
        interval: 1,
        axisLabel: { formatter: (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0') },
      },
      series: [
        {
          name: designedName,
          type: 'line',
          data: map.stages.map((s) => s.designedEmotion),
          lineStyle: { type: 'dashed', width: 2, color: DESIGNED_COLOR },
          itemStyle: { color: DESIGNED_COLOR },
          symbolSize: 8,
        },
        {
          name: measuredName,
          type: 'line',
          data: map.stages.map((s) => {
            const value = measuredByKey.get(s.key)?.measuredEmotion;
            return value === null || value === undefined ? null : Math.round(value * 100) / 100;
          }),
          lineStyle: { width: 3, color: MEASURED_COLOR },
          itemStyle: { color: MEASURED_COLOR },
          symbolSize: 8,
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#adb5bd', type: 'solid', width: 1 },
            label: { show: false },
            data: [{ yAxis: 0 }],
          },
        },
      ],
    };
  }, [map.stages, measuredByKey, t, format]);

  return (
    <div data-testid="jm-emotion-curve">
      <Group className="jm-curve-head" justify="space-between" wrap="nowrap">
        <Text fw={600}>{t('curve.title')}</Text>
        <Text size="xs" c="dimmed" data-testid="jm-curve-period">
          {filter.preset === 'all'
            ? tc('period.all')
            : // The period's end is exclusive: show its last day.
              `${format.date(query.from)} – ${format.date(query.to && Date.parse(query.to) - DAY_MS)}`}
        </Text>
      </Group>
      {sentiment.isPending && <Loading />}
      {sentiment.isError && <ErrorState error={sentiment.error} onRetry={() => void sentiment.refetch()} />}
      {sentiment.isSuccess && (
        <>
          <Chart
            option={option}
            height={240}
            label={t('curve.label', { name: map.name })}
            testId="jm-emotion-chart"
          />
          <Text size="xs" c="dimmed" pl={LANE_COLUMN_PX} mt={4}>
            {t('curve.explain')}
          </Text>
          {!hasMeasured && (
            <Alert
              className="jm-edit"
              mt="xs"
              ml={LANE_COLUMN_PX}
              variant="light"
              color="gray"
              icon={<IconInfoCircle />}
              data-testid="jm-no-measured"
            >
              {t('curve.noMeasured')}
            </Alert>
          )}
        </>
      )}
    </div>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
