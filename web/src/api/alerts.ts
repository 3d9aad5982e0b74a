/**
 * Alerts over the API: the signed-in user's notifications (the bell), alert rules and their
 * episodes, "check now", and the workspace's webhooks with their delivery log. Types come from the
 * server's schemas (src/api/alerts.schemas.ts), type-only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZAlertEpisode,
  ZAlertRule,
  ZAlertRuleCreate,
  ZAlertRulePatch,
  ZDelivery,
  ZEvaluationResult,
  ZNotification,
  ZUnreadCount,
  ZWebhook,
  ZWebhookCreate,
  ZWebhookPatch,
  ZWebhookWithSecret,
} from '../../../src/api/alerts.schemas.js';
import { api, ws } from './client';
import type { Page } from './types';

export type AlertRule = z.output<typeof ZAlertRule>;
export type AlertRuleCreate = z.input<typeof ZAlertRuleCreate>;
export type AlertRulePatch = z.input<typeof ZAlertRulePatch>;
export type AlertKind = AlertRule['kind'];
export type AlertEpisode = z.output<typeof ZAlertEpisode>;
export type EvaluationResult = z.output<typeof ZEvaluationResult>;
export type Notification = z.output<typeof ZNotification>;
export type UnreadCount = z.output<typeof ZUnreadCount>;
export type Webhook = z.output<typeof ZWebhook>;
export type WebhookWithSecret = z.output<typeof ZWebhookWithSecret>;
export type WebhookCreate = z.input<typeof ZWebhookCreate>;
export type WebhookPatch = z.input<typeof ZWebhookPatch>;
export type Delivery = z.output<typeof ZDelivery>;

/** Every notification query (the count of all workspaces, each workspace's list). */
export const NOTIFICATIONS_KEY = 'notifications';
const ALERTS_KEY = 'alerts';
const WEBHOOKS_KEY = 'webhooks';

/** How often the bell asks for the unread count (and on window focus). */
export const UNREAD_POLL_MS = 60_000;

/** The signed-in user's unread notifications, in all and per workspace. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => api.get<UnreadCount>('/notifications/unread-count'),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 5_000,
  });
}

/** The newest notifications of the workspace (for the bell's list). */
export function useNotifications(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, workspaceId, 'latest'],
    queryFn: () => api.get<Page<Notification>>(ws(workspaceId, '/notifications'), { limit: 20 }),
    enabled,
    staleTime: 5_000,
  });
}

function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
}

export function useMarkRead(workspaceId: string) {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(ws(workspaceId, `/notifications/${id}/read`)),
    onSettled: () => invalidate(),
  });
}

export function useMarkAllRead(workspaceId: string) {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>(ws(workspaceId, '/notifications/read-all')),
    onSettled: () => invalidate(),
  });
}

// ---------------------------------------------------------------- rules and episodes

export function useAlertRules(workspaceId: string) {
  return useQuery({
    queryKey: [ALERTS_KEY, workspaceId, 'rules'],
    queryFn: () => api.get<Page<AlertRule>>(ws(workspaceId, '/alert-rules'), { limit: 500 }),
  });
}

/** Episodes in one state, newest first. */
export function useEpisodes(workspaceId: string, state: 'open' | 'resolved', limit: number) {
  return useQuery({
    queryKey: [ALERTS_KEY, workspaceId, 'episodes', state, limit],
    queryFn: () => api.get<Page<AlertEpisode>>(ws(workspaceId, '/alerts'), { state, limit }),
    refetchInterval: UNREAD_POLL_MS,
  });
}

/** The latest episodes in any state (the bell words what fired from their figures). */
export function useLatestEpisodes(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: [ALERTS_KEY, workspaceId, 'episodes', 'latest'],
    queryFn: () => api.get<Page<AlertEpisode>>(ws(workspaceId, '/alerts'), { limit: 200 }),
    enabled,
    staleTime: 5_000,
  });
}

/** After a change of rules or an evaluation: the rules, the episodes and the bell reload. */
function useInvalidateAlerts(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [ALERTS_KEY, workspaceId] }),
      queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] }),
    ]);
}

export function useSaveRule(workspaceId: string) {
  const invalidate = useInvalidateAlerts(workspaceId);
  return useMutation({
    mutationFn: (input: { id: string; patch: AlertRulePatch } | { create: AlertRuleCreate }) =>
      'create' in input
        ? api.post<AlertRule>(ws(workspaceId, '/alert-rules'), input.create)
        : api.patch<AlertRule>(ws(workspaceId, `/alert-rules/${input.id}`), input.patch),
    onSettled: () => invalidate(),
  });
}

export function useDeleteRule(workspaceId: string) {
  const invalidate = useInvalidateAlerts(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api.delete(ws(workspaceId, `/alert-rules/${id}`)),
    onSettled: () => invalidate(),
  });
}

/** "Check now": every enabled rule evaluated at once. */
export function useEvaluate(workspaceId: string) {
  const invalidate = useInvalidateAlerts(workspaceId);
  return useMutation({
    mutationFn: () => api.post<EvaluationResult>(ws(workspaceId, '/alerts/evaluate')),
    onSettled: () => invalidate(),
  });
}

// ---------------------------------------------------------------- webhooks

export function useWebhooks(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: [WEBHOOKS_KEY, workspaceId],
    queryFn: () => api.get<Page<Webhook>>(ws(workspaceId, '/webhooks'), { limit: 500 }),
    enabled,
  });
}

export function useDeliveries(workspaceId: string, hookId: string | null) {
  return useQuery({
    queryKey: [WEBHOOKS_KEY, workspaceId, 'deliveries', hookId],
    queryFn: () => api.get<Page<Delivery>>(ws(workspaceId, `/webhooks/${hookId}/deliveries`), { limit: 50 }),
    enabled: hookId !== null,
    // Pending deliveries are being retried by the server: look again while there are some.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === 'pending') ? 10_000 : false,
  });
}

function useInvalidateWebhooks(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [WEBHOOKS_KEY, workspaceId] });
}

export function useCreateWebhook(workspaceId: string) {
  const invalidate = useInvalidateWebhooks(workspaceId);
  return useMutation({
    mutationFn: (body: WebhookCreate) => api.post<WebhookWithSecret>(ws(workspaceId, '/webhooks'), body),
    onSuccess: () => invalidate(),
  });
}

export function usePatchWebhook(workspaceId: string) {
  const invalidate = useInvalidateWebhooks(workspaceId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: WebhookPatch }) =>
      api.patch<Webhook>(ws(workspaceId, `/webhooks/${id}`), patch),
    onSettled: () => invalidate(),
  });
}

export function useDeleteWebhook(workspaceId: string) {
  const invalidate = useInvalidateWebhooks(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api.delete(ws(workspaceId, `/webhooks/${id}`)),
    onSettled: () => invalidate(),
  });
}

export function useRotateSecret(workspaceId: string) {
  const invalidate = useInvalidateWebhooks(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookWithSecret>(ws(workspaceId, `/webhooks/${id}/rotate-secret`)),
    onSuccess: () => invalidate(),
  });
}

/** Sends a `webhook.test` delivery now; answers the delivery with the receiver's status code. */
export function useTestWebhook(workspaceId: string) {
  const invalidate = useInvalidateWebhooks(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api.post<Delivery>(ws(workspaceId, `/webhooks/${id}/test`)),
    onSettled: () => invalidate(),
  });
}
