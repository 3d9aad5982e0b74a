/**
 * The editor's working copy of a survey: what the form changes and the preview draws, turned into
 * the API's patch on save. Questions carry a `uid` of the editor only (React keys survive
 * reordering and renaming the question's id). Imports only the server's schemas and domain (with
 * `.js`), so the node tests can load it.
 */
import type { z } from 'zod';
import type { ZSurvey, ZSurveyPatch } from '../../../../src/api/surveys.schemas.js';
import type {
  ComplaintRule,
  Language,
  LocalText,
  QuestionKind,
  SurveyQuestion,
  SurveyStatus,
  SurveyTexts,
} from '../../../../src/domain/survey-model.js';

type Survey = z.output<typeof ZSurvey>;
type SurveyPatch = z.input<typeof ZSurveyPatch>;

export interface DraftQuestion extends SurveyQuestion {
  uid: string;
}

export interface SurveyDraft {
  name: string;
  touchpointId: string;
  /** The chain whose link at the touchpoint the survey measures, if any. */
  chainId: string | null;
  status: SurveyStatus;
  defaultLanguage: Language;
  questions: DraftQuestion[];
  texts: SurveyTexts;
  colour: string;
  logo: string | null;
  contactConsent: boolean;
  complaintRule: ComplaintRule | null;
  startsAt: string;
  endsAt: string;
}

let counter = 0;
export const newUid = () => `q${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** `2026-12-07T10:00:00.000Z` → the `datetime-local` input's `2026-12-07T11:00` (local time). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function draftOf(survey: Survey): SurveyDraft {
  return {
    name: survey.name,
    touchpointId: survey.touchpointId,
    chainId: survey.chainId,
    status: survey.status,
    defaultLanguage: survey.defaultLanguage,
    questions: survey.questions.map((q) => ({ ...q, uid: newUid() })),
    texts: survey.texts,
    colour: survey.colour,
    logo: survey.logo ?? null,
    contactConsent: survey.contactConsent,
    complaintRule: survey.complaintRule ?? null,
    startsAt: toLocalInput(survey.startsAt),
    endsAt: toLocalInput(survey.endsAt),
  };
}

/** Drops empty texts: `{ en: 'x', de: '' }` → `{ en: 'x' }`. */
function clean(text: LocalText | undefined): LocalText {
  const out: LocalText = {};
  for (const [language, value] of Object.entries(text ?? {}) as [Language, string | undefined][]) {
    if (value !== undefined && value.trim() !== '') out[language] = value;
  }
  return out;
}

export function questionsOf(draft: SurveyDraft): SurveyQuestion[] {
  return draft.questions.map(({ uid: _uid, options, ...q }) => ({
    ...q,
    text: clean(q.text),
    ...(q.kind === 'choice'
      ? { options: (options ?? []).map((o) => ({ key: o.key, text: clean(o.text) })) }
      : {}),
  }));
}

export function patchOf(draft: SurveyDraft, version: number): SurveyPatch {
  const intro = clean(draft.texts.intro);
  const consent = clean(draft.texts.consent);
  return {
    version,
    name: draft.name,
    touchpointId: draft.touchpointId,
    chainId: draft.chainId,
    status: draft.status,
    defaultLanguage: draft.defaultLanguage,
    questions: questionsOf(draft),
    texts: {
      title: clean(draft.texts.title),
      thankYou: clean(draft.texts.thankYou),
      ...(Object.keys(intro).length ? { intro } : {}),
      ...(Object.keys(consent).length ? { consent } : {}),
    },
    colour: draft.colour,
    logo: draft.logo,
    contactConsent: draft.contactConsent,
    complaintRule: draft.complaintRule,
    startsAt: fromLocalInput(draft.startsAt),
    endsAt: fromLocalInput(draft.endsAt),
  } as SurveyPatch;
}

/** A new question of a kind, with a free id and its text in the survey's default language. */
export function newQuestion(
  kind: QuestionKind,
  existing: readonly SurveyQuestion[],
  text: LocalText,
): DraftQuestion {
  const taken = new Set(existing.map((q) => q.id));
  let n = 1;
  while (taken.has(`${kind}-${n}`)) n++;
  return {
    uid: newUid(),
    id: `${kind}-${n}`,
    kind,
    required: kind !== 'comment',
    text,
    ...(kind === 'choice'
      ? {
          options: [
            { key: 'option-1', text: {} },
            { key: 'option-2', text: {} },
          ],
        }
      : {}),
  };
}

/**
 * The API's field messages by path (`questions.2.text.de`, `texts.title`, `logo`…): the issues of
 * an ApiError's body, and the field a conflict names.
 */
export function surveyFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof Error) || !('body' in error) || !error.body || typeof error.body !== 'object')
    return {};
  const body = error.body as { issues?: { field: string; message: string }[]; field?: unknown };
  const errors: Record<string, string> = {};
  for (const issue of body.issues ?? []) errors[issue.field] ??= issue.message;
  if (typeof body.field === 'string') errors[body.field] ??= error.message;
  return errors;
}

/** The message for a field or anything under it (`questions.2` matches `questions.2.text.de`). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  for (const [field, message] of Object.entries(errors)) if (field.startsWith(prefix)) return message;
  return undefined;
}
