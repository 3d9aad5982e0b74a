/**
 * Audits and mystery shopping over the API: checklists (and their templates), audits with their
 * answers, photos and shopper links, the roll-ups of the scores, and the external shopper's own
 * routes under /api/shopper/{token}, which need no sign-in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAuditScores } from '../../../src/analytics/competitor-benchmark.schemas.js';
import type {
  ZAudit,
  ZAuditAnswerInput,
  ZAuditChecklist,
  ZAuditChecklistCreate,
  ZAuditChecklistPatch,
  ZAuditCreate,
  ZAuditCriterion,
  ZAuditCriterionInput,
  ZAuditDetail,
  ZAuditLink,
  ZAuditLinkCreated,
  ZAuditPhoto,
  ZAuditTemplate,
  ZShopperAudit,
} from '../../../src/api/audits.schemas.js';
import { ApiError, api, ws } from './client';
import { fetchAll } from './workspace-lists';

export type Audit = z.output<typeof ZAudit>;
export type AuditDetail = z.output<typeof ZAuditDetail>;
export type AuditCreate = z.input<typeof ZAuditCreate>;
export type AuditAnswerInput = z.input<typeof ZAuditAnswerInput>;
export type AuditChecklist = z.output<typeof ZAuditChecklist>;
export type AuditChecklistCreate = z.input<typeof ZAuditChecklistCreate>;
export type AuditChecklistPatch = z.input<typeof ZAuditChecklistPatch>;
export type AuditCriterion = z.output<typeof ZAuditCriterion>;
export type AuditCriterionInput = z.input<typeof ZAuditCriterionInput>;
export type AuditLink = z.output<typeof ZAuditLink>;
export type AuditLinkCreated = z.output<typeof ZAuditLinkCreated>;
export type AuditPhoto = z.output<typeof ZAuditPhoto>;
export type AuditTemplate = z.output<typeof ZAuditTemplate>;
export type ShopperAudit = z.output<typeof ZShopperAudit>;
export type AuditStatus = Audit['status'];

/** What a walk needs of an audit: the same fields in a member's audit and in the shopper's view. */
export type WalkAudit = Pick<
  ShopperAudit,
  'checklistName' | 'brandName' | 'auditDate' | 'status' | 'criteria' | 'photos'
> & { answers: Pick<ShopperAudit['answers'][number], 'criterionId' | 'value' | 'note'>[] };

/** The roll-ups (GET …/audits/scores): rows of a brand × the level's object, with n behind each. */
export type AuditScores = z.output<typeof ZAuditScores>;
export type AuditScoreRow = AuditScores['rows'][number];

export const AUDITS_KEY = 'audits';
export const CHECKLISTS_KEY = 'audit-checklists';

/** The filters of the audit list the API applies. */
export interface AuditFilter {
  brandId?: string | undefined;
  status?: Audit['status'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useAudits(workspaceId: string, filter: AuditFilter) {
  return useQuery({
    queryKey: [AUDITS_KEY, workspaceId, 'list', filter],
    queryFn: () => fetchAll<Audit>(ws(workspaceId, '/audits'), { ...filter, sort: '-auditDate' }),
  });
}

export function useAudit(workspaceId: string, auditId: string) {
  return useQuery({
    queryKey: [AUDITS_KEY, workspaceId, 'one', auditId],
    queryFn: () => api.get<AuditDetail>(ws(workspaceId, `/audits/${auditId}`)),
  });
}

export function useAuditLinks(workspaceId: string, auditId: string, enabled = true) {
  return useQuery({
    queryKey: [AUDITS_KEY, workspaceId, 'links', auditId],
    queryFn: async () => {
      const answer = await api.get<{ items: AuditLink[] } | AuditLink[]>(
        ws(workspaceId, `/audits/${auditId}/links`),
      );
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled,
  });
}

export function useChecklists(workspaceId: string) {
  return useQuery({
    queryKey: [CHECKLISTS_KEY, workspaceId],
    queryFn: () => fetchAll<AuditChecklist>(ws(workspaceId, '/audit-checklists')),
  });
}

/** The templates, their texts in `language`. */
export function useChecklistTemplates(workspaceId: string, language: string, enabled: boolean) {
  return useQuery({
    queryKey: [CHECKLISTS_KEY, workspaceId, 'templates', language],
    queryFn: () =>
      api.get<AuditTemplate[]>(ws(workspaceId, '/audit-checklists/templates'), {
        language,
      }),
    enabled,
    staleTime: 300_000,
  });
}

/** Roll-ups of the submitted audits at one level (criterion, touchpoint, stage, journey, brand). */
export function useAuditScores(
  workspaceId: string,
  query: { level: string; brandId?: string | undefined; checklistId?: string | undefined },
) {
  return useQuery({
    queryKey: [AUDITS_KEY, workspaceId, 'scores', query],
    queryFn: () => api.get<AuditScores>(ws(workspaceId, '/audits/scores'), query),
  });
}

/** After a change: every audit and checklist query of the workspace loads again. */
export function useInvalidateAudits(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [AUDITS_KEY, workspaceId] }),
      queryClient.invalidateQueries({ queryKey: [CHECKLISTS_KEY, workspaceId] }),
    ]);
}

