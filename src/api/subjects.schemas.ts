import { z } from 'zod';
import { SUBJECT_KINDS } from '../domain/vocabulary.js';
import { SUBJECT_SORTS } from '../store/catalog/subjects.js';
import { ZName, ZPageQuery, ZText, ZTimestamp, ZVersion, zSort } from './common.schemas.js';

export const ZSubject = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZSubjectCreate = z.strictObject({
  kind: z.enum(SUBJECT_KINDS),
  name: ZName,
  description: ZText.optional(),
});

export const ZSubjectPatch = z.strictObject({
  version: ZVersion,
  kind: z.enum(SUBJECT_KINDS).optional(),
  name: ZName.optional(),
  description: ZText.optional(),
});

export const ZSubjectQuery = z.strictObject({
  ...ZPageQuery,
  kind: z.enum(SUBJECT_KINDS).optional(),
  q: z.string().max(200).optional().describe('text search in name and description'),
  sort: zSort(SUBJECT_SORTS, 'name'),
});
