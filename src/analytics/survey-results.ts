/**
 * Results of one survey (SPEC §6), computed inside the engine from the feedback store: the rows
 * tagged with the survey (`survey_id`), one per answered question, id
 * `s:<surveyId>:<submissionId>:<questionId>`, in the period [from, to).
 *
 * Definitions:
 * - a submission is one filling-in of the survey (the rows sharing a submission id); `answers`
 *   counts the rows (answered questions), `comments` the comment rows with a text;
 * - CSAT = % of CSAT answers 4–5 (0–100, and the mean answer), NPS = % promoters (9–10) −
 *   % detractors (0–6), CES = mean answer (1–7), over every question of the kind (the sentiment
 *   analysis counts the same answers; it reports CSAT as a share 0…1);
 * - per question: the answers and their distribution over the scale (or the options);
 * - weeks (ISO, Monday, UTC), sources and languages: submissions and scores per group;
 * - a comment's rating: the score the same submission gave to the rating question the comment was
 *   copied onto (else its first rating question in the survey's order).
 * Every value goes in as a parameter.
 */
import { formatCsv } from '../domain/csv.js';
import { SCORE_SCALES, type SurveyQuestion } from '../domain/survey-model.js';
import type { EngineQuery } from '../store/events/event-store.js';
import { type AnalyticsSource, DAY_MS, toNumber, toNumberOrNull } from './analysis-scope.js';

const WEEK_MS = 7 * DAY_MS;
/** Longest weekly series: beyond it the series starts at the first week with answers. */
const MAX_WEEKS = 520;

/** The submission id inside a survey answer's id `s:<surveyId>:<submissionId>:<questionId>`. */
const SUBMISSION = `coalesce(nullif(regexp_extract(f.id, '^s:[^:]+:(.*):[^:]+$', 1), ''), f.id)`;

export interface SurveyResultsInput {
  workspaceId: string;
  surveyId: string;
  /** The survey's questions now, in order (answers to removed questions are listed after them). */
  questions: readonly SurveyQuestion[];
  from: number;
  to: number;
}

export interface Scores {
  csat: { answers: number; satisfied: number; score: number | null; mean: number | null };
  nps: { answers: number; promoters: number; passives: number; detractors: number; score: number | null };
  ces: { answers: number; mean: number | null };
}

export interface GroupResult {
  submissions: number;
  scores: Scores;
}

export interface QuestionResult {
  questionId: string;
  kind: string;
  answers: number;
  mean: number | null;
  distribution: { value: string; count: number }[];
}

export interface SurveyResultFigures {
  submissions: number;
  answers: number;
  comments: number;
  scores: Scores;
  questions: QuestionResult[];
  weeks: (GroupResult & { week: string })[];
  bySource: (GroupResult & { source: string })[];
  byLanguage: (GroupResult & { language: string | null })[];
}

function baseParams(input: { workspaceId: string; surveyId: string; from: number; to: number }) {
  return { workspaceId: input.workspaceId, surveyId: input.surveyId, from: input.from, to: input.to };
}

const BASE_WHERE = `f.workspace_id = $workspaceId AND f.survey_id = $surveyId
  AND f."at" >= CAST($from AS BIGINT) AND f."at" < CAST($to AS BIGINT)`;

const TALLIES = `
  count(*) FILTER (WHERE kind = 'csat') AS csat_answers,
  count(*) FILTER (WHERE kind = 'csat' AND score >= 4) AS csat_satisfied,
  sum(score) FILTER (WHERE kind = 'csat') AS csat_sum,
  count(*) FILTER (WHERE kind = 'nps') AS nps_answers,
  count(*) FILTER (WHERE kind = 'nps' AND score >= 9) AS nps_promoters,
  count(*) FILTER (WHERE kind = 'nps' AND score <= 6) AS nps_detractors,
  count(*) FILTER (WHERE kind = 'ces') AS ces_answers,
  sum(score) FILTER (WHERE kind = 'ces') AS ces_sum`;

interface TallyRow {
  csat_answers: unknown;
  csat_satisfied: unknown;
  csat_sum: unknown;
  nps_answers: unknown;
  nps_promoters: unknown;
  nps_detractors: unknown;
  ces_answers: unknown;
  ces_sum: unknown;
}

interface GroupRow extends TallyRow {
  g_week: unknown;
  g_source: unknown;
  g_language: unknown;
  week: string | null;
  source: string | null;
  lang: string | null;
  submissions: unknown;
  answers: unknown;
  comments: unknown;
}

