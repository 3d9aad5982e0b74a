/**
 * Improvement tasks (Law 3): the API contract. Routes, all under /api/workspaces/{workspaceId}:
 * - GET    /tasks                        list (paging, sort, filters below) — read
 * - POST   /tasks                        create — write
 * - GET    /tasks/{taskId}               one task — read
 * - PATCH  /tasks/{taskId}               change (needs `version`; 409 otherwise) — write
 * - DELETE /tasks/{taskId}               delete — write
 * - GET    /tasks/{taskId}/comments      the task's comments, oldest first — read
 * - POST   /tasks/{taskId}/comments      add a comment — write
 */
import { z } from 'zod';
import { DEFAULT_TASK_MIN_SAMPLE, DEFAULT_TASK_WINDOW_DAYS, TASK_SORTS } from '../domain/task-rules.js';
import { LEVERS, TASK_STATUSES, TASK_VERIFICATION_STATES, USER_TASK_STATUSES } from '../domain/vocabulary.js';
import { ZId, ZName, ZPageQuery, ZQueryBool, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

export const TASK_PATHS = {
  list: '/api/workspaces/{workspaceId}/tasks',
  item: '/api/workspaces/{workspaceId}/tasks/{taskId}',
  comments: '/api/workspaces/{workspaceId}/tasks/{taskId}/comments',
} as const;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export const ZDate = z
  .string()
  .refine((s) => {
    if (!DATE_PATTERN.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a date YYYY-MM-DD that exists')
  .describe('date YYYY-MM-DD');

const ZLever = z
  .enum(LEVERS)
  .describe(
    'the lever of SPEC §2: staff qualification, new touchpoints, product improvement, target clients, business processes, sales channels',
  );
const ZPriority = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be between 1 and 5')
  .max(5, 'must be between 1 and 5')
  .describe('1 (highest) … 5 (lowest); default 3');
const ZWindowDays = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be between 1 and 365')
  .max(365, 'must be between 1 and 365')
  .describe(`days after done over which live data verifies the task; default ${DEFAULT_TASK_WINDOW_DAYS}`);
const ZMinSample = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000, 'must be at most 1000000')
  .describe(
    `interactions (or answers) the standard must be measured on after done before the task can be verified; default ${DEFAULT_TASK_MIN_SAMPLE}`,
  );
const ZConversionRise = z
  .number()
  .min(0.1, 'must be between 0.1 and 100')
  .max(100, 'must be between 0.1 and 100')
  .describe(
    'for a task on a chain link: the rise in the link conversion, in percentage points, that verifies the task',
  );

/** What a task works on: at least one of these is set when it is created. */
export const ZTaskTargets = z.object({
  touchpointId: z.string().nullable(),
  chainId: z.string().nullable(),
  chainLinkId: z.string().nullable().describe('one link of the chain (chainId is then the link’s chain)'),
  journeyId: z.string().nullable(),
  stageId: z.string().nullable().describe('one stage of the journey (journeyId is then the stage’s journey)'),
  standardId: z.string().nullable(),
});

const ZTargetsInput = z.strictObject({
  touchpointId: ZId.nullable().optional().describe('a touchpoint of the workspace'),
  chainId: ZId.nullable().optional().describe('a chain of the workspace'),
  chainLinkId: ZId.nullable()
    .optional()
    .describe('a link of a chain of the workspace; sets chainId to its chain when chainId is not given'),
  journeyId: ZId.nullable().optional().describe('a journey of the workspace'),
  stageId: ZId.nullable()
    .optional()
    .describe(
      'a stage of a journey of the workspace; sets journeyId to its journey when journeyId is not given',
    ),
  standardId: ZId.nullable().optional().describe('a standard of the workspace'),
});

export const ZTaskVerification = z
  .object({
    checkedAt: ZTimestamp,
    state: z.enum(TASK_VERIFICATION_STATES),
    explanation: z
      .string()
      .describe('e.g. "verified on 2026-03-02: 93 % within 20 s, required 90 %, 412 calls"'),
    figures: z
      .record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]))
      .describe('the numbers behind the explanation (share, required, measured, conversion before/after, …)'),
  })
  .describe('the latest outcome of the verification from live data; null before the task is done');

