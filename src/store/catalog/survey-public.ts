/**
 * What the ways to answer a survey without an account read and write in the catalog (SPEC §6):
 * a survey by its public code, a kiosk device by the SHA-256 of its token, the contact a
 * respondent consented to give, and the surveys a QR poster prints. Public readers get only
 * what a respondent needs (`toPublicSurvey`): never the workspace, the touchpoint's id or answers.
 */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import {
  type Language,
  type SurveyQuestion,
  type SurveyStatus,
  type SurveyTexts,
  surveyLanguages,
} from '../../domain/survey-model.js';
import type { Db } from './db.js';
import { channels, kioskDevices, surveyContacts, surveys, touchpoints } from './schema.js';
import { hashSecret } from './secrets.js';

export type SurveyRow = typeof surveys.$inferSelect;
export type KioskDeviceRow = typeof kioskDevices.$inferSelect;

/** A survey as the public pages and the ingest need it: its row and its touchpoint's name. */
export interface PublicSurveyRecord {
  survey: SurveyRow;
  touchpointName: string;
}

/** A kiosk device is seen at most once a minute (one write per answer would be wasteful). */
const LAST_SEEN_EVERY_MS = 60_000;

/** Public codes are 10 lower-case letters and digits (`surveys.code`). */
export const SURVEY_CODE = /^[a-z0-9]{10}$/;

/** The survey with this public code and its touchpoint's name, or undefined. */
export async function findSurveyByCode(db: Db, code: string): Promise<PublicSurveyRecord | undefined> {
  if (!SURVEY_CODE.test(code)) return undefined;
  const [row] = await db
    .select({ survey: surveys, touchpointName: touchpoints.name })
    .from(surveys)
    .innerJoin(touchpoints, eq(touchpoints.id, surveys.touchpointId))
    .where(eq(surveys.code, code))
    .limit(1);
  return row;
}

/**
 * The kiosk device holding `token` and its survey, or undefined for an unknown token. Marks the
 * device as seen (at most once a minute). A revoked device is returned (the caller says 410).
 */
export async function findKioskDevice(
  db: Db,
  token: string,
  now = new Date(),
): Promise<(PublicSurveyRecord & { device: KioskDeviceRow }) | undefined> {
  if (token.length < 8 || token.length > 200) return undefined;
  const [row] = await db
    .select({ device: kioskDevices, survey: surveys, touchpointName: touchpoints.name })
    .from(kioskDevices)
    .innerJoin(surveys, eq(surveys.id, kioskDevices.surveyId))
    .innerJoin(touchpoints, eq(touchpoints.id, surveys.touchpointId))
    .where(eq(kioskDevices.tokenHash, hashSecret(token)))
    .limit(1);
  if (!row) return undefined;
  const seen = row.device.lastSeenAt?.getTime() ?? 0;
  if (!row.device.revokedAt && now.getTime() - seen >= LAST_SEEN_EVERY_MS) {
    await db.update(kioskDevices).set({ lastSeenAt: now }).where(eq(kioskDevices.id, row.device.id));
    row.device.lastSeenAt = now;
  }
  return row;
}

export interface SurveyContactInput {
  workspaceId: string;
  surveyId: string;
  submissionId: string;
  customer: string | null;
  email: string | null;
  phone: string | null;
  language: Language;
}

/** Stores a respondent's contact once per submission; false when the submission already left one. */
export async function insertSurveyContact(db: Db, input: SurveyContactInput): Promise<boolean> {
  const inserted = await db
    .insert(surveyContacts)
    .values({ id: crypto.randomUUID(), ...input })
    .onConflictDoNothing({ target: [surveyContacts.surveyId, surveyContacts.submissionId] })
    .returning({ id: surveyContacts.id });
  return inserted.length > 0;
}

/** Whether a survey takes answers now, and if not why (draft 409, closed or outside its dates 410). */
export type SurveyOpenState =
  | { open: true }
  | { open: false; status: 409 | 410; reason: 'draft' | 'closed' | 'not_started' | 'ended'; message: string };

