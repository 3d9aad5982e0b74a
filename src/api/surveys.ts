/** Survey routes, editor side (SPEC §6): a route validates, authorizes, calls the store or analysis, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DAY_MS } from '../analytics/analysis-scope.js';
import {
  surveyAnswers,
  surveyAnswersCsv,
  surveyComments,
  surveyResults,
} from '../analytics/survey-results.js';
import { invalid } from '../domain/errors.js';
import { surveyTemplates } from '../domain/survey-templates.js';
import {
  createKioskDevice,
  kioskUrl,
  listKioskDevices,
  revokeKioskDevice,
} from '../store/catalog/kiosk-devices.js';
import { deleteSurveyContact, listSurveyContacts } from '../store/catalog/survey-contacts.js';
import {
  createSurvey,
  deleteSurvey,
  getSurvey,
  listSurveys,
  toSurveyDto,
  updateSurvey,
} from '../store/catalog/surveys.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZNoContent, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZKioskDevice,
  ZKioskDeviceCreate,
  ZKioskDeviceCreated,
  ZKioskDeviceParams,
  ZSurvey,
  ZSurveyComment,
  ZSurveyCommentQuery,
  ZSurveyContact,
  ZSurveyContactParams,
  ZSurveyContactQuery,
  ZSurveyCreate,
  ZSurveyParams,
  ZSurveyPatch,
  ZSurveyQuery,
  ZSurveyResults,
  ZSurveyResultsCsv,
  ZSurveyResultsQuery,
  ZSurveyTemplate,
} from './surveys.schemas.js';

/** Results look this far back when no `from` is given. */
const DEFAULT_RESULTS_DAYS = 90;

/** The period of a results query: [from, to), by default the 90 days before now. */
function period(query: { from?: number | undefined; to?: number | undefined }) {
  const to = query.to ?? Date.now();
  const from = query.from ?? to - DEFAULT_RESULTS_DAYS * DAY_MS;
  if (from >= to) throw invalid('querystring.to', 'must be after from');
  return { from, to };
}

