/** Standard routes: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createStandard,
  deleteStandard,
  getStandard,
  listStandards,
  toStandardDto,
  updateStandard,
} from '../store/catalog/standards.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import { ZStandard, ZStandardCreate, ZStandardPatch, ZStandardQuery } from './standards.schemas.js';

export const standardRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['standards'];

  app.get(
    '/standards',
    {
      schema: {
        tags,
        summary: 'List standards, e.g. those of one touchpoint',
        params: ZWorkspaceParams,
        querystring: ZStandardQuery,
        response: { 200: zPage(ZStandard), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listStandards(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/standards',
    {
      schema: {
        tags,
        summary: 'Set a standard at a touchpoint',
        params: ZWorkspaceParams,
        body: ZStandardCreate,
        response: { 201: ZStandard, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(toStandardDto(await createStandard(db, access.actor, access.workspaceId, request.body)));
    },
  );

  app.get(
    '/standards/:id',
    {
      schema: {
        tags,
        summary: 'One standard',
        params: ZItemParams,
        response: { 200: ZStandard, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toStandardDto(await getStandard(db, access.workspaceId, request.params.id));
    },
  );

  app.patch(
    '/standards/:id',
    {
      schema: {
        tags,
        summary: 'Change a standard; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZStandardPatch,
        response: { 200: ZStandard, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return toStandardDto(
        await updateStandard(db, access.actor, access.workspaceId, request.params.id, request.body),
      );
    },
  );

  app.delete(
    '/standards/:id',
    {
      schema: {
        tags,
        summary: 'Delete a standard',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteStandard(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
