/**
 * The shape of a survey (SPEC §6): the questions a customer answers at a touchpoint, the texts in
 * any of the six languages, and the rule that turns an unhappy answer into a complaint. Shared by
 * the API, the catalog, the public pages and the web app.
 */

export const LANGUAGES = ['en', 'de', 'ru', 'cs', 'sk', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in some of the six languages (at least the survey's default language). */
export type LocalText = Partial<Record<Language, string>>;

export const SURVEY_STATUSES = ['draft', 'live', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** The kinds of question: the three scores of SPEC §6, a single choice and a free comment. */
export const QUESTION_KINDS = ['csat', 'nps', 'ces', 'choice', 'comment'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The scale of each score kind, both ends included. */
export const SCORE_SCALES = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
} as const satisfies Record<'csat' | 'nps' | 'ces', { min: number; max: number }>;

export interface SurveyQuestionOption {
  /** Stable key of the option (stored with each answer), a slug ≤ 32. */
  key: string;
  text: LocalText;
}

export interface SurveyQuestion {
  /** Stable key of the question within its survey (stored with each answer), a slug ≤ 32. */
  id: string;
  kind: QuestionKind;
  required: boolean;
  text: LocalText;
  /** Choice questions only: 2–10 options. */
  options?: SurveyQuestionOption[];
}

export interface SurveyTexts {
  title: LocalText;
  intro?: LocalText;
  thankYou: LocalText;
  /** The consent-to-be-contacted sentence, when the survey asks for it. */
  consent?: LocalText;
}

/**
 * When a survey answer opens a complaint: any score at or under `csatMax` / `npsMax`, or at or
 * over `cesMin` (high effort is bad); with `requireComment`, only when the answer has a comment.
 */
export interface ComplaintRule {
  csatMax?: number;
  npsMax?: number;
  cesMin?: number;
  requireComment: boolean;
}

/** Where a feedback answer came from. */
export const FEEDBACK_SOURCES = ['link', 'qr', 'embed', 'kiosk', 'email', 'import'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/** Kinds of rows in the feedback store: the scores, a choice, a comment and an imported review. */
export const FEEDBACK_ROW_KINDS = ['csat', 'nps', 'ces', 'choice', 'comment', 'review'] as const;
export type FeedbackRowKind = (typeof FEEDBACK_ROW_KINDS)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The respondent's language: the first of the browser's preferred languages (an
 * Accept-Language header or a list, by q-weight) that the survey offers, else `fallback`.
 * Regional variants match their language (`de-AT` → `de`).
 */
export function pickLanguage(
  preferred: string | readonly string[] | undefined,
  available: readonly Language[],
  fallback: Language,
): Language {
  const ranked =
    typeof preferred === 'string'
      ? preferred
          .split(',')
          .map((part, index) => {
            const [tag = '', ...params] = part.trim().split(';');
            const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
            const weight = q ? Number(q.slice(2)) : 1;
            return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
          })
          .filter((p) => p.tag !== '' && p.weight > 0)
          .sort((a, b) => b.weight - a.weight || a.index - b.index)
          .map((p) => p.tag)
      : (preferred ?? []);
  for (const tag of ranked) {
    const base = tag.toLowerCase().split('-')[0];
    const match = available.find((l) => l === base);
    if (match) return match;
  }
  return available.includes(fallback) ? fallback : (available[0] ?? fallback);
}

/** The text in `language`, else in `fallback`, else the first one given, else ''. */
export function localText(text: LocalText | undefined, language: Language, fallback: Language): string {
  if (!text) return '';
  return text[language] ?? text[fallback] ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

/** The languages a survey is written in: those of its title. */
export function surveyLanguages(texts: SurveyTexts): Language[] {
  return LANGUAGES.filter((l) => (texts.title[l] ?? '').trim() !== '');
}

/** Whether a survey answer with these scores (and comment) opens a complaint under `rule`. */
export function breaksComplaintRule(
  rule: ComplaintRule | null,
  scores: Partial<Record<'csat' | 'nps' | 'ces', number>>,
  comment: string | null,
): boolean {
  if (!rule) return false;
  if (rule.requireComment && !(comment && comment.trim() !== '')) return false;
  return (
    (rule.csatMax !== undefined && scores.csat !== undefined && scores.csat <= rule.csatMax) ||
    (rule.npsMax !== undefined && scores.nps !== undefined && scores.nps <= rule.npsMax) ||
    (rule.cesMin !== undefined && scores.ces !== undefined && scores.ces >= rule.cesMin)
  );
}
