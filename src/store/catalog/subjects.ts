/** Subjects: what touchpoints belong to — a location, product, service, division or employee. */
import { and, eq, ilike, or } from 'drizzle-orm';
import type { SubjectKind } from '../../domain/vocabulary.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { subjects } from './schema.js';
import { findOne, updateVersioned } from './versioned.js';

export type SubjectRow = typeof subjects.$inferSelect;

export function toSubjectDto(s: SubjectRow) {
  return {
    id: s.id,
    kind: s.kind as SubjectKind,
    name: s.name,
    description: s.description,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export interface SubjectInput {
  kind: SubjectKind;
  name: string;
  description?: string | undefined;
}

export interface SubjectFilter extends PageQuery {
  kind?: SubjectKind | undefined;
  q?: string | undefined;
}

export const SUBJECT_SORTS = ['name', 'kind', 'createdAt', 'updatedAt'] as const;

export async function listSubjects(db: Db, workspaceId: string, f: SubjectFilter) {
  const where = and(
    eq(subjects.workspaceId, workspaceId),
    f.kind ? eq(subjects.kind, f.kind) : undefined,
    f.q
      ? or(ilike(subjects.name, likePattern(f.q)), ilike(subjects.description, likePattern(f.q)))
      : undefined,
  );
  const sortable = {
    name: subjects.name,
    kind: subjects.kind,
    createdAt: subjects.createdAt,
    updatedAt: subjects.updatedAt,
  };
  const { rows, total } = await readPage(db, subjects, where, sortable, 'name', f);
  return { items: rows.map(toSubjectDto), total, limit: f.limit, offset: f.offset };
}

export async function getSubject(db: Db, workspaceId: string, id: string): Promise<SubjectRow> {
  return findOne(db, subjects, 'subject', workspaceId, id);
}

export async function createSubject(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SubjectInput,
): Promise<SubjectRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(subjects)
      .values({ id: crypto.randomUUID(), workspaceId, ...input })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'subject',
      entityId: row.id,
      after: toSubjectDto(row),
    });
    return row;
  });
}

export async function updateSubject(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: Partial<SubjectInput> & { version: number },
): Promise<SubjectRow> {
  return db.transaction(async (tx) => {
    const before = await getSubject(tx, workspaceId, id);
    const { version, ...values } = patch;
    const after = await updateVersioned(tx, subjects, 'subject', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'subject',
      entityId: id,
      before: toSubjectDto(before),
      after: toSubjectDto(after),
    });
    return after;
  });
}

/** Deletes a subject; its touchpoints stay and lose their subject. */
export async function deleteSubject(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSubject(tx, workspaceId, id);
    await tx.delete(subjects).where(and(eq(subjects.id, id), eq(subjects.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'subject',
      entityId: id,
      before: toSubjectDto(before),
    });
  });
}
