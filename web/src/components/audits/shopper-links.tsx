/**
 * One-time links for an external mystery shopper: create one (it expires after the days chosen),
 * copy it or show it as a QR code to scan with the phone, see the links' states, revoke one. The
 * secret is shown only when the link is made (the server keeps its hash only).
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Image,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconLink, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AuditLink,
  type AuditLinkCreated,
  DEFAULT_LINK_DAYS,
  MAX_LINK_DAYS,
  useAuditLinks,
  useInvalidateAudits,
} from '../../api/audits';
import { api, ws } from '../../api/client';
import { errorMessage, QueryState } from '../states';

const STATE_COLORS: Record<AuditLink['state'], string> = {
  active: 'teal',
  expired: 'gray',
  revoked: 'red',
  used: 'blue',
};

/** The page a shopper opens: on this server, whatever the API calls its own address. */
export function shopperUrl(token: string): string {
  return `${window.location.origin}/shopper/${token}`;
}

export function ShopperLinks({
  workspaceId,
  auditId,
  canEdit,
}: {
  workspaceId: string;
  auditId: string;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation('audits');
  const links = useAuditLinks(workspaceId, auditId);
  const invalidate = useInvalidateAudits(workspaceId);
  const [days, setDays] = useState(String(DEFAULT_LINK_DAYS));
  const [created, setCreated] = useState<{ url: string; qr: string; expiresAt: string } | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const link = await api.post<AuditLinkCreated>(ws(workspaceId, `/audits/${auditId}/links`), {
        expiresInDays: Number(days),
      });
      const url = shopperUrl(link.token);
      return { url, qr: await QRCode.toDataURL(url, { width: 220, margin: 1 }), expiresAt: link.expiresAt };
    },
    onSuccess: (link) => setCreated(link),
    onSettled: () => invalidate(),
  });
  const revoke = useMutation({
    mutationFn: (linkId: string) => api.delete(ws(workspaceId, `/audits/${auditId}/links/${linkId}`)),
    onSuccess: () => setCreated(null),
    onSettled: () => invalidate(),
  });
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  // A submitted audit that never had a link has nothing to show here.
  if (!canEdit && links.data?.length === 0) return null;

  return (
    <Card withBorder data-testid="shopper-links">
      <Stack gap="sm">
        <Group gap="xs">
          <IconLink size={18} />
          <Title order={4}>{t('links.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('links.intro')}
        </Text>
        {canEdit && (
          <Group align="flex-end" gap="sm">
            <Select
              label={t('links.expiresIn')}
              w={160}
              allowDeselect={false}
              data={[1, 3, 7, 14, MAX_LINK_DAYS].map(String)}
              value={days}
              onChange={(value) => setDays(value ?? String(DEFAULT_LINK_DAYS))}
            />
            <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="link-create">
              {t('links.create')}
            </Button>
          </Group>
        )}
        {create.error && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        {created && (
          <Card withBorder bg="var(--mantine-color-blue-light)" data-testid="link-created">
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('links.createdHint', { date: date(created.expiresAt) })}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  readOnly
                  value={created.url}
                  style={{ flex: 1, minWidth: 0 }}
                  aria-label={t('links.url')}
                  onFocus={(e) => e.currentTarget.select()}
                  data-testid="link-url"
                />
                <CopyButton value={created.url}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('links.copied') : t('links.copy')}>
                      <ActionIcon
                        variant="light"
                        size="lg"
                        onClick={copy}
                        aria-label={t('links.copy')}
                        data-testid="link-copy"
                      >
                        {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
              <Image src={created.qr} alt={t('links.qr')} w={180} h={180} data-testid="link-qr" />
            </Stack>
          </Card>
        )}
        <QueryState query={links}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('links.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table verticalSpacing={4} data-testid="link-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('links.state')}</Table.Th>
                      <Table.Th>{t('links.createdAt')}</Table.Th>
                      <Table.Th>{t('links.expiresAt')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((link) => (
                      <Table.Tr key={link.id} data-testid="link-row" data-state={link.state}>
                        <Table.Td>
                          <Badge color={STATE_COLORS[link.state]} variant="light">
                            {t(`links.states.${link.state}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{date(link.createdAt)}</Table.Td>
                        <Table.Td>{date(link.expiresAt)}</Table.Td>
                        <Table.Td ta="right">
                          {canEdit && link.state === 'active' && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              loading={revoke.isPending && revoke.variables === link.id}
                              onClick={() => revoke.mutate(link.id)}
                              data-testid="link-revoke"
                            >
                              {t('links.revoke')}
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
        {revoke.error && (
          <Alert color="red" role="alert">
            {errorMessage(revoke.error)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
