/**
 * Comments on a journey map: the API contract. Routes, all under
 * /api/workspaces/{workspaceId}/journeys/{id}:
 * - GET    /comments                the map's comments, oldest first (filters below) — read
 * - GET    /comments/counts         counts per card, per cell and on the map — read
 * - POST   /comments                comment on the map, a cell or a card; mentions `@e-mail` — write
 * - PATCH  /comments/{commentId}    change the text (its author) or resolve / reopen (any writer) — write
 * - DELETE /comments/{commentId}    delete (its author or an owner) — write
 * Viewers read comments but do not write them: commenting is part of working on the map.
 */
import { z } from 'zod';
import { ZId, ZPageQuery, ZQueryBool, ZTimestamp } from './common.schemas.js';

export const JOURNEY_COMMENT_PATHS = {
  list: '/api/workspaces/{workspaceId}/journeys/{id}/comments',
  counts: '/api/workspaces/{workspaceId}/journeys/{id}/comments/counts',
  item: '/api/workspaces/{workspaceId}/journeys/{id}/comments/{commentId}',
} as const;

export const ZCommentParams = z.strictObject({ workspaceId: ZId, id: ZId, commentId: ZId });

const ZLaneKey = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');

export const ZCommentBody = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(5000, 'must be at most 5000 characters')
  .describe('the text; `@e-mail` mentions a member of the workspace, who is notified');

export const ZJourneyCommentCreate = z.strictObject({
  body: ZCommentBody,
  stageId: ZId.optional().describe('with lane: a comment on that cell'),
  lane: ZLaneKey.optional().describe('with stageId: a comment on that cell'),
  itemId: ZId.optional().describe('a comment on that card (item); neither: on the map itself'),
});

export const ZJourneyCommentPatch = z
  .strictObject({
    body: ZCommentBody.optional().describe('new text (the author only)'),
    resolved: z.boolean().optional().describe('true resolves, false reopens'),
  })
  .refine((p) => p.body !== undefined || p.resolved !== undefined, {
    message: 'give body or resolved',
    path: ['body'],
  });

export const ZJourneyCommentQuery = z.strictObject({
  ...ZPageQuery,
  itemId: ZId.optional().describe("a card's comments"),
  stageId: ZId.optional().describe("a stage's cell comments (with lane: one cell's)"),
  lane: ZLaneKey.optional(),
  resolved: ZQueryBool.optional().describe('true: resolved only; false: open only'),
});

export const ZMention = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const ZJourneyComment = z.object({
  id: z.string(),
  journeyId: z.string(),
  stageId: z.string().nullable(),
  lane: z.string().nullable(),
  itemId: z.string().nullable(),
  authorUserId: z.string().nullable().describe('null: written by an API token, or the author left'),
  authorName: z.string().describe('the author’s name or e-mail at the time of writing'),
  body: z.string(),
  mentions: z.array(ZMention).describe('the members mentioned in the text'),
  resolvedAt: ZTimestamp.nullable(),
  resolvedByUserId: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const ZCount = { total: z.number().int(), unresolved: z.number().int() };

export const ZJourneyCommentCounts = z.object({
  ...ZCount,
  map: z.object(ZCount).describe('comments on the map itself'),
  items: z.array(z.object({ itemId: z.string(), ...ZCount })),
  cells: z.array(z.object({ stageId: z.string(), lane: z.string(), ...ZCount })),
});

export type JourneyComment = z.infer<typeof ZJourneyComment>;
export type JourneyCommentCounts = z.infer<typeof ZJourneyCommentCounts>;
