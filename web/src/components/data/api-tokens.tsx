/** API tokens of the workspace (owners): list, create (the secret shown once), revoke. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ws } from '../../api/client';
import type { ApiToken } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useIsOwner, useWorkspaceId } from '../../state/session';
import { ConfirmModal } from '../confirm-modal';
import { DialogActions } from '../dialog-actions';
import { Empty, QueryState } from '../states';

const SCOPES = ['read', 'admin', 'ingest'] as const;
type Scope = (typeof SCOPES)[number];

export const tokensKey = (workspaceId: string) => ['tokens', workspaceId] as const;

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('data');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['ingest']);
  const [expiresOn, setExpiresOn] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.post<{ token: string; record: ApiToken }>(ws(workspaceId, '/tokens'), {
        name,
        scopes,
        // The end of the chosen day in the browser's time zone.
        ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) }),
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const secret = create.data?.token;
  return (
    <Modal
      opened
      onClose={onClose}
      title={secret ? t('tokens.secretTitle') : t('tokens.createTitle')}
      size="lg"
      closeOnClickOutside={!secret}
    >
      {secret ? (
        <Stack data-testid="token-secret-view">
          <Alert color="yellow" icon={<IconAlertTriangle />} title={t('tokens.secretOnce')}>
            {t('tokens.secretNote')}
          </Alert>
          <Group wrap="nowrap" gap="xs">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="token-secret">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'green' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? tc('action.copied') : tc('action.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            {t('tokens.usage')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('tokens.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextInput
            label={t('tokens.name')}
            placeholder={t('tokens.namePlaceholder')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error?.fieldMessage('name')}
          />
          <Checkbox.Group
            label={t('tokens.scopes')}
            required
            value={scopes}
            onChange={(v) => setScopes(v as Scope[])}
            error={error?.fieldMessage('scopes')}
          >
            <Stack gap="xs" mt={6}>
              {SCOPES.map((scope) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  label={
                    <>
                      <Code>{scope}</Code> — {t(`tokens.scope.${scope}`)}
                    </>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            type="date"
            label={t('tokens.expiresOn')}
            description={t('tokens.expiresHint')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={error?.fieldMessage('expiresAt')}
            w={220}
          />
          <DialogActions
            error={create.isError && !error?.body.issues?.length && create.error.message}
            onCancel={onClose}
            label={tc('action.create')}
            pending={create.isPending}
            testId="token-create-submit"
          />
        </Stack>
      )}
    </Modal>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const { t } = useTranslation('data');
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.delete(ws(workspaceId, `/tokens/${token.id}`)),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('tokens.revokedNotice', { name: token.name }) });
      await queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('tokens.revokeTitle')}
      message={t('tokens.revokeConfirm', { name: token.name })}
      confirmLabel={t('tokens.revoke')}
      onConfirm={() => revoke.mutate()}
      onClose={onClose}
      pending={revoke.isPending}
      error={revoke.error}
      confirmTestId="token-revoke-confirm"
    />
  );
}

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation('data');
  if (token.revokedAt)
    return (
      <Badge color="gray" variant="light">
        {t('tokens.revoked')}
      </Badge>
    );
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now())
    return (
      <Badge color="orange" variant="light">
        {t('tokens.expired')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light">
      {t('tokens.active')}
    </Badge>
  );
}

export function ApiTokens() {
  const { t } = useTranslation('data');
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const isOwner = useIsOwner();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const query = useQuery({
    queryKey: tokensKey(workspaceId),
    queryFn: () => api.get<{ items: ApiToken[] }>(ws(workspaceId, '/tokens')).then((r) => r.items),
    enabled: isOwner,
  });
  const create = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="token-create">
      {t('tokens.create')}
    </Button>
  );
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="start">
          <div>
            <Title order={4}>{t('tokens.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('tokens.intro')}
            </Text>
          </div>
          {isOwner && create}
        </Group>
        {!isOwner ? (
          <Alert color="gray" icon={<IconKey />}>
            {t('tokens.ownerOnly')}
          </Alert>
        ) : (
          <QueryState query={query}>
            {(tokens) =>
              tokens.length === 0 ? (
                <Empty title={t('tokens.empty')} action={create}>
                  {t('tokens.emptyHint')}
                </Empty>
              ) : (
                <Table withTableBorder highlightOnHover data-testid="tokens-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tokens.name')}</Table.Th>
                      <Table.Th>{t('tokens.prefix')}</Table.Th>
                      <Table.Th>{t('tokens.scopes')}</Table.Th>
                      <Table.Th>{t('tokens.created')}</Table.Th>
                      <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                      <Table.Th>{t('tokens.expires')}</Table.Th>
                      <Table.Th>{t('tokens.status')}</Table.Th>
                      <Table.Th w={110} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {tokens.map((token) => (
                      <Table.Tr key={token.id} data-testid={`token-${token.name}`}>
                        <Table.Td fw={500}>{token.name}</Table.Td>
                        <Table.Td>
                          <Code>{token.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {token.scopes.map((s) => (
                              <Badge key={s} size="sm" variant="outline">
                                {s}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>{f.date(token.createdAt)}</Table.Td>
                        <Table.Td>
                          {token.lastUsedAt ? f.dateTime(token.lastUsedAt) : t('tokens.never')}
                        </Table.Td>
                        <Table.Td>
                          {token.expiresAt ? f.date(token.expiresAt) : t('tokens.noExpiry')}
                        </Table.Td>
                        <Table.Td>
                          <TokenStatus token={token} />
                        </Table.Td>
                        <Table.Td ta="right">
                          {!token.revokedAt && (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => setRevoking(token)}
                              aria-label={`${t('tokens.revoke')}: ${token.name}`}
                            >
                              {t('tokens.revoke')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )
            }
          </QueryState>
        )}
      </Stack>
      {creating && <CreateTokenModal onClose={() => setCreating(false)} />}
      {revoking && <RevokeModal token={revoking} onClose={() => setRevoking(null)} />}
    </Card>
  );
}
