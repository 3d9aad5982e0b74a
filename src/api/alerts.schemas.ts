/**
 * Alerts (Law 3, the control): the API contract of alert rules, their episodes, the notification
 * centre and webhooks. Routes:
 * - GET    /api/workspaces/{workspaceId}/alert-rules                   list — read
 * - POST   /api/workspaces/{workspaceId}/alert-rules                   create — write
 * - GET    /api/workspaces/{workspaceId}/alert-rules/{ruleId}          one rule — read
 * - PATCH  /api/workspaces/{workspaceId}/alert-rules/{ruleId}          change (needs `version`) — write
 * - DELETE /api/workspaces/{workspaceId}/alert-rules/{ruleId}          delete (and its episodes) — write
 * - GET    /api/workspaces/{workspaceId}/alerts                        episodes, open first — read
 * - POST   /api/workspaces/{workspaceId}/alerts/evaluate               evaluate every enabled rule now — write
 * - GET    /api/workspaces/{workspaceId}/webhooks                      list — owner
 * - POST   /api/workspaces/{workspaceId}/webhooks                      create (answers the secret once) — owner
 * - GET    /api/workspaces/{workspaceId}/webhooks/{hookId}             one — owner
 * - PATCH  /api/workspaces/{workspaceId}/webhooks/{hookId}             change (needs `version`) — owner
 * - DELETE /api/workspaces/{workspaceId}/webhooks/{hookId}             delete (and its deliveries) — owner
 * - POST   /api/workspaces/{workspaceId}/webhooks/{hookId}/rotate-secret  new secret, answered once — owner
 * - POST   /api/workspaces/{workspaceId}/webhooks/{hookId}/test        send a webhook.test now, answer the delivery — owner
 * - GET    /api/workspaces/{workspaceId}/webhooks/{hookId}/deliveries  the delivery log, newest first — owner
 * - GET    /api/workspaces/{workspaceId}/notifications                 the signed-in user's, newest first — read
 * - POST   /api/workspaces/{workspaceId}/notifications/{notificationId}/read  mark one read — read
 * - POST   /api/workspaces/{workspaceId}/notifications/read-all        mark all of the workspace read — read
 * - GET    /api/notifications/unread-count                             the signed-in user's unread, per workspace
 */
import { z } from 'zod';
import {
  ALERT_EVENTS,
  ALERT_KINDS,
  ALERT_PARAMS,
  DELIVERY_STATUSES,
  EPISODE_STATES,
  NOTIFICATION_KINDS,
} from '../domain/alert-rules.js';
import { ZId, ZName, ZPageQuery, ZQueryBool, ZText, ZTimestamp, ZVersion } from './common.schemas.js';

export const ALERT_PATHS = {
  rules: '/api/workspaces/{workspaceId}/alert-rules',
  rule: '/api/workspaces/{workspaceId}/alert-rules/{ruleId}',
  alerts: '/api/workspaces/{workspaceId}/alerts',
  evaluate: '/api/workspaces/{workspaceId}/alerts/evaluate',
  webhooks: '/api/workspaces/{workspaceId}/webhooks',
  webhook: '/api/workspaces/{workspaceId}/webhooks/{hookId}',
  rotateSecret: '/api/workspaces/{workspaceId}/webhooks/{hookId}/rotate-secret',
  testWebhook: '/api/workspaces/{workspaceId}/webhooks/{hookId}/test',
  deliveries: '/api/workspaces/{workspaceId}/webhooks/{hookId}/deliveries',
  notifications: '/api/workspaces/{workspaceId}/notifications',
  readNotification: '/api/workspaces/{workspaceId}/notifications/{notificationId}/read',
  readAll: '/api/workspaces/{workspaceId}/notifications/read-all',
  unreadCount: '/api/notifications/unread-count',
} as const;

// ---------------------------------------------------------------- rules

