/**
 * Audits and mystery shopping (Law 3, control): the API contract.
 *
 * Under /api/workspaces/{workspaceId} (viewers and `read` tokens read; editors, owners and `admin`
 * tokens write):
 * - GET    /audit-checklists                          list — read
 * - GET    /audit-checklists/templates                the checklist templates (?language=) — read
 * - POST   /audit-checklists                          create with its criteria — write
 * - POST   /audit-checklists/from-template            create from a template — write
 * - GET    /audit-checklists/{checklistId}            one checklist with its criteria — read
 * - PATCH  /audit-checklists/{checklistId}            change (needs `version`) — write
 * - DELETE /audit-checklists/{checklistId}            delete (409 while audits use it) — write
 * - GET    /audits                                    list (paging, filters) — read
 * - POST   /audits                                    plan an audit — write
 * - GET    /audits/{auditId}                          one audit with criteria, answers, photos — read
 * - PATCH  /audits/{auditId}                          change (needs `version`) — write
 * - DELETE /audits/{auditId}                          delete with its answers, photos, links — write
 * - PUT    /audits/{auditId}/answers                  save answers (upsert per criterion) — write
 * - POST   /audits/{auditId}/submit                   submit once (409 when already submitted) — write
 * - POST   /audits/{auditId}/photos?criterionId=      upload a photo (raw JPEG/PNG body) — write
 * - GET    /audits/{auditId}/photos/{photoId}         the photo's bytes — read
 * - DELETE /audits/{auditId}/photos/{photoId}         delete a photo — write
 * - GET    /audits/{auditId}/links                    the shopper links — read
 * - POST   /audits/{auditId}/links                    a one-time link for an external shopper — write
 * - DELETE /audits/{auditId}/links/{linkId}           revoke a link — write
 *
 * Public, for the external mystery shopper holding a link (no sign-in; rate-limited; reaches only
 * that audit):
 * - GET  /api/shopper/{token}                the audit: checklist, brand name, date, own answers, photos
 * - PUT  /api/shopper/{token}/answers        save answers
 * - POST /api/shopper/{token}/photos         upload a photo (raw JPEG/PNG body, ?criterionId=)
 * - GET  /api/shopper/{token}/photos/{photoId}
 * - POST /api/shopper/{token}/submit         submit once, with the shopper's name
 */
