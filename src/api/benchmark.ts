/**
 * Audit roll-ups and the competitor benchmark (Law 3): read access for members and read tokens.
 * A route validates, authorizes, calls one function, answers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { competitorBenchmark } from '../analytics/competitor-benchmark.js';
import { auditScores } from '../store/catalog/audit-scores.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import {
  ZAuditScores,
  ZAuditScoresQuery,
  ZBenchmarkQuery,
  ZCompetitorBenchmark,
} from './benchmark.schemas.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';

export const benchmarkRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;

  app.get(
    '/audits/scores',
    {
      schema: {
        tags: ['audits'],
        summary:
          'Scores of submitted audits rolled up per criterion, touchpoint, stage, journey or brand: weighted mean, pass rate, audits and answers behind each',
        params: ZWorkspaceParams,
        querystring: ZAuditScoresQuery,
        response: { 200: ZAuditScores, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { level, ...filters } = request.query;
      return auditScores(db, access.workspaceId, level, filters);
    },
  );

  app.get(
    '/benchmark',
    {
      schema: {
        tags: ['benchmark'],
        summary:
          'Competitor benchmark: brands side by side per stage and touchpoint (audit scores, measured compliance and feedback), where a competitor beats us',
        params: ZWorkspaceParams,
        querystring: ZBenchmarkQuery,
        response: { 200: ZCompetitorBenchmark, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return competitorBenchmark({ db, events }, access.workspaceId, request.query);
    },
  );
};
