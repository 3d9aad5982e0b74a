/**
 * The complaint register (SPEC §6): the API contract. Routes, all under /api/workspaces/{workspaceId}:
 * - GET    /complaints                        list (paging, sort, filters below) — read
 * - POST   /complaints                        enter a complaint (source staff) — write
 * - GET    /complaints/{complaintId}          one complaint — read
 * - PATCH  /complaints/{complaintId}          change, move, resolve (needs `version`; 409 otherwise) — write
 * - GET    /complaints/{complaintId}/history  its audit log, oldest first — read
 * - POST   /complaints/{complaintId}/task     make an improvement task on its touchpoint — write
 */
import { z } from 'zod';
import {
  COMPLAINT_SEVERITIES,
  COMPLAINT_SORTS,
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
} from '../domain/complaint-rules.js';
import { LEVERS } from '../domain/vocabulary.js';
import { ZId, ZName, ZPageQuery, ZQueryBool, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';
import { ZDate, ZTask } from './tasks.schemas.js';

export const COMPLAINT_PATHS = {
  list: '/api/workspaces/{workspaceId}/complaints',
  item: '/api/workspaces/{workspaceId}/complaints/{complaintId}',
  history: '/api/workspaces/{workspaceId}/complaints/{complaintId}/history',
  task: '/api/workspaces/{workspaceId}/complaints/{complaintId}/task',
} as const;

/** As long as ingestion accepts a customer key (customers.schemas.ts, which imports this module). */
const MAX_CUSTOMER_KEY = 256;

const ZStatus = z
  .enum(COMPLAINT_STATUSES)
  .describe(
    'new → in_progress → resolved | rejected; a resolved or rejected complaint may be reopened (in_progress)',
  );
const ZSeverity = z.enum(COMPLAINT_SEVERITIES).describe('low, medium, high or critical');
const ZCustomer = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_CUSTOMER_KEY, `must be at most ${MAX_CUSTOMER_KEY} characters`)
  .describe('the customer key, as interactions carry it');
const ZComplaintText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(5000, 'must be at most 5000 characters');

export const ZComplaint = z.object({
  id: z.string(),
  touchpointId: z.string().nullable(),
  customer: z.string().nullable(),
  text: z.string(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  ownerUserId: z.string().nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  source: z.enum(COMPLAINT_SOURCES).describe('survey, review, interaction (outcome=complaint) or staff'),
  sourceRef: z
    .string()
    .nullable()
    .describe('survey: <surveyId>:<submissionId>; review: the review id; interaction: its id; staff: null'),
  receivedAt: ZTimestamp,
  firstResponseAt: ZTimestamp.nullable().describe(
    'the first move out of new, or the first resolution note written while new',
  ),
  resolvedAt: ZTimestamp.nullable().describe('when it was resolved or rejected; cleared on reopening'),
  resolutionNote: z.string(),
  taskId: z.string().nullable().describe('the improvement task made from it'),
  overdue: z
    .boolean()
    .describe('still open and unanswered for more than 24 h, or unresolved for more than 7 days'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZComplaintCreate = z.strictObject({
  touchpointId: ZId.nullable().optional().describe('a touchpoint of the workspace'),
  customer: ZCustomer.nullable().optional(),
  text: ZComplaintText,
  severity: ZSeverity.optional().describe('default medium'),
  ownerUserId: ZId.nullable().optional().describe('a member of the workspace'),
  receivedAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
    .optional()
    .describe('when it was received; default now'),
});

export const ZComplaintPatch = z.strictObject({
  version: ZVersion,
  touchpointId: ZId.nullable().optional(),
  customer: ZCustomer.nullable().optional(),
  text: ZComplaintText.optional(),
  severity: ZSeverity.optional(),
  ownerUserId: ZId.nullable().optional(),
  status: ZStatus.optional(),
  resolutionNote: ZText.optional().describe(
    'what was done or answered; the first note counts as the first response',
  ),
});

export const ZComplaintQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(COMPLAINT_SORTS, '-receivedAt' as (typeof COMPLAINT_SORTS)[number]),
  status: z
    .union([z.enum(COMPLAINT_STATUSES), z.array(z.enum(COMPLAINT_STATUSES))])
    .optional()
    .describe('one status, or several (repeat the parameter)'),
  severity: z
    .union([z.enum(COMPLAINT_SEVERITIES), z.array(z.enum(COMPLAINT_SEVERITIES))])
    .optional()
    .describe('one severity, or several (repeat the parameter)'),
  touchpointId: ZId.optional(),
  ownerUserId: ZId.optional(),
  mine: ZQueryBool.optional().describe('true: only the complaints owned by the signed-in user'),
  source: z.enum(COMPLAINT_SOURCES).optional(),
  overdue: ZQueryBool.optional().describe('true: only overdue complaints; false: only those not overdue'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('text search in the text, the resolution note and the customer key'),
});

export const ZComplaintParams = z.strictObject({ workspaceId: ZId, complaintId: ZId });

export const ZComplaintHistoryQuery = z.strictObject({ ...ZPageQuery });

export const ZComplaintChange = z.object({
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const ZComplaintHistoryEntry = z.object({
  id: z.number().int(),
  at: ZTimestamp,
  action: z.string().describe('create, update or task'),
  actorUserId: z.string().nullable(),
  actorName: z.string().describe('the user’s name or e-mail; "API token" or "system"'),
  changes: z.array(ZComplaintChange).describe('the fields set (create) or changed (update, task)'),
});

export const ZComplaintTaskCreate = z.strictObject({
  version: ZVersion.describe('the complaint’s version read (the link to the task changes it)'),
  title: ZName.optional().describe('default: names the complaint’s severity and touchpoint'),
  lever: z.enum(LEVERS).optional().describe('default business_processes'),
  ownerUserId: ZId.nullable().optional(),
  dueDate: ZDate.nullable().optional(),
});

export const ZComplaintTask = z.object({ complaint: ZComplaint, task: ZTask });

export type Complaint = z.infer<typeof ZComplaint>;
export type ComplaintHistoryEntry = z.infer<typeof ZComplaintHistoryEntry>;
