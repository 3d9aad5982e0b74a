/** Retention of measured records: when it runs next, what the last run did, and a run now. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ConflictError } from '../domain/errors.js';
import { retentionStatus, runRetention } from '../privacy/retention.js';
import { processHolder } from '../privacy/retention-scheduler.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import { ZRetentionRun, ZRetentionStatus } from './retention.schemas.js';

export const retentionRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events, config } = ctx;
  const tags = ['retention'];
  const runner = {
    db,
    events,
    holder: processHolder(),
    intervalMs: config.retentionIntervalMinutes * 60_000,
  };

  app.get(
    '/retention',
    {
      schema: {
        tags,
        summary: 'Retention settings, the next run and what the last run removed',
        params: ZWorkspaceParams,
        response: { 200: ZRetentionStatus, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return retentionStatus(db, access.workspaceId);
    },
  );

  app.post(
    '/retention/run',
    {
      schema: {
        tags,
        summary: 'Run retention now (owner); 409 while a run is in progress',
        params: ZWorkspaceParams,
        response: { 200: ZRetentionRun, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      const run = await runRetention(runner, access.workspaceId, { due: false });
      if (!run) throw new ConflictError('a retention run of this workspace is in progress; try again later');
      return run;
    },
  );
};
