/**
 * Surveys (SPEC §6) on the editor side: create (from scratch or a template), list, change with
 * a version, delete. Every saved survey obeys domain/survey-rules.ts; every change is audited.
 * Its public `code` (10 characters a-z 0-9, unique across workspaces) never changes.
 */
import { randomInt } from 'node:crypto';
import { and, eq, ilike, inArray, or } from 'drizzle-orm';
import { type FieldIssue, invalid, ValidationError } from '../../domain/errors.js';
import {
  type ComplaintRule,
  isLanguage,
  type Language,
  type SurveyQuestion,
  type SurveyStatus,
  type SurveyTexts,
  surveyLanguages,
} from '../../domain/survey-model.js';
import { DEFAULT_SURVEY_COLOUR, type SurveyDraft, surveyIssues } from '../../domain/survey-rules.js';
import { SURVEY_TEMPLATE_KEYS, surveyTemplate } from '../../domain/survey-templates.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { chainLinks, surveys, touchpoints, workspaces } from './schema.js';
import { existsInWorkspace, findOne, updateVersioned } from './versioned.js';

export type SurveyRow = typeof surveys.$inferSelect;

/** The public code of a survey's link: 10 characters of a-z and 0-9. */
export const SURVEY_CODE_PATTERN = /^[a-z0-9]{10}$/;
const CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const CODE_ATTEMPTS = 8;

/** A fresh random public code (36^10 ≈ 3.7·10^15 of them). */
export function newSurveyCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The public page of a survey: `<public URL>/s/<code>`. */
export function surveyPublicUrl(publicBase: string, code: string): string {
  return `${publicBase.replace(/\/$/, '')}/s/${code}`;
}

