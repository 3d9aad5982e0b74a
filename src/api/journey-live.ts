/**
 * The journey map's event stream (server-sent events, see journey-live.schemas.ts): presence and
 * change notices from the process's journey hub. The response is written to the socket itself;
 * the hub ends it when the viewer leaves, the journey goes or the server shuts down.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, NotFoundError } from '../domain/errors.js';
import { journeyStamps } from '../store/catalog/journey-comments.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZItemParams } from './common.schemas.js';
import { initialsOf, type JourneyHub } from './journey-hub.js';
import { ZLiveQuery } from './journey-live.schemas.js';

export const journeyLiveRoutes: FastifyPluginAsyncZod<RouteOptions & { hub: JourneyHub }> = async (
  app,
  { ctx, hub },
) => {
  const { db } = ctx;

  app.get(
    '/journeys/:id/events',
    {
      schema: {
        tags: ['journeys'],
        summary:
          'Live updates of a journey map as server-sent events (Accept: text/event-stream): `presence` ' +
          '{viewers}, `changed` {version, parts: map | comments}, `deleted`; a `: ping` comment every 20 s',
        params: ZItemParams,
        querystring: ZLiveQuery,
        response: { ...errorResponses, 406: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const [stamp] = await journeyStamps(db, [request.params.id]);
      if (!stamp || stamp.workspaceId !== access.workspaceId)
        throw new NotFoundError('journey', request.params.id);
      if (!(request.headers.accept ?? '').includes('text/event-stream'))
        throw new AppError(406, 'not_acceptable', 'this is an event stream: send Accept: text/event-stream');
      const user = access.caller.kind === 'user' ? access.caller.user : null;
      const name = user ? user.name || user.email : '';
      reply.hijack();
      const res = reply.raw;
      // The security headers set so far (helmet, on the raw response) stay; nothing may buffer or transform.
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const leave = hub.join(
        {
          workspaceId: access.workspaceId,
          journeyId: stamp.id,
          viewer: user ? { userId: user.id, name, initials: initialsOf(name) } : null,
          res,
        },
        stamp,
      );
      request.raw.socket.setKeepAlive(true);
      res.on('close', leave);
      return reply;
    },
  );
};
