/**
 * `POST /api/backup`: the running server writes a consistent copy of its catalog and event
 * store into a directory, for `touchpoints backup` started on the same machine (the server holds
 * the data directory, so the command cannot open it). Not part of the public API (hidden from
 * the OpenAPI document): it answers only connections from the loopback interface that send the
 * key the server wrote to `backup.key` in its data directory, readable by that directory's owner
 * only, who could copy the files anyway. Anything else is told there is no such route.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, NotFoundError, UnauthorizedError } from '../domain/errors.js';
import { BackupError } from '../store/backup.js';
import type { RouteOptions } from './app.js';

export const BACKUP_KEY_HEADER = 'x-touchpoints-backup-key';

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const backupRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post(
    '/backup',
    {
      schema: {
        hide: true,
        body: z.strictObject({
          dir: z.string().min(1).max(4096).describe('absolute path of a new or empty directory'),
        }),
      },
    },
    async (request, reply) => {
      // The socket's own address: a proxy's X-Forwarded-For must not make a request local.
      if (!ctx.backup || !isLoopback(request.socket.remoteAddress))
        throw new NotFoundError('route', `${request.method} ${request.url}`);
      const given = request.headers[BACKUP_KEY_HEADER];
      if (typeof given !== 'string' || !sameKey(given, ctx.backup.key))
        throw new UnauthorizedError(
          `send the key in ${BACKUP_KEY_HEADER} (from backup.key in the data directory)`,
        );
      try {
        await ctx.backup.snapshot(request.body.dir);
      } catch (error) {
        if (error instanceof BackupError) throw new AppError(400, 'backup_refused', error.message);
        throw error;
      }
      return reply.code(201).send({ dir: request.body.dir });
    },
  );
};
