/** The chain pages' reads: chains, one chain, journeys and touchpoints for the pickers, the funnel. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ws } from '../../api/client';
import type { Chain, ChainConversion, Journey, Page, Touchpoint } from '../../api/types';

/** A list endpoint's largest page: enough for every chain or journey of a workspace in one call. */
export const ALL = 500;

export const chainKeys = {
  all: (workspaceId: string) => ['chains', workspaceId] as const,
  list: (workspaceId: string, query: Record<string, string | undefined>) =>
    ['chains', workspaceId, 'list', query] as const,
  one: (workspaceId: string, chainId: string) => ['chains', workspaceId, 'one', chainId] as const,
  conversion: (workspaceId: string, chainId: string, query: Record<string, unknown>) =>
    ['chains', workspaceId, 'conversion', chainId, query] as const,
};

export function useChains(workspaceId: string, query: { q?: string; journeyId?: string } = {}) {
  return useQuery({
    queryKey: chainKeys.list(workspaceId, query),
    queryFn: () => api.get<Page<Chain>>(ws(workspaceId, '/chains'), { ...query, limit: ALL, sort: 'name' }),
    placeholderData: keepPreviousData,
  });
}

export function useChain(workspaceId: string, chainId: string) {
  return useQuery({
    queryKey: chainKeys.one(workspaceId, chainId),
    queryFn: () => api.get<Chain>(ws(workspaceId, `/chains/${chainId}`)),
  });
}

export function useJourneys(workspaceId: string) {
  return useQuery({
    queryKey: ['journeys', workspaceId, 'all'],
    queryFn: () => api.get<Page<Journey>>(ws(workspaceId, '/journeys'), { limit: ALL, sort: 'name' }),
  });
}

/** Touchpoints whose key, name or description contains `q` (the first 50 by name). */
export function useTouchpointSearch(workspaceId: string, q: string) {
  return useQuery({
    queryKey: ['touchpoints', workspaceId, 'search', q],
    queryFn: () => api.get<Page<Touchpoint>>(ws(workspaceId, '/touchpoints'), { q, limit: 50, sort: 'name' }),
    placeholderData: keepPreviousData,
  });
}

export function useChainConversion(
  workspaceId: string,
  chainId: string,
  query: { from?: string; to?: string; minEntrants?: number },
  enabled: boolean,
) {
  return useQuery({
    queryKey: chainKeys.conversion(workspaceId, chainId, query),
    queryFn: () =>
      api.get<ChainConversion>(ws(workspaceId, `/analytics/chains/${chainId}/conversion`), query),
    enabled,
    placeholderData: keepPreviousData,
  });
}
