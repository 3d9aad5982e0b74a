/**
 * Reviews from the CSV export of a rating site (issue 16 §3), without I/O: which column feeds
 * which field (a mapping like the interactions import's `--map`), the values fixed for the whole
 * file (touchpoint key, site, rating maximum), and each data row checked into a review or refused
 * with its row number, the field and the reason. The rating is normalised (score = rating /
 * maximum, 0…1); a row without an external id gets a stable one, a hash of site, author, date
 * and text, so importing the same file again finds the same reviews.
 */
import { createHash } from 'node:crypto';
import { CsvError, detectDelimiter, parseCsv } from '../domain/csv.js';
import { type FieldIssue, invalid } from '../domain/errors.js';
import { MAX_RATING_MAX, REVIEW_FIELDS, type ReviewField, reviewScore } from '../domain/review-rules.js';
import { parseAt } from './records.js';

export { REVIEW_FIELDS, type ReviewField };

/** Field → the column of the file that feeds it; null: no column feeds it (not even by default). */
export type ReviewMapping = Partial<Record<ReviewField, string | null>>;
/** The mapping as applied: field → column. */
export type AppliedMapping = Partial<Record<ReviewField, string>>;

/** Most data rows one file may hold. */
export const MAX_REVIEW_ROWS = 50_000;

const MAX_TEXT = 10_000;
const MAX_NAME = 200;
const MAX_SITE = 100;
const MAX_EXTERNAL_ID = 200;
/** A review dated further ahead than this is refused (clocks and zones differ by hours, not days). */
const FUTURE_SLACK_MS = 36 * 3_600_000;

/** How a file is read: its mapping and the values fixed for every row. */
export interface ReviewFileOptions {
  mapping?: ReviewMapping | undefined;
  /** The touchpoint key of every review (instead of a `touchpoint` column). */
  touchpoint?: string | undefined;
  /** The site of every review (instead of a `site` column). */
  site?: string | undefined;
  /** The rating maximum of every review (instead of a `rating_max` column). */
  ratingMax?: number | undefined;
}

/** One review read from a row, before its touchpoint key is resolved. */
export interface ReviewRow {
  row: number;
  touchpointKey: string;
  sourceSite: string;
  externalId: string;
  author: string | null;
  customer: string | null;
  rating: number;
  ratingMax: number;
  /** rating / ratingMax, 0…1. */
  score: number;
  text: string;
  postedAt: Date;
  reply: string | null;
  replyAt: Date | null;
}

/** A refused row: its number (1 = the first row after the header), the field and why. */
export interface RowError {
  row: number;
  field: string;
  reason: string;
}

export interface ReviewFile {
  columns: string[];
  mapping: AppliedMapping;
  /** Problems with the mapping or the fixed values: none of the rows is read while there are any. */
  issues: FieldIssue[];
  rows: ReviewRow[];
  rejected: RowError[];
}

const normalized = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Column names rating sites use for each field (after `normalized`). */
const ALIASES: Record<ReviewField, readonly string[]> = {
  date: ['date', 'posted_at', 'created_at', 'review_date', 'datum', 'time'],
  rating: ['rating', 'stars', 'score', 'rating_value', 'bewertung', 'sterne'],
  rating_max: ['rating_max', 'max_rating', 'best_rating', 'scale', 'out_of'],
  text: ['text', 'review', 'review_text', 'comment', 'body', 'content'],
  author: ['author', 'reviewer', 'reviewer_id', 'user', 'name', 'author_name'],
  customer: ['customer', 'customer_key'],
  site: ['site', 'source_site', 'source', 'platform'],
  external_id: ['external_id', 'review_id', 'id'],
  reply: ['reply', 'response', 'owner_reply', 'owner_response', 'answer'],
  reply_date: ['reply_date', 'reply_at', 'response_date', 'replied_at', 'answer_date'],
  touchpoint: ['touchpoint', 'touchpoint_key'],
};