import { z } from 'zod';
import { AUDIT_SCALES, AUDIT_STATUSES } from '../domain/audit-scoring.js';
import { TEMPLATE_LANGUAGES } from '../domain/touchpoint-templates.js';
import { COMPARATORS, DEFAULT_STAGE_KEYS } from '../domain/vocabulary.js';
import { ZId, ZName, ZPageQuery, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';
import { ZDate } from './tasks.schemas.js';

export const AUDIT_PATHS = {
  checklists: '/api/workspaces/{workspaceId}/audit-checklists',
  templates: '/api/workspaces/{workspaceId}/audit-checklists/templates',
  fromTemplate: '/api/workspaces/{workspaceId}/audit-checklists/from-template',
  checklist: '/api/workspaces/{workspaceId}/audit-checklists/{checklistId}',
  audits: '/api/workspaces/{workspaceId}/audits',
  audit: '/api/workspaces/{workspaceId}/audits/{auditId}',
  answers: '/api/workspaces/{workspaceId}/audits/{auditId}/answers',
  submit: '/api/workspaces/{workspaceId}/audits/{auditId}/submit',
  photos: '/api/workspaces/{workspaceId}/audits/{auditId}/photos',
  photo: '/api/workspaces/{workspaceId}/audits/{auditId}/photos/{photoId}',
  links: '/api/workspaces/{workspaceId}/audits/{auditId}/links',
  link: '/api/workspaces/{workspaceId}/audits/{auditId}/links/{linkId}',
  shopper: '/api/shopper/{token}',
  shopperAnswers: '/api/shopper/{token}/answers',
  shopperPhotos: '/api/shopper/{token}/photos',
  shopperPhoto: '/api/shopper/{token}/photos/{photoId}',
  shopperSubmit: '/api/shopper/{token}/submit',
} as const;

/** The web app's page for a shopper link: `/shopper/{token}`. */
export const SHOPPER_PAGE_PREFIX = '/shopper/';

export const AUDIT_CHECKLIST_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export const AUDIT_SORTS = ['auditDate', 'createdAt', 'status'] as const;
export const AUDIT_LINK_STATES = ['active', 'expired', 'revoked', 'used'] as const;
/** Image types a photo may have (checked by the file's first bytes as well). */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_CRITERIA = 200;
export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 30;

const ZScale = z
  .enum(AUDIT_SCALES)
  .describe(
    'yes_no (1 yes, 0 no), score_1_5 (1…5, 4 or 5 passes) or number (a measured value with a target)',
  );
const ZComparator = z
  .enum(COMPARATORS)
  .describe('for a number criterion: lte (the value must be at most the target) or gte (at least)');
const ZLanguage = z.enum(TEMPLATE_LANGUAGES).describe('en, de, ru, cs, sk or ro');
const ZStageKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .describe(`a stage key of the workspace's journeys, e.g. ${DEFAULT_STAGE_KEYS.join(', ')}`);

// ---------------------------------------------------------------------------------------------
// Checklists and their criteria

export const ZAuditCriterion = z.object({
  id: z.string(),
  position: z.number().int().describe('0-based place in the checklist'),
  text: z.string().describe('what is checked, e.g. "Greeted within 30 s"'),
  touchpointId: z
    .string()
    .nullable()
    .describe('the touchpoint checked; null when the criterion is on a stage'),
  touchpointName: z.string().nullable().describe('the touchpoint’s name, for display'),
  stageKey: z.string().nullable().describe('the stage checked (a stage key), when not on a touchpoint'),
  scale: ZScale,
  target: z.number().nullable().describe('for a number criterion: the target value'),
  comparator: z.enum(COMPARATORS).nullable(),
  unit: z.string().describe('for a number criterion: the unit, e.g. "s" or "min"'),
  weight: z.number().describe('weight in the audit’s weighted score (> 0)'),
});

/** One criterion as written with its checklist: the list given replaces the whole list, in order. */
export const ZAuditCriterionInput = z.strictObject({
  id: ZId.optional().describe(
    'an existing criterion of this checklist to keep (its answers stay); omit for a new criterion',
  ),
  text: ZName.describe('what is checked, e.g. "Greeted within 30 s"'),
  touchpointId: ZId.nullable().optional().describe('a touchpoint of the workspace'),
  stageKey: ZStageKey.nullable().optional(),
  scale: ZScale,
  target: z.number().finite().nullable().optional().describe('required for a number criterion, else omitted'),
  comparator: ZComparator.nullable().optional().describe('required for a number criterion, else omitted'),
  unit: z
    .string()
    .max(32, 'must be at most 32 characters')
    .optional()
    .describe('e.g. "s", "min"; default empty'),
  weight: z
    .number()
    .positive('must be greater than 0')
    .max(100, 'must be at most 100')
    .optional()
    .describe('default 1'),
});

const ZCriteriaInput = z
  .array(ZAuditCriterionInput)
  .min(1, 'must hold at least one criterion')
  .max(MAX_CRITERIA, `must hold at most ${MAX_CRITERIA} criteria`);

export const ZAuditChecklist = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  journeyId: z.string().nullable().describe('the journey the checklist walks, or null'),
  templateKey: z.string().nullable().describe('the template it was made from, or null'),
  criteria: z.array(ZAuditCriterion),
  auditCount: z.number().int().describe('audits made with this checklist (it cannot be deleted while > 0)'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZAuditChecklistCreate = z.strictObject({
  name: ZName,
  description: ZText.optional().describe('default empty'),
  journeyId: ZId.nullable().optional().describe('a journey of the workspace the checklist walks'),
  criteria: ZCriteriaInput,
});

export const ZAuditChecklistPatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  description: ZText.optional(),
  journeyId: ZId.nullable().optional(),
  criteria: ZCriteriaInput.optional().describe(
    'the whole list in order: criteria given with their id are kept (and changed), those left out are removed with their answers; a submitted audit’s criteria cannot be removed (409)',
  ),
});

export const ZAuditChecklistFromTemplate = z.strictObject({
  templateKey: z
    .string()
    .min(1, 'must not be empty')
    .max(128)
    .describe('a key from GET …/audit-checklists/templates'),
  name: ZName.optional().describe('default: the template’s name in the language'),
  language: ZLanguage.optional().describe('language of the texts; default the signed-in user’s, else en'),
  journeyId: ZId.nullable()
    .optional()
    .describe('a journey of the workspace; criteria then attach to its touchpoints by key, else by stage'),
});

