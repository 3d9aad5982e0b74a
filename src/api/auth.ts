/** Sign-in, sign-out, first-run setup and the caller's own account (password, 2FA, sessions). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { completeSetup, setupState } from '../store/catalog/first-owner.js';
import { SignInThrottledError } from '../store/catalog/login-throttle.js';
import {
  createSession,
  deleteOtherSessions,
  deleteSession,
  listSessions,
  revokeSession,
  SESSION_DAYS,
} from '../store/catalog/sessions.js';
import { signIn } from '../store/catalog/sign-in.js';
import {
  beginTotpEnrolment,
  changePassword,
  disableTotp,
  enableTotp,
  toUserDto,
  updateProfile,
} from '../store/catalog/users.js';
import { listWorkspacesOfUser, toWorkspaceDto } from '../store/catalog/workspaces.js';
import {
  clearSessionCookie,
  deviceOf,
  requireSignedIn,
  requireUser,
  SESSION_COOKIE,
  setSessionCookie,
} from './access.js';
import type { RouteOptions } from './app.js';
import {
  ZLogin,
  ZPasswordChange,
  ZProfilePatch,
  ZSessionList,
  ZSessionParams,
  ZSessionsEnded,
  ZSetup,
  ZSetupState,
  ZSetupStateQuery,
  ZTotpCode,
  ZTotpEnrolment,
  ZUser,
} from './auth.schemas.js';
import { errorResponses, ZError, ZNoContent } from './common.schemas.js';
import { ZWorkspace } from './workspaces.schemas.js';

const tags = ['account'];

export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, config, secrets } = ctx;
  const maxAge = SESSION_DAYS * 86_400;
  const rateLimit = { max: config.loginRateLimit, timeWindow: 60_000 };

  app.post(
    '/auth/login',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary:
          'Sign in; sets the HttpOnly session cookie. After 5 failed sign-ins to one account each further failure doubles the wait before the next attempt (429 with Retry-After)',
        body: ZLogin,
        response: { 200: z.object({ user: ZUser }), ...errorResponses, 429: ZError },
      },
    },
    async (request, reply) => {
      try {
        const { user, cookie } = await signIn(db, secrets, request.body, deviceOf(request));
        setSessionCookie(reply, cookie, config.secureCookies, maxAge);
        return { user: toUserDto(user) };
      } catch (error) {
        if (error instanceof SignInThrottledError)
          reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      }
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
      setSessionCookie(
        reply,
        await createSession(db, user.id, deviceOf(request)),
        config.secureCookies,
        maxAge,
      );
      return reply.code(201).send({ user: toUserDto(user), workspace: toWorkspaceDto(workspace, 'owner') });
    },
  );

  app.get(
    '/setup',
    {
      config: { rateLimit },
      schema: {
        tags,
        security: [],
        summary:
          'Whether a setup link still works: open, done (an account exists: sign in) or invalid (unknown, used or expired)',
        querystring: ZSetupStateQuery,
        response: { 200: ZSetupState, ...errorResponses },
      },
    },
    async (request) => ({ state: await setupState(db, request.query.token) }),
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
        summary: 'Change password; ends every other session of the user',
        body: ZPasswordChange,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = requireSignedIn(request);
      await changePassword(db, user.id, request.body.currentPassword, request.body.newPassword, sessionId);
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
    async (request) => beginTotpEnrolment(db, secrets, requireUser(request)),
  );

  app.post(
    '/me/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm two-factor set-up with a current code; ends every other session of the user',
        body: ZTotpCode,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = requireSignedIn(request);
      await enableTotp(db, secrets, user, request.body.code, sessionId);
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
      await disableTotp(db, secrets, requireUser(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags,
        summary: 'Where the user is signed in: device, address, last use; the current session is marked',
        response: { 200: ZSessionList, ...errorResponses },
      },
    },
    async (request) => {
      const { user, sessionId } = requireSignedIn(request);
      return { items: await listSessions(db, user.id, sessionId, config.sessionIdleMinutes) };
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sign out one session (the current one too: then the cookie is cleared)',
        params: ZSessionParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, sessionId } = requireSignedIn(request);
      const ended = await revokeSession(db, user.id, request.params.id);
      if (ended.sessionId === sessionId) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/sessions/revoke-others',
    {
      schema: {
        tags,
        summary: 'Sign out everywhere else: ends every session of the user but the current one',
        response: { 200: ZSessionsEnded, ...errorResponses },
      },
    },
    async (request) => {
      const { user, sessionId } = requireSignedIn(request);
      return { ended: await deleteOtherSessions(db, user.id, sessionId) };
    },
  );
};
