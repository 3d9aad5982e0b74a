/** Touchpoint routes: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addTouchpoint, changeTouchpoint, deleteUnrecordedTouchpoint } from '../ingest/touchpoint-history.js';
import {
  getTouchpoint,
  listTouchpointChildren,
  listTouchpoints,
  toTouchpointDto,
} from '../store/catalog/touchpoints.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZTouchpoint,
  ZTouchpointChildrenQuery,
  ZTouchpointCreate,
  ZTouchpointPatch,
  ZTouchpointQuery,
} from './touchpoints.schemas.js';

export const touchpointRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const tags = ['touchpoints'];

  app.get(
    '/touchpoints',
    {
      schema: {
        tags,
        summary: 'List touchpoints: filter, search, sort, page',
        params: ZWorkspaceParams,
        querystring: ZTouchpointQuery,
        response: { 200: zPage(ZTouchpoint), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listTouchpoints(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/touchpoints',
    {
      schema: {
        tags,
        summary: 'Add a touchpoint; records waiting in quarantine under its key are replayed',
        params: ZWorkspaceParams,
        body: ZTouchpointCreate,
        response: { 201: ZTouchpoint, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const touchpoint = await addTouchpoint(db, events, access.actor, access.workspaceId, request.body);
      return reply.code(201).send(toTouchpointDto(touchpoint));
    },
  );

  app.get(
    '/touchpoints/:id',
    {
      schema: {
        tags,
        summary: 'One touchpoint',
        params: ZItemParams,
        response: { 200: ZTouchpoint, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toTouchpointDto(await getTouchpoint(db, access.workspaceId, request.params.id));
    },
  );

  app.get(
    '/touchpoints/:id/children',
    {
      schema: {
        tags,
        summary: 'The direct children of a composite touchpoint',
        params: ZItemParams,
        querystring: ZTouchpointChildrenQuery,
        response: { 200: zPage(ZTouchpoint), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listTouchpointChildren(db, access.workspaceId, request.params.id, request.query);
    },
  );

  app.patch(
    '/touchpoints/:id',
    {
      schema: {
        tags,
        summary:
          'Change a touchpoint; needs the version read (409 with the current version otherwise). A new key keeps ' +
          'the recorded history and replays records waiting under it',
        params: ZItemParams,
        body: ZTouchpointPatch,
        response: { 200: ZTouchpoint, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const touchpoint = await changeTouchpoint(
        db,
        events,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.body,
      );
      return toTouchpointDto(touchpoint);
    },
  );

  app.delete(
    '/touchpoints/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a touchpoint with its standards and its places on journey maps (409 while it has children, ' +
          'is a chain link or has recorded interactions or feedback answers: retire it instead)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteUnrecordedTouchpoint(db, events, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
