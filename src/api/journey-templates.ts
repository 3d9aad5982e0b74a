/** Journey maps made from others: the template list, a map from a template, a copy of a map. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createJourneyFromTemplate,
  duplicateJourney,
  listJourneyTemplates,
} from '../store/catalog/journey-copies.js';
import { photoStoreOf } from '../store/photos.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZWorkspaceParams } from './common.schemas.js';
import {
  ZJourneyDuplicate,
  ZJourneyFromTemplate,
  ZJourneyTemplate,
  ZJourneyTemplateQuery,
} from './journey-templates.schemas.js';
import { ZJourneyMap } from './journeys.schemas.js';

export const journeyTemplateRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const store = photoStoreOf(ctx.config);
  const tags = ['journeys'];

  app.get(
    '/journey-templates',
    {
      schema: {
        tags,
        summary:
          'Map templates (clinic visit, consulting, retail, online order, school canteen) in a language',
        params: ZWorkspaceParams,
        querystring: ZJourneyTemplateQuery,
        response: { 200: z.array(ZJourneyTemplate), ...errorResponses },
      },
    },
    async (request) => {
      await authorize(db, request, request.params.workspaceId, 'read');
      return listJourneyTemplates(request.query.language);
    },
  );

  app.post(
    '/journeys/from-template',
    {
      schema: {
        tags,
        summary: 'Create a map from a template: its stages, lanes and starter notes in the language given',
        params: ZWorkspaceParams,
        body: ZJourneyFromTemplate,
        response: { 201: ZJourneyMap, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(await createJourneyFromTemplate(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.post(
    '/journeys/:id/duplicate',
    {
      schema: {
        tags,
        summary: 'Copy a map with its stages, lanes and items (pictures too); comments and links stay',
        params: ZItemParams,
        body: ZJourneyDuplicate,
        response: { 201: ZJourneyMap, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const map = await duplicateJourney(
        db,
        store,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.body,
      );
      return reply.code(201).send(map);
    },
  );
};