function groupsQuery(input: SurveyResultsInput): EngineQuery {
  return {
    sql: `WITH base AS (
        SELECT ${SUBMISSION} AS sub, f.kind, f.score, f.comment, coalesce(f.source, 'import') AS source,
          f."language" AS lang,
          strftime(date_trunc('week', make_timestamp(f."at" * 1000)), '%Y-%m-%d') AS week
        FROM feedback f WHERE ${BASE_WHERE})
      SELECT grouping(week) AS g_week, grouping(source) AS g_source, grouping(lang) AS g_language,
        week, source, lang, count(DISTINCT sub) AS submissions, count(*) AS answers,
        count(*) FILTER (WHERE kind = 'comment' AND comment IS NOT NULL AND comment <> '') AS comments,
        ${TALLIES}
      FROM base
      GROUP BY GROUPING SETS ((week), (source), (lang), ())`,
    params: baseParams(input),
  };
}

interface ValueRow {
  question: string | null;
  kind: string;
  score: unknown;
  choice: string | null;
  n: unknown;
}

function valuesQuery(input: SurveyResultsInput): EngineQuery {
  return {
    sql: `SELECT f.question, f.kind, CASE WHEN f.kind IN ('csat', 'nps', 'ces') THEN f.score END AS score,
        CASE WHEN f.kind = 'choice' THEN f.choice END AS choice, count(*) AS n
      FROM feedback f WHERE ${BASE_WHERE}
      GROUP BY ALL`,
    params: baseParams(input),
  };
}

/** a / b, or null when b is 0. */
function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** a / b in percent with one decimal, or null when b is 0. */
function percent(a: number, b: number): number | null {
  return b > 0 ? Math.round((1000 * a) / b) / 10 : null;
}

function toScores(r: TallyRow | undefined): Scores {
  const n = (v: unknown) => (r ? toNumber(v) : 0);
  const csat = n(r?.csat_answers);
  const satisfied = n(r?.csat_satisfied);
  const nps = n(r?.nps_answers);
  const promoters = n(r?.nps_promoters);
  const detractors = n(r?.nps_detractors);
  const ces = n(r?.ces_answers);
  return {
    csat: {
      answers: csat,
      satisfied,
      score: percent(satisfied, csat),
      mean: ratio(n(r?.csat_sum), csat),
    },
    nps: {
      answers: nps,
      promoters,
      passives: nps - promoters - detractors,
      detractors,
      score: percent(promoters - detractors, nps),
    },
    ces: { answers: ces, mean: ratio(n(r?.ces_sum), ces) },
  };
}

/** Monday 00:00 UTC of the week holding `at`, as epoch ms. */
function weekStart(at: number): number {
  const day = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is the days since Monday.
  return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function scaleValues(kind: string): string[] {
  const scale = SCORE_SCALES[kind as keyof typeof SCORE_SCALES];
  if (!scale) return [];
  return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i));
}

function questionResults(input: SurveyResultsInput, rows: ValueRow[]): QuestionResult[] {
  const byQuestion = new Map<string, { kind: string; values: Map<string, number>; sum: number; n: number }>();
  for (const r of rows) {
    const id = r.question ?? '';
    let q = byQuestion.get(id);
    if (!q) {
      q = { kind: r.kind, values: new Map(), sum: 0, n: 0 };
      byQuestion.set(id, q);
    }
    const n = toNumber(r.n);
    q.n += n;
    const score = toNumberOrNull(r.score);
    if (score !== null) {
      q.sum += score * n;
      q.values.set(String(score), (q.values.get(String(score)) ?? 0) + n);
    } else if (r.choice !== null) q.values.set(r.choice, (q.values.get(r.choice) ?? 0) + n);
  }
  const result = (id: string, kind: string, offered: string[]): QuestionResult => {
    const q = byQuestion.get(id);
    const values = q?.values ?? new Map<string, number>();
    const keys = [...offered, ...[...values.keys()].filter((k) => !offered.includes(k)).sort()];
    const scored = kind in SCORE_SCALES;
    return {
      questionId: id,
      kind,
      answers: q?.n ?? 0,
      mean: scored && q ? ratio(q.sum, q.n) : null,
      distribution: kind === 'comment' ? [] : keys.map((value) => ({ value, count: values.get(value) ?? 0 })),
    };
  };
  const current = input.questions.map((q) =>
    result(q.id, q.kind, q.kind === 'choice' ? (q.options ?? []).map((o) => o.key) : scaleValues(q.kind)),
  );
  const known = new Set(input.questions.map((q) => q.id));
  const removed = [...byQuestion.entries()]
    .filter(([id]) => !known.has(id))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, q]) => result(id, q.kind, scaleValues(q.kind)));
  return [...current, ...removed];
}

