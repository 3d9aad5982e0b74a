/** Comment routes of a journey map: threads on the map, its cells and cards, with mentions. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  countJourneyComments,
  createJourneyComment,
  deleteJourneyComment,
  listJourneyComments,
  updateJourneyComment,
} from '../store/catalog/journey-comments.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, zPage } from './common.schemas.js';
import {
  ZCommentParams,
  ZJourneyComment,
  ZJourneyCommentCounts,
  ZJourneyCommentCreate,
  ZJourneyCommentPatch,
  ZJourneyCommentQuery,
} from './journey-comments.schemas.js';

export const journeyCommentRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['journeys'];

  app.get(
    '/journeys/:id/comments',
    {
      schema: {
        tags,
        summary:
          "A journey map's comments, oldest first: all, a card's, a cell's or a stage's; open or resolved",
        params: ZItemParams,
        querystring: ZJourneyCommentQuery,
        response: { 200: zPage(ZJourneyComment), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listJourneyComments(db, access.workspaceId, request.params.id, request.query);
    },
  );

  app.get(
    '/journeys/:id/comments/counts',
    {
      schema: {
        tags,
        summary: 'Comment counts of a journey map (all and unresolved): per card, per cell and on the map',
        params: ZItemParams,
        response: { 200: ZJourneyCommentCounts, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return countJourneyComments(db, access.workspaceId, request.params.id);
    },
  );

  app.post(
    '/journeys/:id/comments',
    {
      schema: {
        tags,
        summary:
          'Comment on the map, a cell (stageId + lane) or a card (itemId); each `@e-mail` must name a member, who is notified',
        params: ZItemParams,
        body: ZJourneyCommentCreate,
        response: { 201: ZJourneyComment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(
          await createJourneyComment(db, access.actor, access.workspaceId, request.params.id, request.body),
        );
    },
  );

  app.patch(
    '/journeys/:id/comments/:commentId',
    {
      schema: {
        tags,
        summary: "Change a comment's text (its author; new mentions are notified) or resolve / reopen it",
        params: ZCommentParams,
        body: ZJourneyCommentPatch,
        response: { 200: ZJourneyComment, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { id, commentId } = request.params;
      return updateJourneyComment(db, access, access.workspaceId, id, commentId, request.body);
    },
  );

  app.delete(
    '/journeys/:id/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Delete a comment (its author or an owner)',
        params: ZCommentParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteJourneyComment(db, access, access.workspaceId, request.params.id, request.params.commentId);
      return reply.code(204).send(null);
    },
  );
};
