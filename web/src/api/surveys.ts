/**
 * Surveys over the API: the list, one survey, its templates, kiosk devices, results and comments.
 * Types come from the server's schemas (src/api/surveys.schemas.ts), type-only.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZKioskDevice,
  ZKioskDeviceCreate,
  ZKioskDeviceCreated,
  ZSurvey,
  ZSurveyComment,
  ZSurveyCommentQuery,
  ZSurveyContact,
  ZSurveyCreate,
  ZSurveyPatch,
  ZSurveyResults,
  ZSurveyTemplate,
} from '../../../src/api/surveys.schemas.js';
import { api, queryString, ws } from './client';
import type { Page } from './types';

export type Survey = z.output<typeof ZSurvey>;
export type SurveyCreate = z.input<typeof ZSurveyCreate>;
export type SurveyPatch = z.input<typeof ZSurveyPatch>;
export type SurveyTemplate = z.output<typeof ZSurveyTemplate>;
export type KioskDevice = z.output<typeof ZKioskDevice>;
export type KioskDeviceCreate = z.input<typeof ZKioskDeviceCreate>;
export type KioskDeviceCreated = z.output<typeof ZKioskDeviceCreated>;
export type SurveyResults = z.output<typeof ZSurveyResults>;
export type SurveyComment = z.output<typeof ZSurveyComment>;
export type SurveyContact = z.output<typeof ZSurveyContact>;
export type SurveyCommentQuery = Partial<z.input<typeof ZSurveyCommentQuery>>;

const KEY = 'surveys';

/** `/workspaces/<id>/surveys/<surveyId>` (under `/api`). */
export function surveyApiPath(workspaceId: string, surveyId: string): string {
  return ws(workspaceId, `/surveys/${surveyId}`);
}

export interface SurveyListFilter {
  touchpointId?: string | undefined;
  status?: Survey['status'] | undefined;
  q?: string | undefined;
}

/** Every survey of the workspace matching the filter (pages of 500). */
export function useSurveys(workspaceId: string, filter: SurveyListFilter = {}) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'list', filter],
    queryFn: async () => {
      const items: Survey[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await api.get<Page<Survey>>(ws(workspaceId, '/surveys'), {
          ...filter,
          sort: 'name',
          limit: 500,
          offset,
        });
        items.push(...page.items);
        if (page.items.length < 500 || items.length >= page.total) return items;
      }
    },
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(workspaceId: string, surveyId: string) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'one', surveyId],
    queryFn: () => api.get<Survey>(surveyApiPath(workspaceId, surveyId)),
  });
}

export function useSurveyTemplates(workspaceId: string) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'templates'],
    queryFn: () => api.get<SurveyTemplate[]>(ws(workspaceId, '/survey-templates')),
    staleTime: 10 * 60_000,
  });
}

function useInvalidate(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [KEY, workspaceId] });
}

export function useCreateSurvey(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (body: SurveyCreate) => api.post<Survey>(ws(workspaceId, '/surveys'), body),
    onSuccess: () => invalidate(),
  });
}

export function useSaveSurvey(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SurveyPatch }) =>
      api.patch<Survey>(surveyApiPath(workspaceId, id), patch),
    onSuccess: (saved) => {
      queryClient.setQueryData([KEY, workspaceId, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [KEY, workspaceId, 'list'] });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: [KEY, workspaceId, 'one'] }),
  });
}

export function useDeleteSurvey(workspaceId: string) {
  const invalidate = useInvalidate(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api.delete(surveyApiPath(workspaceId, id)),
    onSuccess: () => invalidate(),
  });
}

// ---------------------------------------------------------------- kiosk devices

export function useKioskDevices(workspaceId: string, surveyId: string) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'kiosk', surveyId],
    queryFn: () => api.get<KioskDevice[]>(`${surveyApiPath(workspaceId, surveyId)}/kiosk-devices`),
  });
}

export function useCreateKioskDevice(workspaceId: string, surveyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KioskDeviceCreate) =>
      api.post<KioskDeviceCreated>(`${surveyApiPath(workspaceId, surveyId)}/kiosk-devices`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [KEY, workspaceId, 'kiosk', surveyId] }),
  });
}

export function useRevokeKioskDevice(workspaceId: string, surveyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) =>
      api.delete(`${surveyApiPath(workspaceId, surveyId)}/kiosk-devices/${deviceId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [KEY, workspaceId, 'kiosk', surveyId] }),
  });
}

/** The page a kiosk tablet opens: the API's URL, else this server's `/k/<token>`. */
export function kioskUrl(device: KioskDeviceCreated): string {
  return device.kioskUrl || `${window.location.origin}/k/${device.token}`;
}

// ---------------------------------------------------------------- results

export interface ResultsPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

export function useSurveyResults(workspaceId: string, surveyId: string, period: ResultsPeriod) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'results', surveyId, period],
    queryFn: () => api.get<SurveyResults>(`${surveyApiPath(workspaceId, surveyId)}/results`, { ...period }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyComments(workspaceId: string, surveyId: string, query: SurveyCommentQuery) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'comments', surveyId, query],
    queryFn: () =>
      api.get<Page<SurveyComment>>(
        `${surveyApiPath(workspaceId, surveyId)}/comments`,
        query as Record<string, string | number | string[] | undefined>,
      ),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- contacts

/** The contacts respondents consented to leave, newest first, a page at a time. */
export function useSurveyContacts(
  workspaceId: string,
  surveyId: string,
  page: { limit: number; offset: number },
) {
  return useQuery({
    queryKey: [KEY, workspaceId, 'contacts', surveyId, page],
    queryFn: () => api.get<Page<SurveyContact>>(`${surveyApiPath(workspaceId, surveyId)}/contacts`, page),
    placeholderData: keepPreviousData,
  });
}

/** Erases one contact (personal data); the answers stay. */
export function useEraseSurveyContact(workspaceId: string, surveyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      api.delete(`${surveyApiPath(workspaceId, surveyId)}/contacts/${contactId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [KEY, workspaceId, 'contacts', surveyId] }),
  });
}

/** Where the browser downloads the results as CSV (the session cookie goes with it). */
export function resultsCsvHref(workspaceId: string, surveyId: string, period: ResultsPeriod): string {
  return `/api${surveyApiPath(workspaceId, surveyId)}/results.csv${queryString({ ...period })}`;
}