/** The results of one survey over [from, to). */
export async function surveyResults(
  events: AnalyticsSource,
  input: SurveyResultsInput,
): Promise<SurveyResultFigures> {
  const [groups, values] = await Promise.all([
    events.query<GroupRow>(groupsQuery(input)),
    events.query<ValueRow>(valuesQuery(input)),
  ]);
  const group = (r: GroupRow): GroupResult => ({
    submissions: toNumber(r.submissions),
    scores: toScores(r),
  });
  const isSet = (v: unknown) => toNumber(v) === 0;
  const total = groups.find((r) => !isSet(r.g_week) && !isSet(r.g_source) && !isSet(r.g_language));
  const weekRows = new Map(
    groups.filter((r) => isSet(r.g_week) && r.week !== null).map((r) => [r.week as string, group(r)]),
  );

  let first = weekStart(input.from);
  const last = weekStart(input.to - 1);
  if ((last - first) / WEEK_MS > MAX_WEEKS) {
    const answered = [...weekRows.keys()].sort()[0];
    first = answered ? Date.parse(`${answered}T00:00:00Z`) : last;
    if ((last - first) / WEEK_MS > MAX_WEEKS) first = last - MAX_WEEKS * WEEK_MS;
  }
  const weeks: SurveyResultFigures['weeks'] = [];
  for (let w = first; w <= last; w += WEEK_MS) {
    const week = isoDay(w);
    weeks.push({ week, ...(weekRows.get(week) ?? { submissions: 0, scores: toScores(undefined) }) });
  }

  const bySource = groups
    .filter((r) => isSet(r.g_source))
    .map((r) => ({ source: r.source ?? 'import', ...group(r) }))
    .sort((a, b) => b.submissions - a.submissions || a.source.localeCompare(b.source));
  const byLanguage = groups
    .filter((r) => isSet(r.g_language))
    .map((r) => ({ language: r.lang, ...group(r) }))
    .sort((a, b) => b.submissions - a.submissions || (a.language ?? '').localeCompare(b.language ?? ''));

  return {
    submissions: total ? toNumber(total.submissions) : 0,
    answers: total ? toNumber(total.answers) : 0,
    comments: total ? toNumber(total.comments) : 0,
    scores: toScores(total),
    questions: questionResults(input, values),
    weeks,
    bySource,
    byLanguage,
  };
}

