/** The touchpoint audit report of a workspace: one self-contained HTML document (src/report). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceReport } from '../report/workspace-report.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import { ZReportHtml, ZReportQuery } from './report.schemas.js';
import { reportHeaders } from './security-headers.js';

export const reportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;

  app.get(
    '/report',
    {
      helmet: reportHeaders(),
      schema: {
        tags: ['report'],
        summary:
          'The touchpoint audit report: inventory and template coverage, health check, chain funnels with weak links, ' +
          'standards compliance, feedback scores and improvement tasks, as a printable HTML document (A4) ' +
          "in the workspace's language",
        params: ZWorkspaceParams,
        querystring: ZReportQuery,
        produces: ['text/html'],
        response: { 200: ZReportHtml, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { lang, from, to, download } = request.query;
      const report = await workspaceReport({ db, events }, access.workspaceId, {
        lang,
        from,
        to,
        fallbackLang: access.caller.kind === 'user' ? access.caller.user.locale : undefined,
      });
      if (download) reply.header('content-disposition', `attachment; filename="${report.fileName}"`);
      return reply
        .header('cache-control', 'no-store')
        .header('content-language', report.lang)
        .type('text/html; charset=utf-8')
        .send(report.html);
    },
  );
};
