/**
 * Stores one respondent's answers to a survey (SPEC §6), from its public page, the embed widget, a
 * kiosk or a QR poster: checked against the survey's questions, one feedback row per answered
 * question with id `s:<surveyId>:<submissionId>:<questionId>` (a re-sent submission adds nothing),
 * tagged with the survey, question, source, language and choice. The contact goes to the catalog
 * only with the respondent's consent; an answer that breaks the survey's complaint rule opens a
 * complaint (once per submission).
 */
import { openComplaintFromSurveyAnswer } from '../complaints/intake.js';
import { AppError, type FieldIssue, ValidationError } from '../domain/errors.js';
import {
  breaksComplaintRule,
  type FeedbackSource,
  isLanguage,
  type Language,
  SCORE_SCALES,
  type SurveyQuestion,
  surveyLanguages,
} from '../domain/survey-model.js';
import type { Db } from '../store/catalog/db.js';
import { insertSurveyContact, type SurveyRow, surveyOpenState } from '../store/catalog/survey-public.js';
import type { EventStore, FeedbackAnswer, InsertResult } from '../store/events/event-store.js';

/** The longest comment a respondent may leave, in characters. */
export const MAX_COMMENT_CHARS = 2000;
/** A one-time submission id: 8–64 letters, digits, `-` or `_` (a UUID fits). */
export const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;
const PHONE = /^\+?[0-9 ()./-]{5,32}$/;

/** What a respondent sends: their answers by question id (a score, a choice key or a comment). */
export interface SurveySubmission {
  submissionId: string;
  source: FeedbackSource;
  /** The language the respondent answered in; one the survey offers, else its default. */
  language?: string | null | undefined;
  answers: Record<string, unknown>;
  /** The customer key the embedding site knows the respondent by, if any. */
  customer?: string | null | undefined;
  /** Only kept when the survey asks for consent and `consent` is true. */
  contact?:
    | { consent?: boolean | undefined; email?: string | null | undefined; phone?: string | null | undefined }
    | null
    | undefined;
}

export interface SurveyIngestResult {
  /** Feedback rows stored by this call (0 when the submission was sent before). */
  stored: number;
  /** The submission had been received before: nothing new was stored. */
  duplicate: boolean;
  /** The language the answers were stored with. */
  language: Language;
  /** A complaint was opened (or had been opened by this submission before). */
  complaint: boolean;
}

export interface SurveyIngestOptions {
  /** When the answers were received (default now); also the time their dates are checked at. */
  now?: Date;
}

interface CheckedAnswer {
  question: SurveyQuestion;
  kind: FeedbackAnswer['kind'];
  score: number;
  comment: string | null;
  choice: string | null;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A whole number given as a number or as digits (form fields are text). */
function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,3}\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Checks the answers against the questions; every fault is named `answers.<questionId>`. */
export function checkAnswers(questions: readonly SurveyQuestion[], answers: Record<string, unknown>) {
  const issues: FieldIssue[] = [];
  const checked: CheckedAnswer[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key))
      issues.push({ field: `answers.${key}`, message: 'this survey has no such question' });
  }
  for (const question of questions) {
    const field = `answers.${question.id}`;
    const value = answers[question.id];
    if (isBlank(value)) {
      if (question.required) issues.push({ field, message: 'is required' });
      continue;
    }
    if (question.kind === 'csat' || question.kind === 'nps' || question.kind === 'ces') {
      const { min, max } = SCORE_SCALES[question.kind];
      const score = wholeNumber(value);
      if (score === undefined || score < min || score > max) {
        issues.push({ field, message: `must be a whole number from ${min} to ${max}` });
        continue;
      }
      checked.push({ question, kind: question.kind, score, comment: null, choice: null });
    } else if (question.kind === 'choice') {
      const options = question.options ?? [];
      const index = options.findIndex((o) => o.key === value);
      if (index < 0) {
        issues.push({ field, message: `must be one of ${options.map((o) => o.key).join(', ')}` });
        continue;
      }
      checked.push({ question, kind: 'choice', score: index, comment: null, choice: String(value) });
    } else {
      if (typeof value !== 'string') {
        issues.push({ field, message: 'must be text' });
        continue;
      }
      const text = value.replaceAll('\r\n', '\n').trim();
      if (text.length > MAX_COMMENT_CHARS) {
        issues.push({
          field,
          message: `must be at most ${MAX_COMMENT_CHARS} characters (got ${text.length})`,
        });
        continue;
      }
      checked.push({ question, kind: 'comment', score: 0, comment: text, choice: null });
    }
  }
  if (issues.length === 0 && checked.length === 0)
    issues.push({ field: 'answers', message: 'answer at least one question' });
  return { issues, checked };
}

