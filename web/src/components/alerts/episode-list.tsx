/**
 * Alert episodes: the open ones (what fired, on which subject, when, with its figures in words) and,
 * below them, the latest resolved ones with how long they lasted. Each links to its subject.
 */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AlertEpisode, useEpisodes } from '../../api/alerts';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../states';
import { useEpisodeMessage } from './episode-message';
import { timeAgo } from './time-ago';

function Episode({ episode }: { episode: AlertEpisode }) {
  const { t, i18n } = useTranslation('alerts');
  const format = useFormat();
  const message = useEpisodeMessage();
  const resolved = episode.resolvedAt !== null;
  return (
    <Stack
      gap={2}
      py="xs"
      data-testid="alert-episode"
      data-episode={episode.id}
      data-state={episode.state}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="xs" wrap="wrap">
        <Badge color={resolved ? 'teal' : 'red'} variant={resolved ? 'light' : 'filled'} maw="100%">
          {t(`kind.${episode.kind}`)}
        </Badge>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {episode.subjectName}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {episode.ruleName}
        </Text>
      </Group>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="alert-episode-message">
        {message(episode)}
      </Text>
      <Group gap="md" wrap="wrap">
        <Text size="xs" c="dimmed" title={format.dateTime(episode.openedAt)}>
          {t('episodes.fired', { time: timeAgo(episode.openedAt, i18n.language) })}
        </Text>
        {episode.resolvedAt !== null && (
          <>
            <Text size="xs" c="dimmed" title={format.dateTime(episode.resolvedAt)}>
              {t('episodes.resolvedAt', { time: timeAgo(episode.resolvedAt, i18n.language) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('episodes.lasted', {
                duration: format.duration(
                  new Date(episode.resolvedAt).getTime() - new Date(episode.openedAt).getTime(),
                ),
              })}
            </Text>
          </>
        )}
        {episode.link.startsWith('/') && (
          <Anchor component={Link} to={episode.link} size="xs" data-testid="alert-episode-link">
            {t('episodes.openObject')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

/** One card of episodes in one state, newest first. */
export function EpisodeList({ workspaceId, state }: { workspaceId: string; state: 'open' | 'resolved' }) {
  const { t } = useTranslation('alerts');
  const episodes = useEpisodes(workspaceId, state, state === 'open' ? 200 : 30);
  return (
    <Card withBorder data-testid={`alert-episodes-${state}`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{state === 'open' ? t('episodes.open') : t('episodes.resolved')}</Title>
        {episodes.data && episodes.data.total > 0 && (
          <Badge color={state === 'open' ? 'red' : 'gray'} variant="light">
            {episodes.data.total}
          </Badge>
        )}
      </Group>
      <QueryState query={episodes}>
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {state === 'open' ? t('episodes.noneOpen') : t('episodes.noneResolved')}
            </Text>
          ) : (
            <Stack gap={0}>
              {page.items.map((episode) => (
                <Episode key={episode.id} episode={episode} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}
