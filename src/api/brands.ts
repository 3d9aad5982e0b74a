/** Brand routes: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createBrand,
  deleteBrand,
  getBrand,
  listBrands,
  toBrandDto,
  updateBrand,
} from '../store/catalog/brands.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { ZBrand, ZBrandCreate, ZBrandPatch, ZBrandQuery } from './brands.schemas.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

export const brandRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['brands'];

  app.get(
    '/brands',
    {
      schema: {
        tags,
        summary: 'List brands: the own brand and competitors',
        params: ZWorkspaceParams,
        querystring: ZBrandQuery,
        response: { 200: zPage(ZBrand), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listBrands(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/brands',
    {
      schema: {
        tags,
        summary: 'Add a competitor brand',
        params: ZWorkspaceParams,
        body: ZBrandCreate,
        response: { 201: ZBrand, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(toBrandDto(await createBrand(db, access.actor, access.workspaceId, request.body)));
    },
  );

  app.get(
    '/brands/:id',
    {
      schema: {
        tags,
        summary: 'One brand',
        params: ZItemParams,
        response: { 200: ZBrand, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toBrandDto(await getBrand(db, access.workspaceId, request.params.id));
    },
  );

  app.patch(
    '/brands/:id',
    {
      schema: {
        tags,
        summary: 'Change a brand; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZBrandPatch,
        response: { 200: ZBrand, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return toBrandDto(
        await updateBrand(db, access.actor, access.workspaceId, request.params.id, request.body),
      );
    },
  );

  app.delete(
    '/brands/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a competitor brand no touchpoint or audit uses (409 for the own brand or a brand in use)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteBrand(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
