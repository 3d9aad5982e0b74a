/**
 * Sharing a map read-only: make a link (until revoked, or for some days), copy it — its secret is
 * shown only then —, see the map's links with their state and last opening, revoke one.
 */
import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShare, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createJourneyShare,
  type JourneyShare,
  journeySharesKey,
  revokeJourneyShare,
  sharedMapUrl,
  useJourneyShares,
} from '../../api/journey-shares';
import { ConfirmModal } from '../confirm-modal';
import { CopyField } from '../copy-field';
import { errorMessage, QueryState } from '../states';

const EXPIRIES = ['never', 'd1', 'd7', 'd30', 'd90'] as const;
type Expiry = (typeof EXPIRIES)[number];
const DAYS: Record<Expiry, number | null> = { never: null, d1: 1, d7: 7, d30: 30, d90: 90 };

const STATE_COLORS: Record<JourneyShare['state'], string> = {
  active: 'teal',
  expired: 'gray',
  revoked: 'red',
};

export function ShareButton({
  workspaceId,
  journeyId,
  name,
}: {
  workspaceId: string;
  journeyId: string;
  name: string;
}) {
  const { t } = useTranslation('sharing');
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconShare size={16} />}
        onClick={() => setOpened(true)}
        data-testid="jm-share"
      >
        {t('share.button')}
      </Button>
      {opened && (
        <ShareDialog
          workspaceId={workspaceId}
          journeyId={journeyId}
          name={name}
          onClose={() => setOpened(false)}
        />
      )}
    </>
  );
}

function ShareDialog({
  workspaceId,
  journeyId,
  name,
  onClose,
}: {
  workspaceId: string;
  journeyId: string;
  name: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('sharing');
  const queryClient = useQueryClient();
  const shares = useJourneyShares(workspaceId, journeyId);
  const [expiry, setExpiry] = useState<Expiry>('d30');
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<JourneyShare | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: journeySharesKey(workspaceId, journeyId) });
  const create = useMutation({
    mutationFn: () => createJourneyShare(workspaceId, journeyId, { expiresInDays: DAYS[expiry] }),
    onSuccess: (share) => setCreatedUrl(sharedMapUrl(share.token)),
    onSettled: () => refresh(),
  });
  const revoke = useMutation({
    mutationFn: (shareId: string) => revokeJourneyShare(workspaceId, journeyId, shareId),
    onSuccess: () => {
      setRevoking(null);
      setCreatedUrl(null);
      notifications.show({ color: 'teal', message: t('share.revoked') });
    },
    onSettled: () => refresh(),
  });
  const date = (iso: string | null, none: string) =>
    iso ? new Date(iso).toLocaleString(i18n.language) : none;

  return (
    <Modal opened onClose={onClose} title={t('share.title', { name })} size="lg">
      <Stack gap="sm" data-testid="share-dialog">
        <Text size="sm" c="dimmed">
          {t('share.intro')}
        </Text>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('share.expiry')}
            w={200}
            allowDeselect={false}
            data={EXPIRIES.map((e) => ({ value: e, label: t(`share.expiries.${e}`) }))}
            value={expiry}
            onChange={(value) =>
              setExpiry((EXPIRIES as readonly string[]).includes(value ?? '') ? (value as Expiry) : 'd30')
            }
            data-testid="share-expiry"
          />
          <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="share-create">
            {t('share.create')}
          </Button>
        </Group>
        {create.error && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {createdUrl && (
          <Alert color="blue" variant="light" data-testid="share-created">
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('share.created')}
              </Text>
              <CopyField value={createdUrl} label={t('share.url')} testId="share-url" />
            </Stack>
          </Alert>
        )}
        <Text fw={600} size="sm" mt="xs">
          {t('share.links')}
        </Text>
        <QueryState query={shares}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="share-none">
                {t('share.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing={4} data-testid="share-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('share.state')}</Table.Th>
                      <Table.Th>{t('share.createdAt')}</Table.Th>
                      <Table.Th>{t('share.expiresAt')}</Table.Th>
                      <Table.Th>{t('share.lastOpened')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((share) => (
                      <Table.Tr key={share.id} data-testid="share-row" data-state={share.state}>
                        <Table.Td>
                          <Badge color={STATE_COLORS[share.state]} variant="light">
                            {t(`share.states.${share.state}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{date(share.createdAt, '')}</Table.Td>
                        <Table.Td>{date(share.expiresAt, t('share.noExpiry'))}</Table.Td>
                        <Table.Td>{date(share.lastOpenedAt, t('share.notYet'))}</Table.Td>
                        <Table.Td ta="right">
                          {share.state === 'active' && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => setRevoking(share)}
                              data-testid="share-revoke"
                            >
                              {t('share.revoke')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Stack>
      {revoking && (
        <ConfirmModal
          title={t('share.revokeTitle')}
          message={t('share.revokeMessage')}
          confirmLabel={t('share.revoke')}
          onConfirm={() => revoke.mutate(revoking.id)}
          onClose={() => setRevoking(null)}
          pending={revoke.isPending}
          error={revoke.error}
          confirmTestId="share-revoke-confirm"
        />
      )}
    </Modal>
  );
}
