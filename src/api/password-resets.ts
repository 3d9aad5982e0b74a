/**
 * Password reset by link: asked for by e-mail (always 202, whether or not an account has it; the
 * link is e-mailed when SMTP is configured), read and used once within the hour. Public routes,
 * rate-limited per address.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordResetMail } from '../domain/account-mail.js';
import {
  completePasswordReset,
  describePasswordReset,
  passwordResetPagePath,
  RESET_HOURS,
  requestPasswordReset,
} from '../store/catalog/password-resets.js';
import { createSession, SESSION_DAYS } from '../store/catalog/sessions.js';
import { toUserDto } from '../store/catalog/users.js';
import { deviceOf, setSessionCookie } from './access.js';
import { accountMailer, perAddressLimit } from './account-mailer.js';
import type { RouteOptions } from './app.js';
import { ZUser } from './auth.schemas.js';
import { ZError } from './common.schemas.js';
import {
  ZPasswordResetAccepted,
  ZPasswordResetComplete,
  ZPasswordResetParams,
  ZPasswordResetRequest,
  ZPasswordResetView,
} from './password-resets.schemas.js';

const publicErrors = { 400: ZError, 404: ZError, 410: ZError, 429: ZError } as const;

export const passwordResetRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const mailer = accountMailer(app, config);
  const tags = ['account'];
  const limit = perAddressLimit('password-reset', config.loginRateLimit);

  app.post(
    '/auth/password-reset',
    {
      config: limit,
      schema: {
        tags,
        security: [],
        summary:
          'Ask for a password-reset link by e-mail: answers 202 whatever the e-mail; when an account has it and SMTP is configured, a link valid for one hour is e-mailed (at most one a minute)',
        body: ZPasswordResetRequest,
        response: { 202: ZPasswordResetAccepted, ...publicErrors },
      },
    },
    async (request, reply) => {
      // In the background: the answer must not take longer for an e-mail that has an account.
      if (mailer)
        requestPasswordReset(db, request.body.email)
          .then(async (issued) => {
            if (!issued) return;
            await mailer.send(
              passwordResetMail({
                to: issued.user.email,
                link: `${config.publicUrl}${passwordResetPagePath(issued.token)}`,
                hours: RESET_HOURS,
              }),
            );
          })
          .catch((error: unknown) => request.log.error(error, 'password-reset request failed'));
      return reply.code(202).send({
        message:
          'If an account has this e-mail, a link to reset its password is on its way. No e-mail within a few minutes? Ask an administrator for a reset link.',
      });
    },
  );

  app.get(
    '/auth/password-reset/:resetToken',
    {
      config: limit,
      schema: {
        tags,
        security: [],
        summary: 'The account a reset link is for, while it works (404 unknown, 410 used or expired)',
        params: ZPasswordResetParams,
        response: { 200: ZPasswordResetView, ...publicErrors },
      },
    },
    async (request) => describePasswordReset(db, request.params.resetToken),
  );

  app.post(
    '/auth/password-reset/:resetToken',
    {
      config: limit,
      schema: {
        tags,
        security: [],
        summary:
          'Set a new password with a reset link, once: every session of the account ends, and the caller is signed in afresh',
        params: ZPasswordResetParams,
        body: ZPasswordResetComplete,
        response: { 200: z.object({ user: ZUser }), ...publicErrors },
      },
    },
    async (request, reply) => {
      const user = await completePasswordReset(db, request.params.resetToken, request.body.password);
      setSessionCookie(
        reply,
        await createSession(db, user.id, deviceOf(request)),
        config.secureCookies,
        SESSION_DAYS * 86_400,
      );
      return { user: toUserDto(user) };
    },
  );
};
