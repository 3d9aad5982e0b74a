/**
 * The public survey API (SPEC §6), for respondents without an account: a survey's public texts by
 * its code, its answers from a page, the embed widget or a QR poster, and a kiosk's answers by its
 * device token. These are the only routes that answer cross-origin (`Access-Control-Allow-Origin:
 * *`, no credentials, with their OPTIONS preflight): the embed widget calls them from customers'
 * websites. Rate-limited per address and per survey (public/rate-limit.ts), never the general API
 * limit; they reveal nothing but the survey's public texts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.js';
import { answerSurvey, kioskSurvey, surveyByCode } from '../public/service.js';
import { toPublicSurvey } from '../store/catalog/survey-public.js';
import type { RouteOptions } from './app.js';
import {
  publicErrors,
  ZAnswersReceived,
  ZKioskAnswers,
  ZKioskParams,
  ZPublicAnswers,
  ZPublicSurvey,
  ZPublicSurveyParams,
} from './public-surveys.schemas.js';

/** Headers of every answer of these routes (and only of these): any origin, no credentials. */
export const PUBLIC_CORS = {
  'access-control-allow-origin': '*',
  // Lets the widget read the retry time of a 429.
  'access-control-expose-headers': 'retry-after',
} as const;

const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
} as const;

export const publicSurveyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const tags = ['public surveys'];
  const security: { [k: string]: string[] }[] = [];
  // The general API limit counts signed-in clients; these routes have their own (per address, per survey).
  const config = { rateLimit: false as const };
  // Fetched from other sites' pages: the headers of CORS, and no Cross-Origin-Resource-Policy block.
  const helmet = { crossOriginResourcePolicy: { policy: 'cross-origin' as const } };
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(PUBLIC_CORS);
    return payload;
  });
  for (const path of [
    '/public/surveys/:code',
    '/public/surveys/:code/answers',
    '/public/kiosk/:token/answers',
  ])
    app.options(path, { config, helmet, schema: { hide: true } }, async (_request, reply) =>
      reply.code(204).headers(PREFLIGHT).send(),
    );

  app.get(
    '/public/surveys/:code',
    {
      config,
      helmet,
      schema: {
        tags,
        security,
        summary:
          'A survey’s public texts and questions, by its code (409 while a draft; a closed survey says open=false)',
        params: ZPublicSurveyParams,
        response: { 200: ZPublicSurvey, ...publicErrors },
      },
    },
    async (request, reply) => {
      const record = await surveyByCode(ctx, reply, request.ip, request.params.code);
      if (record.survey.status === 'draft')
        throw new AppError(409, 'survey_not_open', 'this survey is not open yet', { reason: 'draft' });
      return toPublicSurvey(record);
    },
  );

  app.post(
    '/public/surveys/:code/answers',
    {
      config,
      helmet,
      schema: {
        tags,
        security,
        summary:
          'Answer a survey: 201 stored, 200 when the submission id was received before (nothing stored twice)',
        description:
          'Answers by question id; 400 names `answers.<questionId>` for a score out of its scale, an unknown choice, ' +
          'a missing required answer or a comment over 2000 characters. 409 for a draft survey, 410 for a closed one ' +
          'or outside its dates, 429 beyond the limits per address or per survey.',
        params: ZPublicSurveyParams,
        body: ZPublicAnswers,
        response: { 200: ZAnswersReceived, 201: ZAnswersReceived, ...publicErrors },
      },
    },
    async (request, reply) => {
      const record = await surveyByCode(ctx, reply, request.ip, request.params.code);
      const { duplicate, stored, language, thankYou } = await answerSurvey(ctx, reply, record, request.body);
      return reply.code(duplicate ? 200 : 201).send({ duplicate, stored, language, thankYou });
    },
  );

  app.post(
    '/public/kiosk/:token/answers',
    {
      config,
      helmet,
      schema: {
        tags,
        security,
        summary: 'Answer the survey a kiosk device is locked to (404 unknown token, 410 revoked device)',
        params: ZKioskParams,
        body: ZKioskAnswers,
        response: { 200: ZAnswersReceived, 201: ZAnswersReceived, ...publicErrors },
      },
    },
    async (request, reply) => {
      const record = await kioskSurvey(ctx, reply, request.ip, request.params.token);
      const { duplicate, stored, language, thankYou } = await answerSurvey(ctx, reply, record, {
        ...request.body,
        source: 'kiosk',
      });
      return reply.code(duplicate ? 200 : 201).send({ duplicate, stored, language, thankYou });
    },
  );
};
