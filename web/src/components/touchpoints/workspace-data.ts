/** Query keys of the touchpoint views and the index of every touchpoint of the workspace. */
import { useQuery } from '@tanstack/react-query';
import { ws } from '../../api/client';
import type { Touchpoint } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';
import { useWorkspaceId } from '../../state/session';

/** Query keys under one prefix per workspace, so a change can refresh every touchpoint view. */
export const touchpointKeys = {
  all: (workspaceId: string) => ['touchpoints', workspaceId] as const,
  list: (workspaceId: string, query: object) => ['touchpoints', workspaceId, 'list', query] as const,
  one: (workspaceId: string, id: string) => ['touchpoints', workspaceId, 'one', id] as const,
  children: (workspaceId: string, id: string) => ['touchpoints', workspaceId, 'children', id] as const,
  keys: (workspaceId: string) => ['touchpoints', workspaceId, 'keys'] as const,
  parents: (workspaceId: string) => ['touchpoints', workspaceId, 'parents'] as const,
};

/** Key and name of every touchpoint of the workspace (for the parent picker, the library and imports). */
export function useTouchpointIndex() {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: touchpointKeys.keys(workspaceId),
    queryFn: async () =>
      (await fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { sort: 'name' })).map(
        ({ id, key, name, parentId }) => ({ id, key, name, parentId }),
      ),
  });
}
