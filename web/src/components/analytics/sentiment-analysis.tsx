/** Sentiment (SPEC §7.5): the stage × channel heat map, the feedback scores and the emotion curves. */
import { Group, Progress, SegmentedControl, Select, Table, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sentiment } from '../../api/types';
import { type Formatters, useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { Chart, type ChartOption } from '../chart';
import { useNames } from '../names';
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
  useStageName,
} from './analysis-parts';
import { COLOR_BAD, COLOR_GOOD, COLOR_MUTED, COLOR_NEUTRAL, SERIES_COLORS, shorten } from './chart-style';
import { useAnalysis } from './use-analysis';

type Summary = Sentiment['overall'];
type HeatMeasure = 'mean' | 'negative';
type TableView = 'touchpoints' | 'stages' | 'channels';

interface SummaryRow extends Summary {
  id: string;
  name: string;
  stageName?: string;
  channelName?: string;
}

/** Shares of negative, neutral and positive interactions as one bar (the numbers in its label and tooltip). */
function SentimentMix({ counts, format }: { counts: Summary['sentiment']; format: Formatters }) {
  const { t } = useTranslation('analytics');
  if (counts.rated === 0) return <Text c="dimmed">–</Text>;
  const text = [
    `${t('sentiment.positive')} ${format.percent(counts.positiveShare)}`,
    `${t('sentiment.neutral')} ${format.percent(counts.neutralShare)}`,
    `${t('sentiment.negativeShort')} ${format.percent(counts.negativeShare)}`,
  ].join(' · ');
  return (
    <Tooltip label={text} withArrow>
      <Progress.Root size="lg" w={120} aria-label={text} role="img">
        <Progress.Section value={(counts.negativeShare ?? 0) * 100} color={COLOR_BAD} />
        <Progress.Section value={(counts.neutralShare ?? 0) * 100} color={COLOR_NEUTRAL} />
        <Progress.Section value={(counts.positiveShare ?? 0) * 100} color={COLOR_GOOD} />
      </Progress.Root>
    </Tooltip>
  );
}

