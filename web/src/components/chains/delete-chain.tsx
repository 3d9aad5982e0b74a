/** Deleting a chain after a confirmation naming it. */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ws } from '../../api/client';
import { ConfirmModal } from '../confirm-modal';
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
  if (chain === null) return null;
  return (
    <ConfirmModal
      title={t('list.deleteTitle')}
      message={tc('confirmDelete', { name: chain.name })}
      confirmLabel={tc('action.delete')}
      onConfirm={() => remove.mutate(chain.id)}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      pending={remove.isPending}
      error={remove.error}
      confirmTestId="confirm-delete-chain"
    />
  );
}
