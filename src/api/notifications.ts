/** The notification centre of the signed-in user: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from '../store/catalog/notifications.js';
import { authorize, requireUser } from './access.js';
import {
  ZNotification,
  ZNotificationParams,
  ZNotificationQuery,
  ZReadAllResult,
  ZUnreadCount,
} from './alerts.schemas.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams, zPage } from './common.schemas.js';

const tags = ['notifications'];

/** Under /api/workspaces/{workspaceId}: the user's notifications of one workspace. */
export const notificationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary:
          'The signed-in user’s notifications in this workspace, newest first (API tokens have none: 403)',
        params: ZWorkspaceParams,
        querystring: ZNotificationQuery,
        response: { 200: zPage(ZNotification), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listNotifications(db, user.id, access.workspaceId, request.query);
    },
  );

  app.post(
    '/notifications/:notificationId/read',
    {
      schema: {
        tags,
        summary: 'Mark one of the signed-in user’s notifications read',
        params: ZNotificationParams,
        response: { 200: ZNotification, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return markNotificationRead(db, user.id, access.workspaceId, request.params.notificationId);
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all the signed-in user’s notifications in this workspace read',
        params: ZWorkspaceParams,
        response: { 200: ZReadAllResult, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return markAllNotificationsRead(db, user.id, access.workspaceId);
    },
  );
};

/** Under /api: the bell's count across the user's workspaces. */
export const unreadCountRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'The signed-in user’s unread notifications, in total and per workspace (for the bell)',
        response: { 200: ZUnreadCount, ...errorResponses },
      },
    },
    async (request) => unreadCount(ctx.db, requireUser(request).id),
  );
};
