/** Persona routes: the customers journey maps are drawn for, with an optional photo. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPersona,
  deletePersona,
  getPersona,
  listPersonas,
  openPersonaPhoto,
  removePersonaPhoto,
  setPersonaPhoto,
  updatePersona,
} from '../store/catalog/personas.js';
import { photoStoreOf } from '../store/photos.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import {
  errorResponses,
  ZError,
  ZItemParams,
  ZNoContent,
  ZWorkspaceParams,
  zPage,
} from './common.schemas.js';
import {
  ZPersona,
  ZPersonaCreate,
  ZPersonaPatch,
  ZPersonaPhotoQuery,
  ZPersonaQuery,
} from './personas.schemas.js';
import { acceptRawPhotos, photoHeaders } from './photo-bodies.js';

const photoErrors = { ...errorResponses, 413: ZError, 415: ZError } as const;

export const personaRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const store = photoStoreOf(ctx.config);
  const tags = ['personas'];
  acceptRawPhotos(app, store);

  app.get(
    '/personas',
    {
      schema: {
        tags,
        summary: 'List the workspace’s personas, with how many maps each is drawn for',
        params: ZWorkspaceParams,
        querystring: ZPersonaQuery,
        response: { 200: zPage(ZPersona), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listPersonas(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Create a persona (name, role, segment, quote, goals, needs, pains, avatar colour)',
        params: ZWorkspaceParams,
        body: ZPersonaCreate,
        response: { 201: ZPersona, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createPersona(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'One persona',
        params: ZItemParams,
        response: { 200: ZPersona, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return getPersona(db, access.workspaceId, request.params.id);
    },
  );

  app.patch(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Change a persona; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZPersonaPatch,
        response: { 200: ZPersona, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updatePersona(db, access.actor, access.workspaceId, request.params.id, request.body);
    },
  );

  app.delete(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Delete a persona and its photo (its maps stay, without persona)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deletePersona(db, store, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/personas/:id/photo',
    {
      schema: {
        tags,
        summary: 'Set the persona’s photo (raw JPEG, PNG or WebP body), replacing the one it had',
        consumes: ['image/jpeg', 'image/png', 'image/webp'],
        description:
          'The photo is the raw request body with Content-Type image/jpeg, image/png or image/webp; its bytes must be that image (checked), at most TOUCHPOINTS_PHOTO_MAX_BYTES (413 beyond).',
        params: ZItemParams,
        body: z.any().describe('the image bytes (JPEG, PNG or WebP), not JSON'),
        response: { 200: ZPersona, ...photoErrors },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return setPersonaPhoto(
        db,
        store,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.headers['content-type'],
        request.body,
      );
    },
  );

  app.get(
    '/personas/:id/photo',
    {
      schema: {
        tags,
        summary: 'The persona’s photo bytes, for members of the workspace only (Cache-Control: private)',
        params: ZItemParams,
        querystring: ZPersonaPhotoQuery,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { row, stream } = await openPersonaPhoto(db, store, access.workspaceId, request.params.id);
      return photoHeaders(reply, row.contentType, row.bytes).send(stream);
    },
  );

  app.delete(
    '/personas/:id/photo',
    {
      schema: {
        tags,
        summary: 'Remove the persona’s photo (the file too); the drawn avatar shows instead',
        params: ZItemParams,
        response: { 200: ZPersona, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return removePersonaPhoto(db, store, access.actor, access.workspaceId, request.params.id);
    },
  );
};
