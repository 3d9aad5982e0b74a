/** Workspace settings: the workspace itself and its retention, members and roles, channels, audit log. */
import { Stack, Tabs } from '@mantine/core';
import { IconAdjustments, IconHistory, IconRoute, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/layout';
import { AuditLog } from '../components/settings/audit-log';
import { Channels } from '../components/settings/channels';
import { Members } from '../components/settings/members';
import { RetentionSettings } from '../components/settings/retention';
import { WorkspaceForm } from '../components/settings/workspace-form';

const TABS = ['general', 'members', 'channels', 'audit'] as const;
type Tab = (typeof TABS)[number];

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'general';
  return (
    <Stack gap={0} data-testid="page-settings">
      <PageHeader title={t('title')} />
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="general" leftSection={<IconAdjustments size={16} />}>
            {t('tabs.general')}
          </Tabs.Tab>
          <Tabs.Tab value="members" leftSection={<IconUsers size={16} />}>
            {t('tabs.members')}
          </Tabs.Tab>
          <Tabs.Tab value="channels" leftSection={<IconRoute size={16} />}>
            {t('tabs.channels')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" leftSection={<IconHistory size={16} />}>
            {t('tabs.audit')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general">
          <Stack>
            <WorkspaceForm />
            <RetentionSettings />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <Members />
        </Tabs.Panel>
        <Tabs.Panel value="channels">
          <Channels />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditLog />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
