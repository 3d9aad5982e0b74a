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
import { createAuditLink, listAuditLinks, revokeAuditLink } from '../store/catalog/audit-links.js';
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
  deleteAuditWithPhotos,
  openAuditPhoto,
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
} from './audits.schemas.js';
import { errorResponses, ZError, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import { acceptRawPhotos, photoHeaders, photoUploadSchema } from './photo-bodies.js';

const photoErrors = { ...errorResponses, 410: ZError, 413: ZError, 415: ZError } as const;

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

export { AUDIT_PATHS };
