/** Deleting a chain after a confirmation naming it. */
import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import { errorMessage } from '../states';
import { chainKeys } from './queries';

export function DeleteChainModal({
  workspaceId,
  chain,
  onClose,
  onDeleted,
}: {
  workspaceId: string;
  chain: { id: string; name: string } | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { t } = useTranslation('chains');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(ws(workspaceId, `/chains/${id}`)),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: tc('state.deleted') });
      onClose();
      onDeleted?.();
      await queryClient.invalidateQueries({ queryKey: chainKeys.all(workspaceId) });
    },
  });
  return (
    <Modal
      opened={chain !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title={t('list.deleteTitle')}
    >
      <Text size="sm">{tc('confirmDelete', { name: chain?.name ?? '' })}</Text>
      {remove.isError && (
        <Text c="red" size="sm" mt="sm" role="alert">
          {errorMessage(remove.error)}
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          {tc('action.cancel')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => chain && remove.mutate(chain.id)}
          data-testid="confirm-delete-chain"
        >
          {tc('action.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
