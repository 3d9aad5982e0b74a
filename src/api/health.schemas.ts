import { z } from 'zod';
import { HEALTH_OBJECT_TYPES, HEALTH_RULE_NAMES } from '../domain/health.js';
import { ZTaskPrefill } from './tasks.schemas.js';

export const ZHealthFinding = z.object({
  rule: z.enum(HEALTH_RULE_NAMES),
  severity: z.enum(['error', 'warning']),
  law: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  message: z.string(),
  object: z.object({
    type: z.enum(HEALTH_OBJECT_TYPES),
    id: z.string(),
    name: z.string(),
    key: z.string().optional(),
  }),
  link: z.string().describe('API path of the object (for a stage: of its journey)'),
  createTask: ZTaskPrefill,
});

export const ZHealthReport = z.object({
  summary: z.object({
    total: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
    byRule: z.record(z.enum(HEALTH_RULE_NAMES), z.number().int()),
  }),
  findings: z.array(ZHealthFinding),
});
