/**
 * `/w/:workspaceId/audits`: audits and mystery shopping (law 3, control) — the audits of the own
 * brand and of competitors, the checklists they walk, and the scores of the audits overall.
 */
import { Stack, Tabs, Text } from '@mantine/core';
import { IconChartBar, IconClipboardCheck, IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AuditList } from '../components/audits/audit-list';
import { AuditScores } from '../components/audits/audit-scores';
import { ChecklistList } from '../components/audits/checklist-list';
import { PageHeader } from '../components/layout';
import { useCanEdit, useWorkspaceId } from '../state/session';

const TABS = ['audits', 'checklists', 'results'] as const;
type Tab = (typeof TABS)[number];

export function AuditsPage() {
  const { t } = useTranslation('audits');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'audits';
  return (
    <Stack gap={0} data-testid="page-audits">
      <PageHeader title={t('title')} />
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('intro')}
      </Text>
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab
            value="audits"
            leftSection={<IconClipboardCheck size={16} />}
            data-testid="audits-tab-audits"
          >
            {t('tabs.audits')}
          </Tabs.Tab>
          <Tabs.Tab
            value="checklists"
            leftSection={<IconListDetails size={16} />}
            data-testid="audits-tab-checklists"
          >
            {t('tabs.checklists')}
          </Tabs.Tab>
          <Tabs.Tab value="results" leftSection={<IconChartBar size={16} />} data-testid="audits-tab-results">
            {t('tabs.results')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="audits">
          <AuditList workspaceId={workspaceId} />
        </Tabs.Panel>
        <Tabs.Panel value="checklists">
          <ChecklistList workspaceId={workspaceId} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          <AuditScores workspaceId={workspaceId} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
