/** Zod schemas of the public survey routes (answering without an account) and the QR/poster routes. */
import { z } from 'zod';
import { FEEDBACK_SOURCES, LANGUAGES, QUESTION_KINDS, SURVEY_STATUSES } from '../domain/survey-model.js';
import { ZError, ZId } from './common.schemas.js';

const ZLocalText = z.partialRecord(z.enum(LANGUAGES), z.string());

export const ZPublicSurveyParams = z.strictObject({
  code: z.string().regex(/^[a-z0-9]{10}$/, 'is not a survey code (10 letters and digits)'),
});
export const ZKioskParams = z.strictObject({
  token: z.string().min(8, 'is not a kiosk token').max(200, 'is not a kiosk token'),
});

/** What a respondent's page needs: the survey's public texts and questions, nothing else. */
export const ZPublicSurvey = z
  .object({
    code: z.string(),
    status: z.enum(SURVEY_STATUSES),
    open: z.boolean().describe('whether the survey takes answers now'),
    closedReason: z.enum(['draft', 'closed', 'not_started', 'ended']).nullable(),
    defaultLanguage: z.enum(LANGUAGES),
    languages: z.array(z.enum(LANGUAGES)).describe('the languages the survey is written in'),
    texts: z.object({
      title: ZLocalText,
      intro: ZLocalText.optional(),
      thankYou: ZLocalText,
      consent: ZLocalText.optional(),
    }),
    questions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(QUESTION_KINDS),
        required: z.boolean(),
        text: ZLocalText,
        options: z.array(z.object({ key: z.string(), text: ZLocalText })).optional(),
      }),
    ),
    colour: z.string(),
    logo: z.string().nullable().describe('a data: URL'),
    contactConsent: z.boolean(),
  })
  .describe('PublicSurvey');

const ZAnswerValue = z
  .union([z.number(), z.string().max(20_000), z.null()])
  .describe('a score (csat 1–5, nps 0–10, ces 1–7), a choice option key, or a comment (≤ 2000 characters)');

const answerFields = {
  submissionId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _')
    .describe('one-time id of this submission (a UUID): re-sending it stores nothing new'),
  language: z.enum(LANGUAGES).optional().describe('the language the respondent answered in'),
  answers: z
    .record(z.string().max(64), ZAnswerValue)
    .refine((a) => Object.keys(a).length <= 100, 'must have at most 100 answers')
    .describe('answers by question id'),
};

export const ZPublicAnswers = z.strictObject({
  ...answerFields,
  source: z
    .enum(FEEDBACK_SOURCES.filter((s) => s !== 'kiosk' && s !== 'import') as ['link', 'qr', 'embed', 'email'])
    .default('link')
    .describe('how the respondent reached the survey'),
  customer: z
    .string()
    .max(200, 'must be at most 200 characters')
    .nullable()
    .optional()
    .describe('the key the embedding site knows the customer by'),
  contact: z
    .strictObject({
      consent: z.boolean(),
      email: z.string().max(254).nullable().optional(),
      phone: z.string().max(32).nullable().optional(),
    })
    .nullable()
    .optional()
    .describe('kept (apart from the answers) only when the survey asks for it and consent is true'),
});

export const ZKioskAnswers = z.strictObject(answerFields);

export const ZAnswersReceived = z
  .object({
    duplicate: z.boolean().describe('the submission had been received before; nothing new was stored'),
    stored: z.number().int(),
    language: z.enum(LANGUAGES),
    thankYou: z.string().describe('the survey’s thank-you text in that language'),
  })
  .describe('AnswersReceived');

export const publicErrors = {
  400: ZError,
  404: ZError,
  409: ZError,
  410: ZError,
  429: ZError,
} as const;

export const ZSurveyPosterParams = z.strictObject({ workspaceId: ZId, surveyId: ZId });
export const ZPosterQuery = z.strictObject({
  size: z.enum(['a4', 'a5', 'tent']).default('a4').describe('A4 or A5 poster, or a folded table tent'),
  lang: z.enum(LANGUAGES).optional().describe('the language of the call to action (default: the survey’s)'),
});
export const ZSheetQuery = z.strictObject({
  lang: z.enum(LANGUAGES).optional().describe('the language of the sheet’s own words (default: yours)'),
});
export const ZQrQuery = z.strictObject({
  size: z.coerce.number().int().min(64).max(2048).default(512).describe('width of the image in pixels'),
});
