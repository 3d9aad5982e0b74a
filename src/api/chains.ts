/** Chain routes: a chain and its ordered links are read and saved together. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createChain, deleteChain, getChain, listChains, updateChain } from '../store/catalog/chains.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { ZChain, ZChainCreate, ZChainPatch, ZChainQuery } from './chains.schemas.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

export const chainRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['chains'];

  app.get(
    '/chains',
    {
      schema: {
        tags,
        summary: 'List chains with their links',
        params: ZWorkspaceParams,
        querystring: ZChainQuery,
        response: { 200: zPage(ZChain), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listChains(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/chains',
    {
      schema: {
        tags,
        summary: 'Create a chain with its ordered links',
        params: ZWorkspaceParams,
        body: ZChainCreate,
        response: { 201: ZChain, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createChain(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/chains/:id',
    {
      schema: {
        tags,
        summary: 'One chain with its links in order',
        params: ZItemParams,
        response: { 200: ZChain, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return getChain(db, access.workspaceId, request.params.id);
    },
  );

  app.patch(
    '/chains/:id',
    {
      schema: {
        tags,
        summary:
          'Change a chain; `links` replaces the whole link list; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZChainPatch,
        response: { 200: ZChain, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateChain(db, access.actor, access.workspaceId, request.params.id, request.body);
    },
  );

  app.delete(
    '/chains/:id',
    {
      schema: {
        tags,
        summary: 'Delete a chain and its links (chains continuing into it lose their continuation)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteChain(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
