/** The catalog health check: which objects break the three laws of touchpoints. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkHealth } from '../store/catalog/health.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import { ZHealthReport } from './health.schemas.js';

export const healthRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary:
          'Health check of the catalog: subjects with fewer than 2 touchpoints, chains without initial or ' +
          'final link or continuation, stages without touchpoint, touchpoints in no chain, without owner or standard',
        params: ZWorkspaceParams,
        response: { 200: ZHealthReport, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return checkHealth(db, access.workspaceId);
    },
  );
};
