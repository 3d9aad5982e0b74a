/** Complaint register routes (SPEC §6): a route validates, authorizes, calls the store, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalid } from '../domain/errors.js';
import {
  complaintHistory,
  createComplaint,
  getComplaint,
  listComplaints,
  makeComplaintTask,
  toComplaintDto,
  updateComplaint,
} from '../store/catalog/complaints.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZComplaint,
  ZComplaintCreate,
  ZComplaintHistoryEntry,
  ZComplaintHistoryQuery,
  ZComplaintParams,
  ZComplaintPatch,
  ZComplaintQuery,
  ZComplaintTask,
  ZComplaintTaskCreate,
} from './complaints.schemas.js';

export const complaintRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['complaints'];

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'List complaints: by status, severity, touchpoint, owner (mine), source, overdue, text',
        params: ZWorkspaceParams,
        querystring: ZComplaintQuery,
        response: { 200: zPage(ZComplaint), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { mine, ...filter } = request.query;
      if (mine) {
        if (access.caller.kind !== 'user') throw invalid('mine', 'needs a signed-in user, not an API token');
        if (filter.ownerUserId && filter.ownerUserId !== access.caller.user.id)
          throw invalid('mine', 'cannot be combined with another ownerUserId');
        filter.ownerUserId = access.caller.user.id;
      }
      return listComplaints(db, access.workspaceId, filter);
    },
  );

  app.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Enter a complaint (source staff); it starts as new',
        params: ZWorkspaceParams,
        body: ZComplaintCreate,
        response: { 201: ZComplaint, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { receivedAt, ...input } = request.body;
      const complaint = await createComplaint(db, access.actor, access.workspaceId, {
        ...input,
        ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}),
      });
      return reply.code(201).send(complaint);
    },
  );

  app.get(
    '/complaints/:complaintId',
    {
      schema: {
        tags,
        summary: 'One complaint',
        params: ZComplaintParams,
        response: { 200: ZComplaint, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toComplaintDto(await getComplaint(db, access.workspaceId, request.params.complaintId));
    },
  );

  app.patch(
    '/complaints/:complaintId',
    {
      schema: {
        tags,
        summary:
          'Change a complaint: owner, severity, text, status, resolution note; needs the version read (409 with the current version otherwise). Leaving new (or the first note) stamps the first response; resolving or rejecting stamps the resolution',
        params: ZComplaintParams,
        body: ZComplaintPatch,
        response: { 200: ZComplaint, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateComplaint(db, access.actor, access.workspaceId, request.params.complaintId, request.body);
    },
  );

  app.get(
    '/complaints/:complaintId/history',
    {
      schema: {
        tags,
        summary: 'The history of a complaint (its audit log), oldest first',
        params: ZComplaintParams,
        querystring: ZComplaintHistoryQuery,
        response: { 200: zPage(ZComplaintHistoryEntry), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return complaintHistory(db, access.workspaceId, request.params.complaintId, request.query);
    },
  );

  app.post(
    '/complaints/:complaintId/task',
    {
      schema: {
        tags,
        summary:
          'Make an improvement task on the complaint’s touchpoint (lever business_processes by default) and link it; 409 when it has one',
        params: ZComplaintParams,
        body: ZComplaintTaskCreate,
        response: { 201: ZComplaintTask, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const result = await makeComplaintTask(
        db,
        access.actor,
        access.workspaceId,
        request.params.complaintId,
        request.body,
      );
      return reply.code(201).send(result);
    },
  );
};
