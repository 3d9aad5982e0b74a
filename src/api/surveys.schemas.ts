/**
 * Surveys (SPEC §6): the API contract of the editor side. Routes, all under /api/workspaces/{workspaceId}:
 * - GET    /survey-templates                               the templates a survey can start from — read
 * - GET    /surveys                                        list (paging, filters below) — read
 * - POST   /surveys                                        create (from scratch or a `templateKey`) — write
 * - GET    /surveys/{surveyId}                             one survey — read
 * - PATCH  /surveys/{surveyId}                             change (needs `version`; 409 otherwise) — write
 * - DELETE /surveys/{surveyId}                             delete with its contacts and kiosk devices — write
 * - GET    /surveys/{surveyId}/kiosk-devices               the survey's kiosk devices — read
 * - POST   /surveys/{surveyId}/kiosk-devices               create one: its token is shown this once — write
 * - DELETE /surveys/{surveyId}/kiosk-devices/{deviceId}    revoke one — write
 * - GET    /surveys/{surveyId}/contacts                    contacts respondents consented to give — read
 * - DELETE /surveys/{surveyId}/contacts/{contactId}        erase one — write
 * - GET    /surveys/{surveyId}/results                     counts, distributions, CSAT/NPS/CES, weeks — read
 * - GET    /surveys/{surveyId}/comments                    comments with filters and search — read
 * - GET    /surveys/{surveyId}/results.csv                 every submission as one CSV line — read
 */
