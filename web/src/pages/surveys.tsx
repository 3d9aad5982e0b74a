/**
 * `/w/:id/surveys`: the workspace's surveys, grouped by the touchpoint they are answered at, with
 * their status and languages; filters by touchpoint, status and text; "New survey" starts from a
 * template. The sheet of all offline touchpoints' QR posters is one click away.
 */
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconPrinter, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SURVEY_STATUSES, type SurveyStatus } from '../../../src/domain/survey-model';
import { ws } from '../api/client';
import { type Survey, useSurveys } from '../api/surveys';
import { DataTable } from '../components/analytics/analysis-parts';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import { CreateSurveyDialog } from '../components/surveys/create-survey-dialog';
import { STATUS_COLOR } from '../components/surveys/status';
import { useTouchpointIndex } from '../components/touchpoints/workspace-data';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

export function SurveysPage() {
  const { t } = useTranslation('surveys');
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const touchpointId = params.get('touchpoint') ?? undefined;
  const status = (params.get('status') as SurveyStatus | null) ?? undefined;
  const setParam = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const surveys = useSurveys(workspaceId, { touchpointId, status, q: q || undefined });
  const touchpoints = useTouchpointIndex();
  const tpName = useMemo(
    () => new Map((touchpoints.data ?? []).map((tp) => [tp.id, tp.name])),
    [touchpoints.data],
  );
  const filtered = Boolean(touchpointId || status || q);

  const groups = (list: Survey[]) => {
    const byTouchpoint = new Map<string, Survey[]>();
    for (const survey of list) {
      const group = byTouchpoint.get(survey.touchpointId) ?? [];
      group.push(survey);
      byTouchpoint.set(survey.touchpointId, group);
    }
    return [...byTouchpoint.entries()].sort(([a], [b]) =>
      (tpName.get(a) ?? a).localeCompare(tpName.get(b) ?? b),
    );
  };

  return (
    <div data-testid="page-surveys">
      <PageHeader title={t('title')}>
        <Button
          component="a"
          href={`/api${ws(workspaceId, '/surveys/posters')}`}
          target="_blank"
          rel="noopener"
          variant="default"
          leftSection={<IconPrinter size={16} />}
          maw="100%"
          h="auto"
          mih={36}
          styles={{ label: { whiteSpace: 'normal' } }}
          data-testid="surveys-posters"
        >
          {t('posters')}
        </Button>
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="survey-create"
          >
            {t('create.button')}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('intro')}
      </Text>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('filter.search')}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
          maw="100%"
          data-testid="surveys-search"
        />
        <Select
          label={t('field.touchpoint')}
          placeholder={t('results.any')}
          clearable
          searchable
          w={220}
          maw="100%"
          data={(touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
          value={touchpointId ?? null}
          onChange={(v) => setParam('touchpoint', v)}
          data-testid="surveys-filter-touchpoint"
        />
        <Select
          label={t('field.status')}
          placeholder={t('results.any')}
          clearable
          w={160}
          maw="100%"
          data={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status ?? null}
          onChange={(v) => setParam('status', v)}
          data-testid="surveys-filter-status"
        />
      </Group>
      <QueryState query={surveys}>
        {(list) =>
          list.length === 0 ? (
            <Card withBorder>
              <Empty
                title={filtered ? t('noMatch') : t('empty')}
                action={
                  !filtered &&
                  canEdit && (
                    <Button onClick={() => setCreating(true)} data-testid="survey-create-empty">
                      {t('create.fromTemplate')}
                    </Button>
                  )
                }
              >
                {filtered ? undefined : t('emptyHint')}
              </Empty>
            </Card>
          ) : (
            <Stack gap="md">
              {groups(list).map(([tpId, items]) => (
                <Card withBorder padding="sm" key={tpId} data-testid="surveys-group" data-touchpoint={tpId}>
                  <Text fw={600} mb="xs">
                    {tpName.get(tpId) ?? t('unknownTouchpoint')}
                  </Text>
                  <DataTable label={tpName.get(tpId) ?? t('title')} minWidth={520}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('field.name')}</Table.Th>
                        <Table.Th>{t('field.status')}</Table.Th>
                        <Table.Th>{t('list.languages')}</Table.Th>
                        <Table.Th>{t('list.questions')}</Table.Th>
                        <Table.Th>{t('list.updated')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((survey) => (
                        <Table.Tr key={survey.id} data-testid="survey-row" data-survey={survey.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/w/${workspaceId}/surveys/${survey.id}`} size="sm">
                              {survey.name}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <Badge
                              color={STATUS_COLOR[survey.status]}
                              variant="light"
                              data-testid="survey-status-badge"
                            >
                              {t(`status.${survey.status}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs">{survey.languages.map((l) => l.toUpperCase()).join(' ')}</Text>
                          </Table.Td>
                          <Table.Td>{format.number(survey.questions.length)}</Table.Td>
                          <Table.Td>
                            <Text size="xs">{format.date(survey.updatedAt)}</Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </DataTable>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <CreateSurveyDialog
        opened={creating}
        workspaceId={workspaceId}
        touchpointId={touchpointId}
        onClose={() => setCreating(false)}
        onCreated={(survey) => navigate(`/w/${workspaceId}/surveys/${survey.id}`)}
      />
    </div>
  );
}
