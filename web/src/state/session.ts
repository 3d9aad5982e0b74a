/** The signed-in user, their workspaces and the current workspace (from the URL). */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import type { User, Workspace } from '../api/types';

export interface Me {
  user: User;
  workspaces: Workspace[];
}

export const ME_KEY = ['me'] as const;

/** The session: `data` is null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.get<Me>('/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The id of the workspace in the current URL (`/w/:workspaceId/…`). */
export function useWorkspaceId(): string {
  const { workspaceId } = useParams();
  if (!workspaceId) throw new Error('useWorkspaceId outside a workspace route');
  return workspaceId;
}

/** The current workspace with the caller's role. */
export function useWorkspace(): Workspace | undefined {
  const id = useWorkspaceId();
  return useMe().data?.workspaces.find((w) => w.id === id);
}

/** Whether the caller may change the catalog of the current workspace (owner or editor). */
export function useCanEdit(): boolean {
  const role = useWorkspace()?.role;
  return role === 'owner' || role === 'editor';
}

export function useIsOwner(): boolean {
  return useWorkspace()?.role === 'owner';
}