export const ZAuditChecklistQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(AUDIT_CHECKLIST_SORTS, 'name'),
  journeyId: ZId.optional(),
  q: z.string().max(200).optional().describe('text search in the name and description'),
});

export const ZAuditChecklistParams = z.strictObject({ workspaceId: ZId, checklistId: ZId });

export const ZAuditTemplateCriterion = z.object({
  text: z.string().describe('in the language asked for'),
  scale: ZScale,
  target: z.number().nullable(),
  comparator: z.enum(COMPARATORS).nullable(),
  unit: z.string(),
  weight: z.number(),
  touchpointKey: z.string().nullable().describe('the template-library touchpoint it checks'),
  stageKey: z.string().describe('the stage it belongs to (used when no touchpoint has the key)'),
  channel: z.string().nullable().describe('the channel of the touchpoint it checks'),
});

export const ZAuditTemplate = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  business: z.string().describe('the kind of business it fits: clinic, consulting, store, any'),
  criteria: z.array(ZAuditTemplateCriterion),
});

export const ZAuditTemplateQuery = z.strictObject({
  language: ZLanguage.optional().describe('default the signed-in user’s language, else en'),
});

// ---------------------------------------------------------------------------------------------
// Audits

export const ZAuditAnswer = z.object({
  criterionId: z.string(),
  value: z
    .number()
    .nullable()
    .describe('yes = 1 / no = 0, 1…5, or the measured number; null: skipped (not applicable)'),
  note: z.string(),
  answeredAt: ZTimestamp,
  score: z.number().nullable().describe('0…1 (domain/audit-scoring.ts); null when skipped'),
  passed: z.boolean().nullable().describe('whether the criterion passed; null when skipped'),
  touchpointId: z.string().nullable().describe('the criterion’s touchpoint, to prefill a task'),
  stageKey: z.string().nullable().describe('the criterion’s stage, to prefill a task'),
});

export const ZAuditPhoto = z.object({
  id: z.string(),
  criterionId: z.string().nullable(),
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  bytes: z.number().int(),
  createdAt: ZTimestamp,
  url: z.string().describe('where the photo’s bytes are served (same caller rights)'),
});

