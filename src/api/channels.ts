/** Channel routes: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  toChannelDto,
  updateChannel,
} from '../store/catalog/channels.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { ZChannel, ZChannelCreate, ZChannelPatch, ZChannelQuery } from './channels.schemas.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

export const channelRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['channels'];

  app.get(
    '/channels',
    {
      schema: {
        tags,
        summary: 'List channels: the built-in reference list and the workspace’s own',
        params: ZWorkspaceParams,
        querystring: ZChannelQuery,
        response: { 200: zPage(ZChannel), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listChannels(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/channels',
    {
      schema: {
        tags,
        summary: 'Add a channel',
        params: ZWorkspaceParams,
        body: ZChannelCreate,
        response: { 201: ZChannel, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(toChannelDto(await createChannel(db, access.actor, access.workspaceId, request.body)));
    },
  );

  app.get(
    '/channels/:id',
    {
      schema: {
        tags,
        summary: 'One channel',
        params: ZItemParams,
        response: { 200: ZChannel, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toChannelDto(await getChannel(db, access.workspaceId, request.params.id));
    },
  );

  app.patch(
    '/channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel (a built-in one keeps its key); needs the version read (409 otherwise)',
        params: ZItemParams,
        body: ZChannelPatch,
        response: { 200: ZChannel, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return toChannelDto(
        await updateChannel(db, access.actor, access.workspaceId, request.params.id, request.body),
      );
    },
  );

  app.delete(
    '/channels/:id',
    {
      schema: {
        tags,
        summary: 'Delete an own channel (its touchpoints stay, without channel); built-in ones answer 409',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteChannel(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