import { z } from 'zod';
import { FEEDBACK_SOURCES, LANGUAGES, QUESTION_KINDS, SURVEY_STATUSES } from '../domain/survey-model.js';
import { MAX_SURVEY_QUESTIONS } from '../domain/survey-rules.js';
import { ZInstant } from './analytics.schemas.js';
import { ZId, ZName, ZPageQuery, ZQueryList, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

export const SURVEY_PATHS = {
  templates: '/api/workspaces/{workspaceId}/survey-templates',
  list: '/api/workspaces/{workspaceId}/surveys',
  item: '/api/workspaces/{workspaceId}/surveys/{surveyId}',
  kioskDevices: '/api/workspaces/{workspaceId}/surveys/{surveyId}/kiosk-devices',
  kioskDevice: '/api/workspaces/{workspaceId}/surveys/{surveyId}/kiosk-devices/{deviceId}',
  contacts: '/api/workspaces/{workspaceId}/surveys/{surveyId}/contacts',
  contact: '/api/workspaces/{workspaceId}/surveys/{surveyId}/contacts/{contactId}',
  results: '/api/workspaces/{workspaceId}/surveys/{surveyId}/results',
  comments: '/api/workspaces/{workspaceId}/surveys/{surveyId}/comments',
  resultsCsv: '/api/workspaces/{workspaceId}/surveys/{surveyId}/results.csv',
} as const;

/** Longest text of a title, question, option, intro, thank-you or consent sentence, per language. */
export const MAX_SURVEY_TEXT = 1000;
/** Longest logo data: URL accepted by the schema (the rule allows 200 KB of image, base64 is 4/3 of it). */
export const MAX_LOGO_URL_LENGTH = 280_000;

const ZLanguage = z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` });
const ZLocalString = z.string().max(MAX_SURVEY_TEXT, `must be at most ${MAX_SURVEY_TEXT} characters`);

/** A text in some of the six languages; the survey's default language must be among them. */
export const ZLocalText = z
  .strictObject(
    Object.fromEntries(LANGUAGES.map((l) => [l, ZLocalString.optional()])) as {
      [L in (typeof LANGUAGES)[number]]: z.ZodOptional<typeof ZLocalString>;
    },
  )
  .describe('a text per language (en, de, ru, cs, sk, ro); at least the survey’s default language');

export const ZSurveyQuestionOption = z.strictObject({
  key: z.string().describe('stable key of the option, a slug ≤ 32 (stored with each answer)'),
  text: ZLocalText,
});

export const ZSurveyQuestion = z.strictObject({
  id: z.string().describe('stable key of the question in its survey, a slug ≤ 32 (stored with each answer)'),
  kind: z
    .enum(QUESTION_KINDS, { error: `must be one of ${QUESTION_KINDS.join(', ')}` })
    .describe('csat 1–5, nps 0–10, ces 1–7, choice (one option), comment (free text)'),
  required: z.boolean({ error: 'must be true or false' }),
  text: ZLocalText,
  options: z
    .array(ZSurveyQuestionOption)
    .max(10, 'must have at most 10 options')
    .optional()
    .describe('choice questions only: 2–10 options with unique keys'),
});

export const ZSurveyTexts = z.strictObject({
  title: ZLocalText,
  intro: ZLocalText.optional(),
  thankYou: ZLocalText,
  consent: ZLocalText.optional().describe('the consent-to-be-contacted sentence'),
});

const ZRuleNumber = z.number({ error: 'must be a number' }).int('must be a whole number');
export const ZComplaintRule = z
  .strictObject({
    csatMax: ZRuleNumber.optional().describe('a CSAT answer at or under this (1–5) opens a complaint'),
    npsMax: ZRuleNumber.optional().describe('an NPS answer at or under this (0–10) opens a complaint'),
    cesMin: ZRuleNumber.optional().describe('a CES answer at or over this (1–7) opens a complaint'),
    requireComment: z.boolean({ error: 'must be true or false' }),
  })
  .describe('when an answer opens a complaint in the register; null: never');

const ZColour = z.string().max(7, 'must be a colour #rrggbb').describe('the brand colour, #rrggbb');
const ZLogo = z
  .string()
  .max(MAX_LOGO_URL_LENGTH, 'must be an image of at most 200 KB')
  .describe('a PNG or JPEG as a data:image/png;base64,… URL of at most 200 KB');

const ZSurveyStatus = z
  .enum(SURVEY_STATUSES, { error: `must be one of ${SURVEY_STATUSES.join(', ')}` })
  .describe('draft (not answerable yet), live, closed');

const ZDateTimeInput = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-05-01T09:00:00Z' })
  .describe('ISO 8601 date-time');

export const ZSurvey = z.object({
  id: z.string(),
  touchpointId: z.string(),
  chainId: z.string().nullable().describe('the chain whose link at the touchpoint the survey measures'),
  code: z.string().describe('the public code of its link: 10 characters a-z 0-9'),
  publicUrl: z.string().describe('the public page of the survey, `<public URL>/s/<code>`'),
  name: z.string(),
  status: z.enum(SURVEY_STATUSES),
  defaultLanguage: z.enum(LANGUAGES),
  languages: z
    .array(z.enum(LANGUAGES))
    .describe('the languages the survey is written in (those of its title)'),
  questions: z.array(ZSurveyQuestion),
  texts: ZSurveyTexts,
  colour: z.string(),
  logo: z.string().nullable(),
  contactConsent: z.boolean(),
  complaintRule: ZComplaintRule.nullable(),
  startsAt: ZTimestamp.nullable(),
  endsAt: ZTimestamp.nullable(),
  templateKey: z.string().nullable(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const surveyFields = {
  chainId: ZId.nullable().optional().describe('a chain of the workspace with a link at the touchpoint'),
  status: ZSurveyStatus.optional(),
  defaultLanguage: ZLanguage.optional().describe('default en'),
  questions: z
    .array(ZSurveyQuestion)
    .max(MAX_SURVEY_QUESTIONS, `must have at most ${MAX_SURVEY_QUESTIONS} questions`),
  texts: ZSurveyTexts,
  colour: ZColour.optional().describe('default #1f6feb'),
  logo: ZLogo.nullable().optional(),
  contactConsent: z.boolean({ error: 'must be true or false' }).optional().describe('default false'),
  complaintRule: ZComplaintRule.nullable().optional(),
  startsAt: ZDateTimeInput.nullable().optional().describe('answers are taken from then on'),
  endsAt: ZDateTimeInput.nullable().optional().describe('answers are taken until then'),
};

export const ZSurveyCreate = z.strictObject({
  touchpointId: ZId.describe('the touchpoint of the workspace the survey is answered at'),
  name: ZName,
  templateKey: z
    .string()
    .optional()
    .describe(
      'start from a template (GET /survey-templates): its questions, texts and complaint rule fill what is not given',
    ),
  ...surveyFields,
  questions: surveyFields.questions.optional().describe('required unless templateKey is given'),
  texts: surveyFields.texts.optional().describe('required unless templateKey is given'),
});

export const ZSurveyPatch = z.strictObject({
  version: ZVersion,
  touchpointId: ZId.optional(),
  name: ZName.optional(),
  ...surveyFields,
  questions: surveyFields.questions.optional(),
  texts: surveyFields.texts.optional(),
});

export const SURVEY_SORTS = ['name', 'status', 'createdAt', 'updatedAt'] as const;

export const ZSurveyQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(SURVEY_SORTS, 'name'),
  touchpointId: ZId.optional(),
  chainId: ZId.optional(),
  status: z
    .union([ZSurveyStatus, z.array(ZSurveyStatus)])
    .optional()
    .describe('one status, or several (repeat the parameter)'),
  q: z.string().max(200).optional().describe('text search in the name and code'),
});

export const ZSurveyParams = z.strictObject({ workspaceId: ZId, surveyId: ZId });
export const ZKioskDeviceParams = z.strictObject({ workspaceId: ZId, surveyId: ZId, deviceId: ZId });
export const ZSurveyContactParams = z.strictObject({ workspaceId: ZId, surveyId: ZId, contactId: ZId });

export const ZSurveyTemplate = z.object({
  key: z.string(),
  name: ZLocalText.describe('the template’s name in the six languages'),
  description: ZLocalText,
  questions: z.array(ZSurveyQuestion),
  texts: ZSurveyTexts,
  complaintRule: ZComplaintRule,
});

export const ZKioskDevice = z.object({
  id: z.string(),
  surveyId: z.string(),
  name: z.string(),
  createdByUserId: z.string().nullable(),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp.nullable().describe('when the device last sent an answer'),
  revokedAt: ZTimestamp.nullable().describe('set: the device can no longer send answers'),
});

export const ZKioskDeviceCreate = z.strictObject({
  name: ZName.describe('where the tablet stands, e.g. "Reception counter"'),
});

export const ZKioskDeviceCreated = ZKioskDevice.extend({
  token: z.string().describe('the device token: shown this once, only its SHA-256 is kept'),
  kioskUrl: z.string().describe('open this on the tablet: `<public URL>/k/<token>`'),
});

export const ZSurveyContact = z.object({
  id: z.string(),
  surveyId: z.string(),
  submissionId: z.string(),
  customer: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: z.string().nullable(),
  createdAt: ZTimestamp,
});

export const ZSurveyContactQuery = z.strictObject({ ...ZPageQuery });

const ZScores = z
  .object({
    csat: z
      .object({
        answers: z.number().int(),
        satisfied: z.number().int().describe('answers 4–5'),
        score: z
          .number()
          .nullable()
          .describe('CSAT: % of answers 4–5 (0–100, one decimal); null without answers'),
        mean: z.number().nullable(),
      })
      .describe('CSAT 1–5'),
    nps: z
      .object({
        answers: z.number().int(),
        promoters: z.number().int().describe('answers 9–10'),
        passives: z.number().int().describe('answers 7–8'),
        detractors: z.number().int().describe('answers 0–6'),
        score: z.number().nullable().describe('% promoters − % detractors, −100…100; null without answers'),
      })
      .describe('NPS 0–10'),
    ces: z
      .object({
        answers: z.number().int(),
        mean: z.number().nullable().describe('mean effort 1–7 (lower is better); null without answers'),
      })
      .describe('CES 1–7'),
  })
  .describe('CSAT, NPS and CES over the answers of the survey’s questions of those kinds');

const ZGroupResult = z.object({
  submissions: z.number().int(),
  scores: ZScores,
});

export const ZSurveyQuestionResult = z.object({
  questionId: z.string(),
  kind: z.string().describe('the kind of the answers (the question may have been removed since)'),
  answers: z.number().int(),
  mean: z.number().nullable().describe('csat, nps, ces: mean answer; null otherwise'),
  distribution: z
    .array(z.object({ value: z.string(), count: z.number().int() }))
    .describe(
      'csat/nps/ces: every value of the scale ("1"…"5"), zeros included; choice: every option key of the question, then keys answered but no longer offered; comment: empty',
    ),
});

export const ZSurveyResults = z.object({
  surveyId: z.string(),
  from: ZTimestamp,
  to: ZTimestamp,
  submissions: z.number().int().describe('how many times the survey was answered in the period'),
  answers: z.number().int().describe('answers to single questions (a submission answers several)'),
  comments: z.number().int(),
  scores: ZScores,
  questions: z.array(ZSurveyQuestionResult).describe('the survey’s questions in order, then removed ones'),
  weeks: z
    .array(ZGroupResult.extend({ week: z.string().describe('Monday of the ISO week, YYYY-MM-DD (UTC)') }))
    .describe('every week of the period, empty weeks included'),
  bySource: z.array(
    ZGroupResult.extend({ source: z.string().describe('link, qr, embed, kiosk, email, import') }),
  ),
  byLanguage: z.array(ZGroupResult.extend({ language: z.string().nullable() })),
});

export const ZSurveyResultsQuery = z.strictObject({
  from: ZInstant.optional().describe(
    'start, inclusive: 2026-05-01 (midnight UTC), a date-time with offset or epoch ms; default 90 days before `to`',
  ),
  to: ZInstant.optional().describe('end, exclusive, same formats; default now'),
});

export const ZSurveyComment = z.object({
  id: z.string().describe('the answer’s id in the feedback store'),
  submissionId: z.string(),
  questionId: z.string(),
  at: ZTimestamp,
  comment: z.string(),
  rating: z
    .object({ questionId: z.string(), kind: z.enum(['csat', 'nps', 'ces']), score: z.number() })
    .nullable()
    .describe('the score the same submission gave (its first rating question); null without one'),
  source: z.string().nullable(),
  language: z.string().nullable(),
});

export const ZSurveyCommentQuery = z.strictObject({
  ...ZPageQuery,
  from: ZSurveyResultsQuery.shape.from,
  to: ZSurveyResultsQuery.shape.to,
  score: ZQueryList.pipe(
    z.array(
      z.coerce
        .number<string>({ error: 'must be whole numbers 0–10' })
        .int('must be whole numbers 0–10')
        .min(0, 'must be whole numbers 0–10')
        .max(10, 'must be whole numbers 0–10'),
    ),
  )
    .optional()
    .describe('only comments whose submission rated one of these scores (repeat or comma-separate: 1,2)'),
  kind: z.enum(['csat', 'nps', 'ces']).optional().describe('with score: the kind of the rating'),
  source: z.enum(FEEDBACK_SOURCES, { error: `must be one of ${FEEDBACK_SOURCES.join(', ')}` }).optional(),
  language: ZLanguage.optional(),
  q: z.string().max(200).optional().describe('text search in the comment'),
});

export const ZSurveyResultsCsv = z
  .string()
  .describe(
    'CSV: submission_id, at, source, language, then one column per question id (score, option key or comment)',
  );

export type Survey = z.infer<typeof ZSurvey>;
export type SurveyCreate = z.infer<typeof ZSurveyCreate>;
export type SurveyPatch = z.infer<typeof ZSurveyPatch>;
export type SurveyTemplate = z.infer<typeof ZSurveyTemplate>;
export type KioskDevice = z.infer<typeof ZKioskDevice>;
export type KioskDeviceCreated = z.infer<typeof ZKioskDeviceCreated>;
export type SurveyContact = z.infer<typeof ZSurveyContact>;
export type SurveyResults = z.infer<typeof ZSurveyResults>;
export type SurveyComment = z.infer<typeof ZSurveyComment>;
