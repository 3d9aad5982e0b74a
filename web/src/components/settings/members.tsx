/** Members of the workspace and their roles: invite by e-mail, change the role, remove (owners). */
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import type { Member } from '../../api/types';
import { useMembers } from '../../api/workspace-lists';
import { useFormat } from '../../i18n/format';
import { ME_KEY, useIsOwner, useMe, useWorkspaceId } from '../../state/session';
import { ConfirmModal } from '../confirm-modal';
import { Empty, QueryState } from '../states';
import { InviteModal, PendingInvitations } from './invitations';

const ROLES = ['owner', 'editor', 'viewer'] as const;
type Role = (typeof ROLES)[number];

export const membersKey = (workspaceId: string) => ['members', workspaceId] as const;

function useRoleOptions() {
  const { t } = useTranslation('settings');
  return ROLES.map((role) => ({ value: role, label: t(`members.roles.${role}`) }));
}

function RemoveMemberModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(ws(workspaceId, `/members/${member.userId}`)),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('members.removed', { name: member.name || member.email }),
      });
      await queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('members.removeTitle')}
      message={t('members.removeConfirm', { name: member.name || member.email })}
      confirmLabel={t('members.remove')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
      errorTestId="member-remove-error"
    />
  );
}

function RoleSelect({ member }: { member: Member }) {
  const { t } = useTranslation('settings');
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const roles = useRoleOptions();
  const change = useMutation({
    mutationFn: (role: Role) => api.patch(ws(workspaceId, `/members/${member.userId}`), { role }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('members.roleChanged') });
      await queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  return (
    <Select
      size="xs"
      w={160}
      aria-label={t('members.roleOf', { name: member.name || member.email })}
      allowDeselect={false}
      data={roles}
      value={member.role}
      disabled={change.isPending}
      onChange={(v) => v && v !== member.role && change.mutate(v as Role)}
      error={change.isError ? change.error.message : null}
      data-testid={`role-${member.email}`}
    />
  );
}

export function Members() {
  const { t } = useTranslation('settings');
  const { t: ti } = useTranslation('invitations');
  const f = useFormat();
  const isOwner = useIsOwner();
  const myId = useMe().data?.user.id;
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const query = useMembers();
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between" align="start">
          <div>
            <Title order={4}>{t('members.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('members.intro')}
            </Text>
          </div>
          {isOwner && (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setAdding(true)}
              data-testid="member-add"
            >
              {ti('invite.button')}
            </Button>
          )}
        </Group>
        <QueryState query={query}>
          {(members) =>
            members.length === 0 ? (
              <Empty title={t('members.empty')} />
            ) : (
              <Table withTableBorder highlightOnHover data-testid="members-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('members.name')}</Table.Th>
                    <Table.Th>{t('members.email')}</Table.Th>
                    <Table.Th>{t('members.role')}</Table.Th>
                    <Table.Th>{t('members.since')}</Table.Th>
                    <Table.Th w={120} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {members.map((member) => (
                    <Table.Tr key={member.userId} data-testid={`member-${member.email}`}>
                      <Table.Td>
                        <Group gap="xs">
                          <Text size="sm" fw={500}>
                            {member.name || '–'}
                          </Text>
                          {member.userId === myId && (
                            <Badge size="xs" variant="light">
                              {t('members.you')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{member.email}</Table.Td>
                      <Table.Td>
                        {isOwner ? <RoleSelect member={member} /> : t(`members.roles.${member.role}`)}
                      </Table.Td>
                      <Table.Td>{f.date(member.since)}</Table.Td>
                      <Table.Td ta="right">
                        {(isOwner || member.userId === myId) && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving(member)}
                            aria-label={`${t('members.remove')}: ${member.email}`}
                          >
                            {member.userId === myId ? t('members.leave') : t('members.remove')}
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
        {isOwner && <PendingInvitations />}
      </Stack>
      {adding && <InviteModal onClose={() => setAdding(false)} />}
      {removing && <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />}
    </Card>
  );
}
