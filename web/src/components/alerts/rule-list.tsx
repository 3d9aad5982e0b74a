/**
 * The alert rules of the workspace: what each watches (its kind and params in words), whether it is
 * enabled (a switch, for editors), how many of its episodes are open; edit and delete.
 */
import { ActionIcon, Badge, Card, Group, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AlertRule, useAlertRules, useDeleteRule, useSaveRule } from '../../api/alerts';
import { ApiError } from '../../api/client';
import { ConfirmModal } from '../confirm-modal';
import { Empty, QueryState } from '../states';
import { useTargetOptions } from '../tasks/targets';
import { RuleDialog } from './rule-dialog';

type Names = ReturnType<typeof useTargetOptions>['names'];

/** "Standard: Answer within 20 s · Window (days): 7 · Minimum sample: 30". */
function useParamSummary() {
  const { t } = useTranslation('alerts');
  return (rule: AlertRule, names: Names): string => {
    const p = rule.params;
    const parts: string[] = [];
    const id = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : null);
    const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : null);
    if ('standardId' in p) {
      const standard = id('standardId');
      parts.push(
        `${t('field.standard')}: ${standard ? (names.standard.get(standard) ?? standard) : t('field.allStandards')}`,
      );
    }
    if ('touchpointId' in p) {
      const touchpoint = id('touchpointId');
      const all =
        rule.kind === 'touchpoint_silent' ? t('field.activeTouchpoints') : t('field.allTouchpoints');
      parts.push(
        `${t('field.touchpoint')}: ${touchpoint ? (names.touchpoint.get(touchpoint) ?? touchpoint) : all}`,
      );
    }
    if ('chainId' in p) {
      const chain = id('chainId');
      parts.push(`${t('field.chain')}: ${chain ? (names.chain.get(chain) ?? chain) : ''}`);
      const position = num('position');
      parts.push(`${t('field.link')}: ${position === null ? t('field.allLinks') : position}`);
    }
    const metric = id('metric');
    if (metric === 'negative_share' || metric === 'csat' || metric === 'nps')
      parts.push(`${t('field.metric')}: ${t(`metric.${metric}`)}`);
    if (num('threshold') !== null) parts.push(`${t('field.threshold')}: ${num('threshold')}`);
    if (num('windowDays') !== null) parts.push(`${t('field.windowDays')}: ${num('windowDays')}`);
    if (num('minSample') !== null) parts.push(`${t('field.minSample')}: ${num('minSample')}`);
    if (num('days') !== null) parts.push(`${t('field.days')}: ${num('days')}`);
    return parts.join(' · ');
  };
}

function RuleRow({
  rule,
  names,
  canEdit,
  onEdit,
  onDelete,
}: {
  rule: AlertRule;
  names: Names;
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation(['alerts', 'common']);
  const summary = useParamSummary()(rule, names);
  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="wrap"
      gap="xs"
      data-testid="alert-rule"
      data-rule={rule.id}
    >
      <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {rule.name}
          </Text>
          <Badge variant="light" color="gray" maw="100%">
            {t(`kind.${rule.kind}`)}
          </Badge>
          {rule.openEpisodes > 0 && (
            <Badge color="red" maw="100%" data-testid="alert-rule-open">
              {t('episodes.open')}: {rule.openEpisodes}
            </Badge>
          )}
          {rule.email && (
            <Tooltip label={t('rules.byEmail')}>
              <IconMail size={16} aria-label={t('rules.byEmail')} />
            </Tooltip>
          )}
        </Group>
        {summary && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {summary}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {canEdit && (
          <>
            <Tooltip label={t('common:action.edit')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('rules.editLabel', { name: rule.name })}
                onClick={onEdit}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('common:action.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('rules.deleteLabel', { name: rule.name })}
                onClick={onDelete}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
    </Group>
  );
}

export function RuleList({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { t } = useTranslation(['alerts', 'common']);
  const rules = useAlertRules(workspaceId);
  const options = useTargetOptions(workspaceId);
  const save = useSaveRule(workspaceId);
  const remove = useDeleteRule(workspaceId);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);

  const toggle = (rule: AlertRule, enabled: boolean) =>
    save.mutate(
      { id: rule.id, patch: { version: rule.version, enabled } },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            message:
              error instanceof ApiError && error.status === 409 ? t('common:state.conflict') : error.message,
          }),
      },
    );

  return (
    <Card withBorder data-testid="alert-rules">
      <Title order={4} mb="xs">
        {t('rules.title')}
      </Title>
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('rules.readOnly')}
        </Text>
      )}
      <QueryState query={rules}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={t('rules.empty')}>{t('rules.emptyHint')}</Empty>
          ) : (
            <Stack gap={0}>
              {page.items.map((rule) => (
                <Group
                  key={rule.id}
                  wrap="nowrap"
                  align="flex-start"
                  gap="sm"
                  py="xs"
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                >
                  <Switch
                    mt={2}
                    aria-label={t('rules.toggle', { name: rule.name })}
                    checked={rule.enabled}
                    disabled={!canEdit}
                    onChange={(e) => toggle(rule, e.currentTarget.checked)}
                    data-testid="alert-rule-enabled"
                    data-rule={rule.id}
                  />
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <RuleRow
                      rule={rule}
                      names={options.names}
                      canEdit={canEdit}
                      onEdit={() => setEditing(rule)}
                      onDelete={() => setDeleting(rule)}
                    />
                  </div>
                </Group>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <RuleDialog
        workspaceId={workspaceId}
        opened={editing !== null}
        rule={editing ?? undefined}
        onClose={() => setEditing(null)}
      />
      {deleting && (
        <ConfirmModal
          title={t('rules.deleteTitle')}
          message={t('common:confirmDelete', { name: deleting.name })}
          confirmLabel={t('common:action.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          confirmTestId="rule-delete-confirm"
        />
      )}
    </Card>
  );
}
