/** Grouped bars: each brand's audit score per stage (0–100 %), own brand first. */
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { CompetitorBenchmark } from '../../api/benchmark';
import { Chart, type ChartOption } from '../chart';
import { stageLabel } from './labels';

const OWN_COLOUR = '#1c7ed6';
const COMPETITOR_COLOURS = ['#f76707', '#37b24d', '#ae3ec9', '#f59f00', '#0ca678', '#e64980', '#868e96'];

export function BenchmarkChart({ data }: { data: CompetitorBenchmark }) {
  const { t } = useTranslation('benchmark');
  const { t: tj } = useTranslation('journeys');
  const narrow = useMediaQuery('(max-width: 600px)') ?? false;
  const stages = data.stages.filter((s) => s.brands.some((c) => c.audit !== null));
  let competitor = 0;
  const option: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: stages.map((s) => stageLabel(tj, s, data.journey !== null)),
      axisLabel: { interval: 0, rotate: narrow ? 35 : 0, width: narrow ? 80 : 110, overflow: 'truncate' },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: data.brands.map((brand) => ({
      name: brand.name,
      type: 'bar',
      itemStyle: {
        color: brand.isOwn ? OWN_COLOUR : COMPETITOR_COLOURS[competitor++ % COMPETITOR_COLOURS.length],
      },
      data: stages.map((s) => {
        const audit = s.brands.find((c) => c.brandId === brand.id)?.audit;
        return audit ? Math.round(audit.score * 1000) / 10 : null;
      }),
    })),
  };
  return (
    <Chart
      option={option}
      height={narrow ? 300 : 340}
      label={t('benchmark.chartLabel')}
      testId="benchmark-chart"
    />
  );
}
