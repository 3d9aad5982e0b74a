/** The lists a touchpoint refers to (channels, brands, subjects, members) and whole-list fetching. */
import { useQuery } from '@tanstack/react-query';
import { api, type queryString, ws } from '../../api/client';
import type { Brand, Channel, Member, Page, Subject, Touchpoint } from '../../api/types';
import { useWorkspaceId } from '../../state/session';

type Query = Parameters<typeof queryString>[0];

/** Every item of a paged list (pages of 500, the API's largest). */
export async function fetchAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get<Page<T>>(path, { ...query, limit: 500, offset });
    items.push(...page.items);
    if (page.items.length < 500 || items.length >= page.total) return items;
  }
}

/** Query keys under one prefix per workspace, so a change can refresh every touchpoint view. */
export const touchpointKeys = {
  all: (workspaceId: string) => ['touchpoints', workspaceId] as const,
  list: (workspaceId: string, query: object) => ['touchpoints', workspaceId, 'list', query] as const,
  one: (workspaceId: string, id: string) => ['touchpoints', workspaceId, 'one', id] as const,
  children: (workspaceId: string, id: string) => ['touchpoints', workspaceId, 'children', id] as const,
  keys: (workspaceId: string) => ['touchpoints', workspaceId, 'keys'] as const,
  parents: (workspaceId: string) => ['touchpoints', workspaceId, 'parents'] as const,
};

function useList<T>(name: string, path: string) {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: [name, workspaceId],
    queryFn: () => fetchAll<T>(ws(workspaceId, path)),
    staleTime: 60_000,
  });
}

export const useChannels = () => useList<Channel>('channels', '/channels');
export const useBrands = () => useList<Brand>('brands', '/brands');
export const useSubjects = () => useList<Subject>('subjects', '/subjects');
/** Members come as one list (no paging). */
export function useMembers() {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: ['members', workspaceId],
    queryFn: async () => (await api.get<{ items: Member[] }>(ws(workspaceId, '/members'))).items,
    staleTime: 60_000,
  });
}

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