interface Waiting {
  rows: FeedbackAnswer[];
  resolve: (result: InsertResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of survey answers: submissions arriving while the store writes the previous ones
 * go to it together in one insert (one write costs the store about as much for 1 answer as for
 * 1,000), each told what it stored. With several submissions in a group, the ids already stored
 * are read first, so each learns whether it was a re-send.
 */
class FeedbackBatcher {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly events: EventStore) {}

  insert(rows: FeedbackAnswer[]): Promise<InsertResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0);
        try {
          await this.store(group);
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async store(group: Waiting[]): Promise<void> {
    const [only] = group;
    if (group.length === 1 && only) {
      only.resolve(await this.events.insertFeedback(only.rows));
      return;
    }
    const all = group.flatMap((w) => w.rows);
    const stored = new Set<string>();
    for (const workspaceId of new Set(all.map((r) => r.workspaceId))) {
      const ids = all.filter((r) => r.workspaceId === workspaceId).map((r) => r.id);
      const found = await this.events.query<{ id: string }>({
        sql: 'SELECT id FROM feedback WHERE workspace_id = $workspaceId AND list_contains($ids, id)',
        params: { workspaceId, ids },
      });
      for (const row of found) stored.add(`${workspaceId}\u0000${row.id}`);
    }
    await this.events.insertFeedback(all);
    for (const w of group) {
      let inserted = 0;
      for (const r of w.rows) {
        const key = `${r.workspaceId}\u0000${r.id}`;
        if (stored.has(key)) continue;
        stored.add(key);
        inserted += 1;
      }
      w.resolve({ inserted, duplicates: w.rows.length - inserted });
    }
  }
}

const batchers = new WeakMap<EventStore, FeedbackBatcher>();

/** Stores survey answers in the next group commit of `events` (see FeedbackBatcher). */
function insertAnswers(events: EventStore, rows: FeedbackAnswer[]): Promise<InsertResult> {
  let batcher = batchers.get(events);
  if (!batcher) {
    batcher = new FeedbackBatcher(events);
    batchers.set(events, batcher);
  }
  return batcher.insert(rows);
}

/** The survey's answer to a closed, draft or not-yet-open survey: 409 or 410 with a clear message. */
export function refuseUnlessOpen(survey: Pick<SurveyRow, 'status' | 'startsAt' | 'endsAt'>, now: Date): void {
  const state = surveyOpenState(survey, now);
  if (!state.open)
    throw new AppError(
      state.status,
      state.status === 409 ? 'survey_not_open' : 'survey_closed',
      state.message,
      {
        reason: state.reason,
      },
    );
}

/**
 * Checks and stores one submission to `survey`. Throws 409/410 when the survey takes no answers,
 * 400 naming `answers.<questionId>` (or `submissionId`, `contact.email`, …) for bad input.
 */
export async function ingestSurveyAnswers(
  db: Db,
  events: EventStore,
  survey: SurveyRow,
  submission: SurveySubmission,
  options: SurveyIngestOptions = {},
): Promise<SurveyIngestResult> {
  const now = options.now ?? new Date();
  refuseUnlessOpen(survey, now);

  const issues: FieldIssue[] = [];
  if (!SUBMISSION_ID.test(submission.submissionId))
    issues.push({ field: 'submissionId', message: 'must be 8–64 letters, digits, - or _' });
  const checkedAnswers = checkAnswers(survey.questions, submission.answers ?? {});
  issues.push(...checkedAnswers.issues);
  const contact = submission.contact;
  const consented = survey.contactConsent && contact?.consent === true;
  const email = consented ? contact?.email?.trim() || null : null;
  const phone = consented ? contact?.phone?.trim() || null : null;
  if (email !== null && (email.length > 254 || !EMAIL.test(email)))
    issues.push({ field: 'contact.email', message: 'must be an e-mail address' });
  if (phone !== null && !PHONE.test(phone))
    issues.push({ field: 'contact.phone', message: 'must be a phone number (digits, spaces, +, -, (, ))' });
  const customer = submission.customer?.trim() || null;
  if (customer !== null && customer.length > 200)
    issues.push({ field: 'customer', message: 'must be at most 200 characters' });
  if (issues.length > 0) throw new ValidationError(issues);

  const offered = surveyLanguages(survey.texts);
  const fallback = survey.defaultLanguage as Language;
  const language: Language =
    isLanguage(submission.language) && (offered.length === 0 || offered.includes(submission.language))
      ? submission.language
      : fallback;

  const at = now.getTime();
  const answers = checkedAnswers.checked;
  const commentText = answers.find((a) => a.kind === 'comment')?.comment ?? null;
  const firstRating = answers.find((a) => a.kind === 'csat' || a.kind === 'nps' || a.kind === 'ces');
  const rows: FeedbackAnswer[] = answers.map((a) => ({
    workspaceId: survey.workspaceId,
    id: `s:${survey.id}:${submission.submissionId}:${a.question.id}`,
    touchpointId: survey.touchpointId,
    customer,
    at,
    kind: a.kind,
    score: a.score,
    // The submission's comment also rides on its first rating (comment lists per rating).
    comment: a === firstRating ? commentText : a.comment,
    surveyId: survey.id,
    question: a.question.id,
    source: submission.source,
    language,
    choice: a.choice,
  }));
  const result = await insertAnswers(events, rows);
  const duplicate = result.inserted === 0 && result.duplicates > 0;

  if (email !== null || phone !== null) {
    await insertSurveyContact(db, {
      workspaceId: survey.workspaceId,
      surveyId: survey.id,
      submissionId: submission.submissionId,
      customer,
      email,
      phone,
      language,
    });
  }

  const scores: Partial<Record<'csat' | 'nps' | 'ces', number>> = {};
  for (const a of answers) {
    if ((a.kind === 'csat' || a.kind === 'nps' || a.kind === 'ces') && scores[a.kind] === undefined)
      scores[a.kind] = a.score;
  }
  let complaint = false;
  if (breaksComplaintRule(survey.complaintRule ?? null, scores, commentText)) {
    // Idempotent by the submission: a re-sent submission finds the complaint it opened.
    await openComplaintFromSurveyAnswer(db, {
      workspaceId: survey.workspaceId,
      surveyId: survey.id,
      touchpointId: survey.touchpointId,
      submissionId: submission.submissionId,
      customer,
      scores,
      text: commentText,
      language,
      source: submission.source,
      at: now,
    });
    complaint = true;
  }
  return { stored: result.inserted, duplicate, language, complaint };
}
