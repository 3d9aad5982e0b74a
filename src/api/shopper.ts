/**
 * Public routes for the holder of a mystery shopper's link (Law 3, control), under /api: only
 * that audit, rate-limited per address, no account.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getShopperAudit, saveShopperAnswers, submitShopperAudit } from '../store/catalog/audit-links.js';
import { toPhotoDto } from '../store/catalog/audits.js';
import { addShopperPhoto, openShopperPhoto, photoStoreOf } from '../store/photos.js';
import type { RouteOptions } from './app.js';
import {
  ZAuditAnswersPut,
  ZAuditPhoto,
  ZPhotoUploadQuery,
  ZShopperAudit,
  ZShopperParams,
  ZShopperPhotoParams,
  ZShopperSubmit,
} from './audits.schemas.js';
import { ZError } from './common.schemas.js';
import { acceptRawPhotos, photoHeaders, photoUploadSchema } from './photo-bodies.js';

const shopperErrors = { 400: ZError, 404: ZError, 409: ZError, 410: ZError, 429: ZError } as const;

/** Public routes for the holder of a shopper link: only that audit, rate-limited per address. */
export const shopperRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const store = photoStoreOf(ctx.config);
  const tags = ['shopper'];
  acceptRawPhotos(app, store);
  const config = {
    rateLimit: {
      max: ctx.config.shopperRateLimit,
      timeWindow: 60_000,
      keyGenerator: (request: { ip: string }) => `shopper:${request.ip}`,
    },
  };
  const security: { [k: string]: string[] }[] = [];

  app.get(
    '/shopper/:token',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'The audit a shopper link reaches: checklist, brand name, date, its answers and photos (404 unknown, 410 expired, revoked or submitted)',
        params: ZShopperParams,
        response: { 200: ZShopperAudit, ...shopperErrors },
      },
    },
    async (request) => getShopperAudit(db, request.params.token),
  );

  app.get(
    '/shopper/:token/photos/:photoId',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'A photo of the link’s audit',
        params: ZShopperPhotoParams,
        response: { ...shopperErrors },
      },
    },
    async (request, reply) => {
      const { row, stream } = await openShopperPhoto(db, store, request.params.token, request.params.photoId);
      return photoHeaders(reply, row.contentType, row.bytes).send(stream);
    },
  );

  app.put(
    '/shopper/:token/answers',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Save the shopper’s answers (upsert per criterion; safe to resend)',
        params: ZShopperParams,
        body: ZAuditAnswersPut,
        response: { 200: ZShopperAudit, ...shopperErrors },
      },
    },
    async (request) => saveShopperAnswers(db, request.params.token, request.body.answers),
  );

  app.post(
    '/shopper/:token/photos',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Add a photo (raw JPEG or PNG body) to the link’s audit',
        ...photoUploadSchema,
        params: ZShopperParams,
        querystring: ZPhotoUploadQuery,
        response: { 201: ZAuditPhoto, ...shopperErrors, 413: ZError, 415: ZError },
      },
    },
    async (request, reply) => {
      const { row, url } = await addShopperPhoto(
        db,
        store,
        request.params.token,
        request.query.criterionId ?? null,
        request.headers['content-type'],
        request.body,
      );
      return reply.code(201).send({ ...toPhotoDto(row, () => url) });
    },
  );

  app.post(
    '/shopper/:token/submit',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Submit the audit with the shopper’s name, once; the link is dead from then on',
        params: ZShopperParams,
        body: ZShopperSubmit,
        response: { 200: ZShopperAudit, ...shopperErrors },
      },
    },
    async (request) => submitShopperAudit(db, request.params.token, request.body.auditorName),
  );
};
