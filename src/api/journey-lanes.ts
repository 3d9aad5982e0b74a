/**
 * Journey-map lane routes: the images of image lanes (raw upload, served to members, immutable so
 * cached for long) and the live KPI figures of a map, one request per map (analytics/journey-kpis.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeJourneyKpis } from '../analytics/journey-kpis.js';
import {
  deleteStaleImages,
  findJourney,
  mapImageUrl,
  removeImageFiles,
} from '../store/catalog/journey-items.js';
import { openMapImage, saveMapImage } from '../store/catalog/map-images.js';
import { photoStoreOf } from '../store/photos.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZError, ZItemParams } from './common.schemas.js';
import { ZJourneyImageParams, ZJourneyKpis, ZJourneyKpisQuery, ZMapImage } from './journey-lanes.schemas.js';
import { acceptRawPhotos, photoHeaders } from './photo-bodies.js';

const imageErrors = { ...errorResponses, 413: ZError, 415: ZError } as const;

export const journeyLaneRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const store = photoStoreOf(ctx.config);
  const tags = ['journeys'];
  acceptRawPhotos(app, store);

  app.post(
    '/journeys/:id/images',
    {
      schema: {
        tags,
        summary:
          'Upload an image (raw JPEG, PNG or WebP body) for an image lane; then add an item with its id',
        consumes: ['image/jpeg', 'image/png', 'image/webp'],
        body: z.any().describe('the image bytes (JPEG, PNG or WebP), not JSON'),
        description:
          'The image is the raw request body with Content-Type image/jpeg, image/png or image/webp; its bytes must be that image (checked), at most TOUCHPOINTS_PHOTO_MAX_BYTES (413 beyond). An image no item shows is removed after a day.',
        params: ZItemParams,
        response: { 201: ZMapImage, ...imageErrors },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { workspaceId } = access;
      const journeyId = request.params.id;
      const image = await saveMapImage(
        db,
        store,
        {
          workspaceId,
          userId: access.actor.userId,
          contentType: request.headers['content-type'],
          body: request.body,
        },
        async (tx, row) => {
          await findJourney(tx, workspaceId, journeyId);
          return row;
        },
      );
      await removeImageFiles(store, workspaceId, await deleteStaleImages(db, workspaceId));
      return reply.code(201).send({
        id: image.id,
        contentType: image.contentType as 'image/png',
        bytes: image.bytes,
        url: mapImageUrl(workspaceId, journeyId, image.id),
        createdAt: image.createdAt.toISOString(),
      });
    },
  );

  app.get(
    '/journeys/:id/images/:imageId',
    {
      schema: {
        tags,
        summary: 'An image’s bytes, for members of the workspace (immutable: cached privately for a year)',
        params: ZJourneyImageParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      await findJourney(db, access.workspaceId, request.params.id);
      const { row, stream } = await openMapImage(db, store, access.workspaceId, request.params.imageId);
      // An image never changes (a new upload has a new id): cached privately for long.
      return photoHeaders(reply, row.contentType, row.bytes)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${row.sha256}"`)
        .send(stream);
    },
  );

  app.get(
    '/journeys/:id/kpis',
    {
      schema: {
        tags,
        summary:
          'Live KPI figures of a map per stage (chain conversion, CSAT, standards compliance) and of each live KPI item',
        params: ZItemParams,
        querystring: ZJourneyKpisQuery,
        response: { 200: ZJourneyKpis, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeJourneyKpis({ db, events }, access.workspaceId, request.params.id, request.query);
    },
  );
};
