/** Webhook routes (owners manage a workspace's hooks): a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendTestDelivery } from '../alerts/webhook-sender.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../store/catalog/webhooks.js';
import { authorize } from './access.js';
import {
  ZDelivery,
  ZDeliveryQuery,
  ZWebhook,
  ZWebhookCreate,
  ZWebhookParams,
  ZWebhookPatch,
  ZWebhookQuery,
  ZWebhookWithSecret,
} from './alerts.schemas.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

export const webhookRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, secrets } = ctx;
  const tags = ['webhooks'];

  app.get(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'List the workspace’s webhooks with their newest delivery (owners)',
        params: ZWorkspaceParams,
        querystring: ZWebhookQuery,
        response: { 200: zPage(ZWebhook), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return listWebhooks(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary:
          'Create a webhook (owners). The answer carries the signing secret, shown only now: verify X-Touchpoints-Signature with it',
        params: ZWorkspaceParams,
        body: ZWebhookCreate,
        response: { 201: ZWebhookWithSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return reply
        .code(201)
        .send(await createWebhook(db, secrets, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/webhooks/:hookId',
    {
      schema: {
        tags,
        summary: 'One webhook (without its secret)',
        params: ZWebhookParams,
        response: { 200: ZWebhook, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return getWebhook(db, access.workspaceId, request.params.hookId);
    },
  );

  app.patch(
    '/webhooks/:hookId',
    {
      schema: {
        tags,
        summary: 'Change a webhook’s URL, description or enabled (needs the version read; 409 otherwise)',
        params: ZWebhookParams,
        body: ZWebhookPatch,
        response: { 200: ZWebhook, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return updateWebhook(db, access.actor, access.workspaceId, request.params.hookId, request.body);
    },
  );

  app.delete(
    '/webhooks/:hookId',
    {
      schema: {
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: ZWebhookParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      await deleteWebhook(db, access.actor, access.workspaceId, request.params.hookId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/webhooks/:hookId/rotate-secret',
    {
      schema: {
        tags,
        summary:
          'Give the webhook a new signing secret, shown only in this answer; the old one stops at once',
        params: ZWebhookParams,
        response: { 200: ZWebhookWithSecret, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return rotateWebhookSecret(db, secrets, access.actor, access.workspaceId, request.params.hookId);
    },
  );

  app.post(
    '/webhooks/:hookId/test',
    {
      schema: {
        tags,
        summary:
          'Send a webhook.test delivery now (also to a disabled hook) and answer it with the attempt’s status code or error; a failed test is retried like any delivery',
        params: ZWebhookParams,
        response: { 200: ZDelivery, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return sendTestDelivery({ db, secrets }, access.workspaceId, request.params.hookId);
    },
  );

  app.get(
    '/webhooks/:hookId/deliveries',
    {
      schema: {
        tags,
        summary:
          'The webhook’s delivery log, newest first: status, attempts, each attempt’s status code, error and time',
        params: ZWebhookParams,
        querystring: ZDeliveryQuery,
        response: { 200: zPage(ZDelivery), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return listDeliveries(db, access.workspaceId, request.params.hookId, request.query);
    },
  );
};
