import { z } from 'zod';
import { MAX_RETENTION_DAYS, MIN_COMMENT_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../domain/retention.js';
import { ROLES, TOKEN_SCOPES } from '../domain/vocabulary.js';
import { REPORT_LANGUAGES } from '../report/report-i18n.js';
import { ZEmail, ZPassword } from './auth.schemas.js';
import { ZId, ZName, ZPageQuery, ZText, ZTimestamp, ZVersion } from './common.schemas.js';

export const ZWorkspaceSettings = z
  .strictObject({
    language: z
      .enum(REPORT_LANGUAGES, { error: `must be one of ${REPORT_LANGUAGES.join(', ')}` })
      .optional()
      .describe("the workspace's language: the touchpoint audit report is written in it by default"),
    contactFrequencyCap: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('business→customer touches per customer per 30 days before contact fatigue (default 8)'),
    retentionDays: z
      .number({ error: 'must be a number of days or null' })
      .int('must be a whole number of days')
      .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} days (the analyses compare months)`)
      .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days; leave it empty to keep records`)
      .nullable()
      .optional()
      .describe(
        `days after which interactions, feedback and quarantined records are deleted automatically ` +
          `(${MIN_RETENTION_DAYS}–${MAX_RETENTION_DAYS}; null or absent: kept forever)`,
      ),
    commentRetentionDays: z
      .number({ error: 'must be a number of days or null' })
      .int('must be a whole number of days')
      .min(MIN_COMMENT_RETENTION_DAYS, `must be at least ${MIN_COMMENT_RETENTION_DAYS} day`)
      .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
      .nullable()
      .optional()
      .describe(
        'days after which feedback comments are removed, the answers kept (at most retentionDays; ' +
          'null or absent: comments go with their answer)',
      ),
  })
  .superRefine((settings, ctx) => {
    const { retentionDays, commentRetentionDays } = settings;
    if (typeof retentionDays === 'number' && typeof commentRetentionDays === 'number')
      if (commentRetentionDays > retentionDays)
        ctx.addIssue({
          code: 'custom',
          path: ['commentRetentionDays'],
          message: `must be at most retentionDays (${retentionDays}): comments cannot outlive their answer`,
        });
  });

export const ZWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  settings: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  role: z.enum(ROLES).optional().describe("the caller's role"),
});

export const ZWorkspaceCreate = z.strictObject({
  name: ZName,
  description: ZText.optional(),
  brandName: ZName.optional().describe('name of the own brand (default: the workspace name)'),
  settings: ZWorkspaceSettings.optional(),
});

export const ZWorkspacePatch = z.strictObject({
  version: ZVersion,
  name: ZName.optional(),
  description: ZText.optional(),
  settings: ZWorkspaceSettings.optional(),
});

export const ZMember = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  since: ZTimestamp,
});

/** GET /members: pages of up to 500 (all of a usual workspace in one), searchable. */
export const ZMemberListQuery = z.strictObject({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(500)
    .describe('members per page (default and most: 500)'),
  offset: ZPageQuery.offset,
  q: z.string().max(200).optional().describe('only members whose e-mail or name holds this text'),
});

export const ZMemberAdd = z.strictObject({
  email: ZEmail,
  role: z.enum(ROLES),
  name: z.string().trim().max(200).optional(),
  password: ZPassword.optional().describe(
    'needed when no account has this e-mail yet: the account is created',
  ),
});

export const ZMemberParams = z.strictObject({ workspaceId: ZId, userId: ZId });
export const ZMemberPatch = z.strictObject({ role: z.enum(ROLES) });

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: ZTimestamp,
  expiresAt: ZTimestamp.nullable(),
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
});

export const ZApiTokenCreate = z.strictObject({
  name: ZName,
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, 'give at least one scope'),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});

export const ZAuditEntry = z.object({
  id: z.number().int(),
  actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  at: ZTimestamp,
});

export const ZAuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('entries older than this id (next page)'),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
});
