/**
 * The rules a survey obeys when it is saved (SPEC §6): every problem is a FieldIssue naming the
 * field by its dot path (`questions.2.options`, `texts.title.de`), so the editor can point at it.
 */
import type { FieldIssue } from './errors.js';
import {
  type ComplaintRule,
  isLanguage,
  LANGUAGES,
  type Language,
  type LocalText,
  QUESTION_KINDS,
  SCORE_SCALES,
  SURVEY_STATUSES,
  type SurveyQuestion,
  type SurveyTexts,
} from './survey-model.js';

/** Question ids and option keys: lowercase slugs of at most 32 characters. */
export const SURVEY_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const MIN_CHOICE_OPTIONS = 2;
export const MAX_CHOICE_OPTIONS = 10;
export const MIN_SURVEY_QUESTIONS = 1;
export const MAX_SURVEY_QUESTIONS = 30;
/** Largest logo image, in bytes (the data: URL's base64 decodes to at most this). */
export const MAX_LOGO_BYTES = 200 * 1024;
export const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;
export const DEFAULT_SURVEY_COLOUR = '#1f6feb';
const LOGO_PATTERN = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]*={0,2})$/;

/** A survey as it would be saved. */
export interface SurveyDraft {
  status: string;
  defaultLanguage: string;
  questions: readonly SurveyQuestion[];
  texts: SurveyTexts;
  colour: string;
  logo: string | null;
  contactConsent: boolean;
  complaintRule: ComplaintRule | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** The size in bytes of the image in a base64 data: URL, or null when it is not one of PNG/JPEG. */
export function logoBytes(logo: string): number | null {
  const match = LOGO_PATTERN.exec(logo);
  const data = match?.[2];
  if (data === undefined || data.length % 4 !== 0) return null;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

function hasText(text: LocalText | undefined, language: Language): boolean {
  return typeof text?.[language] === 'string' && (text[language] ?? '').trim() !== '';
}

function checkText(
  issues: FieldIssue[],
  field: string,
  text: LocalText | undefined,
  language: Language,
  required: boolean,
): void {
  if (text === undefined) {
    if (required) issues.push({ field, message: `needs a text in the default language (${language})` });
    return;
  }
  for (const key of Object.keys(text))
    if (!isLanguage(key))
      issues.push({ field: `${field}.${key}`, message: `is not a language; use ${LANGUAGES.join(', ')}` });
  if (required && !hasText(text, language))
    issues.push({ field: `${field}.${language}`, message: `must not be empty: it is the default language` });
}

function checkRange(
  issues: FieldIssue[],
  field: string,
  value: number | undefined,
  scale: { min: number; max: number },
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < scale.min || value > scale.max)
    issues.push({ field, message: `must be a whole number from ${scale.min} to ${scale.max}` });
}

function checkQuestion(issues: FieldIssue[], q: SurveyQuestion, index: number, language: Language): void {
  const at = `questions.${index}`;
  if (!(QUESTION_KINDS as readonly string[]).includes(q.kind))
    issues.push({ field: `${at}.kind`, message: `must be one of ${QUESTION_KINDS.join(', ')}` });
  checkText(issues, `${at}.text`, q.text, language, true);
  if (q.kind !== 'choice') {
    if (q.options !== undefined && q.options.length > 0)
      issues.push({ field: `${at}.options`, message: 'only choice questions have options' });
    return;
  }
  const options = q.options ?? [];
  if (options.length < MIN_CHOICE_OPTIONS || options.length > MAX_CHOICE_OPTIONS)
    issues.push({
      field: `${at}.options`,
      message: `a choice question needs ${MIN_CHOICE_OPTIONS} to ${MAX_CHOICE_OPTIONS} options (has ${options.length})`,
    });
  const keys = new Set<string>();
  options.forEach((o, j) => {
    if (!SURVEY_KEY_PATTERN.test(o.key))
      issues.push({
        field: `${at}.options.${j}.key`,
        message: 'must be a slug: lowercase letters, digits, _ or - (starting with a letter or digit, ≤ 32)',
      });
    else if (keys.has(o.key))
      issues.push({
        field: `${at}.options.${j}.key`,
        message: `"${o.key}" is already the key of another option`,
      });
    keys.add(o.key);
    checkText(issues, `${at}.options.${j}.text`, o.text, language, true);
  });
}

/** Every reason `survey` cannot be saved as it is; empty when it can. */
export function surveyIssues(survey: SurveyDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!(SURVEY_STATUSES as readonly string[]).includes(survey.status))
    issues.push({ field: 'status', message: `must be one of ${SURVEY_STATUSES.join(', ')}` });
  const language = survey.defaultLanguage;
  if (!isLanguage(language)) {
    issues.push({ field: 'defaultLanguage', message: `must be one of ${LANGUAGES.join(', ')}` });
    return issues;
  }

  if (survey.questions.length < MIN_SURVEY_QUESTIONS)
    issues.push({ field: 'questions', message: 'a survey needs at least one question' });
  if (survey.questions.length > MAX_SURVEY_QUESTIONS)
    issues.push({ field: 'questions', message: `a survey has at most ${MAX_SURVEY_QUESTIONS} questions` });
  const ids = new Set<string>();
  survey.questions.forEach((q, i) => {
    if (!SURVEY_KEY_PATTERN.test(q.id))
      issues.push({
        field: `questions.${i}.id`,
        message: 'must be a slug: lowercase letters, digits, _ or - (starting with a letter or digit, ≤ 32)',
      });
    else if (ids.has(q.id))
      issues.push({ field: `questions.${i}.id`, message: `"${q.id}" is already the id of another question` });
    ids.add(q.id);
    checkQuestion(issues, q, i, language);
  });

  checkText(issues, 'texts.title', survey.texts.title, language, true);
  checkText(issues, 'texts.thankYou', survey.texts.thankYou, language, true);
  checkText(issues, 'texts.intro', survey.texts.intro, language, false);
  checkText(issues, 'texts.consent', survey.texts.consent, language, survey.contactConsent);

  if (!COLOUR_PATTERN.test(survey.colour))
    issues.push({ field: 'colour', message: 'must be a colour #rrggbb, e.g. #1f6feb' });
  if (survey.logo !== null) {
    const bytes = logoBytes(survey.logo);
    if (bytes === null)
      issues.push({ field: 'logo', message: 'must be a PNG or JPEG as a data:image/png;base64,… URL' });
    else if (bytes > MAX_LOGO_BYTES)
      issues.push({
        field: 'logo',
        message: `must be at most 200 KB (is ${Math.ceil(bytes / 1024)} KB)`,
      });
  }

  if (survey.startsAt && survey.endsAt && survey.startsAt.getTime() >= survey.endsAt.getTime())
    issues.push({ field: 'endsAt', message: 'must be after startsAt' });

  const rule = survey.complaintRule;
  if (rule) {
    checkRange(issues, 'complaintRule.csatMax', rule.csatMax, SCORE_SCALES.csat);
    checkRange(issues, 'complaintRule.npsMax', rule.npsMax, SCORE_SCALES.nps);
    checkRange(issues, 'complaintRule.cesMin', rule.cesMin, SCORE_SCALES.ces);
    if (rule.csatMax === undefined && rule.npsMax === undefined && rule.cesMin === undefined)
      issues.push({
        field: 'complaintRule',
        message: 'needs at least one of csatMax, npsMax or cesMin (or null for no complaints)',
      });
  }
  return issues;
}
