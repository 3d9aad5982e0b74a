/** Improvement task routes (Law 3): a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalid } from '../domain/errors.js';
import {
  addTaskComment,
  createTask,
  deleteTask,
  getTask,
  listTaskComments,
  listTasks,
  taskDto,
  updateTask,
} from '../store/catalog/tasks.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZTask,
  ZTaskComment,
  ZTaskCommentCreate,
  ZTaskCommentQuery,
  ZTaskCreate,
  ZTaskParams,
  ZTaskPatch,
  ZTaskQuery,
} from './tasks.schemas.js';

export const taskRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['tasks'];

  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'List improvement tasks: by status, lever, owner (mine), target object, due date, overdue',
        params: ZWorkspaceParams,
        querystring: ZTaskQuery,
        response: { 200: zPage(ZTask), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { mine, ...filter } = request.query;
      if (mine) {
        if (access.caller.kind !== 'user') throw invalid('mine', 'needs a signed-in user, not an API token');
        if (filter.ownerUserId && filter.ownerUserId !== access.caller.user.id)
          throw invalid('mine', 'cannot be combined with another ownerUserId');
        filter.ownerUserId = access.caller.user.id;
      }
      return listTasks(db, access.workspaceId, filter);
    },
  );

  app.post(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'Create an improvement task on a touchpoint, chain (link), journey (stage) or standard',
        params: ZWorkspaceParams,
        body: ZTaskCreate,
        response: { 201: ZTask, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createTask(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'One task, with its verification outcome',
        params: ZTaskParams,
        response: { 200: ZTask, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return taskDto(db, await getTask(db, access.workspaceId, request.params.taskId));
    },
  );

  app.patch(
    '/tasks/:taskId',
    {
      schema: {
        tags,
        summary:
          'Change a task; needs the version read (409 with the current version otherwise). Verified and not_effective are set by the verification; a user may reopen such a task',
        params: ZTaskParams,
        body: ZTaskPatch,
        response: { 200: ZTask, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateTask(db, access.actor, access.workspaceId, request.params.taskId, request.body);
    },
  );

  app.delete(
    '/tasks/:taskId',
    {
      schema: {
        tags,
        summary: 'Delete a task and its comments',
        params: ZTaskParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteTask(db, access.actor, access.workspaceId, request.params.taskId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/tasks/:taskId/comments',
    {
      schema: {
        tags,
        summary: 'The comments of a task, oldest first',
        params: ZTaskParams,
        querystring: ZTaskCommentQuery,
        response: { 200: zPage(ZTaskComment), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listTaskComments(db, access.workspaceId, request.params.taskId, request.query);
    },
  );

  app.post(
    '/tasks/:taskId/comments',
    {
      schema: {
        tags,
        summary: 'Comment on a task (who and when are recorded)',
        params: ZTaskParams,
        body: ZTaskCommentCreate,
        response: { 201: ZTaskComment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(
          await addTaskComment(
            db,
            access.actor,
            access.workspaceId,
            request.params.taskId,
            request.body.body,
          ),
        );
    },
  );
};