export function surveyOpenState(
  s: Pick<SurveyRow, 'status' | 'startsAt' | 'endsAt'>,
  now = new Date(),
): SurveyOpenState {
  if ((s.status as SurveyStatus) === 'draft')
    return { open: false, status: 409, reason: 'draft', message: 'this survey is not open yet' };
  if ((s.status as SurveyStatus) === 'closed')
    return { open: false, status: 410, reason: 'closed', message: 'this survey is closed' };
  if (s.startsAt && s.startsAt.getTime() > now.getTime())
    return {
      open: false,
      status: 410,
      reason: 'not_started',
      message: `this survey opens on ${s.startsAt.toISOString().slice(0, 10)}`,
    };
  if (s.endsAt && s.endsAt.getTime() <= now.getTime())
    return {
      open: false,
      status: 410,
      reason: 'ended',
      message: `this survey ended on ${s.endsAt.toISOString().slice(0, 10)}`,
    };
  return { open: true };
}

/** What a respondent's page needs of a survey: its public texts and questions, nothing else. */
export interface PublicSurvey {
  code: string;
  touchpointName: string;
  status: SurveyStatus;
  open: boolean;
  /** When closed: why, as SurveyOpenState's reason. */
  closedReason: 'draft' | 'closed' | 'not_started' | 'ended' | null;
  defaultLanguage: Language;
  languages: Language[];
  texts: SurveyTexts;
  questions: SurveyQuestion[];
  colour: string;
  logo: string | null;
  contactConsent: boolean;
}

export function toPublicSurvey(record: PublicSurveyRecord, now = new Date()): PublicSurvey {
  const s = record.survey;
  const state = surveyOpenState(s, now);
  const texts = s.texts;
  const languages = surveyLanguages(texts);
  const defaultLanguage = s.defaultLanguage as Language;
  return {
    code: s.code,
    touchpointName: record.touchpointName,
    status: s.status as SurveyStatus,
    open: state.open,
    closedReason: state.open ? null : state.reason,
    defaultLanguage,
    languages: languages.length > 0 ? languages : [defaultLanguage],
    texts: {
      title: texts.title,
      ...(texts.intro && { intro: texts.intro }),
      thankYou: texts.thankYou,
      ...(s.contactConsent && texts.consent && { consent: texts.consent }),
    },
    questions: s.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      text: q.text,
      ...(q.kind === 'choice' && { options: (q.options ?? []).map((o) => ({ key: o.key, text: o.text })) }),
    })),
    colour: s.colour,
    logo: s.logo,
    contactConsent: s.contactConsent,
  };
}

/** A survey to print on a poster: its code, name, language, texts and its touchpoint's name. */
export interface PosterSurvey {
  id: string;
  code: string;
  name: string;
  status: SurveyStatus;
  defaultLanguage: Language;
  texts: SurveyTexts;
  colour: string;
  logo: string | null;
  touchpointName: string;
}

const posterColumns = {
  id: surveys.id,
  code: surveys.code,
  name: surveys.name,
  status: surveys.status,
  defaultLanguage: surveys.defaultLanguage,
  texts: surveys.texts,
  colour: surveys.colour,
  logo: surveys.logo,
  touchpointName: touchpoints.name,
};

/** One survey of the workspace for its poster, or undefined. */
export async function findPosterSurvey(
  db: Db,
  workspaceId: string,
  surveyId: string,
): Promise<PosterSurvey | undefined> {
  const [row] = await db
    .select(posterColumns)
    .from(surveys)
    .innerJoin(touchpoints, eq(touchpoints.id, surveys.touchpointId))
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)))
    .limit(1);
  return (
    row && { ...row, status: row.status as SurveyStatus, defaultLanguage: row.defaultLanguage as Language }
  );
}

/**
 * The live surveys at the workspace's offline touchpoints (their channel is offline; a touchpoint
 * without a channel counts by its own `online`), by touchpoint name: the sheet of QR codes.
 */
export async function listOfflinePosterSurveys(db: Db, workspaceId: string): Promise<PosterSurvey[]> {
  const rows = await db
    .select(posterColumns)
    .from(surveys)
    .innerJoin(touchpoints, eq(touchpoints.id, surveys.touchpointId))
    .leftJoin(channels, eq(channels.id, touchpoints.channelId))
    .where(
      and(
        eq(surveys.workspaceId, workspaceId),
        eq(surveys.status, 'live'),
        or(eq(channels.online, false), and(isNull(channels.id), eq(touchpoints.online, false))),
        or(isNull(surveys.endsAt), sql`${surveys.endsAt} > now()`),
      ),
    )
    .orderBy(asc(touchpoints.name), asc(surveys.name));
  return rows.map((r) => ({
    ...r,
    status: r.status as SurveyStatus,
    defaultLanguage: r.defaultLanguage as Language,
  }));
}
