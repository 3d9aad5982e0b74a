/**
 * Journey maps side by side: two to four maps (the same journey for two personas or two acquisition
 * channels) stage by stage, each with its designed emotion, touchpoints and pain points. Stages with
 * the same key share a row; a stage only one map has gets a row of its own, in that map's order.
 */
import { Anchor, Badge, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ws } from '../api/client';
import { usePersonas } from '../api/personas';
import type { Journey, JourneyMap } from '../api/types';
import { fetchAll, useChannels } from '../api/workspace-lists';
import { mergeStageKeys } from '../components/journey/compare-stages';
import { JourneysTabs } from '../components/journey/journeys-tabs';
import { journeyKey } from '../components/journey/use-journey-map';
import { PageHeader } from '../components/layout';
import { useNames } from '../components/names';
import { PersonaAvatar } from '../components/personas/persona-avatar';
import { Empty, ErrorState, Loading } from '../components/states';
import { useWorkspaceId } from '../state/session';

const MAX_MAPS = 4;
const EMOJI: Record<string, string> = { '-2': '😠', '-1': '🙁', '0': '😐', '1': '🙂', '2': '😀' };
const EMOTION_COLOUR: Record<string, string> = {
  '-2': 'red',
  '-1': 'orange',
  '0': 'gray',
  '1': 'teal',
  '2': 'green',
};

function StageCell({ map, stageKey }: { map: JourneyMap; stageKey: string }) {
  const { t } = useTranslation('personas');
  const stage = map.stages.find((s) => s.key === stageKey);
  if (!stage)
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('compare.missing')}
      </Text>
    );
  const kindOf = new Map(map.lanes.map((l) => [l.key, l.kind]));
  const items = map.items.filter((i) => i.stageId === stage.id);
  const touchpoints = items.filter((i) => i.touchpointId !== null);
  const pains = items.filter((i) => kindOf.get(i.lane) === 'pain_points' && i.text);
  const emotion = stage.designedEmotion;
  return (
    <Stack gap={6}>
      {emotion === null ? (
        <Text size="xs" c="dimmed">
          {t('compare.noEmotion')}
        </Text>
      ) : (
        <Badge
          variant="light"
          color={EMOTION_COLOUR[String(emotion)]}
          leftSection={<span aria-hidden>{EMOJI[String(emotion)]}</span>}
          data-testid="compare-emotion"
        >
          {t('compare.emotion', { value: emotion > 0 ? `+${emotion}` : String(emotion) })}
        </Badge>
      )}
      <div>
        <Text size="xs" fw={600} c="dimmed">
          {t('compare.touchpoints')}
        </Text>
        {touchpoints.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('compare.none')}
          </Text>
        ) : (
          <Group gap={4}>
            {touchpoints.map((i) => (
              <Badge
                key={i.id}
                variant="outline"
                size="sm"
                tt="none"
                style={{ maxWidth: '100%' }}
                title={i.touchpointName ?? ''}
              >
                {i.touchpointName}
              </Badge>
            ))}
          </Group>
        )}
      </div>
      {pains.length > 0 && (
        <div>
          <Text size="xs" fw={600} c="dimmed">
            {t('compare.pains')}
          </Text>
          {pains.map((i) => (
            <Text key={i.id} size="sm">
              • {i.text}
            </Text>
          ))}
        </div>
      )}
    </Stack>
  );
}

export function JourneyComparePage() {
  const { t } = useTranslation('personas');
  const workspaceId = useWorkspaceId();
  const names = useNames();
  const personas = usePersonas();
  const channels = useChannels();
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, MAX_MAPS);
  const all = useQuery({
    queryKey: ['journeys', workspaceId, 'all'],
    queryFn: () => fetchAll<Journey>(ws(workspaceId, '/journeys'), { sort: 'name' }),
  });
  const maps = useQueries({
    queries: ids.map((id) => ({
      queryKey: journeyKey(workspaceId, id),
      queryFn: () => api.get<JourneyMap>(ws(workspaceId, `/journeys/${id}`)),
    })),
  });
  const loaded = maps.flatMap((m) => (m.data ? [m.data] : []));
  const failed = maps.find((m) => m.isError);

  let body: ReactNode;
  if (ids.length < 2) body = <Empty title={t('compare.needTwo')}>{t('compare.pickHint')}</Empty>;
  else if (failed) body = <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (loaded.length < ids.length) body = <Loading />;
  else {
    const keys = mergeStageKeys(loaded);
    const stageLabel = (key: string) => {
      const stage = loaded.flatMap((m) => m.stages).find((s) => s.key === key);
      return stage ? names.stage(stage) : key;
    };
    body = (
      <div style={{ overflowX: 'auto' }} data-testid="compare-table">
        <table
          className="jm-compare"
          style={{ borderCollapse: 'separate', borderSpacing: 8, minWidth: 160 + loaded.length * 220 }}
        >
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left', width: 160 }}>
                <Text size="sm" fw={600}>
                  {t('compare.stage')}
                </Text>
              </th>
              {loaded.map((map) => {
                const persona = personas.data?.find((p) => p.id === map.personaId);
                const channel = channels.data?.find((c) => c.id === map.acquisitionChannelId);
                return (
                  <th
                    key={map.id}
                    scope="col"
                    style={{ textAlign: 'left', verticalAlign: 'top', minWidth: 220 }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {persona && <PersonaAvatar persona={persona} size="sm" />}
                      <div style={{ minWidth: 0 }}>
                        <Anchor
                          component={Link}
                          to={`/w/${workspaceId}/journeys/${map.id}`}
                          fw={600}
                          size="sm"
                        >
                          {map.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" fw={400}>
                          {[persona?.name, channel && names.channel(channel)].filter(Boolean).join(' · ')}
                        </Text>
                      </div>
                    </Group>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key} data-testid="compare-row">
                <th scope="row" style={{ textAlign: 'left', verticalAlign: 'top' }}>
                  <Text size="sm" fw={600}>
                    {stageLabel(key)}
                  </Text>
                </th>
                {loaded.map((map) => (
                  <td key={map.id} style={{ verticalAlign: 'top' }}>
                    <Paper withBorder p="xs" radius="sm" h="100%">
                      <StageCell map={map} stageKey={key} />
                    </Paper>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <>
      <PageHeader title={t('compare.title')} />
      <JourneysTabs workspaceId={workspaceId} active="compare" />
      <MultiSelect
        label={t('compare.pick')}
        description={t('compare.pickHint')}
        data={(all.data ?? []).map((j) => ({ value: j.id, label: j.name }))}
        value={ids}
        onChange={(value) => setParams(value.length ? { ids: value.join(',') } : {}, { replace: true })}
        maxValues={MAX_MAPS}
        searchable
        clearable
        maw={720}
        mb="md"
        data-testid="compare-pick"
      />
      {body}
    </>
  );
}
