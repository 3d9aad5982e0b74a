/**
 * What the public survey routes share (the JSON API in api/public-surveys.ts and the pages in
 * public/pages.ts): one set of rate limits per app, and answering a survey by its code or a kiosk
 * token with those limits applied.
 */
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../api/app.js';
import { AppError, NotFoundError } from '../domain/errors.js';
import { type Language, localText } from '../domain/survey-model.js';
import {
  ingestSurveyAnswers,
  type SurveyIngestResult,
  type SurveySubmission,
} from '../ingest/ingest-survey-answers.js';
import {
  findKioskDevice,
  findSurveyByCode,
  type PublicSurveyRecord,
} from '../store/catalog/survey-public.js';
import { type PublicLimits, PublicRateLimitError, publicLimits } from './rate-limit.js';

const limitsByApp = new WeakMap<AppContext, PublicLimits>();

/** The rate limits of the public survey routes of this app (shared by its pages and API). */
export function limitsOf(ctx: AppContext): PublicLimits {
  let limits = limitsByApp.get(ctx);
  if (!limits) {
    limits = publicLimits({
      perAddress: ctx.config.surveyAddressRateLimit,
      perSurvey: ctx.config.surveyRateLimit,
    });
    limitsByApp.set(ctx, limits);
  }
  return limits;
}

/** Runs `check`; a 429 gets its Retry-After header before it is thrown on. */
export function withRetryAfter(reply: FastifyReply, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof PublicRateLimitError)
      reply.header('retry-after', String(error.details.retryAfterSeconds));
    throw error;
  }
}

/** The survey with this code or 404 (the address's request counted first). */
export async function surveyByCode(
  ctx: AppContext,
  reply: FastifyReply,
  address: string,
  code: string,
): Promise<PublicSurveyRecord> {
  withRetryAfter(reply, () => limitsOf(ctx).address(address));
  const found = await findSurveyByCode(ctx.db, code);
  if (!found) throw new NotFoundError('survey');
  return found;
}

export interface Answered extends SurveyIngestResult {
  thankYou: string;
}

/** Stores a submission to `record`'s survey, within its per-survey limit. */
export async function answerSurvey(
  ctx: AppContext,
  reply: FastifyReply,
  record: PublicSurveyRecord,
  submission: SurveySubmission,
): Promise<Answered> {
  withRetryAfter(reply, () => limitsOf(ctx).survey(record.survey.id));
  const result = await ingestSurveyAnswers(ctx.db, ctx.events, record.survey, submission);
  return { ...result, thankYou: thankYouText(record, result.language) };
}

export function thankYouText(record: PublicSurveyRecord, language: Language): string {
  return localText(record.survey.texts.thankYou, language, record.survey.defaultLanguage as Language);
}

/** The kiosk device's survey or 404 (unknown token) / 410 (revoked device). */
export async function kioskSurvey(
  ctx: AppContext,
  reply: FastifyReply,
  address: string,
  token: string,
): Promise<PublicSurveyRecord> {
  withRetryAfter(reply, () => limitsOf(ctx).address(address));
  const found = await findKioskDevice(ctx.db, token);
  if (!found) throw new NotFoundError('kiosk device');
  if (found.device.revokedAt)
    throw new AppError(410, 'kiosk_revoked', 'this kiosk device was revoked; ask for a new kiosk link', {
      reason: 'revoked',
    });
  return found;
}
