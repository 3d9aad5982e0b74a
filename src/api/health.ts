/** The catalog health check: which objects break the three laws of touchpoints. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceHealth } from '../analytics/workspace-health.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import { ZHealthReport } from './health.schemas.js';

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;

  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary:
          'Health check of the catalog: subjects with fewer than 2 touchpoints, chains without initial or ' +
          'final link or continuation, stages without touchpoint, touchpoints in no chain, without owner or standard, overdue tasks; ' +
          'once interactions are recorded also touchpoints quiet for 90 days, standards failing over the last 30 ' +
          'days (and those no open task works on) and chain links where negative experiences break the chain. ' +
          'Every finding carries createTask, a pre-filled body for POST /tasks',
        params: ZWorkspaceParams,
        response: { 200: ZHealthReport, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return workspaceHealth({ db, events }, access.workspaceId);
    },
  );
};
