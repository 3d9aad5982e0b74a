/**
 * Invitations: owners invite by e-mail and role, list and revoke pending ones; the holder of a
 * link reads what it is for and accepts it (public, rate-limited per address).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invitationMail } from '../domain/account-mail.js';
import { ForbiddenError } from '../domain/errors.js';
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listInvitations,
  revokeInvitation,
} from '../store/catalog/invitations.js';
import { createSession, SESSION_DAYS } from '../store/catalog/sessions.js';
import { toUserDto } from '../store/catalog/users.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { authorize, deviceOf, refuseForToken, setSessionCookie } from './access.js';
import { accountMailer, perAddressLimit } from './account-mailer.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZError, ZNoContent, ZWorkspaceParams } from './common.schemas.js';
import {
  ZInvitation,
  ZInvitationAccept,
  ZInvitationAccepted,
  ZInvitationCreate,
  ZInvitationCreated,
  ZInvitationParams,
  ZInvitationTokenParams,
  ZInvitationView,
} from './invitations.schemas.js';

const publicErrors = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
  410: ZError,
  429: ZError,
} as const;

export const invitationRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const mailer = accountMailer(app, config);
  const tags = ['members'];
  const publicLimit = perAddressLimit('invitation', config.loginRateLimit);

  app.post(
    '/workspaces/:workspaceId/invitations',
    {
      schema: {
        tags,
        summary:
          'Invite someone by e-mail (owner): a one-time link valid for 7 days, e-mailed when SMTP is configured and returned only in this answer. Inviting the e-mail again replaces its pending invitation; API tokens cannot invite owners',
        params: ZWorkspaceParams,
        body: ZInvitationCreate,
        response: { 201: ZInvitationCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      if (request.body.role === 'owner') refuseForToken(request, 'invite an owner');
      const created = await createInvitation(db, access.actor, access.workspaceId, request.body);
      const url = `${config.publicUrl}${created.path}`;
      let emailSent = false;
      if (mailer) {
        const workspace = await getWorkspace(db, access.workspaceId);
        emailSent = await mailer.send(
          invitationMail({
            to: created.invitation.email,
            workspaceName: workspace.name,
            inviterName: created.invitation.invitedByName,
            role: created.invitation.role,
            link: url,
            expiresAt: new Date(created.invitation.expiresAt),
          }),
        );
      }
      return reply.code(201).send({ invitation: created.invitation, token: created.token, url, emailSent });
    },
  );

  app.get(
    '/workspaces/:workspaceId/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations not yet accepted nor revoked, pending or expired, newest first (owner)',
        params: ZWorkspaceParams,
        response: { 200: z.object({ items: z.array(ZInvitation) }), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return { items: await listInvitations(db, access.workspaceId) };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Revoke an invitation (owner): its link stops working',
        params: ZInvitationParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      await revokeInvitation(db, access.actor, access.workspaceId, request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invitations/:invitationToken',
    {
      config: publicLimit,
      schema: {
        tags,
        security: [],
        summary:
          'What an invitation link is for: workspace, inviter, e-mail, role and whether an account has the e-mail (404 unknown, 410 accepted, revoked or expired)',
        params: ZInvitationTokenParams,
        response: { 200: ZInvitationView, ...publicErrors },
      },
    },
    async (request) => describeInvitation(db, request.params.invitationToken),
  );

  app.post(
    '/invitations/:invitationToken/accept',
    {
      config: publicLimit,
      schema: {
        tags,
        security: [],
        summary:
          'Accept an invitation, once: a new e-mail gives a password (and name), the account is created and signed in; an existing account must be signed in (401 otherwise, 403 for another account)',
        params: ZInvitationTokenParams,
        body: ZInvitationAccept,
        response: { 200: ZInvitationAccepted, ...publicErrors },
      },
    },
    async (request, reply) => {
      const caller = request.caller;
      if (caller?.kind === 'token') throw new ForbiddenError('an API token cannot accept an invitation');
      const accepted = await acceptInvitation(
        db,
        request.params.invitationToken,
        request.body,
        caller?.kind === 'user' ? caller.user : undefined,
      );
      if (accepted.created)
        setSessionCookie(
          reply,
          await createSession(db, accepted.user.id, deviceOf(request)),
          config.secureCookies,
          SESSION_DAYS * 86_400,
        );
      return {
        user: toUserDto(accepted.user),
        workspaceId: accepted.workspaceId,
        role: accepted.role,
        createdAccount: accepted.created,
      };
    },
  );
};
