/**
 * Saving a part of the workspace's settings form: one PATCH with the version read, a "saved"
 * notice and fresh queries on success, a conflict notice and a reload on 409. `changes` gives the
 * fields the form owns; a PATCH replaces `settings` whole, so a form that sends settings must
 * send the others back as they are.
 */
import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, ws } from '../../api/client';
import type { Workspace } from '../../api/types';
import { useWorkspaceId } from '../../state/session';

export function useWorkspaceSave(
  workspace: Workspace,
  changes: () => Partial<Pick<Workspace, 'name' | 'description' | 'settings'>>,
  options: { onConflict: () => void; alsoRefresh: QueryKey },
) {
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => api.patch<Workspace>(ws(workspaceId, ''), { version: workspace.version, ...changes() }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: tc('state.saved') });
      await queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId] });
      await queryClient.invalidateQueries({ queryKey: options.alsoRefresh });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        notifications.show({ color: 'orange', message: tc('state.conflict') });
        options.onConflict();
      }
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  /** The error to show under the form: neither a conflict (notified) nor one shown at a field. */
  const formError = save.isError && error?.status !== 409 && !error?.body.issues?.length ? save.error : null;
  return { save, error, submit, formError };
}