function SummaryTable({ rows, view, format }: { rows: SummaryRow[]; view: TableView; format: Formatters }) {
  const { t } = useTranslation('analytics');
  return (
    <DataTable label={t(`sentiment.table.${view}`)} minWidth={900} testId="sentiment-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`sentiment.column.${view}`)}</Table.Th>
          <Table.Th ta="right">{t('sentiment.interactions')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.rated')}</Table.Th>
          <Table.Th>{t('sentiment.mix')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.negative')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.mean')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.csat')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.nps')}</Table.Th>
          <Table.Th ta="right">{t('sentiment.ces')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            <Table.Td>
              <Text size="sm">{row.name}</Text>
              {view === 'touchpoints' && (
                <Text size="xs" c="dimmed">
                  {`${row.stageName} · ${row.channelName}`}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">{format.number(row.interactions)}</Table.Td>
            <Table.Td ta="right">{format.number(row.sentiment.rated)}</Table.Td>
            <Table.Td>
              <SentimentMix counts={row.sentiment} format={format} />
            </Table.Td>
            <Table.Td
              ta="right"
              c={
                row.sentiment.negativeShare !== null && row.sentiment.negativeShare >= 0.1 ? 'red' : undefined
              }
            >
              {format.percent(row.sentiment.negativeShare)}
            </Table.Td>
            <Table.Td ta="right">{format.number(row.sentiment.mean, 2)}</Table.Td>
            <Table.Td
              ta="right"
              title={t('sentiment.answers', { n: format.number(row.feedback.csat.answers) })}
            >
              {format.percent(row.feedback.csat.score, 0)}
            </Table.Td>
            <Table.Td
              ta="right"
              title={t('sentiment.answers', { n: format.number(row.feedback.nps.answers) })}
            >
              {format.number(row.feedback.nps.score, 0)}
            </Table.Td>
            <Table.Td
              ta="right"
              title={t('sentiment.answers', { n: format.number(row.feedback.ces.answers) })}
            >
              {format.number(row.feedback.ces.mean, 1)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

export function SentimentAnalysis() {
  const { t } = useTranslation('analytics');
  const { t: tr } = useTranslation('reviews');
  const format = useFormat();
  const workspaceId = useWorkspaceId();
  const stageName = useStageName();
  const [heatMeasure, setHeatMeasure] = useState<HeatMeasure>('mean');
  const [view, setView] = useState<TableView>('touchpoints');
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const query = useAnalysis<Sentiment>('sentiment');
  const data = query.data;

  const names = useNames();
  const channelName = useMemo(() => {
    const known = new Map((data?.channels ?? []).map((c) => [c.channel, c.name]));
    return (key: string | null) =>
      key === null ? t('noChannel') : names.channel({ key, name: known.get(key) ?? null });
  }, [data, t, names]);

  const heat = useMemo(() => {
    if (!data) return null;
    const stages = data.stages.map((s) => s.stage);
    const channels = data.channels.map((c) => c.channel);
    const cells = data.heatMap.map((cell) => {
      const value = heatMeasure === 'mean' ? cell.meanSentiment : cell.negativeShare;
      return {
        value: [channels.indexOf(cell.channel), stages.indexOf(cell.stage), value ?? '-'],
        cell,
      };
    });
    const highestNegative = Math.max(0.05, ...data.heatMap.map((c) => c.negativeShare ?? 0));
    const valueText = (v: number | string) =>
      typeof v !== 'number' ? '–' : heatMeasure === 'mean' ? format.number(v, 2) : format.percent(v, 0);
    const option: ChartOption = {
      tooltip: {
        formatter: (params: { data: { cell: Sentiment['heatMap'][number] } }) => {
          const c = params.data.cell;
          return [
            `<b>${stageName(c.stage)} · ${channelName(c.channel)}</b>`,
            `${t('sentiment.interactions')}: ${format.number(c.interactions)}`,
            `${t('sentiment.rated')}: ${format.number(c.rated)}`,
            `${t('sentiment.mean')}: ${format.number(c.meanSentiment, 2)}`,
            `${t('sentiment.negative')}: ${format.percent(c.negativeShare)}`,
          ].join('<br/>');
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: channels.map((c) => channelName(c)),
        splitArea: { show: true },
        axisLabel: { interval: 0, rotate: 30, formatter: (v: string) => shorten(v, 18) },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.stages.map((s) => stageName(s.stage, s.name)),
        splitArea: { show: true },
      },
      visualMap:
        heatMeasure === 'mean'
          ? {
              min: -1,
              max: 1,
              calculable: true,
              orient: 'horizontal',
              left: 'center',
              bottom: 0,
              itemHeight: 160,
              formatter: (v: number) => format.number(v, 1),
              inRange: { color: [COLOR_BAD, COLOR_NEUTRAL, COLOR_GOOD] },
              outOfRange: { color: COLOR_MUTED },
            }
          : {
              min: 0,
              max: highestNegative,
              calculable: true,
              orient: 'horizontal',
              left: 'center',
              bottom: 0,
              itemHeight: 160,
              formatter: (v: number) => format.percent(v, 0),
              inRange: { color: [COLOR_GOOD, COLOR_NEUTRAL, COLOR_BAD] },
            },
      series: [
        {
          type: 'heatmap',
          name: heatMeasure === 'mean' ? t('sentiment.mean') : t('sentiment.negative'),
          data: cells,
          label: {
            show: true,
            fontSize: 11,
            formatter: (params: { value: [number, number, number | string] }) => valueText(params.value[2]),
          },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
        },
      ],
    };
    return { option, height: Math.max(260, data.stages.length * 52 + 120) };
  }, [data, heatMeasure, format, stageName, channelName, t]);

  const curve = data?.emotionCurves.find((c) => c.journeyId === journeyId) ?? data?.emotionCurves[0];
  const curveOption = useMemo<ChartOption | null>(() => {
    if (!curve) return null;
    return {
      color: [SERIES_COLORS[0], SERIES_COLORS[1]],
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => format.number(v, 2) },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: curve.stages.map((s) => names.stage(s)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', min: -2, max: 2, interval: 1 },
      series: [
        {
          type: 'line',
          name: t('sentiment.designed'),
          data: curve.stages.map((s) => s.designedEmotion),
          lineStyle: { type: 'dashed' },
          symbolSize: 8,
          connectNulls: true,
        },
        {
          type: 'line',
          name: t('sentiment.measured'),
          data: curve.stages.map((s) => s.measuredEmotion),
          symbolSize: 8,
          connectNulls: true,
        },
      ],
    };
  }, [curve, format, t, names]);

  const rows = useMemo<SummaryRow[]>(() => {
    if (!data) return [];
    if (view === 'touchpoints')
      return data.touchpoints.map((r) => ({
        ...r,
        id: r.touchpointId,
        name: r.touchpointName ?? r.touchpointKey ?? r.touchpointId,
        stageName: stageName(r.stage),
        channelName: channelName(r.channel),
      }));
    if (view === 'stages')
      return data.stages.map((r) => ({ ...r, id: r.stage ?? '', name: stageName(r.stage, r.name) }));
    return data.channels.map((r) => ({ ...r, id: r.channel ?? '', name: channelName(r.channel) }));
  }, [data, view, stageName, channelName]);

  return (
    <AnalysisStack testId="analysis-sentiment" busy={query.isPlaceholderData}>
      <AnalysisIntro>{t('sentiment.intro')}</AnalysisIntro>
      <QueryState query={query}>
        {(result) =>
          result.overall.interactions === 0 ? (
            <NoInteractions workspaceId={workspaceId} />
          ) : (
            <>
              <StatGrid>
                <Stat
                  label={t('sentiment.interactions')}
                  value={format.number(result.overall.interactions)}
                />
                <Stat label={t('sentiment.mean')} value={format.number(result.overall.sentiment.mean, 2)} />
                <Stat
                  label={t('sentiment.negative')}
                  value={format.percent(result.overall.sentiment.negativeShare)}
                />
                <Stat
                  label={t('sentiment.csat')}
                  value={format.percent(result.overall.feedback.csat.score, 0)}
                  hint={t('sentiment.answers', { n: format.number(result.overall.feedback.csat.answers) })}
                />
                <Stat
                  label={t('sentiment.nps')}
                  value={format.number(result.overall.feedback.nps.score, 0)}
                  hint={t('sentiment.answers', { n: format.number(result.overall.feedback.nps.answers) })}
                />
                {result.overall.feedback.reviews.count > 0 && (
                  <Stat
                    label={tr('sentiment.label')}
                    value={tr('summary.meanValue', {
                      value: format.number(result.overall.feedback.reviews.meanOutOfFive, 1),
                    })}
                    hint={tr('sentiment.hint', {
                      n: format.number(result.overall.feedback.reviews.count),
                      positive: format.percent(result.overall.feedback.reviews.positiveShare, 0),
                    })}
                  />
                )}
              </StatGrid>
              {heat && (
                <ChartCard
                  title={t('sentiment.heatTitle')}
                  description={t('sentiment.heatHint')}
                  testId="sentiment-heatmap-card"
                  actions={
                    <SegmentedControl
                      size="xs"
                      aria-label={t('sentiment.heatMeasure')}
                      value={heatMeasure}
                      onChange={(v) => setHeatMeasure(v as HeatMeasure)}
                      data={[
                        { value: 'mean', label: t('sentiment.mean') },
                        { value: 'negative', label: t('sentiment.negative') },
                      ]}
                    />
                  }
                  chart={
                    <Chart
                      option={heat.option}
                      height={heat.height}
                      label={t('sentiment.heatLabel')}
                      testId="sentiment-heatmap"
                    />
                  }
                  table={
                    <DataTable label={t('sentiment.heatTitle')} minWidth={640}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('sentiment.column.stages')}</Table.Th>
                          <Table.Th>{t('sentiment.column.channels')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.interactions')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.rated')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.mean')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.negative')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {result.heatMap.map((c) => (
                          <Table.Tr key={`${c.stage}|${c.channel}`}>
                            <Table.Td>{stageName(c.stage)}</Table.Td>
                            <Table.Td>{channelName(c.channel)}</Table.Td>
                            <Table.Td ta="right">{format.number(c.interactions)}</Table.Td>
                            <Table.Td ta="right">{format.number(c.rated)}</Table.Td>
                            <Table.Td ta="right">{format.number(c.meanSentiment, 2)}</Table.Td>
                            <Table.Td ta="right">{format.percent(c.negativeShare)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </DataTable>
                  }
                />
              )}
              <TableCard
                title={t('sentiment.summaryTitle')}
                description={t('sentiment.summaryHint')}
                actions={
                  <SegmentedControl
                    size="xs"
                    aria-label={t('sentiment.viewLabel')}
                    value={view}
                    onChange={(v) => setView(v as TableView)}
                    data={[
                      { value: 'touchpoints', label: t('sentiment.view.touchpoints') },
                      { value: 'stages', label: t('sentiment.view.stages') },
                      { value: 'channels', label: t('sentiment.view.channels') },
                    ]}
                  />
                }
              >
                <SummaryTable rows={rows} view={view} format={format} />
              </TableCard>
              {curve && curveOption && (
                <ChartCard
                  title={t('sentiment.curveTitle')}
                  description={t('sentiment.curveHint')}
                  actions={
                    <Select
                      size="xs"
                      w={300}
                      aria-label={t('sentiment.journey')}
                      allowDeselect={false}
                      value={curve.journeyId}
                      onChange={setJourneyId}
                      data={result.emotionCurves.map((c) => ({ value: c.journeyId, label: c.journeyName }))}
                    />
                  }
                  chart={
                    <Chart
                      option={curveOption}
                      height={300}
                      label={t('sentiment.curveLabel', { journey: curve.journeyName })}
                      testId="sentiment-curve"
                    />
                  }
                  table={
                    <DataTable label={t('sentiment.curveTitle')} minWidth={480}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('sentiment.column.stages')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.designed')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.measured')}</Table.Th>
                          <Table.Th ta="right">{t('sentiment.rated')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {curve.stages.map((s) => (
                          <Table.Tr key={s.key}>
                            <Table.Td>{names.stage(s)}</Table.Td>
                            <Table.Td ta="right">{format.number(s.designedEmotion)}</Table.Td>
                            <Table.Td ta="right">{format.number(s.measuredEmotion, 2)}</Table.Td>
                            <Table.Td ta="right">{format.number(s.rated)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </DataTable>
                  }
                />
              )}
              {result.emotionCurves.length === 0 && (
                <Group>
                  <Text size="sm" c="dimmed">
                    {t('sentiment.noJourneys')}
                  </Text>
                </Group>
              )}
            </>
          )
        }
      </QueryState>
    </AnalysisStack>
  );
}
