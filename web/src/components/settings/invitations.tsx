/**
 * Invitations of the workspace (owners): invite by e-mail and role, show the link once (and
 * whether it was e-mailed), list the pending ones with their expiry, renew or revoke them.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  type Invitation,
  type InvitationCreated,
  useInvitations,
  useInvite,
  useRevokeInvitation,
} from '../../api/invitations';
import { useFormat } from '../../i18n/format';
import { useWorkspaceId } from '../../state/session';
import { ConfirmModal } from '../confirm-modal';
import { CopyField } from '../copy-field';
import { DialogActions } from '../dialog-actions';
import { QueryState } from '../states';

const ROLES = ['owner', 'editor', 'viewer'] as const;
type Role = (typeof ROLES)[number];

function useRoleOptions() {
  const { t } = useTranslation('settings');
  return ROLES.map((role) => ({ value: role, label: t(`members.roles.${role}`) }));
}

/** The link of a new invitation, shown once, with whether it was e-mailed. */
function CreatedInvitation({ created }: { created: InvitationCreated }) {
  const { t } = useTranslation('invitations');
  const f = useFormat();
  const email = created.invitation.email;
  return (
    <Stack gap="xs" data-testid="invitation-created">
      <Alert color={created.emailSent ? 'green' : 'blue'} data-testid="invitation-mail-state">
        {created.emailSent ? t('invite.emailSent', { email }) : t('invite.emailNotSent', { email })}
      </Alert>
      <Text size="sm" fw={500}>
        {t('invite.link')}
      </Text>
      <CopyField value={created.url} label={t('invite.link')} testId="invitation-url" />
      <Text size="sm" c="dimmed">
        {t('invite.linkOnce', { date: f.dateTime(created.invitation.expiresAt) })}
      </Text>
    </Stack>
  );
}

/** Invite by e-mail and role; then the link, once. `renew` pre-fills an invitation to send again. */
export function InviteModal({ renew, onClose }: { renew?: Invitation; onClose: () => void }) {
  const { t } = useTranslation('invitations');
  const { t: ts } = useTranslation('settings');
  const workspaceId = useWorkspaceId();
  const roles = useRoleOptions();
  const [email, setEmail] = useState(renew?.email ?? '');
  const [role, setRole] = useState<Role>(renew?.role ?? 'editor');
  const invite = useInvite(workspaceId);
  const created = invite.data;
  const error = invite.error instanceof ApiError ? invite.error : null;
  const fieldErrors = error?.fieldErrors() ?? {};
  if (error?.body.code === 'already_member') fieldErrors.email = error.message;
  const general = invite.isError && !fieldErrors.email && !fieldErrors.role ? invite.error.message : null;
  return (
    <Modal
      opened
      onClose={onClose}
      title={created ? t('invite.created', { email: created.invitation.email }) : t('invite.title')}
    >
      {created ? (
        <Stack>
          <CreatedInvitation created={created} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="invitation-done">
              {t('invite.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate({ email, role });
          }}
        >
          <Text size="sm" c="dimmed">
            {t('invite.intro')}
          </Text>
          <TextInput
            label={t('invite.email')}
            type="email"
            required
            data-autofocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <Select
            label={t('invite.role')}
            allowDeselect={false}
            data={roles}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            error={fieldErrors.role}
            description={ts(`members.roleHints.${role}`)}
          />
          <DialogActions
            error={general}
            onCancel={onClose}
            label={renew ? t('invite.renew') : t('invite.submit')}
            pending={invite.isPending}
            testId="invite-submit"
          />
        </Stack>
      )}
    </Modal>
  );
}

/** The pending (and expired, to renew) invitations of the workspace. */
export function PendingInvitations() {
  const { t } = useTranslation('invitations');
  const { t: ts } = useTranslation('settings');
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const query = useInvitations(workspaceId, true);
  const revoke = useRevokeInvitation(workspaceId);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [renewing, setRenewing] = useState<Invitation | null>(null);
  return (
    <Stack gap="xs" data-testid="invitations">
      <Title order={5}>{t('invite.pendingTitle')}</Title>
      <QueryState query={query}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('invite.pendingEmpty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder data-testid="invitations-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('invite.email')}</Table.Th>
                    <Table.Th>{t('invite.role')}</Table.Th>
                    <Table.Th>{t('invite.invitedBy')}</Table.Th>
                    <Table.Th>{t('invite.expires')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((inv) => (
                    <Table.Tr key={inv.id} data-testid={`invitation-${inv.email}`}>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{inv.email}</Table.Td>
                      <Table.Td>{ts(`members.roles.${inv.role}`)}</Table.Td>
                      <Table.Td>{inv.invitedByName ?? '–'}</Table.Td>
                      <Table.Td>
                        {inv.state === 'expired' ? (
                          <Badge color="gray" variant="light">
                            {t('invite.expired')}
                          </Badge>
                        ) : (
                          f.dateTime(inv.expiresAt)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setRenewing(inv)}
                            aria-label={t('invite.renewOf', { email: inv.email })}
                          >
                            {t('invite.renew')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRevoking(inv)}
                            aria-label={t('invite.revokeOf', { email: inv.email })}
                          >
                            {t('invite.revoke')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {renewing && <InviteModal renew={renewing} onClose={() => setRenewing(null)} />}
      {revoking && (
        <ConfirmModal
          title={t('invite.revokeTitle')}
          message={t('invite.revokeConfirm', { email: revoking.email })}
          confirmLabel={t('invite.revoke')}
          onConfirm={() =>
            revoke.mutate(revoking.id, {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('invite.revoked') });
                setRevoking(null);
              },
            })
          }
          onClose={() => setRevoking(null)}
          pending={revoke.isPending}
          error={revoke.error}
          confirmTestId="invitation-revoke-confirm"
        />
      )}
    </Stack>
  );
}
