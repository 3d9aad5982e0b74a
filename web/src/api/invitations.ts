/**
 * Invitations and password resets over the API: the owners' list, invite and revoke; the public
 * routes of an invitation or reset link, which need no sign-in; the setup link's state.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZSetupState } from '../../../src/api/auth.schemas.js';
import type {
  ZInvitation,
  ZInvitationAccepted,
  ZInvitationCreate,
  ZInvitationCreated,
  ZInvitationView,
} from '../../../src/api/invitations.schemas.js';
import type { ZPasswordResetAccepted, ZPasswordResetView } from '../../../src/api/password-resets.schemas.js';
import { ApiError, api, ws } from './client';
import type { User } from './types';

export type Invitation = z.output<typeof ZInvitation>;
export type InvitationCreate = z.input<typeof ZInvitationCreate>;
export type InvitationCreated = z.output<typeof ZInvitationCreated>;
export type InvitationView = z.output<typeof ZInvitationView>;
export type InvitationAccepted = z.output<typeof ZInvitationAccepted>;
export type PasswordResetView = z.output<typeof ZPasswordResetView>;
export type SetupState = z.output<typeof ZSetupState>['state'];

export const invitationsKey = (workspaceId: string) => ['invitations', workspaceId] as const;

/** The workspace's invitations not yet accepted nor revoked (owners only). */
export function useInvitations(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: async () => (await api.get<{ items: Invitation[] }>(ws(workspaceId, '/invitations'))).items,
    enabled,
  });
}

/** Invites (or renews the invitation of) an e-mail; the answer holds the link, shown once. */
export function useInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InvitationCreate) =>
      api.post<InvitationCreated>(ws(workspaceId, '/invitations'), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(ws(workspaceId, `/invitations/${id}`)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

/** Why a link no longer works: the API's `reason` of a 410, `unknown` for a 404. */
export function linkProblem(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404 || error.status === 400) return 'unknown';
  if (error.status === 410) return String((error.body as { reason?: string }).reason ?? 'unknown');
  return undefined;
}

export function useInvitationView(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationView>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function acceptInvitation(token: string, input: { name?: string; password?: string }) {
  return api.post<InvitationAccepted>(`/invitations/${encodeURIComponent(token)}/accept`, input);
}

export function requestPasswordReset(email: string) {
  return api.post<z.output<typeof ZPasswordResetAccepted>>('/auth/password-reset', { email });
}

export function usePasswordResetView(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.get<PasswordResetView>(`/auth/password-reset/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function completePasswordReset(token: string, password: string) {
  return api.post<{ user: User }>(`/auth/password-reset/${encodeURIComponent(token)}`, { password });
}

/** What the setup link can still do (open, done, invalid). */
export function useSetupState(token: string) {
  return useQuery({
    queryKey: ['setup-state', token],
    queryFn: async () => (await api.get<{ state: SetupState }>('/setup', { token })).state,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