/** A mutation that reloads the audits and checklists once it has settled. */
export function useAuditMutation<A, R>(workspaceId: string, run: (args: A) => Promise<R>) {
  const invalidate = useInvalidateAudits(workspaceId);
  return useMutation({ mutationFn: run, onSettled: () => invalidate() });
}

/** The largest photo the server takes, unless it says otherwise (TOUCHPOINTS_PHOTO_MAX_BYTES). */
export const DEFAULT_PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
/** A shopper link works this many days unless chosen otherwise, at most MAX_LINK_DAYS (the API's). */
export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 30;

/** A photo's bytes as the raw body of a POST (the API takes no multipart). */
export async function postPhoto(path: string, file: Blob): Promise<AuditPhoto> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type },
      body: file,
    });
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'network', message: 'The server cannot be reached.' });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const body =
      parsed && typeof parsed === 'object' && 'message' in parsed
        ? (parsed as ApiError['body'])
        : {
            statusCode: response.status,
            code: 'http_error',
            message: `${response.status} ${response.statusText}`,
          };
    throw new ApiError(response.status, body);
  }
  return parsed as AuditPhoto;
}

/**
 * Where a walk reads and writes: a member's audit in a workspace, or the shopper's one audit by
 * its link. The walk does not know which.
 */
export interface WalkSource {
  /** Names the local draft (localStorage) of this walk. */
  draftKey: string;
  load(): Promise<WalkAudit>;
  saveAnswers(answers: AuditAnswerInput[]): Promise<unknown>;
  uploadPhoto(file: Blob, criterionId: string): Promise<AuditPhoto>;
  submit(auditorName: string): Promise<unknown>;
  /** The shopper gives a name on submitting; a member is known. */
  asksName: boolean;
}

export function memberWalkSource(workspaceId: string, auditId: string): WalkSource {
  const base = ws(workspaceId, `/audits/${auditId}`);
  return {
    draftKey: `touchpoints.walk.${auditId}`,
    load: () => api.get<AuditDetail>(base),
    saveAnswers: (answers) => api.put(`${base}/answers`, { answers }),
    uploadPhoto: (file, criterionId) =>
      postPhoto(`${base}/photos?criterionId=${encodeURIComponent(criterionId)}`, file),
    submit: () => api.post(`${base}/submit`, {}),
    asksName: false,
  };
}

export function shopperWalkSource(token: string): WalkSource {
  const base = `/shopper/${encodeURIComponent(token)}`;
  return {
    draftKey: `touchpoints.walk.link.${token.slice(0, 16)}`,
    load: () => api.get<ShopperAudit>(base),
    saveAnswers: (answers) => api.put(`${base}/answers`, { answers }),
    uploadPhoto: (file, criterionId) =>
      postPhoto(`${base}/photos?criterionId=${encodeURIComponent(criterionId)}`, file),
    submit: (auditorName) => api.post(`${base}/submit`, { auditorName }),
    asksName: true,
  };
}
