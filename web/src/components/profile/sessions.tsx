/** Where the user is signed in: device, address, last use; sign out one session or all others. */
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { ConfirmModal } from '../confirm-modal';
import { QueryState } from '../states';

export const SESSIONS_KEY = ['me', 'sessions'] as const;

function useDeviceName() {
  const { t } = useTranslation('account');
  return (session: Session) =>
    t('sessions.deviceName', {
      browser: session.browser ?? t('sessions.unknownBrowser'),
      os: session.os ?? t('sessions.unknownOs'),
    });
}

export function Sessions() {
  const { t } = useTranslation('account');
  const format = useFormat();
  const deviceName = useDeviceName();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const query = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => api.get<{ items: Session[] }>('/me/sessions').then((answer) => answer.items),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  const signOut = useMutation({
    mutationFn: (id: string) => api.delete(`/me/sessions/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('sessions.signedOut') });
      await refresh();
    },
  });
  const signOutOthers = useMutation({
    mutationFn: () => api.post<{ ended: number }>('/me/sessions/revoke-others'),
    onSuccess: async ({ ended }) => {
      setConfirming(false);
      notifications.show({ color: 'green', message: t('sessions.othersSignedOut', { count: ended }) });
      await refresh();
    },
  });
  return (
    <Card withBorder data-testid="sessions">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('sessions.title')}</Title>
          <Button
            variant="light"
            color="red"
            leftSection={<IconLogout size={16} />}
            onClick={() => setConfirming(true)}
            disabled={(query.data?.length ?? 0) < 2}
            data-testid="sessions-sign-out-others"
          >
            {t('sessions.signOutOthers')}
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          {t('sessions.intro')}
        </Text>
        <QueryState query={query}>
          {(sessions) => (
            <Table withTableBorder data-testid="sessions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.device')}</Table.Th>
                  <Table.Th>{t('sessions.address')}</Table.Th>
                  <Table.Th>{t('sessions.signedIn')}</Table.Th>
                  <Table.Th>{t('sessions.lastSeen')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((session) => (
                  <Table.Tr key={session.id} data-testid="session-row">
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm">{deviceName(session)}</Text>
                        {session.current && (
                          <Badge variant="light" color="green" data-testid="session-current">
                            {t('sessions.current')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{session.address ?? '—'}</Table.Td>
                    <Table.Td>{format.dateTime(session.createdAt)}</Table.Td>
                    <Table.Td>{format.dateTime(session.lastSeenAt)}</Table.Td>
                    <Table.Td>
                      {!session.current && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={signOut.isPending && signOut.variables === session.id}
                          onClick={() => signOut.mutate(session.id)}
                          data-testid="session-sign-out"
                        >
                          {t('sessions.signOut')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        {signOut.isError && (
          <Text c="red" size="sm" role="alert">
            {signOut.error.message}
          </Text>
        )}
      </Stack>
      {confirming && (
        <ConfirmModal
          title={t('sessions.signOutOthers')}
          message={t('sessions.confirmOthers')}
          confirmLabel={t('sessions.signOutOthers')}
          onConfirm={() => signOutOthers.mutate()}
          onClose={() => setConfirming(false)}
          pending={signOutOthers.isPending}
          error={signOutOthers.error}
          confirmTestId="sessions-confirm-sign-out-others"
        />
      )}
    </Card>
  );
}
