/** Subjects routes: a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createSubject,
  deleteSubject,
  getSubject,
  listSubjects,
  toSubjectDto,
  updateSubject,
} from '../store/catalog/subjects.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import { ZSubject, ZSubjectCreate, ZSubjectPatch, ZSubjectQuery } from './subjects.schemas.js';

export const subjectRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['subjects'];

  app.get(
    '/subjects',
    {
      schema: {
        tags,
        summary: 'List subjects',
        params: ZWorkspaceParams,
        querystring: ZSubjectQuery,
        response: { 200: zPage(ZSubject), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listSubjects(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/subjects',
    {
      schema: {
        tags,
        summary: 'Create a subject',
        params: ZWorkspaceParams,
        body: ZSubjectCreate,
        response: { 201: ZSubject, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(toSubjectDto(await createSubject(db, access.actor, access.workspaceId, request.body)));
    },
  );

  app.get(
    '/subjects/:id',
    {
      schema: {
        tags,
        summary: 'One subject',
        params: ZItemParams,
        response: { 200: ZSubject, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toSubjectDto(await getSubject(db, access.workspaceId, request.params.id));
    },
  );

  app.patch(
    '/subjects/:id',
    {
      schema: {
        tags,
        summary: 'Change a subject; needs the version read (409 with the current version otherwise)',
        params: ZItemParams,
        body: ZSubjectPatch,
        response: { 200: ZSubject, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return toSubjectDto(
        await updateSubject(db, access.actor, access.workspaceId, request.params.id, request.body),
      );
    },
  );

  app.delete(
    '/subjects/:id',
    {
      schema: {
        tags,
        summary: 'Delete a subject (its touchpoints stay, without subject)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteSubject(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
