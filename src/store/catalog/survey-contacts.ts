/**
 * Contact details respondents consented to give with a survey answer (SPEC §6): personal data,
 * kept apart from the answers. Editors list them per survey and erase one; the privacy module
 * erases and exports those of a customer key (`deleteContactsOfCustomer`, `contactsOfCustomer`).
 * They go with their survey when it is deleted. (The public answer route inserts them.)
 */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { NotFoundError } from '../../domain/errors.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import type { PageQuery } from './paging.js';
import { surveyContacts } from './schema.js';
import { getSurvey } from './surveys.js';

export type SurveyContactRow = typeof surveyContacts.$inferSelect;

export function toSurveyContactDto(c: SurveyContactRow) {
  return {
    id: c.id,
    surveyId: c.surveyId,
    submissionId: c.submissionId,
    customer: c.customer,
    email: c.email,
    phone: c.phone,
    language: c.language,
    createdAt: c.createdAt.toISOString(),
  };
}
export type SurveyContactDto = ReturnType<typeof toSurveyContactDto>;

/** A survey's contacts, newest first (404 when the survey is not in the workspace). */
export async function listSurveyContacts(db: Db, workspaceId: string, surveyId: string, page: PageQuery) {
  await getSurvey(db, workspaceId, surveyId);
  const where = and(eq(surveyContacts.workspaceId, workspaceId), eq(surveyContacts.surveyId, surveyId));
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(surveyContacts)
      .where(where)
      .orderBy(desc(surveyContacts.createdAt), asc(surveyContacts.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(surveyContacts).where(where),
  ]);
  return {
    items: rows.map(toSurveyContactDto),
    total: Number(totals[0]?.n ?? 0),
    limit: page.limit,
    offset: page.offset,
  };
}

/** Erases one contact of a survey; the audit log records that it was erased, not what it held. */
export async function deleteSurveyContact(
  db: Db,
  actor: Actor,
  workspaceId: string,
  surveyId: string,
  contactId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await getSurvey(tx, workspaceId, surveyId);
    const deleted = await tx
      .delete(surveyContacts)
      .where(
        and(
          eq(surveyContacts.id, contactId),
          eq(surveyContacts.workspaceId, workspaceId),
          eq(surveyContacts.surveyId, surveyId),
        ),
      )
      .returning({ id: surveyContacts.id, submissionId: surveyContacts.submissionId });
    if (deleted.length === 0) throw new NotFoundError('survey contact', contactId);
    await recordAudit(tx, actor, workspaceId, {
      action: 'contact_erase',
      entityType: 'survey',
      entityId: surveyId,
      before: { contactId, submissionId: deleted[0]?.submissionId },
    });
  });
}

/** Every contact given under a customer key in the workspace (for the customer's data export). */
export async function contactsOfCustomer(
  db: Db,
  workspaceId: string,
  customer: string,
): Promise<SurveyContactDto[]> {
  const rows = await db
    .select()
    .from(surveyContacts)
    .where(and(eq(surveyContacts.workspaceId, workspaceId), eq(surveyContacts.customer, customer)))
    .orderBy(asc(surveyContacts.createdAt), asc(surveyContacts.id));
  return rows.map(toSurveyContactDto);
}

/** Erases every contact given under a customer key in the workspace; returns how many. */
export async function deleteContactsOfCustomer(
  db: Db,
  workspaceId: string,
  customer: string,
): Promise<number> {
  const deleted = await db
    .delete(surveyContacts)
    .where(and(eq(surveyContacts.workspaceId, workspaceId), eq(surveyContacts.customer, customer)))
    .returning({ id: surveyContacts.id });
  return deleted.length;
}

export interface NewSurveyContact {
  surveyId: string;
  submissionId: string;
  customer: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  createdAt?: Date | undefined;
}

/**
 * Stores contacts of surveys of the workspace given with their submissions (the demo's; the
 * public answer route has its own); a submission's contact already stored is kept. Returns how
 * many were stored.
 */
export async function addSurveyContacts(
  db: Db,
  workspaceId: string,
  contacts: readonly NewSurveyContact[],
): Promise<number> {
  if (contacts.length === 0) return 0;
  const stored = await db
    .insert(surveyContacts)
    .values(contacts.map((c) => ({ id: crypto.randomUUID(), workspaceId, ...c })))
    .onConflictDoNothing({ target: [surveyContacts.surveyId, surveyContacts.submissionId] })
    .returning({ id: surveyContacts.id });
  return stored.length;
}
