/**
 * Audit and mystery-shopping routes (Law 3, control): a route validates, authorizes, calls the
 * store, answers. `auditRoutes` under /api/workspaces/{workspaceId}; `shopperRoutes` under /api,
 * public for the holder of a shopper link (rate-limited per address, reaching only that audit).
 * Photos come as the raw request body (Content-Type image/jpeg or image/png).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_TEMPLATES, templateLanguage } from '../domain/audit-templates.js';
import {
  auditTemplateDto,
  checklistDto,
  createChecklist,
  createChecklistFromTemplate,
  deleteChecklist,
  getChecklist,
  listChecklists,
  updateChecklist,
} from '../store/catalog/audit-checklists.js';
import {
  createAuditLink,
  getShopperAudit,
  listAuditLinks,
  revokeAuditLink,
  saveShopperAnswers,
  submitShopperAudit,
} from '../store/catalog/audit-links.js';
import {
  auditDetail,
  createAudit,
  getAudit,
  listAudits,
  memberPhotoUrl,
  saveAnswers,
  submitAudit,
  toPhotoDto,
  updateAudit,
} from '../store/catalog/audits.js';
import {
  addAuditPhoto,
  addShopperPhoto,
  deleteAuditWithPhotos,
  openAuditPhoto,
  openShopperPhoto,
  type PhotoStore,
  PhotoTooLargeError,
  photoStoreOf,
  removeAuditPhoto,
} from '../store/photos.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import {
  AUDIT_PATHS,
  ZAudit,
  ZAuditAnswersPut,
  ZAuditChecklist,
  ZAuditChecklistCreate,
  ZAuditChecklistFromTemplate,
  ZAuditChecklistParams,
  ZAuditChecklistPatch,
  ZAuditChecklistQuery,
  ZAuditCreate,
  ZAuditDetail,
  ZAuditLink,
  ZAuditLinkCreate,
  ZAuditLinkCreated,
  ZAuditLinkParams,
  ZAuditParams,
  ZAuditPatch,
  ZAuditPhoto,
  ZAuditPhotoParams,
  ZAuditQuery,
  ZAuditSubmit,
  ZAuditTemplate,
  ZAuditTemplateQuery,
  ZPhotoUploadQuery,
  ZShopperAudit,
  ZShopperParams,
  ZShopperPhotoParams,
  ZShopperSubmit,
} from './audits.schemas.js';
import { errorResponses, ZError, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';

const photoErrors = { ...errorResponses, 410: ZError, 413: ZError, 415: ZError } as const;
const shopperErrors = { 400: ZError, 404: ZError, 409: ZError, 410: ZError, 429: ZError } as const;

/**
 * The photo routes' body: any content type other than JSON is read as raw bytes, at most the
 * photo limit (413 naming it beyond); the route then checks type and bytes (photos.ts).
 */
function acceptRawPhotos(app: FastifyInstance, store: PhotoStore): void {
  app.addContentTypeParser('*', (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > store.maxBytes) {
      payload.resume();
      return done(new PhotoTooLargeError(store.maxBytes), undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > store.maxBytes) {
        failed = true;
        done(new PhotoTooLargeError(store.maxBytes), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (!failed) {
        failed = true;
        done(error, undefined);
      }
    });
  });
}

/** The headers of a photo's bytes: only for this caller, never cached by others, never sniffed. */
function photoHeaders(reply: FastifyReply, contentType: string, bytes: number): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-length', bytes)
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline');
}

const photoUploadSchema = {
  consumes: ['image/jpeg', 'image/png'],
  body: z.any().describe('the image bytes (JPEG or PNG), not JSON'),
  description:
    'The photo is the raw request body with Content-Type image/jpeg or image/png; its bytes must be that image (checked), at most TOUCHPOINTS_PHOTO_MAX_BYTES (413 beyond).',
};

