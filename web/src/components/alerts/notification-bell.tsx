/**
 * The bell in the header: the signed-in user's unread notifications (asked every minute and when
 * the window gets focus) and a popover with the workspace's latest ones. Opening one marks it read
 * and goes to its object; each can be marked read alone, or all of the workspace at once.
 */
import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconBell, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  type Notification,
  useLatestEpisodes,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from '../../api/alerts';
import { useFormat } from '../../i18n/format';
import { useMe, useWorkspaceId } from '../../state/session';
import { ErrorState, Loading } from '../states';
import { useEpisodeMessage } from './episode-message';
import { timeAgo } from './time-ago';

/** Kinds of notification the bell names (others show without a label). */
const KINDS: readonly string[] = ['alert_fired', 'alert_resolved', 'task_not_effective', 'mention'];

function NotificationItem({
  notification,
  body,
  onOpen,
  onMarkRead,
}: {
  notification: Notification;
  /** The body in the UI language when it can be said from the episode's figures. */
  body: string;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const { t, i18n } = useTranslation('alerts');
  const format = useFormat();
  const unread = notification.readAt === null;
  return (
    <Group
      gap={4}
      wrap="nowrap"
      align="flex-start"
      px="sm"
      py={6}
      bg={unread ? 'var(--mantine-color-blue-light)' : undefined}
      data-testid="notification"
      data-id={notification.id}
      data-unread={unread}
    >
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} data-testid="notification-open">
        <Text size="sm" fw={unread ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
          {unread && <VisuallyHidden component="span">{`${t('bell.unreadDot')}: `}</VisuallyHidden>}
          {notification.title}
        </Text>
        {body && (
          <Text size="xs" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {body}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={format.dateTime(notification.createdAt)}>
          {[
            KINDS.includes(notification.kind) ? t(`bell.kind.${notification.kind}`) : null,
            timeAgo(notification.createdAt, i18n.language),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </UnstyledButton>
      {unread && (
        <Tooltip label={t('bell.markRead')}>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`${t('bell.markRead')}: ${notification.title}`}
            onClick={onMarkRead}
            data-testid="notification-mark-read"
          >
            <IconCheck size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** The workspace's latest notifications; `unread` counts all of its unread ones, listed or not. */
function NotificationList({ unread, onClose }: { unread: number; onClose: () => void }) {
  const { t } = useTranslation('alerts');
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const list = useNotifications(workspaceId, true);
  const episodes = useLatestEpisodes(workspaceId, true);
  const episodeMessage = useEpisodeMessage();
  const byId = new Map((episodes.data?.items ?? []).map((e) => [e.id, e]));
  // What fired, in the UI language; a resolution keeps the server's words (its figures are not sent).
  const bodyOf = (n: Notification) => {
    const episode = n.kind === 'alert_fired' && n.episodeId ? byId.get(n.episodeId) : undefined;
    return episode ? episodeMessage(episode) : n.body;
  };
  const markRead = useMarkRead(workspaceId);
  const markAll = useMarkAllRead(workspaceId);
  const items = list.data?.items ?? [];
  const open = (notification: Notification) => {
    if (notification.readAt === null) markRead.mutate(notification.id);
    onClose();
    if (notification.link.startsWith('/')) navigate(notification.link);
  };
  return (
    <>
      <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('bell.title')}
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          disabled={unread === 0 && !items.some((n) => n.readAt === null)}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notifications-mark-all"
        >
          {t('bell.markAll')}
        </Button>
      </Group>
      <Divider />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm" data-testid="notifications-empty">
          {t('bell.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={0} data-testid="notification-list">
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                notification={n}
                body={bodyOf(n)}
                onOpen={() => open(n)}
                onMarkRead={() => markRead.mutate(n.id)}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </>
  );
}

export function NotificationBell() {
  const { t } = useTranslation('alerts');
  const workspaceId = useWorkspaceId();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const workspaces = useMe().data?.workspaces ?? [];
  const count = unread.data?.unread ?? 0;
  const elsewhere = (unread.data?.workspaces ?? []).filter(
    (w) => w.workspaceId !== workspaceId && w.unread > 0,
  );
  const label = count > 0 ? t('bell.unread', { count }) : t('bell.label');
  // The count wraps the popover rather than being its target: the popup attributes belong on the
  // button, not on the count's <div>.
  return (
    <Indicator
      inline
      color="red"
      size={18}
      offset={5}
      label={count > 99 ? '99+' : count}
      disabled={count === 0}
      data-testid="notification-badge"
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width="min(380px, calc(100vw - 16px))"
        shadow="md"
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
            data-unread={count}
          >
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} aria-label={t('bell.title')} data-testid="notification-centre">
          {opened && (
            <NotificationList
              unread={unread.data?.workspaces.find((w) => w.workspaceId === workspaceId)?.unread ?? 0}
              onClose={() => setOpened(false)}
            />
          )}
          <Divider />
          <Stack gap={2} px="sm" py="xs">
            {elsewhere.map((w) => (
              <Anchor
                key={w.workspaceId}
                component={Link}
                size="xs"
                to={`/w/${w.workspaceId}/alerts`}
                onClick={() => setOpened(false)}
              >
                {t('bell.elsewhere', {
                  name: workspaces.find((ws) => ws.id === w.workspaceId)?.name ?? w.workspaceId,
                  count: w.unread,
                })}
              </Anchor>
            ))}
            <Anchor
              component={Link}
              size="xs"
              to={`/w/${workspaceId}/alerts`}
              onClick={() => setOpened(false)}
            >
              {t('bell.allAlerts')}
            </Anchor>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