/** Each field fed by the first column whose name is the field's or one of its usual names. */
export function defaultReviewMapping(columns: readonly string[]): AppliedMapping {
  const mapping: AppliedMapping = {};
  const used = new Set<string>();
  for (const field of REVIEW_FIELDS) {
    for (const alias of ALIASES[field]) {
      const column = columns.find((c) => normalized(c) === alias && !used.has(c));
      if (column !== undefined) {
        mapping[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return mapping;
}

const FIXED: readonly [ReviewField, 'touchpoint' | 'site' | 'ratingMax'][] = [
  ['touchpoint', 'touchpoint'],
  ['site', 'site'],
  ['rating_max', 'ratingMax'],
];

/**
 * The mapping applied to a file with these columns, and the problems that stop the whole file
 * (each naming its field): the explicit entries over the default mapping (a column named
 * explicitly feeds no other field by default; a field fixed for the file is fed by no column
 * unless named, which is then a conflict), a mapped column the file lacks, a column feeding two
 * fields, a required field neither mapped nor fixed, a fixed value out of range.
 */
export function applyReviewMapping(
  columns: readonly string[],
  options: ReviewFileOptions,
): { mapping: AppliedMapping; issues: FieldIssue[] } {
  const explicit = options.mapping ?? {};
  const issues: FieldIssue[] = [];
  const named = new Set(Object.values(explicit).filter((c): c is string => typeof c === 'string'));
  const mapping: AppliedMapping = {};
  for (const [field, column] of Object.entries(defaultReviewMapping(columns.filter((c) => !named.has(c)))))
    mapping[field as ReviewField] = column;
  for (const [field, column] of Object.entries(explicit)) {
    if (!(REVIEW_FIELDS as readonly string[]).includes(field)) {
      issues.push({ field: `map.${field}`, message: `is not a review field (${REVIEW_FIELDS.join(', ')})` });
      continue;
    }
    if (column === null || column === undefined || column === '') delete mapping[field as ReviewField];
    else if (!columns.includes(column))
      issues.push({
        field: `map.${field}`,
        message: `the file has no column "${column}" (its columns: ${columns.join(', ')})`,
      });
    else mapping[field as ReviewField] = column;
  }
  // A field named explicitly after a column the file lacks has its issue already.
  const namedField = (field: ReviewField) => typeof explicit[field] === 'string' && explicit[field] !== '';
  for (const [field, option] of FIXED) {
    if (options[option] === undefined) {
      if (mapping[field] === undefined && !namedField(field))
        issues.push({
          field: option,
          message: `is required: give one ${field.replace('_', ' ')} for the whole file or map a column to ${field}`,
        });
    } else if (namedField(field))
      issues.push({ field: option, message: `is given and a column is mapped to ${field}: choose one` });
    else delete mapping[field];
  }
  for (const field of ['date', 'rating'] as const)
    if (mapping[field] === undefined && !namedField(field))
      issues.push({
        field: `map.${field}`,
        message: `is required: map the column that holds the review's ${field}`,
      });
  const fed = Object.entries(mapping);
  for (const [field, column] of fed)
    if (fed.some(([other, c]) => c === column && other < field))
      issues.push({ field: `map.${field}`, message: `the column "${column}" already feeds another field` });
  if (options.ratingMax !== undefined && !(options.ratingMax > 0 && options.ratingMax <= MAX_RATING_MAX))
    issues.push({ field: 'ratingMax', message: `must be a number above 0 and at most ${MAX_RATING_MAX}` });
  if (options.site !== undefined && (options.site.trim() === '' || options.site.length > MAX_SITE))
    issues.push({ field: 'site', message: `must be 1 to ${MAX_SITE} characters` });
  if (options.touchpoint !== undefined && options.touchpoint.trim() === '')
    issues.push({ field: 'touchpoint', message: 'must not be empty' });
  return { mapping, issues };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SPACED = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Epoch milliseconds of a review date: ISO 8601 with an offset, a date `2024-05-01` or date and
 * time without an offset (read as UTC), or `1.5.2024` (day.month.year, as in much of Europe).
 */
export function parseReviewDate(text: string): number | null {
  const value = text.trim();
  const withOffset = parseAt(value);
  if (withOffset !== null) return withOffset;
  let m = DATE_ONLY.exec(value);
  if (m) return parseAt(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  m = SPACED.exec(value);
  if (m) return parseAt(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`);
  m = DOTTED.exec(value);
  if (m) {
    const two = (s: string | undefined, fallback = '00') => (s ?? fallback).padStart(2, '0');
    return parseAt(`${m[3]}-${two(m[2])}-${two(m[1])}T${two(m[4])}:${two(m[5])}:${two(m[6])}Z`);
  }
  return null;
}

/** A number as a cell holds it: `4`, `4.5` or `4,5`. */
function parseNumber(text: string): number | null {
  const value = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/** The stable id of a review that has none: a hash of its site, author, date and text. */
export function reviewHashId(site: string, author: string | null, postedAt: number, text: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([site, author ?? '', new Date(postedAt).toISOString(), text]));
  return `h:${hash.digest('hex').slice(0, 32)}`;
}

/** Reads one data row into a review, or the first problem with it. */
function readRow(
  row: number,
  cell: (field: ReviewField) => string | undefined,
  options: ReviewFileOptions,
  now: number,
): ReviewRow | RowError {
  const fail = (field: string, reason: string): RowError => ({ row, field, reason });
  const optional = (field: ReviewField) => {
    const value = cell(field)?.trim();
    return value === undefined || value === '' ? null : value;
  };

  const touchpointKey = options.touchpoint ?? optional('touchpoint');
  if (touchpointKey === null) return fail('touchpoint', 'is empty: every review needs a touchpoint key');
  const site = options.site ?? optional('site');
  if (site === null) return fail('site', 'is empty: every review needs its source site');
  if (site.length > MAX_SITE) return fail('site', `must be at most ${MAX_SITE} characters`);

  const dateText = optional('date');
  if (dateText === null) return fail('date', 'is empty');
  const posted = parseReviewDate(dateText);
  if (posted === null)
    return fail('date', `"${dateText}" is not a date (2024-05-01, 2024-05-01T09:30:00+02:00 or 1.5.2024)`);
  if (posted > now + FUTURE_SLACK_MS) return fail('date', `${dateText} lies in the future`);

  let ratingMax = options.ratingMax ?? null;
  if (ratingMax === null) {
    const maxText = optional('rating_max');
    if (maxText === null) return fail('rating_max', 'is empty');
    ratingMax = parseNumber(maxText);
    if (ratingMax === null || ratingMax <= 0 || ratingMax > MAX_RATING_MAX)
      return fail('rating_max', `"${maxText}" is not a number above 0 and at most ${MAX_RATING_MAX}`);
  }
  const ratingText = optional('rating');
  if (ratingText === null) return fail('rating', 'is empty');
  const rating = parseNumber(ratingText);
  if (rating === null) return fail('rating', `"${ratingText}" is not a number`);
  if (rating < 0 || rating > ratingMax) return fail('rating', `${rating} is not between 0 and ${ratingMax}`);

  const text = optional('text') ?? '';
  if (text.length > MAX_TEXT) return fail('text', `must be at most ${MAX_TEXT} characters`);
  const author = optional('author');
  if (author !== null && author.length > MAX_NAME)
    return fail('author', `must be at most ${MAX_NAME} characters`);
  const customer = optional('customer');
  if (customer !== null && customer.length > MAX_NAME)
    return fail('customer', `must be at most ${MAX_NAME} characters`);
  const reply = optional('reply');
  if (reply !== null && reply.length > MAX_TEXT)
    return fail('reply', `must be at most ${MAX_TEXT} characters`);
  const replyText = optional('reply_date');
  let replyAt: number | null = null;
  if (replyText !== null) {
    if (reply === null) return fail('reply_date', 'is given but the reply is empty');
    replyAt = parseReviewDate(replyText);
    if (replyAt === null) return fail('reply_date', `"${replyText}" is not a date`);
    if (replyAt < posted) return fail('reply_date', `${replyText} is before the review's date ${dateText}`);
    if (replyAt > now + FUTURE_SLACK_MS) return fail('reply_date', `${replyText} lies in the future`);
  }
  const externalId = optional('external_id') ?? reviewHashId(site, author, posted, text);
  if (externalId.length > MAX_EXTERNAL_ID)
    return fail('external_id', `must be at most ${MAX_EXTERNAL_ID} characters`);

  return {
    row,
    touchpointKey,
    sourceSite: site,
    externalId,
    author,
    customer,
    rating,
    ratingMax,
    score: reviewScore(rating, ratingMax),
    text,
    postedAt: new Date(posted),
    reply,
    replyAt: replyAt === null ? null : new Date(replyAt),
  };
}

/**
 * Reads a review file: the columns of its header, the mapping applied, the reviews of its good
 * rows and the refused rows (or, while the mapping does not fit, its issues and no rows). Throws
 * a ValidationError naming `file` when the file cannot be read as CSV or holds too many rows.
 */
export function readReviewFile(text: string, options: ReviewFileOptions, now = Date.now()): ReviewFile {
  let table: string[][];
  try {
    table = parseCsv(text, detectDelimiter(text));
  } catch (error) {
    if (error instanceof CsvError) throw invalid('file', error.message);
    throw error;
  }
  const header = table[0];
  if (!header || header.every((c) => c.trim() === ''))
    throw invalid('file', 'is empty: a CSV file starts with a header row naming its columns');
  const columns = header.map((c) => c.trim());
  const { mapping, issues } = applyReviewMapping(columns, options);
  if (issues.length > 0) return { columns, mapping, issues, rows: [], rejected: [] };
  const data = table.slice(1).filter((cells) => !(cells.length === 1 && cells[0] === ''));
  if (data.length > MAX_REVIEW_ROWS)
    throw invalid('file', `has ${data.length} rows; at most ${MAX_REVIEW_ROWS} can be imported at once`);

  const index = new Map<ReviewField, number>();
  for (const [field, column] of Object.entries(mapping))
    if (column !== undefined) index.set(field as ReviewField, columns.indexOf(column));
  const rows: ReviewRow[] = [];
  const rejected: RowError[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length > columns.length) {
      rejected.push({
        row,
        field: '',
        reason: `has ${cells.length} cells; the header names ${columns.length}`,
      });
      return;
    }
    const read = readRow(
      row,
      (field) => {
        const at = index.get(field);
        return at === undefined ? undefined : cells[at];
      },
      options,
      now,
    );
    if ('reason' in read) {
      rejected.push(read);
      return;
    }
    const key = JSON.stringify([read.sourceSite, read.externalId]);
    const first = seen.get(key);
    if (first !== undefined) {
      rejected.push({ row, field: 'external_id', reason: `the same review as row ${first}` });
      return;
    }
    seen.set(key, row);
    rows.push(read);
  });
  return { columns, mapping, issues, rows, rejected };
}

/** Parses `field=column` entries (the CLI's --map, the API's `map` query; `field=` feeds the field from no column). */
export function parseReviewMapping(entries: readonly string[]): ReviewMapping {
  const mapping: ReviewMapping = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw invalid('map', `"${entry}": expected field=column, e.g. rating=Stars`);
    const field = entry.slice(0, eq).trim();
    const column = entry.slice(eq + 1).trim();
    if (!(REVIEW_FIELDS as readonly string[]).includes(field))
      throw invalid('map', `"${entry}": ${field} is not a review field (${REVIEW_FIELDS.join(', ')})`);
    if (mapping[field as ReviewField] !== undefined) throw invalid('map', `${field} is mapped twice`);
    mapping[field as ReviewField] = column === '' ? null : column;
  }
  return mapping;
}
