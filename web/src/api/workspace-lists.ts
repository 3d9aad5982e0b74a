/**
 * Workspace-wide lists that several pages show (channels, brands, subjects, members): one query key
 * and one shape (the whole list as an array) each, so pages share the cache instead of colliding in it.
 */
import { useQuery } from '@tanstack/react-query';
import { useWorkspaceId } from '../state/session';
import { api, type queryString, ws } from './client';
import type { Brand, Channel, Member, Page, Subject } from './types';

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
