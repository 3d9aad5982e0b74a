/**
 * `/w/:id/alerts`: the control side of law 3. Open alerts (what fired and when), resolved ones
 * below, the rules (editors create, edit, enable, delete, and "check now"), and for owners the
 * workspace's webhooks with their delivery log.
 */
import { Alert, Button, Stack, Text } from '@mantine/core';
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
  const { t } = useTranslation(['alerts', 'common']);
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const isOwner = useIsOwner();
  const [creating, setCreating] = useState(false);
  const evaluate = useEvaluate(workspaceId);
  // The outcome of the last check stays on the page (a toast would cover the buttons).
  const checked = evaluate.data
    ? [
        t('checked', { opened: evaluate.data.opened, resolved: evaluate.data.resolved }),
        ...evaluate.data.errors.map((e) => e.message),
      ].join(' ')
    : evaluate.error?.message;
  return (
    <div data-testid="page-alerts">
      <PageHeader title={t('title')}>
        {canEdit && (
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={evaluate.isPending}
              onClick={() => evaluate.mutate()}
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
      {checked && (
        <Alert
          role="status"
          mb="md"
          py="xs"
          color={evaluate.isError ? 'red' : evaluate.data?.errors.length ? 'yellow' : 'teal'}
          withCloseButton
          closeButtonLabel={t('common:action.close')}
          onClose={() => evaluate.reset()}
          data-testid="alerts-check-result"
        >
          {checked}
        </Alert>
      )}
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