const ZRuleCommon = {
  name: ZName.describe('how the alert is named in notifications, e-mail and webhooks'),
  enabled: z.boolean().optional().describe('default true; a disabled rule is not evaluated'),
  email: z
    .boolean()
    .optional()
    .describe('default false; also e-mail the recipients when the server has SMTP configured'),
};

/** POST body: `params` depends on `kind` (see each variant). */
export const ZAlertRuleCreate = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('standard_compliance'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.standard_compliance,
    }),
    z.strictObject({
      kind: z.literal('feedback_shift'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.feedback_shift,
    }),
    z.strictObject({
      kind: z.literal('touchpoint_silent'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.touchpoint_silent.default({ touchpointId: null, days: 3 }),
    }),
    z.strictObject({
      kind: z.literal('task_overdue'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.task_overdue.default({}),
    }),
    z.strictObject({
      kind: z.literal('task_not_effective'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.task_not_effective.default({}),
    }),
    z.strictObject({
      kind: z.literal('link_conversion_drop'),
      ...ZRuleCommon,
      params: ALERT_PARAMS.link_conversion_drop,
    }),
  ],
  { error: `kind: must be one of ${ALERT_KINDS.join(', ')}` },
);
export type AlertRuleCreate = z.infer<typeof ZAlertRuleCreate>;

export const ZAlertRulePatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  enabled: z.boolean().optional(),
  email: z.boolean().optional(),
  params: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('the whole params of the rule’s kind (the kind cannot change); checked as on create'),
});
export type AlertRulePatch = z.infer<typeof ZAlertRulePatch>;

export const ZAlertRule = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ALERT_KINDS),
  params: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .describe('the kind’s params with defaults filled in'),
  enabled: z.boolean(),
  email: z.boolean(),
  openEpisodes: z.number().int().describe('episodes of this rule open now'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type AlertRule = z.infer<typeof ZAlertRule>;

export const ZAlertRuleQuery = z.strictObject({
  ...ZPageQuery,
  kind: z.enum(ALERT_KINDS).optional(),
  enabled: ZQueryBool.optional(),
});

export const ZAlertRuleParams = z.strictObject({ workspaceId: ZId, ruleId: ZId });

// ---------------------------------------------------------------- episodes

export const ZAlertFigures = z
  .record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]))
  .describe('the numbers behind the message: share, required, sample, before/after, p, test, …');

export const ZAlertEpisode = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(ALERT_KINDS),
  subjectKey: z.string().describe('standard:<id> | touchpoint:<id> | task:<id> | link:<chainId>:<position>'),
  subjectName: z.string().describe('the subject’s name at opening (standard, touchpoint, task title, link)'),
  state: z.enum(EPISODE_STATES),
  openedAt: ZTimestamp,
  resolvedAt: ZTimestamp.nullable(),
  message: z
    .string()
    .describe('e.g. "Answer calls within 20 s: 71 % compliant over 7 days, required 90 % (412 calls)"'),
  resolvedMessage: z.string().nullable().describe('the figures when the condition cleared'),
  figures: ZAlertFigures,
  link: z.string().describe('an in-app path to the subject, e.g. /w/<id>/standards'),
});
export type AlertEpisode = z.infer<typeof ZAlertEpisode>;

export const ZAlertEpisodeQuery = z.strictObject({
  ...ZPageQuery,
  state: z
    .enum(EPISODE_STATES)
    .optional()
    .describe('open or resolved; both when absent (open first, then newest)'),
  ruleId: ZId.optional(),
  kind: z.enum(ALERT_KINDS).optional(),
});

export const ZEvaluationResult = z.object({
  rulesEvaluated: z.number().int(),
  opened: z.number().int().describe('episodes opened by this evaluation (each fired once)'),
  resolved: z.number().int().describe('episodes resolved by this evaluation'),
  open: z.number().int().describe('episodes open after the evaluation'),
  errors: z
    .array(z.object({ ruleId: z.string(), message: z.string() }))
    .describe('rules that could not be evaluated (e.g. their standard was deleted); the others still ran'),
});
export type EvaluationResult = z.infer<typeof ZEvaluationResult>;