export const surveyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events, config } = ctx;
  const tags = ['surveys'];
  const dto = (row: Parameters<typeof toSurveyDto>[0]) => toSurveyDto(row, config.publicUrl);

  app.get(
    '/survey-templates',
    {
      schema: {
        tags,
        summary:
          'The survey templates (after a call, a visit, a purchase, website, A-11 trust), each in the six languages',
        params: ZWorkspaceParams,
        response: { 200: ZSurveyTemplate.array(), ...errorResponses },
      },
    },
    async (request) => {
      await authorize(db, request, request.params.workspaceId, 'read');
      return surveyTemplates();
    },
  );

  app.get(
    '/surveys',
    {
      schema: {
        tags,
        summary: 'List surveys: by touchpoint, chain, status, text in the name or code',
        params: ZWorkspaceParams,
        querystring: ZSurveyQuery,
        response: { 200: zPage(ZSurvey), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const { rows, ...page } = await listSurveys(db, access.workspaceId, request.query);
      return { ...page, items: rows.map(dto) };
    },
  );

  app.post(
    '/surveys',
    {
      schema: {
        tags,
        summary:
          'Create a survey at a touchpoint, from scratch or from a template (`templateKey`); it gets its public link',
        params: ZWorkspaceParams,
        body: ZSurveyCreate,
        response: { 201: ZSurvey, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const row = await createSurvey(db, access.actor, access.workspaceId, request.body);
      return reply.code(201).send(dto(row));
    },
  );

  app.get(
    '/surveys/:surveyId',
    {
      schema: {
        tags,
        summary: 'One survey',
        params: ZSurveyParams,
        response: { 200: ZSurvey, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return dto(await getSurvey(db, access.workspaceId, request.params.surveyId));
    },
  );

  app.patch(
    '/surveys/:surveyId',
    {
      schema: {
        tags,
        summary:
          'Change a survey (texts, questions, status draft/live/closed, dates, look); needs the version read (409 otherwise)',
        params: ZSurveyParams,
        body: ZSurveyPatch,
        response: { 200: ZSurvey, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      return dto(
        await updateSurvey(db, access.actor, access.workspaceId, request.params.surveyId, request.body),
      );
    },
  );

  app.delete(
    '/surveys/:surveyId',
    {
      schema: {
        tags,
        summary:
          'Delete a survey with its contacts and kiosk devices (its answers stay in the feedback store and analyses)',
        params: ZSurveyParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      await deleteSurvey(db, access.actor, access.workspaceId, request.params.surveyId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/surveys/:surveyId/kiosk-devices',
    {
      schema: {
        tags,
        summary: 'The kiosk devices of a survey, revoked ones included (tokens are never shown again)',
        params: ZSurveyParams,
        response: { 200: ZKioskDevice.array(), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listKioskDevices(db, access.workspaceId, request.params.surveyId);
    },
  );

  app.post(
    '/surveys/:surveyId/kiosk-devices',
    {
      schema: {
        tags,
        summary:
          'Create a kiosk device locked to the survey: the answer holds its token and kiosk URL, shown this once',
        params: ZSurveyParams,
        body: ZKioskDeviceCreate,
        response: { 201: ZKioskDeviceCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { device, token } = await createKioskDevice(
        db,
        access.actor,
        access.workspaceId,
        request.params.surveyId,
        request.body.name,
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...device, token, kioskUrl: kioskUrl(config.publicUrl, token) });
    },
  );

  app.delete(
    '/surveys/:surveyId/kiosk-devices/:deviceId',
    {
      schema: {
        tags,
        summary: 'Revoke a kiosk device: its token no longer sends answers',
        params: ZKioskDeviceParams,
        response: { 200: ZKioskDevice, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { surveyId, deviceId } = request.params;
      return revokeKioskDevice(db, access.actor, access.workspaceId, surveyId, deviceId);
    },
  );

  app.get(
    '/surveys/:surveyId/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts respondents consented to give (personal data), newest first',
        params: ZSurveyParams,
        querystring: ZSurveyContactQuery,
        response: { 200: zPage(ZSurveyContact), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listSurveyContacts(db, access.workspaceId, request.params.surveyId, request.query);
    },
  );

  app.delete(
    '/surveys/:surveyId/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Erase one contact (the answers stay)',
        params: ZSurveyContactParams,
        response: { 204: ZNoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { surveyId, contactId } = request.params;
      await deleteSurveyContact(db, access.actor, access.workspaceId, surveyId, contactId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/surveys/:surveyId/results',
    {
      schema: {
        tags,
        summary:
          'Results of a survey over a period: submissions, CSAT/NPS/CES, distribution per question, weeks, sources, languages',
        params: ZSurveyParams,
        querystring: ZSurveyResultsQuery,
        response: { 200: ZSurveyResults, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const survey = await getSurvey(db, access.workspaceId, request.params.surveyId);
      const { from, to } = period(request.query);
      const figures = await surveyResults(events, {
        workspaceId: access.workspaceId,
        surveyId: survey.id,
        questions: survey.questions,
        from,
        to,
      });
      return {
        surveyId: survey.id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        ...figures,
      };
    },
  );

  app.get(
    '/surveys/:surveyId/comments',
    {
      schema: {
        tags,
        summary:
          'Comments of a survey, newest first: by the score the submission gave, source, language, text search',
        params: ZSurveyParams,
        querystring: ZSurveyCommentQuery,
        response: { 200: zPage(ZSurveyComment), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const survey = await getSurvey(db, access.workspaceId, request.params.surveyId);
      const { from, to } = period(request.query);
      const { limit, offset, score, kind, source, language, q } = request.query;
      const page = await surveyComments(events, {
        workspaceId: access.workspaceId,
        surveyId: survey.id,
        questionOrder: survey.questions.map((question) => question.id),
        from,
        to,
        scores: score,
        kind,
        source,
        language,
        q: q?.trim() || undefined,
        limit,
        offset,
      });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/surveys/:surveyId/results.csv',
    {
      schema: {
        tags,
        summary:
          'Every submission of the period as one CSV line: submission, time, source, language, then one column per question',
        params: ZSurveyParams,
        querystring: ZSurveyResultsQuery,
        produces: ['text/csv'],
        response: { 200: ZSurveyResultsCsv, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      const survey = await getSurvey(db, access.workspaceId, request.params.surveyId);
      const { from, to } = period(request.query);
      const rows = await surveyAnswers(events, {
        workspaceId: access.workspaceId,
        surveyId: survey.id,
        from,
        to,
      });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="survey-${survey.code}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(surveyAnswersCsv(rows, survey.questions));
    },
  );
};
