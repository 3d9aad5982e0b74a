/** Sign-in, sign-out, first-run setup and the caller's own account (password, 2FA). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnauthorizedError } from '../domain/errors.js';
import { completeSetup } from '../store/catalog/first-owner.js';
import { createSession, deleteSession, SESSION_DAYS } from '../store/catalog/sessions.js';
import {
  beginTotpEnrolment,
  changePassword,
  checkTotp,
  disableTotp,
  enableTotp,
  toUserDto,
  updateProfile,
  verifyPassword,
} from '../store/catalog/users.js';
import { listWorkspacesOfUser, toWorkspaceDto } from '../store/catalog/workspaces.js';
import { clearSessionCookie, requireUser, SESSION_COOKIE, setSessionCookie } from './access.js';
import type { RouteOptions } from './app.js';
import {
  ZLogin,
  ZPasswordChange,
  ZProfilePatch,
  ZSetup,
  ZTotpCode,
  ZTotpEnrolment,
  ZUser,
} from './auth.schemas.js';
import { errorResponses, ZNoContent } from './common.schemas.js';
import { ZWorkspace } from './workspaces.schemas.js';

const tags = ['account'];

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const maxAge = SESSION_DAYS * 86_400;
  const rateLimit = { max: config.loginRateLimit, timeWindow: 60_000 };

  app.post(
    '/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Sign in; sets the HttpOnly session cookie',
        body: ZLogin,
        response: { 200: z.object({ user: ZUser }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await verifyPassword(db, request.body.email, request.body.password);
      if (!user) throw new UnauthorizedError('wrong e-mail or password', 'bad_credentials');
      if (user.totpEnabled) {
        if (!request.body.totp)
          throw new UnauthorizedError('enter the code of your authenticator app', 'totp_required');
        if (!checkTotp(user, request.body.totp))
          throw new UnauthorizedError('the two-factor code is wrong', 'totp_invalid');
      }
      setSessionCookie(reply, await createSession(db, user.id), config.secureCookies, maxAge);
      return { user: toUserDto(user) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out (ends the session)', response: { 204: ZNoContent } } },
    async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      if (raw) await deleteSession(db, raw);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/setup',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'First run: create the owner account with the one-time setup secret',
        body: ZSetup,
        response: { 201: z.object({ user: ZUser, workspace: ZWorkspace }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      const { user, workspace } = await completeSetup(db, token, input);
      setSessionCookie(reply, await createSession(db, user.id), config.secureCookies, maxAge);
      return reply.code(201).send({ user: toUserDto(user), workspace: toWorkspaceDto(workspace, 'owner') });
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user and their workspaces',
        response: { 200: z.object({ user: ZUser, workspaces: z.array(ZWorkspace) }), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { user: toUserDto(user), workspaces: await listWorkspacesOfUser(db, user.id) };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Change name or language',
        body: ZProfilePatch,
        response: { 200: ZUser, ...errorResponses },
      },
    },
    async (request) => toUserDto(await updateProfile(db, requireUser(request).id, request.body)),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        summary: 'Change password',
        body: ZPasswordChange,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await changePassword(
        db,
        requireUser(request).id,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/totp',
    {
      schema: {
        tags,
        summary: 'Start two-factor set-up: returns the secret and otpauth:// URI for an authenticator app',
        response: { 200: ZTotpEnrolment, ...errorResponses },
      },
    },
    async (request) => beginTotpEnrolment(db, requireUser(request)),
  );

  app.post(
    '/me/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm two-factor set-up with a current code',
        body: ZTotpCode,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await enableTotp(db, requireUser(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor authentication off',
        body: ZTotpCode,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await disableTotp(db, requireUser(request), request.body.code);
      return reply.code(204).send(null);
    },
  );
};