export const ZTask = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  lever: z.enum(LEVERS),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable().describe('YYYY-MM-DD'),
  priority: z.number().int(),
  status: z.enum(TASK_STATUSES),
  targets: ZTaskTargets,
  windowDays: z.number().int(),
  minSample: z.number().int(),
  conversionRiseTarget: z.number().nullable(),
  doneAt: ZTimestamp.nullable().describe(
    'when the task was last set to done: the start of the verification window',
  ),
  verification: ZTaskVerification.nullable(),
  overdue: z.boolean().describe('due date passed while still planned or in progress'),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZTaskCreate = z.strictObject({
  title: ZName,
  description: ZText.optional().describe('default empty'),
  lever: ZLever,
  ownerUserId: ZId.nullable().optional().describe('a member of the workspace'),
  dueDate: ZDate.nullable().optional(),
  priority: ZPriority.optional(),
  status: z
    .enum(USER_TASK_STATUSES)
    .optional()
    .describe('default planned; verified and not_effective are set by the verification'),
  targets: ZTargetsInput.describe('at least one target'),
  windowDays: ZWindowDays.optional(),
  minSample: ZMinSample.optional(),
  conversionRiseTarget: ZConversionRise.nullable().optional(),
});

export const ZTaskPatch = z.strictObject({
  version: ZVersion,
  title: ZName.optional(),
  description: ZText.optional(),
  lever: ZLever.optional(),
  ownerUserId: ZId.nullable().optional(),
  dueDate: ZDate.nullable().optional(),
  priority: ZPriority.optional(),
  status: z
    .enum(TASK_STATUSES)
    .optional()
    .describe(
      'planned, in_progress or done; a verified or not_effective task can only be reopened (planned, in_progress)',
    ),
  targets: ZTargetsInput.optional().describe(
    'only the targets given change; null clears one; at least one stays',
  ),
  windowDays: ZWindowDays.optional(),
  minSample: ZMinSample.optional(),
  conversionRiseTarget: ZConversionRise.nullable().optional(),
});

export const ZTaskQuery = z.strictObject({
  ...ZPageQuery,
  sort: zSort(TASK_SORTS, 'dueDate'),
  status: z
    .union([z.enum(TASK_STATUSES), z.array(z.enum(TASK_STATUSES))])
    .optional()
    .describe('one status, or several (repeat the parameter)'),
  lever: z.enum(LEVERS).optional(),
  ownerUserId: ZId.optional(),
  mine: ZQueryBool.optional().describe('true: only the tasks owned by the signed-in user'),
  touchpointId: ZId.optional(),
  chainId: ZId.optional(),
  chainLinkId: ZId.optional(),
  journeyId: ZId.optional(),
  stageId: ZId.optional(),
  standardId: ZId.optional(),
  overdue: ZQueryBool.optional().describe('true: only overdue tasks; false: only those not overdue'),
  dueBefore: ZDate.optional().describe('due on or before this date'),
  dueAfter: ZDate.optional().describe('due on or after this date'),
  q: z.string().max(200).optional().describe('text search in the title and description'),
});

export const ZTaskParams = z.strictObject({ workspaceId: ZId, taskId: ZId });

export const ZTaskComment = z.object({
  id: z.string(),
  taskId: z.string(),
  authorUserId: z.string().nullable().describe('null: written by an API token or the system'),
  authorName: z
    .string()
    .describe('the author’s name or e-mail at the time of writing; "system" or "API token"'),
  body: z.string(),
  createdAt: ZTimestamp,
});

export const ZTaskCommentCreate = z.strictObject({
  body: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
});

export const ZTaskCommentQuery = z.strictObject({ ...ZPageQuery });

/** What the health check proposes for a "Create task" action on a finding: POST it (after edits) to /tasks. */
export const ZTaskPrefill = z
  .object({
    title: z.string(),
    lever: z.enum(LEVERS),
    targets: ZTaskTargets.partial(),
  })
  .describe('pre-filled body for POST /tasks: the finding’s object as target and a suggested lever');

export type Task = z.infer<typeof ZTask>;
export type TaskComment = z.infer<typeof ZTaskComment>;
export type TaskPrefill = z.infer<typeof ZTaskPrefill>;