export interface SurveyCommentFilter {
  workspaceId: string;
  surveyId: string;
  /** The survey's question ids in order: a comment's rating is its submission's first rating question. */
  questionOrder: readonly string[];
  from: number;
  to: number;
  scores?: readonly number[] | undefined;
  kind?: 'csat' | 'nps' | 'ces' | undefined;
  source?: string | undefined;
  language?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface SurveyCommentRow {
  id: string;
  submissionId: string;
  questionId: string;
  at: string;
  comment: string;
  rating: { questionId: string; kind: 'csat' | 'nps' | 'ces'; score: number } | null;
  source: string | null;
  language: string | null;
}

interface CommentQueryRow {
  id: string;
  sub: string;
  question: string | null;
  at: unknown;
  comment: string;
  source: string | null;
  lang: string | null;
  rating_question: string | null;
  rating_kind: string | null;
  rating_score: unknown;
  total: unknown;
}

/** One page of a survey's comments, newest first, with the filters; and how many pass them. */
export async function surveyComments(
  events: AnalyticsSource,
  f: SurveyCommentFilter,
): Promise<{ items: SurveyCommentRow[]; total: number }> {
  const params: Record<string, unknown> = {
    ...baseParams(f),
    questionOrder: f.questionOrder.length > 0 ? [...f.questionOrder] : [''],
    limit: f.limit,
    offset: f.offset,
  };
  const conditions: string[] = [];
  if (f.scores && f.scores.length > 0) {
    params.scores = [...f.scores];
    conditions.push('list_contains(CAST($scores AS DOUBLE[]), r.score)');
  }
  if (f.kind) {
    params.kind = f.kind;
    conditions.push('r.kind = $kind');
  }
  if (f.source) {
    params.source = f.source;
    conditions.push('c.source = $source');
  }
  if (f.language) {
    params.language = f.language;
    conditions.push('c.lang = $language');
  }
  if (f.q) {
    params.q = f.q.toLowerCase();
    conditions.push('contains(lower(c.comment), $q)');
  }
  const rows = await events.query<CommentQueryRow>({
    sql: `WITH base AS (
        SELECT f.id, ${SUBMISSION} AS sub, f.question, f."at", f.kind, f.score, f.comment, f.source,
          f."language" AS lang
        FROM feedback f WHERE ${BASE_WHERE}),
      c AS (SELECT * FROM base WHERE kind = 'comment' AND comment IS NOT NULL AND comment <> ''),
      r AS (
        SELECT sub, question, kind, score,
          row_number() OVER (PARTITION BY sub ORDER BY (comment IS NULL),
            coalesce(list_position(CAST($questionOrder AS VARCHAR[]), question), 1000000), question) AS rn
        FROM base WHERE kind IN ('csat', 'nps', 'ces'))
      SELECT c.id, c.sub, c.question, c."at", c.comment, c.source, c.lang,
        r.question AS rating_question, r.kind AS rating_kind, r.score AS rating_score,
        count(*) OVER () AS total
      FROM c LEFT JOIN r ON r.sub = c.sub AND r.rn = 1
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY c."at" DESC, c.id
      LIMIT CAST($limit AS BIGINT) OFFSET CAST($offset AS BIGINT)`,
    params,
  });
  let total = rows.length > 0 ? toNumber(rows[0]?.total) : 0;
  if (rows.length === 0 && f.offset > 0) {
    // Past the last page: count the matches to still report the total.
    const all = await surveyComments(events, { ...f, offset: 0, limit: 1 });
    total = all.total;
  }
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      submissionId: r.sub,
      questionId: r.question ?? '',
      at: new Date(toNumber(r.at)).toISOString(),
      comment: r.comment,
      rating:
        r.rating_question !== null && r.rating_kind !== null
          ? {
              questionId: r.rating_question,
              kind: r.rating_kind as 'csat' | 'nps' | 'ces',
              score: toNumber(r.rating_score),
            }
          : null,
      source: r.source,
      language: r.lang,
    })),
  };
}

export interface SurveyAnswerRow {
  sub: string;
  at: number;
  question: string;
  kind: string;
  score: number;
  choice: string | null;
  comment: string | null;
  source: string | null;
  language: string | null;
}

/** Every answer of a survey in [from, to), oldest submission first (for the CSV export). */
export async function surveyAnswers(
  events: AnalyticsSource,
  input: { workspaceId: string; surveyId: string; from: number; to: number },
): Promise<SurveyAnswerRow[]> {
  const rows = await events.query<Record<string, unknown>>({
    sql: `SELECT ${SUBMISSION} AS sub, f."at", f.question, f.kind, f.score, f.choice, f.comment, f.source,
        f."language" AS lang
      FROM feedback f WHERE ${BASE_WHERE}
      ORDER BY f."at", sub, f.question`,
    params: baseParams(input),
  });
  return rows.map((r) => ({
    sub: String(r.sub),
    at: toNumber(r.at),
    question: String(r.question ?? ''),
    kind: String(r.kind),
    score: toNumber(r.score),
    choice: (r.choice as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    source: (r.source as string | null) ?? null,
    language: (r.lang as string | null) ?? null,
  }));
}

/** A spreadsheet must not read a respondent's text as a formula: such a cell gets a leading '. */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * The CSV of a survey's answers: one line per submission (submission, time, source, language),
 * then one column per question — the score, the option key or the comment — in the survey's
 * order, then columns of questions answered but removed since.
 */
export function surveyAnswersCsv(
  rows: readonly SurveyAnswerRow[],
  questions: readonly SurveyQuestion[],
): string {
  const ids = questions.map((q) => q.id);
  for (const r of rows) if (!ids.includes(r.question)) ids.push(r.question);
  const lines: string[][] = [['submission_id', 'at', 'source', 'language', ...ids]];
  let current: { sub: string; line: string[] } | undefined;
  for (const r of rows) {
    if (current?.sub !== r.sub) {
      current = {
        sub: r.sub,
        line: [r.sub, new Date(r.at).toISOString(), r.source ?? '', r.language ?? '', ...ids.map(() => '')],
      };
      lines.push(current.line);
    }
    const value =
      r.kind === 'comment'
        ? safeCell(r.comment ?? '')
        : r.kind === 'choice'
          ? (r.choice ?? '')
          : String(r.score);
    current.line[4 + ids.indexOf(r.question)] = value;
  }
  return formatCsv(lines);
}
