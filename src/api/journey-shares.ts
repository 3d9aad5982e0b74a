/**
 * A journey map outside the app: read-only public links (made, listed and revoked by editors and
 * owners), the map a link opens for anyone signed out, and the map's cells as CSV.
 *
 * The public route answers the map and nothing else: no ids, no members, no other maps. Unknown,
 * expired and revoked links answer one and the same 404. It is rate-limited per address, and its
 * answer is neither cached, indexed nor referred (`no-store`, `noindex`, `no-referrer`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyzeSentiment } from '../analytics/workspace-analytics.js';
import { journeyCsv } from '../domain/journey-csv.js';
import {
  createJourneyShare,
  listJourneyShares,
  type MeasuredStage,
  resolveJourneyShare,
  revokeJourneyShare,
  toSharedMap,
} from '../store/catalog/journey-shares.js';
import { getJourneyMap } from '../store/catalog/journeys.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZError, ZItemParams } from './common.schemas.js';
import {
  ZJourneyCsv,
  ZJourneyShare,
  ZJourneyShareCreate,
  ZJourneyShareCreated,
  ZJourneyShareList,
  ZJourneyShareParams,
  ZSharedMap,
  ZSharedMapParams,
} from './journey-shares.schemas.js';

/** A file name from a map's name: "Clinic: first visit" → "clinic-first-visit". */
function fileBase(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return base || 'journey-map';
}

/** Links and the CSV export, under /api/workspaces/{workspaceId}. */
export const journeyShareRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['journeys'];

  app.get(
    '/journeys/:id/shares',
    {
      schema: {
        tags,
        summary: 'The read-only links of a map, with their state (never their secrets)',
        params: ZItemParams,
        response: { 200: ZJourneyShareList, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return { items: await listJourneyShares(db, access.workspaceId, request.params.id) };
    },
  );

  app.post(
    '/journeys/:id/shares',
    {
      schema: {
        tags,
        summary: 'Make a read-only public link to a map (optionally expiring); its secret is shown only now',
        params: ZItemParams,
        body: ZJourneyShareCreate,
        response: { 201: ZJourneyShareCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const created = await createJourneyShare(
        db,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.body,
      );
      return reply.code(201).send({ ...created, url: `${ctx.config.publicUrl}${created.path}` });
    },
  );

  app.delete(
    '/journeys/:id/shares/:shareId',
    {
      schema: {
        tags,
        summary: 'Revoke a read-only link (it answers 404 from then on)',
        params: ZJourneyShareParams,
        response: { 200: ZJourneyShare, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return revokeJourneyShare(
        db,
        access.actor,
        access.workspaceId,
        request.params.id,
        request.params.shareId,
      );
    },
  );

  app.get(
    '/journeys/:id/export.csv',
    {
      schema: {
        tags,
        summary: 'The map’s cells as CSV: one line per item, stage by stage, lane by lane',
        params: ZItemParams,
        produces: ['text/csv'],
        response: { 200: ZJourneyCsv, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const map = await getJourneyMap(db, access.workspaceId, request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${fileBase(map.name)}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(journeyCsv(map));
    },
  );
};

/** The map a link opens, under /api: anyone, signed out, rate-limited per address. */
export const sharedMapRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const config = {
    rateLimit: {
      max: ctx.config.shareRateLimit,
      timeWindow: 60_000,
      keyGenerator: (request: { ip: string }) => `share:${request.ip}`,
    },
  };
  // The token is in the URL: the answer must not be kept, indexed or passed on as a Referer.
  const helmet = { referrerPolicy: { policy: 'no-referrer' as const } };
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return payload;
  });

  app.get(
    '/public/maps/:mapToken',
    {
      config,
      helmet,
      schema: {
        tags: ['shared maps'],
        security: [],
        summary:
          'The journey map a read-only link opens: stages, lanes, items, emotion curve; nothing else (404 unknown, expired or revoked)',
        params: ZSharedMapParams,
        response: { 200: ZSharedMap, 400: ZError, 404: ZError, 429: ZError },
      },
    },
    async (request) => {
      const shared = await resolveJourneyShare(db, request.params.mapToken);
      const map = await getJourneyMap(db, shared.workspaceId, shared.journeyId);
      const sentiment = await analyzeSentiment({ db, events }, shared.workspaceId, {
        journeyId: shared.journeyId,
      });
      const curve = sentiment.emotionCurves.find((c) => c.journeyId === shared.journeyId);
      const measured = new Map<string, MeasuredStage>(
        (curve?.stages ?? []).map((p) => [p.key, { measuredEmotion: p.measuredEmotion, rated: p.rated }]),
      );
      return { ...toSharedMap(map, measured, shared.expiresAt), period: sentiment.period };
    },
  );
};
