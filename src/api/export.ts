/**
 * Workspace export and import as one JSON document (lossless for the catalog), and the demo
 * workspace (optionally with generated interactions). Export is scoped to a workspace; import and
 * demo create a new one for the caller.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createDemoWorkspace } from '../demo/demo-workspace.js';
import { recordDemoInteractions } from '../demo/record-demo-interactions.js';
import { exportWorkspace } from '../store/catalog/workspace-export.js';
import { importWorkspace, toImportResultDto } from '../store/catalog/workspace-import.js';
import { authorize, requireUser } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import {
  ZDemoCreate,
  ZDemoResult,
  ZImportQuery,
  ZImportResult,
  ZWorkspaceDocument,
  ZWorkspaceImport,
} from './export.schemas.js';

const tags = ['import and export'];

/** GET /api/workspaces/:workspaceId/export */
export const exportRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary:
          'The whole catalog as one JSON document (brands, subjects, channels, touchpoints, standards, ' +
          'journeys, chains, tasks with comments, audit checklists, audits with answers, alert rules, ' +
          'webhooks without their secrets); members, tokens, the audit log, audit photos, shopper links, ' +
          'alerts, notifications and webhook deliveries are not included',
        params: ZWorkspaceParams,
        response: { 200: ZWorkspaceDocument, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return exportWorkspace(db, access.workspaceId);
    },
  );
};

/** POST /api/workspaces/import and POST /api/workspaces/demo: registered under /api. */
export const importRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;

  app.post(
    '/workspaces/import',
    {
      bodyLimit: ctx.config.bodyLimit,
      schema: {
        tags,
        summary:
          'Create a new workspace, owned by the caller, from an export document; every object gets a new id. ' +
          "Touchpoint and task owners and auditors other than the caller's e-mail are cleared (only the caller " +
          'is a member); webhooks come in disabled with new secrets.',
        querystring: ZImportQuery,
        body: ZWorkspaceImport,
        response: { 201: ZImportResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await importWorkspace(db, { userId: user.id, tokenId: null }, request.body, user, {
        name: request.query.name,
        secrets: ctx.secrets,
      });
      return reply.code(201).send(toImportResultDto(result));
    },
  );

  app.post(
    '/workspaces/demo',
    {
      schema: {
        tags,
        summary:
          'Create the demo workspace (a clinic, a consulting firm, a store), owned by the caller; ' +
          'with `interactions`, also customers walking its chains (deterministic for a `seed`)',
        body: ZDemoCreate.optional(),
        response: { 201: ZDemoResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { name, interactions = 0, seed = 1 } = request.body ?? {};
      const result = await createDemoWorkspace(db, { userId: user.id, tokenId: null }, user, { name });
      const recorded = await recordDemoInteractions(db, ctx.events, result.workspace.id, {
        interactions,
        seed,
        end: Date.now(),
      });
      return reply.code(201).send({ ...toImportResultDto(result), recorded: { ...recorded, seed } });
    },
  );
};