// ---------------------------------------------------------------- notifications

export const ZNotification = z.object({
  id: z.string(),
  workspaceId: z.string(),
  episodeId: z.string().nullable(),
  kind: z
    .enum(NOTIFICATION_KINDS)
    .describe('alert_fired, alert_resolved, task_not_effective, mention (a comment on a journey map)'),
  title: z.string(),
  body: z.string(),
  link: z.string().describe('an in-app path to the object, e.g. /w/<id>/tasks?task=<id>'),
  createdAt: ZTimestamp,
  readAt: ZTimestamp.nullable(),
});
export type Notification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = z.strictObject({
  ...ZPageQuery,
  unread: ZQueryBool.optional().describe('true: only unread'),
});

export const ZNotificationParams = z.strictObject({ workspaceId: ZId, notificationId: ZId });

export const ZUnreadCount = z.object({
  unread: z.number().int().describe('unread notifications of the signed-in user, every workspace'),
  workspaces: z
    .array(z.object({ workspaceId: z.string(), unread: z.number().int() }))
    .describe('workspaces with unread notifications'),
});
export type UnreadCount = z.infer<typeof ZUnreadCount>;

export const ZReadAllResult = z.object({ marked: z.number().int().describe('notifications marked read') });

// ---------------------------------------------------------------- webhooks

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL')
  .describe(
    'where events are POSTed; http(s) only; loopback and private addresses are allowed (self-hosted)',
  );

export const ZWebhook = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  lastDelivery: z
    .object({ status: z.enum(DELIVERY_STATUSES), statusCode: z.number().int().nullable(), at: ZTimestamp })
    .nullable()
    .describe('the newest delivery, for a glance at the hook’s health'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Webhook = z.infer<typeof ZWebhook>;

export const ZWebhookWithSecret = ZWebhook.extend({
  secret: z
    .string()
    .describe(
      'the signing secret, shown only now: X-Touchpoints-Signature is sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">',
    ),
});
export type WebhookWithSecret = z.infer<typeof ZWebhookWithSecret>;

export const ZWebhookCreate = z.strictObject({
  url: ZWebhookUrl,
  description: ZText.optional().describe('default empty'),
  enabled: z.boolean().optional().describe('default true'),
});

export const ZWebhookPatch = z.strictObject({
  version: ZVersion,
  url: ZWebhookUrl.optional(),
  description: ZText.optional(),
  enabled: z.boolean().optional(),
});

export const ZWebhookParams = z.strictObject({ workspaceId: ZId, hookId: ZId });
export const ZWebhookQuery = z.strictObject({ ...ZPageQuery });

export const ZDeliveryAttempt = z.object({
  at: ZTimestamp,
  statusCode: z.number().int().nullable().describe('the receiver’s HTTP status; null when none came'),
  error: z.string().nullable().describe('e.g. "timeout after 10000 ms", "connect ECONNREFUSED", "HTTP 500"'),
  ms: z.number().int().describe('how long the attempt took'),
});

export const ZDelivery = z.object({
  id: z.string().describe('also sent as X-Touchpoints-Delivery, for idempotency at the receiver'),
  webhookId: z.string(),
  event: z.enum(ALERT_EVENTS),
  payload: z.record(z.string(), z.unknown()),
  status: z
    .enum(DELIVERY_STATUSES)
    .describe('pending (waiting or retrying), delivered, failed (retries exhausted)'),
  attempts: z.number().int(),
  nextAttemptAt: ZTimestamp.nullable().describe('when a pending delivery is tried next'),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  log: z.array(ZDeliveryAttempt).describe('every attempt, oldest first'),
  createdAt: ZTimestamp,
  deliveredAt: ZTimestamp.nullable(),
});
export type Delivery = z.infer<typeof ZDelivery>;

export const ZDeliveryQuery = z.strictObject({
  ...ZPageQuery,
  status: z.enum(DELIVERY_STATUSES).optional(),
});
