/**
 * `/w/:id/analytics/:analysis`: the analyses of SPEC §7 as tabs sharing one period, channel and stage
 * filter (kept in the URL, so they survive switching tabs and pages).
 */
import { Button, Group, Tabs } from '@mantine/core';
import {
  IconChartBar,
  IconChartSankey,
  IconMoodSmile,
  IconSpeakerphone,
  IconStairs,
  IconTargetArrow,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { AttributionAnalysis } from '../components/analytics/attribution-analysis';
import { ChannelFilter } from '../components/analytics/channel-filter';
import { ContactFrequencyAnalysis } from '../components/analytics/contact-frequency-analysis';
import { PathsAnalysis } from '../components/analytics/paths-analysis';
import { SentimentAnalysis } from '../components/analytics/sentiment-analysis';
import { StageFilter } from '../components/analytics/stage-filter';
import { StandardsAnalysis } from '../components/analytics/standards-analysis';
import { TouchesAnalysis } from '../components/analytics/touches-analysis';
import { PageHeader } from '../components/layout';
import { PeriodFilter } from '../components/period-filter';
import { Empty } from '../components/states';
import { useAnalyticsFilter } from '../state/period';
import { useWorkspaceId } from '../state/session';

const ANALYSES = [
  { path: 'paths', icon: IconChartSankey, view: PathsAnalysis },
  { path: 'attribution', icon: IconChartBar, view: AttributionAnalysis },
  { path: 'touches', icon: IconStairs, view: TouchesAnalysis },
  { path: 'sentiment', icon: IconMoodSmile, view: SentimentAnalysis },
  { path: 'standards', icon: IconTargetArrow, view: StandardsAnalysis },
  { path: 'contact', icon: IconSpeakerphone, view: ContactFrequencyAnalysis },
] as const satisfies readonly { path: string; icon: unknown; view: ComponentType }[];

type AnalysisName = (typeof ANALYSES)[number]['path'];

function isAnalysis(value: string | undefined): value is AnalysisName {
  return ANALYSES.some((a) => a.path === value);
}

export function AnalyticsPage() {
  const { t } = useTranslation('analytics');
  const { t: tc } = useTranslation();
  const { analysis } = useParams();
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const { search } = useAnalyticsFilter();
  const suffix = search ? `?${search}` : '';

  // The bare address opens the first analysis; an address naming no analysis is not found.
  if (analysis === undefined) return <Navigate to={`/w/${workspaceId}/analytics/paths${suffix}`} replace />;
  if (!isAnalysis(analysis))
    return (
      <div data-testid="page-analytics">
        <PageHeader title={t('title')} />
        <Empty
          title={tc('state.notFound')}
          action={
            <Button component={Link} to={`/w/${workspaceId}/analytics/paths${suffix}`} variant="light">
              {t('tabs.paths')}
            </Button>
          }
        />
      </div>
    );

  return (
    <div data-testid="page-analytics">
      <PageHeader title={t('title')} />
      <Group gap="md" align="end" mb="md" data-testid="analytics-filters">
        <PeriodFilter />
        <ChannelFilter />
        <StageFilter />
      </Group>
      <Tabs
        value={analysis}
        onChange={(value) => value && navigate(`/w/${workspaceId}/analytics/${value}${suffix}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label={t('tabsLabel')}>
          {ANALYSES.map(({ path, icon: Icon }) => (
            <Tabs.Tab
              key={path}
              value={path}
              leftSection={<Icon size={16} stroke={1.6} />}
              data-testid={`tab-${path}`}
            >
              {t(`tabs.${path}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ANALYSES.map(({ path, view: View }) => (
          <Tabs.Panel key={path} value={path}>
            <View />
          </Tabs.Panel>
        ))}
      </Tabs>
    </div>
  );
}
