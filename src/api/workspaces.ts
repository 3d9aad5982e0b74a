/** Workspaces, their members, API tokens and audit log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, invalid } from '../domain/errors.js';
import { deleteWorkspaceEverywhere } from '../privacy/delete-workspace.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../store/catalog/api-tokens.js';
import { listAudit } from '../store/catalog/audit.js';
import {
  addMember,
  createWorkspace,
  findRole,
  getWorkspace,
  listMembers,
  listWorkspacesOfUser,
  removeMember,
  setMemberRole,
  toWorkspaceDto,
  updateWorkspace,
} from '../store/catalog/workspaces.js';
import { photoStoreOf } from '../store/photos.js';
import { authorize, refuseForToken, requireUser } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZApiToken,
  ZApiTokenCreate,
  ZAuditEntry,
  ZAuditQuery,
  ZMember,
  ZMemberAdd,
  ZMemberListQuery,
  ZMemberParams,
  ZMemberPatch,
  ZWorkspace,
  ZWorkspaceCreate,
  ZWorkspacePatch,
} from './workspaces.schemas.js';

export const workspaceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['workspaces'];

  app.get(
    '/workspaces',
    {
      schema: {
        tags,
        summary: "The caller's workspaces",
        response: { 200: z.object({ items: z.array(ZWorkspace) }), ...errorResponses },
      },
    },
    async (request) => {
      const caller = request.caller;
      if (caller?.kind === 'token') {
        await authorize(db, request, caller.token.workspaceId, 'read');
        return { items: [toWorkspaceDto(await getWorkspace(db, caller.token.workspaceId))] };
      }
      return { items: await listWorkspacesOfUser(db, requireUser(request).id) };
    },
  );

  app.post(
    '/workspaces',
    {
      schema: {
        tags,
        summary:
          'Create a workspace (the caller becomes its owner); seeds the own brand and the channel list',
        body: ZWorkspaceCreate,
        response: { 201: ZWorkspace, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const ws = await createWorkspace(db, { userId: user.id, tokenId: null }, request.body, user.id);
      return reply.code(201).send(toWorkspaceDto(ws, 'owner'));
    },
  );

  app.get(
    '/workspaces/:workspaceId',
    {
      schema: {
        tags,
        summary: 'One workspace',
        params: ZWorkspaceParams,
        response: { 200: ZWorkspace, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return toWorkspaceDto(await getWorkspace(db, access.workspaceId), access.role ?? undefined);
    },
  );

  app.patch(
    '/workspaces/:workspaceId',
    {
      schema: {
        tags,
        summary: 'Rename or change settings (owner); needs the version read',
        params: ZWorkspaceParams,
        body: ZWorkspacePatch,
        response: { 200: ZWorkspace, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      const ws = await updateWorkspace(db, access.actor, access.workspaceId, request.body);
      return toWorkspaceDto(ws, access.role ?? undefined);
    },
  );

  app.delete(
    '/workspaces/:workspaceId',
    {
      schema: {
        tags,
        summary:
          'Delete a workspace and everything in it (signed-in owner): the catalog and the measured records ' +
          '(interactions, feedback, quarantine); answers once both are gone',
        params: ZWorkspaceParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      if (access.caller.kind === 'token')
        throw new ForbiddenError('only a signed-in owner can delete a workspace');
      await deleteWorkspaceEverywhere(db, ctx.events, access.workspaceId, photoStoreOf(ctx.config));
      return reply.code(204).send(null);
    },
  );

  const memberTags = ['members'];
  app.get(
    '/workspaces/:workspaceId/members',
    {
      schema: {
        tags: memberTags,
        summary: 'Members and their roles, by e-mail, a page at a time',
        params: ZWorkspaceParams,
        querystring: ZMemberListQuery,
        response: { 200: zPage(ZMember), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listMembers(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/workspaces/:workspaceId/members',
    {
      schema: {
        tags: memberTags,
        summary:
          'Add a member by e-mail (owner); creates the account when a password is given. API tokens cannot add owners or give passwords',
        params: ZWorkspaceParams,
        body: ZMemberAdd,
        response: {
          201: z.object({ userId: z.string(), email: z.string(), role: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      if (request.body.role === 'owner') refuseForToken(request, 'add an owner');
      if (request.body.password !== undefined) refuseForToken(request, 'create an account with a password');
      return reply.code(201).send(await addMember(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.patch(
    '/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        tags: memberTags,
        summary: "Change a member's role (owner); API tokens cannot make or change owners",
        params: ZMemberParams,
        body: ZMemberPatch,
        response: { 200: z.object({ userId: z.string(), role: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      if (request.body.role === 'owner') refuseForToken(request, 'make a member owner');
      if (
        access.caller.kind === 'token' &&
        (await findRole(db, access.workspaceId, request.params.userId)) === 'owner'
      )
        refuseForToken(request, "change an owner's role");
      return setMemberRole(db, access.actor, access.workspaceId, request.params.userId, request.body.role);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        tags: memberTags,
        summary: 'Remove a member (owner, or the member leaving); API tokens cannot remove owners',
        params: ZMemberParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const leaving = request.caller?.kind === 'user' && request.caller.user.id === request.params.userId;
      const access = await authorize(db, request, request.params.workspaceId, leaving ? 'read' : 'admin');
      if (
        access.caller.kind === 'token' &&
        (await findRole(db, access.workspaceId, request.params.userId)) === 'owner'
      )
        refuseForToken(request, 'remove an owner');
      await removeMember(db, access.actor, access.workspaceId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  const tokenTags = ['api tokens'];
  app.get(
    '/workspaces/:workspaceId/tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'API tokens of the workspace (owner)',
        params: ZWorkspaceParams,
        response: { 200: z.object({ items: z.array(ZApiToken) }), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return { items: await listApiTokens(db, access.workspaceId) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/tokens',
    {
      schema: {
        tags: tokenTags,
        summary:
          'Create an API token (signed-in owner; API tokens cannot create tokens); the token is shown only in this answer',
        params: ZWorkspaceParams,
        body: ZApiTokenCreate,
        response: { 201: z.object({ token: z.string(), record: ZApiToken }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      // A token that minted tokens could outlive its own revocation or expiry through them.
      refuseForToken(request, 'create API tokens');
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : undefined;
      if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('expiresAt', 'must be in the future');
      const created = await createApiToken(db, access.actor, access.workspaceId, {
        ...request.body,
        expiresAt,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/workspaces/:workspaceId/tokens/:id',
    {
      schema: {
        tags: tokenTags,
        summary: 'Revoke an API token (owner)',
        params: ZItemParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      await revokeApiToken(db, access.actor, access.workspaceId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:workspaceId/audit-log',
    {
      schema: {
        tags: ['audit log'],
        summary: 'Every change: who, what, when, before/after (newest first)',
        params: ZWorkspaceParams,
        querystring: ZAuditQuery,
        response: {
          200: z.object({ items: z.array(ZAuditEntry), nextBefore: z.number().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const items = await listAudit(db, access.workspaceId, request.query);
      const last = items.at(-1);
      return { items, nextBefore: items.length === request.query.limit && last ? last.id : null };
    },
  );
};
