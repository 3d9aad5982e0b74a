/**
 * `/w/:id/surveys/:surveyId`: one survey — the editor with its live preview, the share panel
 * (link, QR and posters, embed code, kiosk devices) and the results. The tab is in the URL.
 */
import { Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isLanguage } from '../../../src/domain/survey-model';
import { useDeleteSurvey, useSurvey } from '../api/surveys';
import { ConfirmModal } from '../components/confirm-modal';
import { QueryState } from '../components/states';
import { ResultsPanel } from '../components/surveys/results-panel';
import { SharePanel } from '../components/surveys/share-panel';
import { STATUS_COLOR } from '../components/surveys/status';
import { SurveyEditor } from '../components/surveys/survey-editor';
import { useTouchpointIndex } from '../components/touchpoints/workspace-data';
import { useCanEdit, useWorkspaceId } from '../state/session';

const TABS = ['edit', 'share', 'results'] as const;
type Tab = (typeof TABS)[number];

export function SurveyPage() {
  const { t, i18n } = useTranslation(['surveys', 'common']);
  const workspaceId = useWorkspaceId();
  const { surveyId = '' } = useParams();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const survey = useSurvey(workspaceId, surveyId);
  const touchpoints = useTouchpointIndex();
  const remove = useDeleteSurvey(workspaceId);
  const [deleting, setDeleting] = useState(false);
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'edit';
  const uiLanguage = isLanguage(i18n.language) ? i18n.language : 'en';

  return (
    <div data-testid="page-survey">
      <Anchor component={Link} to={`/w/${workspaceId}/surveys`} size="sm" mb="xs" display="inline-block">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} />
          {t('back')}
        </Group>
      </Anchor>
      <QueryState query={survey}>
        {(data) => (
          <Stack gap="md">
            <Group justify="space-between" gap="sm" wrap="wrap">
              <div style={{ minWidth: 0 }}>
                <Group gap="sm" wrap="wrap">
                  <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="survey-heading">
                    {data.name}
                  </Title>
                  <Badge color={STATUS_COLOR[data.status]} variant="light" data-testid="survey-status-badge">
                    {t(`status.${data.status}`)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {touchpoints.data?.find((tp) => tp.id === data.touchpointId)?.name ?? ''}
                </Text>
              </div>
              {canEdit && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setDeleting(true)}
                  data-testid="survey-delete"
                >
                  {t('common:action.delete')}
                </Button>
              )}
            </Group>
            <Tabs
              value={tab}
              onChange={(v) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (v && v !== 'edit') next.set('tab', v);
                    else next.delete('tab');
                    return next;
                  },
                  { replace: true },
                )
              }
              // The editor stays mounted (hidden) so its unsaved draft survives a look at another tab;
              // the other panels load only when shown.
              keepMounted
            >
              <Tabs.List mb="md">
                {TABS.map((key) => (
                  <Tabs.Tab key={key} value={key} data-testid={`survey-tab-${key}`}>
                    {t(`tab.${key}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="edit">
                <SurveyEditor workspaceId={workspaceId} survey={data} readOnly={!canEdit} />
              </Tabs.Panel>
              <Tabs.Panel value="share">
                {tab === 'share' && <SharePanel workspaceId={workspaceId} survey={data} canEdit={canEdit} />}
              </Tabs.Panel>
              <Tabs.Panel value="results">
                {tab === 'results' && (
                  <ResultsPanel
                    workspaceId={workspaceId}
                    canEdit={canEdit}
                    survey={data}
                    language={data.languages.includes(uiLanguage) ? uiLanguage : data.defaultLanguage}
                  />
                )}
              </Tabs.Panel>
            </Tabs>
            {deleting && (
              <ConfirmModal
                title={t('delete.title')}
                message={t('delete.message', { name: data.name })}
                confirmLabel={t('common:action.delete')}
                pending={remove.isPending}
                error={remove.error}
                onClose={() => setDeleting(false)}
                onConfirm={() =>
                  remove.mutate(data.id, { onSuccess: () => navigate(`/w/${workspaceId}/surveys`) })
                }
                confirmTestId="survey-delete-confirm"
              />
            )}
          </Stack>
        )}
      </QueryState>
    </div>
  );
}