export const ZAudit = z.object({
  id: z.string(),
  checklistId: z.string(),
  checklistName: z.string(),
  brandId: z.string(),
  brandName: z.string(),
  brandIsOwn: z.boolean().describe('own brand (true) or a competitor'),
  auditDate: z.string().describe('YYYY-MM-DD'),
  auditorUserId: z.string().nullable().describe('the member who audits, or null (an external shopper)'),
  auditorName: z.string(),
  status: z.enum(AUDIT_STATUSES),
  notes: z.string(),
  submittedAt: ZTimestamp.nullable(),
  score: z.number().nullable().describe('weighted score 0…1 of the answered criteria; null when none'),
  criteriaCount: z.number().int(),
  answeredCount: z.number().int().describe('criteria with an answer (skipped ones included)'),
  passedCount: z.number().int(),
  failedCount: z.number().int(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZAuditDetail = ZAudit.extend({
  criteria: z.array(ZAuditCriterion).describe('the checklist’s criteria, in order'),
  answers: z.array(ZAuditAnswer),
  photos: z.array(ZAuditPhoto),
});

export const ZAuditCreate = z.strictObject({
  checklistId: ZId.describe('a checklist of the workspace'),
  brandId: ZId.describe('a brand of the workspace: the own brand or a competitor'),
  auditDate: ZDate,
  auditorUserId: ZId.nullable()
    .optional()
    .describe('a member of the workspace; null for an external shopper'),
  auditorName: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe('default: the member’s name'),
  notes: ZText.optional(),
});

export const ZAuditPatch = z.strictObject({
  version: ZVersion,
  checklistId: ZId.optional().describe('only while the audit has no answers'),
  brandId: ZId.optional(),
  auditDate: ZDate.optional(),
  auditorUserId: ZId.nullable().optional(),
  auditorName: z.string().max(200, 'must be at most 200 characters').optional(),
  notes: ZText.optional().describe('the only field a submitted audit still takes'),
});

export const ZAuditAnswerInput = z.strictObject({
  criterionId: ZId.describe('a criterion of the audit’s checklist'),
  value: z
    .number()
    .finite()
    .nullable()
    .describe('yes = 1 / no = 0, 1…5 (whole), or the measured number; null: skipped'),
  note: ZText.optional().describe('default empty'),
});

export const ZAuditAnswersPut = z.strictObject({
  answers: z
    .array(ZAuditAnswerInput)
    .min(1, 'must hold at least one answer')
    .max(MAX_CRITERIA, `must hold at most ${MAX_CRITERIA} answers`)
    .describe('saved one by one per criterion (others stay); safe to send again after a dropped connection'),
});

export const ZAuditSubmit = z.strictObject({
  version: ZVersion.optional().describe('when given, 409 unless it is the current version'),
  auditorName: z.string().trim().max(200, 'must be at most 200 characters').optional(),
});

export const ZAuditQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(AUDIT_SORTS, 'auditDate')
    .default('-auditDate')
    .describe(
      'order by auditDate, createdAt, status; prefix with - for descending; default -auditDate (newest first)',
    ),
  brandId: ZId.optional(),
  checklistId: ZId.optional(),
  status: z
    .union([z.enum(AUDIT_STATUSES), z.array(z.enum(AUDIT_STATUSES))])
    .optional()
    .describe('one status, or several (repeat the parameter)'),
  from: ZDate.optional().describe('audits on or after this date'),
  to: ZDate.optional().describe('audits on or before this date'),
});

export const ZAuditParams = z.strictObject({ workspaceId: ZId, auditId: ZId });
export const ZAuditPhotoParams = z.strictObject({ workspaceId: ZId, auditId: ZId, photoId: ZId });
export const ZAuditLinkParams = z.strictObject({ workspaceId: ZId, auditId: ZId, linkId: ZId });
export const ZPhotoUploadQuery = z.strictObject({
  criterionId: ZId.optional().describe('the criterion the photo is evidence for'),
});

// ---------------------------------------------------------------------------------------------
// Shopper links

export const ZAuditLink = z.object({
  id: z.string(),
  auditId: z.string(),
  state: z.enum(AUDIT_LINK_STATES),
  createdByUserId: z.string().nullable(),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp,
  revokedAt: ZTimestamp.nullable(),
  usedAt: ZTimestamp.nullable().describe('when the shopper submitted through it'),
});

export const ZAuditLinkCreated = ZAuditLink.extend({
  token: z.string().describe('the secret, shown only now (only its SHA-256 is kept)'),
  url: z.string().describe('the page to send the shopper: /shopper/{token} on this server'),
});

export const ZAuditLinkCreate = z.strictObject({
  expiresInDays: z
    .number()
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_LINK_DAYS}`)
    .max(MAX_LINK_DAYS, `must be between 1 and ${MAX_LINK_DAYS}`)
    .optional()
    .describe(`days the link works; default ${DEFAULT_LINK_DAYS}`),
});

export const ZShopperParams = z.strictObject({
  token: z.string().min(16, 'is not a shopper link').max(128, 'is not a shopper link'),
});
export const ZShopperPhotoParams = ZShopperParams.extend({ photoId: ZId });

export const ZShopperCriterion = ZAuditCriterion.omit({ touchpointId: true });

/** What a shopper sees: only this audit. */
export const ZShopperAudit = z.object({
  checklistName: z.string(),
  checklistDescription: z.string(),
  brandName: z.string(),
  auditDate: z.string().describe('YYYY-MM-DD'),
  status: z.enum(AUDIT_STATUSES),
  auditorName: z.string(),
  expiresAt: ZTimestamp.describe('when the link stops working'),
  criteria: z.array(ZShopperCriterion),
  answers: z.array(ZAuditAnswer.pick({ criterionId: true, value: true, note: true, answeredAt: true })),
  photos: z.array(ZAuditPhoto),
});

export const ZShopperSubmit = z.strictObject({
  auditorName: ZName.describe('the shopper’s name, recorded on the audit'),
});

export type AuditChecklist = z.infer<typeof ZAuditChecklist>;
export type AuditCriterion = z.infer<typeof ZAuditCriterion>;
export type AuditTemplateDto = z.infer<typeof ZAuditTemplate>;
export type Audit = z.infer<typeof ZAudit>;
export type AuditDetail = z.infer<typeof ZAuditDetail>;
export type AuditAnswer = z.infer<typeof ZAuditAnswer>;
export type AuditPhoto = z.infer<typeof ZAuditPhoto>;
export type AuditLink = z.infer<typeof ZAuditLink>;
export type AuditLinkCreated = z.infer<typeof ZAuditLinkCreated>;
export type ShopperAudit = z.infer<typeof ZShopperAudit>;
