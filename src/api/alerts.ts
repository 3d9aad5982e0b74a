/** Alert rule and episode routes (Law 3, the control): a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { evaluateWorkspaceAlerts } from '../alerts/evaluate-alerts.js';
import { createMailer } from '../alerts/mailer.js';
import { listAlertEpisodes } from '../store/catalog/alert-episodes.js';
import {
  createAlertRule,
  deleteAlertRule,
  getAlertRule,
  listAlertRules,
  updateAlertRule,
} from '../store/catalog/alert-rules.js';
import { authorize } from './access.js';
import {
  ZAlertEpisode,
  ZAlertEpisodeQuery,
  ZAlertRule,
  ZAlertRuleCreate,
  ZAlertRuleParams,
  ZAlertRulePatch,
  ZAlertRuleQuery,
  ZEvaluationResult,
} from './alerts.schemas.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

export const alertRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['alerts'];
  const mailer = createMailer(ctx.config, (error, message) => app.log.error(error, message));
  app.addHook('onClose', async () => mailer?.close());

  app.get(
    '/alert-rules',
    {
      schema: {
        tags,
        summary: 'List alert rules, with the number of open episodes of each',
        params: ZWorkspaceParams,
        querystring: ZAlertRuleQuery,
        response: { 200: zPage(ZAlertRule), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listAlertRules(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/alert-rules',
    {
      schema: {
        tags,
        summary:
          'Create an alert rule: standard_compliance, feedback_shift, touchpoint_silent, task_overdue, task_not_effective or link_conversion_drop, with the kind’s params',
        params: ZWorkspaceParams,
        body: ZAlertRuleCreate,
        response: { 201: ZAlertRule, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createAlertRule(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/alert-rules/:ruleId',
    {
      schema: {
        tags,
        summary: 'One alert rule',
        params: ZAlertRuleParams,
        response: { 200: ZAlertRule, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return getAlertRule(db, access.workspaceId, request.params.ruleId);
    },
  );

  app.patch(
    '/alert-rules/:ruleId',
    {
      schema: {
        tags,
        summary:
          'Change an alert rule (needs the version read; 409 otherwise). New params or disabling end its open episodes quietly; the next evaluation opens what still holds',
        params: ZAlertRuleParams,
        body: ZAlertRulePatch,
        response: { 200: ZAlertRule, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateAlertRule(db, access.actor, access.workspaceId, request.params.ruleId, request.body);
    },
  );

  app.delete(
    '/alert-rules/:ruleId',
    {
      schema: {
        tags,
        summary: 'Delete an alert rule and its episodes (their notifications stay)',
        params: ZAlertRuleParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteAlertRule(db, access.actor, access.workspaceId, request.params.ruleId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary: 'Alert episodes: open first (newest first), then resolved; filter by state, rule or kind',
        params: ZWorkspaceParams,
        querystring: ZAlertEpisodeQuery,
        response: { 200: zPage(ZAlertEpisode), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listAlertEpisodes(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/alerts/evaluate',
    {
      schema: {
        tags,
        summary:
          'Evaluate every enabled rule now ("check now"): opens and resolves episodes, each firing once; webhooks are sent by the server right after',
        params: ZWorkspaceParams,
        response: { 200: ZEvaluationResult, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return evaluateWorkspaceAlerts(
        {
          db,
          events: ctx.events,
          mailer,
          publicUrl: ctx.config.publicUrl,
          onDeliveriesQueued: ctx.onWebhookEvents,
        },
        access.workspaceId,
      );
    },
  );
};
