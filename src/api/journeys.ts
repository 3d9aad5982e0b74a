/** Journey routes: the map (stages × lanes), its stage list and its cell items. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addJourneyItem,
  createJourney,
  deleteJourney,
  deleteJourneyItem,
  getJourneyMap,
  listJourneys,
  replaceStages,
  updateJourney,
  updateJourneyItem,
} from '../store/catalog/journeys.js';
import { photoStoreOf } from '../store/photos.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZJourney,
  ZJourneyCreate,
  ZJourneyItemChange,
  ZJourneyItemCreate,
  ZJourneyItemParams,
  ZJourneyItemPatch,
  ZJourneyMap,
  ZJourneyPatch,
  ZJourneyQuery,
  ZStagesPut,
} from './journeys.schemas.js';

export const journeyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  /** Where the images of image lanes are: removed with their items, lanes, stages and maps. */
  const files = photoStoreOf(ctx.config);
  const tags = ['journeys'];

  app.get(
    '/journeys',
    {
      schema: {
        tags,
        summary: 'List journeys (without their maps)',
        params: ZWorkspaceParams,
        querystring: ZJourneyQuery,
        response: { 200: zPage(ZJourney), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listJourneys(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/journeys',
    {
      schema: {
        tags,
        summary: 'Create a journey (default stages and lanes unless given)',
        params: ZWorkspaceParams,
        body: ZJourneyCreate,
        response: { 201: ZJourneyMap, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createJourney(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/journeys/:id',
    {
      schema: {
        tags,
        summary: 'One journey map: the journey, its stages in order and every cell item',
        params: ZItemParams,
        response: { 200: ZJourneyMap, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return getJourneyMap(db, access.workspaceId, request.params.id);
    },
  );

  app.patch(
    '/journeys/:id',
    {
      schema: {
        tags,
        summary:
          'Change a journey or its lanes; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZJourneyPatch,
        response: { 200: ZJourneyMap, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateJourney(db, access.actor, access.workspaceId, request.params.id, request.body, files);
    },
  );

  app.delete(
    '/journeys/:id',
    {
      schema: {
        tags,
        summary: 'Delete a journey with its stages and items (its chains stay, without journey)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteJourney(db, access.actor, access.workspaceId, request.params.id, files);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/journeys/:id/stages',
    {
      schema: {
        tags,
        summary:
          'Replace the ordered stage list: listed ids keep their items, new entries are added, stages ' +
          'left out are removed with their items; needs the journey version',
        params: ZItemParams,
        body: ZStagesPut,
        response: { 200: ZJourneyMap, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return replaceStages(db, access.actor, access.workspaceId, request.params.id, request.body, files);
    },
  );

  app.post(
    '/journeys/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a text note or a touchpoint to a cell (stage × lane); bumps the journey version',
        params: ZItemParams,
        body: ZJourneyItemCreate,
        response: { 201: ZJourneyItemChange, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(await addJourneyItem(db, access.actor, access.workspaceId, request.params.id, request.body));
    },
  );

  app.patch(
    '/journeys/:id/items/:itemId',
    {
      schema: {
        tags,
        summary:
          'Move a cell item (stage, lane, place) or change its text or touchpoint; bumps the journey version',
        params: ZJourneyItemParams,
        body: ZJourneyItemPatch,
        response: { 200: ZJourneyItemChange, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { id, itemId } = request.params;
      return updateJourneyItem(db, access.actor, access.workspaceId, id, itemId, request.body, files);
    },
  );

  app.delete(
    '/journeys/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Remove a cell item; bumps the journey version',
        params: ZJourneyItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteJourneyItem(
        db,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.params.itemId,
        files,
      );
      return reply.code(204).send(null);
    },
  );
};