export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db } = ctx;
  const store = photoStoreOf(ctx.config);
  const tags = ['audits'];
  acceptRawPhotos(app, store);

  // Checklists ----------------------------------------------------------------------------------

  app.get(
    '/audit-checklists',
    {
      schema: {
        tags,
        summary: 'List audit checklists with their criteria',
        params: ZWorkspaceParams,
        querystring: ZAuditChecklistQuery,
        response: { 200: zPage(ZAuditChecklist), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listChecklists(db, access.workspaceId, request.query);
    },
  );

  app.get(
    '/audit-checklists/templates',
    {
      schema: {
        tags,
        summary: 'Checklist templates (clinic, consulting firm, store, website & e-mail) in a language',
        params: ZWorkspaceParams,
        querystring: ZAuditTemplateQuery,
        response: { 200: z.array(ZAuditTemplate), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const language = templateLanguage(
        request.query.language ?? (access.caller.kind === 'user' ? access.caller.user.locale : 'en'),
      );
      return AUDIT_TEMPLATES.map((t) => auditTemplateDto(t, language));
    },
  );

  app.post(
    '/audit-checklists',
    {
      schema: {
        tags,
        summary: 'Create an audit checklist with its criteria (on touchpoints or stages)',
        params: ZWorkspaceParams,
        body: ZAuditChecklistCreate,
        response: { 201: ZAuditChecklist, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createChecklist(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.post(
    '/audit-checklists/from-template',
    {
      schema: {
        tags,
        summary:
          'Create a checklist from a template: criteria attach to the matching touchpoints (by key, else by stage)',
        params: ZWorkspaceParams,
        body: ZAuditChecklistFromTemplate,
        response: { 201: ZAuditChecklist, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const language =
        request.body.language ?? (access.caller.kind === 'user' ? access.caller.user.locale : undefined);
      return reply.code(201).send(
        await createChecklistFromTemplate(db, access.actor, access.workspaceId, {
          ...request.body,
          language,
        }),
      );
    },
  );

  app.get(
    '/audit-checklists/:checklistId',
    {
      schema: {
        tags,
        summary: 'One audit checklist with its criteria',
        params: ZAuditChecklistParams,
        response: { 200: ZAuditChecklist, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return checklistDto(db, await getChecklist(db, access.workspaceId, request.params.checklistId));
    },
  );

  app.patch(
    '/audit-checklists/:checklistId',
    {
      schema: {
        tags,
        summary:
          'Change a checklist (the criteria as one ordered list); needs the version read (409 with the current version otherwise)',
        params: ZAuditChecklistParams,
        body: ZAuditChecklistPatch,
        response: { 200: ZAuditChecklist, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateChecklist(db, access.actor, access.workspaceId, request.params.checklistId, request.body);
    },
  );

  app.delete(
    '/audit-checklists/:checklistId',
    {
      schema: {
        tags,
        summary: 'Delete a checklist no audit uses (409 otherwise)',
        params: ZAuditChecklistParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteChecklist(db, access.actor, access.workspaceId, request.params.checklistId);
      return reply.code(204).send(null);
    },
  );

  // Audits ----------------------------------------------------------------------------------------

  app.get(
    '/audits',
    {
      schema: {
        tags,
        summary: 'List audits: by brand, checklist, status, date range; each with its score and counts',
        params: ZWorkspaceParams,
        querystring: ZAuditQuery,
        response: { 200: zPage(ZAudit), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listAudits(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/audits',
    {
      schema: {
        tags,
        summary: 'Plan an audit of a brand (own or competitor) with a checklist on a date',
        params: ZWorkspaceParams,
        body: ZAuditCreate,
        response: { 201: ZAuditDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply.code(201).send(await createAudit(db, access.actor, access.workspaceId, request.body));
    },
  );

  app.get(
    '/audits/:auditId',
    {
      schema: {
        tags,
        summary: 'One audit with its criteria, answers (score, passed) and photos',
        params: ZAuditParams,
        response: { 200: ZAuditDetail, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return auditDetail(db, await getAudit(db, access.workspaceId, request.params.auditId));
    },
  );

  app.patch(
    '/audits/:auditId',
    {
      schema: {
        tags,
        summary:
          'Change an audit; needs the version read (409 otherwise). A submitted audit takes only notes',
        params: ZAuditParams,
        body: ZAuditPatch,
        response: { 200: ZAuditDetail, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return updateAudit(db, access.actor, access.workspaceId, request.params.auditId, request.body);
    },
  );

  app.delete(
    '/audits/:auditId',
    {
      schema: {
        tags,
        summary: 'Delete an audit with its answers, links and photos (the files too)',
        params: ZAuditParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteAuditWithPhotos(db, store, access.actor, access.workspaceId, request.params.auditId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/audits/:auditId/answers',
    {
      schema: {
        tags,
        summary:
          'Save answers, one per criterion (upsert; the others stay). Only before submitting (409 after)',
        params: ZAuditParams,
        body: ZAuditAnswersPut,
        response: { 200: ZAuditDetail, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return saveAnswers(db, access.actor, access.workspaceId, request.params.auditId, request.body.answers);
    },
  );

  app.post(
    '/audits/:auditId/submit',
    {
      schema: {
        tags,
        summary:
          'Submit an audit, once (409 when already submitted); every criterion needs an answer (null skips it)',
        params: ZAuditParams,
        body: ZAuditSubmit,
        response: { 200: ZAuditDetail, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return submitAudit(db, access.actor, access.workspaceId, request.params.auditId, request.body);
    },
  );

  app.post(
    '/audits/:auditId/photos',
    {
      schema: {
        tags,
        summary: 'Add a photo (raw JPEG or PNG body) to an audit not yet submitted',
        ...photoUploadSchema,
        params: ZAuditParams,
        querystring: ZPhotoUploadQuery,
        response: { 201: ZAuditPhoto, ...photoErrors },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const row = await addAuditPhoto(
        db,
        store,
        access.actor,
        access.workspaceId,
        request.params.auditId,
        request.query.criterionId ?? null,
        request.headers['content-type'],
        request.body,
      );
      return reply.code(201).send(toPhotoDto(row, memberPhotoUrl));
    },
  );

  app.get(
    '/audits/:auditId/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'A photo’s bytes, for members of the workspace only (Cache-Control: private)',
        params: ZAuditPhotoParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { row, stream } = await openAuditPhoto(
        db,
        store,
        access.workspaceId,
        request.params.auditId,
        request.params.photoId,
      );
      return photoHeaders(reply, row.contentType, row.bytes).send(stream);
    },
  );

  app.delete(
    '/audits/:auditId/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'Delete a photo of an audit not yet submitted (the file too)',
        params: ZAuditPhotoParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await removeAuditPhoto(
        db,
        store,
        access.actor,
        access.workspaceId,
        request.params.auditId,
        request.params.photoId,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/audits/:auditId/links',
    {
      schema: {
        tags,
        summary: 'The shopper links of an audit (their state; never the secret)',
        params: ZAuditParams,
        response: { 200: z.array(ZAuditLink), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listAuditLinks(db, access.workspaceId, request.params.auditId);
    },
  );

  app.post(
    '/audits/:auditId/links',
    {
      schema: {
        tags,
        summary:
          'Invite an external mystery shopper: a one-time link to this audit only (the token is shown once)',
        params: ZAuditParams,
        body: ZAuditLinkCreate,
        response: { 201: ZAuditLinkCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return reply
        .code(201)
        .send(
          await createAuditLink(db, access.actor, access.workspaceId, request.params.auditId, request.body),
        );
    },
  );

  app.delete(
    '/audits/:auditId/links/:linkId',
    {
      schema: {
        tags,
        summary: 'Revoke a shopper link (it answers 410 from then on)',
        params: ZAuditLinkParams,
        response: { 200: ZAuditLink, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return revokeAuditLink(
        db,
        access.actor,
        access.workspaceId,
        request.params.auditId,
        request.params.linkId,
      );
    },
  );
};

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

export { AUDIT_PATHS };