/** The API view of a survey; `publicBase` is the server's public URL. */
export function toSurveyDto(s: SurveyRow, publicBase: string) {
  return {
    id: s.id,
    touchpointId: s.touchpointId,
    chainId: s.chainId,
    code: s.code,
    publicUrl: surveyPublicUrl(publicBase, s.code),
    name: s.name,
    status: s.status as SurveyStatus,
    defaultLanguage: s.defaultLanguage as Language,
    languages: surveyLanguages(s.texts),
    questions: s.questions,
    texts: s.texts,
    colour: s.colour,
    logo: s.logo,
    contactConsent: s.contactConsent,
    complaintRule: s.complaintRule ?? null,
    startsAt: s.startsAt ? s.startsAt.toISOString() : null,
    endsAt: s.endsAt ? s.endsAt.toISOString() : null,
    templateKey: s.templateKey,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
export type SurveyDto = ReturnType<typeof toSurveyDto>;

/** What the audit log keeps of a survey: everything but the logo's bytes. */
function auditView(s: SurveyRow) {
  const { logo, ...rest } = s;
  return { ...rest, logo: logo ? `(image, ${logo.length} characters)` : null };
}

interface SurveyFields {
  chainId?: string | null | undefined;
  status?: SurveyStatus | undefined;
  defaultLanguage?: Language | undefined;
  questions?: SurveyQuestion[] | undefined;
  texts?: SurveyTexts | undefined;
  colour?: string | undefined;
  logo?: string | null | undefined;
  contactConsent?: boolean | undefined;
  complaintRule?: ComplaintRule | null | undefined;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
}

export interface SurveyInput extends SurveyFields {
  touchpointId: string;
  name: string;
  templateKey?: string | undefined;
}

export interface SurveyPatch extends SurveyFields {
  version: number;
  touchpointId?: string | undefined;
  name?: string | undefined;
}

export interface SurveyFilter extends PageQuery {
  touchpointId?: string | undefined;
  chainId?: string | undefined;
  status?: SurveyStatus | SurveyStatus[] | undefined;
  q?: string | undefined;
}

/** One page of the workspace's surveys. */
export async function listSurveys(db: Db, workspaceId: string, f: SurveyFilter) {
  const statuses = f.status === undefined ? [] : Array.isArray(f.status) ? f.status : [f.status];
  const where = and(
    eq(surveys.workspaceId, workspaceId),
    f.touchpointId ? eq(surveys.touchpointId, f.touchpointId) : undefined,
    f.chainId ? eq(surveys.chainId, f.chainId) : undefined,
    statuses.length > 0 ? inArray(surveys.status, statuses) : undefined,
    f.q ? or(ilike(surveys.name, likePattern(f.q)), ilike(surveys.code, likePattern(f.q))) : undefined,
  );
  const sortable = {
    name: surveys.name,
    status: surveys.status,
    createdAt: surveys.createdAt,
    updatedAt: surveys.updatedAt,
  };
  const { rows, total } = await readPage(db, surveys, where, sortable, 'name', f);
  return { rows, total, limit: f.limit, offset: f.offset };
}

export async function getSurvey(db: Db, workspaceId: string, id: string): Promise<SurveyRow> {
  return findOne(db, surveys, 'survey', workspaceId, id);
}

/** The workspace's language when it is one a survey can be written in, else en. */
async function workspaceLanguage(db: Db, workspaceId: string): Promise<Language> {
  const [row] = await db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const language = row?.settings.language;
  return isLanguage(language) ? language : 'en';
}

/** Checks the touchpoint and chain: objects of the workspace, the chain with a link at the touchpoint. */
async function checkPlace(
  db: Db,
  workspaceId: string,
  touchpointId: string,
  chainId: string | null,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (!(await existsInWorkspace(db, touchpoints, workspaceId, touchpointId)))
    issues.push({ field: 'touchpointId', message: 'no such touchpoint in this workspace' });
  else if (chainId) {
    const [link] = await db
      .select({ id: chainLinks.id })
      .from(chainLinks)
      .where(
        and(
          eq(chainLinks.workspaceId, workspaceId),
          eq(chainLinks.chainId, chainId),
          eq(chainLinks.touchpointId, touchpointId),
        ),
      )
      .limit(1);
    if (!link)
      issues.push({
        field: 'chainId',
        message: 'no chain of this workspace with a link at the survey’s touchpoint',
      });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

function toDate(value: string | null | undefined, current: Date | null): Date | null {
  return value === undefined ? current : value === null ? null : new Date(value);
}

function checkDraft(draft: SurveyDraft): void {
  const issues = surveyIssues(draft);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Creates a survey; a `templateKey` fills the questions, texts and complaint rule not given. */
export async function createSurvey(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: SurveyInput,
): Promise<SurveyRow> {
  const template = input.templateKey === undefined ? undefined : surveyTemplate(input.templateKey);
  if (input.templateKey !== undefined && !template)
    throw invalid('templateKey', `no such template; use one of ${SURVEY_TEMPLATE_KEYS.join(', ')}`);
  const missing: FieldIssue[] = [];
  const questions = input.questions ?? template?.questions;
  const texts = input.texts ?? template?.texts;
  if (!questions) missing.push({ field: 'questions', message: 'is required (or give a templateKey)' });
  if (!texts) missing.push({ field: 'texts', message: 'is required (or give a templateKey)' });
  if (!questions || !texts) throw new ValidationError(missing);
  return db.transaction(async (tx) => {
    const chainId = input.chainId ?? null;
    await checkPlace(tx, workspaceId, input.touchpointId, chainId);
    const values = {
      workspaceId,
      touchpointId: input.touchpointId,
      chainId,
      name: input.name,
      status: input.status ?? 'draft',
      defaultLanguage: input.defaultLanguage ?? (await workspaceLanguage(tx, workspaceId)),
      questions,
      texts,
      colour: input.colour ?? DEFAULT_SURVEY_COLOUR,
      logo: input.logo ?? null,
      contactConsent: input.contactConsent ?? false,
      complaintRule:
        input.complaintRule === undefined ? (template?.complaintRule ?? null) : input.complaintRule,
      startsAt: toDate(input.startsAt, null),
      endsAt: toDate(input.endsAt, null),
      templateKey: template?.key ?? null,
    };
    checkDraft(values);
    let row: SurveyRow | undefined;
    for (let attempt = 0; !row && attempt < CODE_ATTEMPTS; attempt++) {
      [row] = await tx
        .insert(surveys)
        .values({ id: crypto.randomUUID(), code: newSurveyCode(), ...values })
        .onConflictDoNothing({ target: surveys.code })
        .returning();
    }
    if (!row) throw new Error('no free survey code found');
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'survey',
      entityId: row.id,
      after: auditView(row),
    });
    return row;
  });
}

/** Changes a survey (needs the version read); the result must still obey the survey rules. */
export async function updateSurvey(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: SurveyPatch,
): Promise<SurveyRow> {
  return db.transaction(async (tx) => {
    const current = await getSurvey(tx, workspaceId, id);
    const { version, startsAt, endsAt, ...fields } = patch;
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      startsAt: toDate(startsAt, current.startsAt),
      endsAt: toDate(endsAt, current.endsAt),
    } as SurveyRow;
    if (
      (fields.touchpointId !== undefined && fields.touchpointId !== current.touchpointId) ||
      (fields.chainId !== undefined && fields.chainId !== current.chainId)
    )
      await checkPlace(tx, workspaceId, next.touchpointId, next.chainId);
    checkDraft(next);
    const values: Partial<typeof surveys.$inferInsert> = {
      touchpointId: next.touchpointId,
      chainId: next.chainId,
      name: next.name,
      status: next.status,
      defaultLanguage: next.defaultLanguage,
      questions: next.questions,
      texts: next.texts,
      colour: next.colour,
      logo: next.logo,
      contactConsent: next.contactConsent,
      complaintRule: next.complaintRule,
      startsAt: next.startsAt,
      endsAt: next.endsAt,
    };
    const row = await updateVersioned(tx, surveys, 'survey', workspaceId, id, version, values);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'survey',
      entityId: id,
      before: auditView(current),
      after: auditView(row),
    });
    return row;
  });
}

/**
 * Deletes a survey with its contacts and kiosk devices. Its answers stay in the feedback store:
 * they were given at the touchpoint and still count in its CSAT, NPS and CES.
 */
export async function deleteSurvey(db: Db, actor: Actor, workspaceId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSurvey(tx, workspaceId, id);
    await tx.delete(surveys).where(and(eq(surveys.id, id), eq(surveys.workspaceId, workspaceId)));
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'survey',
      entityId: id,
      before: auditView(before),
    });
  });
}
