/**
 * Kiosk devices of a survey: a tablet at the counter opens the kiosk URL once and stays locked to
 * this survey. The URL (it holds the device's secret token) is shown only when the device is
 * created; the list shows when each device was last seen, and a device is revoked in one step.
 */
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceTablet, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type KioskDevice,
  kioskUrl,
  type Survey,
  useCreateKioskDevice,
  useKioskDevices,
  useRevokeKioskDevice,
} from '../../api/surveys';
import { useFormat } from '../../i18n/format';
import { ConfirmModal } from '../confirm-modal';
import { CopyField } from '../copy-field';
import { errorMessage, QueryState } from '../states';
import { errorAt, surveyFieldErrors } from './draft';

export function KioskDevices({
  workspaceId,
  survey,
  canEdit,
}: {
  workspaceId: string;
  survey: Survey;
  canEdit: boolean;
}) {
  const { t } = useTranslation(['surveys', 'common']);
  const format = useFormat();
  const devices = useKioskDevices(workspaceId, survey.id);
  const create = useCreateKioskDevice(workspaceId, survey.id);
  const revoke = useRevokeKioskDevice(workspaceId, survey.id);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const [revoking, setRevoking] = useState<KioskDevice | null>(null);
  const errors = surveyFieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name },
      {
        onSuccess: (device) => {
          setCreated({ name: device.name, url: kioskUrl(device) });
          setName('');
        },
      },
    );
  };

  return (
    <Card withBorder data-testid="kiosk-devices">
      <Stack gap="sm">
        <Group gap="xs">
          <IconDeviceTablet size={18} />
          <Title order={4}>{t('kiosk.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('kiosk.intro')}
        </Text>
        {canEdit && (
          <form onSubmit={submit} noValidate>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('kiosk.name')}
                placeholder={t('kiosk.namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errorAt(errors, 'name')}
                w={260}
                maw="100%"
                data-testid="kiosk-name"
              />
              <Button type="submit" mt={25} loading={create.isPending} data-testid="kiosk-create">
                {t('kiosk.create')}
              </Button>
            </Group>
          </form>
        )}
        {create.error && Object.keys(errors).length === 0 && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {created && (
          <Card withBorder bg="var(--mantine-color-blue-light)" data-testid="kiosk-created">
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('kiosk.createdHint', { name: created.name })}
              </Text>
              <CopyField value={created.url} label={t('kiosk.url')} testId="kiosk-url" />
              <Group justify="flex-end">
                <Button size="xs" variant="subtle" onClick={() => setCreated(null)}>
                  {t('kiosk.done')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        <QueryState query={devices}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('kiosk.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table verticalSpacing={4} data-testid="kiosk-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('kiosk.name')}</Table.Th>
                      <Table.Th>{t('kiosk.createdAt')}</Table.Th>
                      <Table.Th>{t('kiosk.lastSeen')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((device) => (
                      <Table.Tr
                        key={device.id}
                        data-testid="kiosk-row"
                        data-revoked={device.revokedAt ? 'true' : 'false'}
                      >
                        <Table.Td>{device.name}</Table.Td>
                        <Table.Td>{format.dateTime(device.createdAt)}</Table.Td>
                        <Table.Td>
                          {device.lastSeenAt ? format.dateTime(device.lastSeenAt) : t('kiosk.never')}
                        </Table.Td>
                        <Table.Td ta="right">
                          {device.revokedAt ? (
                            <Badge color="red" variant="light">
                              {t('kiosk.revoked')}
                            </Badge>
                          ) : (
                            canEdit && (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                leftSection={<IconTrash size={14} />}
                                onClick={() => setRevoking(device)}
                                data-testid="kiosk-revoke"
                              >
                                {t('kiosk.revoke')}
                              </Button>
                            )
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
          title={t('kiosk.revokeTitle')}
          message={t('kiosk.revokeMessage', { name: revoking.name })}
          confirmLabel={t('kiosk.revoke')}
          pending={revoke.isPending}
          error={revoke.error}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
          confirmTestId="kiosk-revoke-confirm"
        />
      )}
    </Card>
  );
}
