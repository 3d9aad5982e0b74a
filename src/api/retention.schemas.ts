import { z } from 'zod';
import { ZTimestamp } from './common.schemas.js';

export const ZRetentionRun = z.object({
  interactions: z.number().int().describe('interactions deleted'),
  feedback: z.number().int().describe('feedback answers deleted'),
  quarantined: z.number().int().describe('quarantined records deleted'),
  commentsStripped: z.number().int().describe('feedback comments removed (the answers stay)'),
  deleteBefore: ZTimestamp.nullable().describe('records older than this were deleted (null: none)'),
  stripCommentsBefore: ZTimestamp.nullable().describe('comments older than this were removed (null: none)'),
});

export const ZRetentionStatus = z.object({
  retentionDays: z.number().int().nullable().describe('null: records are kept forever'),
  commentRetentionDays: z.number().int().nullable().describe('null: comments go with their answer'),
  nextRunAt: ZTimestamp.nullable().describe('when the server runs retention next (null: no retention set)'),
  running: z.boolean().describe('a run is in progress'),
  lastRun: z
    .object({
      startedAt: ZTimestamp,
      finishedAt: ZTimestamp.nullable(),
      result: ZRetentionRun.nullable().describe('what the run removed (null: it failed or is running)'),
      error: z.string().nullable(),
    })
    .nullable()
    .describe('the last run (null: none yet)'),
});
