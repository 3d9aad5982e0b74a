/** A journey map's read-only links and the map a link opens; types from the server's schemas. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZJourneyShare,
  ZJourneyShareCreate,
  ZJourneyShareCreated,
  ZJourneyShareList,
  ZSharedMap,
} from '../../../src/api/journey-shares.schemas.js';
import { api, ws } from './client';

export type JourneyShare = z.output<typeof ZJourneyShare>;
export type JourneyShareCreate = z.input<typeof ZJourneyShareCreate>;
export type JourneyShareCreated = z.output<typeof ZJourneyShareCreated>;
export type SharedMap = z.output<typeof ZSharedMap>;

export const journeySharesKey = (workspaceId: string, journeyId: string) =>
  ['journey-shares', workspaceId, journeyId] as const;

const sharesPath = (workspaceId: string, journeyId: string) =>
  ws(workspaceId, `/journeys/${journeyId}/shares`);

export function useJourneyShares(workspaceId: string, journeyId: string, enabled = true) {
  return useQuery({
    queryKey: journeySharesKey(workspaceId, journeyId),
    queryFn: async () =>
      (await api.get<z.output<typeof ZJourneyShareList>>(sharesPath(workspaceId, journeyId))).items,
    enabled,
  });
}

export const createJourneyShare = (workspaceId: string, journeyId: string, body: JourneyShareCreate) =>
  api.post<JourneyShareCreated>(sharesPath(workspaceId, journeyId), body);

export const revokeJourneyShare = (workspaceId: string, journeyId: string, shareId: string) =>
  api.delete<JourneyShare>(`${sharesPath(workspaceId, journeyId)}/${shareId}`);

/** The CSV of a map's cells (a download: the browser sends the session cookie). */
export const journeyCsvUrl = (workspaceId: string, journeyId: string) =>
  `/api${ws(workspaceId, `/journeys/${journeyId}/export.csv`)}`;

/** The page a read-only link opens, on this server. */
export const sharedMapUrl = (token: string) => `${window.location.origin}/m/${token}`;

export function useSharedMap(token: string) {
  return useQuery({
    queryKey: ['shared-map', token],
    queryFn: () => api.get<SharedMap>(`/public/maps/${encodeURIComponent(token)}`),
  });
}
