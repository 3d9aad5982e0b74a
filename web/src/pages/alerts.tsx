/**
 * `/w/:id/alerts`: the control side of law 3. Open alerts (what fired and when), resolved ones
 * below, the rules (editors create, edit, enable, delete, and "check now"), and for owners the
 * workspace's webhooks with their delivery log.
 */
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvaluate } from '../api/alerts';
import { EpisodeList } from '../components/alerts/episode-list';
import { RuleDialog } from '../components/alerts/rule-dialog';
import { RuleList } from '../components/alerts/rule-list';
import { Webhooks } from '../components/alerts/webhooks';
import { PageHeader } from '../components/layout';
import { useCanEdit, useIsOwner, useWorkspaceId } from '../state/session';

export function AlertsPage() {
  const { t } = useTranslation('alerts');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const isOwner = useIsOwner();
  const [creating, setCreating] = useState(false);
  const evaluate = useEvaluate(workspaceId);
  const checkNow = () =>
    evaluate.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: result.errors.length ? 'yellow' : 'teal',
          message: [
            t('checked', { opened: result.opened, resolved: result.resolved }),
            ...result.errors.map((e) => e.message),
          ].join(' '),
        }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  return (
    <div data-testid="page-alerts">
      <PageHeader title={t('title')}>
        {canEdit && (
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={evaluate.isPending}
              onClick={checkNow}
              data-testid="alerts-check-now"
            >
              {t('checkNow')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="rule-create"
            >
              {t('rules.create')}
            </Button>
          </>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('intro')}
      </Text>
      <Stack gap="md">
        <EpisodeList workspaceId={workspaceId} state="open" />
        <EpisodeList workspaceId={workspaceId} state="resolved" />
        <RuleList workspaceId={workspaceId} canEdit={canEdit} />
        {isOwner && <Webhooks workspaceId={workspaceId} />}
      </Stack>
      <RuleDialog workspaceId={workspaceId} opened={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
