/**
 * Reviews from rating sites (issue 16 §3): stored once per workspace, site and external id, so
 * importing a file again finds the reviews it holds; a reply (or a later reply date) arriving
 * with a later import is applied to the stored review. Lists with filters and paging, figures
 * per site, reply times (the review_reply_ms standard metric), and the reviews of a customer
 * (privacy: export and erasure).
 */
import {
  and,
  asc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { NEGATIVE_REVIEW_SCORE, POSITIVE_REVIEW_SCORE } from '../../domain/review-rules.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { reviews } from './schema.js';

export type ReviewRecord = typeof reviews.$inferSelect;

/** A review as an import hands it over (its touchpoint resolved). */
export interface ReviewInput {
  touchpointId: string;
  sourceSite: string;
  externalId: string;
  author: string | null;
  customer: string | null;
  rating: number;
  ratingMax: number;
  score: number;
  text: string;
  postedAt: Date;
  reply: string | null;
  replyAt: Date | null;
}

/** What became of one review of a batch. */
export interface UpsertedReview {
  id: string;
  sourceSite: string;
  externalId: string;
  status: 'inserted' | 'updated' | 'unchanged';
}

/** Rows per statement (12 parameters a row stays far below PostgreSQL's 65,535). */
const CHUNK = 1_000;

const keyOf = (site: string, externalId: string) => `${site}\u0000${externalId}`;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The stored reviews of the workspace with these (site, external id) keys, by key. */
async function existingReviews(
  db: Db,
  workspaceId: string,
  items: readonly { sourceSite: string; externalId: string }[],
): Promise<Map<string, ReviewRecord>> {
  const found = new Map<string, ReviewRecord>();
  const bySite = new Map<string, string[]>();
  for (const r of items) {
    const list = bySite.get(r.sourceSite) ?? [];
    list.push(r.externalId);
    bySite.set(r.sourceSite, list);
  }
  for (const [site, ids] of bySite)
    for (const part of chunks(ids)) {
      const rows = await db
        .select()
        .from(reviews)
        .where(
          and(
            eq(reviews.workspaceId, workspaceId),
            eq(reviews.sourceSite, site),
            inArray(reviews.externalId, part),
          ),
        );
      for (const row of rows) found.set(keyOf(row.sourceSite, row.externalId), row);
    }
  return found;
}

/** Whether an incoming review brings a reply (or reply date) the stored one lacks or holds otherwise. */
function replyChanged(stored: ReviewRecord, next: ReviewInput): boolean {
  if (next.reply === null) return false;
  return (
    stored.reply !== next.reply || (stored.replyAt?.getTime() ?? null) !== (next.replyAt?.getTime() ?? null)
  );
}

/**
 * Stores a batch of reviews: new ones are inserted, stored ones take a reply the import brings
 * (a reply is never cleared by a row without one), everything else of a stored review stays as
 * it is. Records one audit entry for the batch. Answers each review's id and what became of it,
 * in the order given.
 */
export async function upsertReviews(
  db: Db,
  actor: Actor,
  workspaceId: string,
  items: readonly ReviewInput[],
  audit: { file?: string | undefined } = {},
): Promise<UpsertedReview[]> {
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const stored = await existingReviews(tx as unknown as Db, workspaceId, items);
    const result = new Map<string, UpsertedReview>();
    const fresh: (ReviewInput & { id: string })[] = [];
    for (const item of items) {
      const key = keyOf(item.sourceSite, item.externalId);
      if (result.has(key)) continue;
      const current = stored.get(key);
      if (!current) {
        const id = crypto.randomUUID();
        fresh.push({ ...item, id });
        result.set(key, { id, sourceSite: item.sourceSite, externalId: item.externalId, status: 'inserted' });
        continue;
      }
      const changed = replyChanged(current, item);
      if (changed)
        await tx
          .update(reviews)
          .set({ reply: item.reply, replyAt: item.replyAt })
          .where(eq(reviews.id, current.id));
      result.set(key, {
        id: current.id,
        sourceSite: item.sourceSite,
        externalId: item.externalId,
        status: changed ? 'updated' : 'unchanged',
      });
    }
    for (const part of chunks(fresh)) {
      const inserted = await tx
        .insert(reviews)
        .values(part.map((r) => ({ ...r, workspaceId })))
        .onConflictDoNothing()
        .returning({ id: reviews.id });
      if (inserted.length < part.length) {
        // Another import stored some of them meanwhile: take their ids.
        const ids = new Set(inserted.map((r) => r.id));
        const raced = part.filter((r) => !ids.has(r.id));
        const now = await existingReviews(tx as unknown as Db, workspaceId, raced);
        for (const r of raced) {
          const key = keyOf(r.sourceSite, r.externalId);
          const row = now.get(key);
          if (row)
            result.set(key, {
              id: row.id,
              sourceSite: r.sourceSite,
              externalId: r.externalId,
              status: 'unchanged',
            });
        }
      }
    }
    const answers = [...result.values()];
    const count = (status: UpsertedReview['status']) => answers.filter((a) => a.status === status).length;
    await recordAudit(tx as unknown as Db, actor, workspaceId, {
      action: 'review.import',
      entityType: 'reviews',
      entityId: workspaceId,
      after: {
        file: audit.file ?? null,
        inserted: count('inserted'),
        updated: count('updated'),
        unchanged: count('unchanged'),
      },
    });
    return items.map((item) => result.get(keyOf(item.sourceSite, item.externalId)) as UpsertedReview);
  });
}

/** The API view of a review; `replyMs` is the time from the review to its reply (null without a reply date). */
export function reviewDto(r: ReviewRecord) {
  return {
    id: r.id,
    touchpointId: r.touchpointId,
    sourceSite: r.sourceSite,
    externalId: r.externalId,
    author: r.author,
    customer: r.customer,
    rating: r.rating,
    ratingMax: r.ratingMax,
    score: r.score,
    text: r.text,
    postedAt: r.postedAt.toISOString(),
    reply: r.reply,
    replyAt: r.replyAt?.toISOString() ?? null,
    replyMs: r.replyAt ? r.replyAt.getTime() - r.postedAt.getTime() : null,
    importedAt: r.importedAt.toISOString(),
  };
}
export type ReviewDto = ReturnType<typeof reviewDto>;

/** Which reviews a list or summary covers. */
export interface ReviewFilter {
  touchpointId?: string | undefined;
  site?: string | undefined;
  /** Score bounds 0…1 (inclusive). */
  minScore?: number | undefined;
  maxScore?: number | undefined;
  /** true: with a reply; false: without one. */
  replied?: boolean | undefined;
  /** Text, author or reply containing this (case-insensitive). */
  q?: string | undefined;
  /** Posted at or after / before (ISO date-times). */
  from?: string | undefined;
  to?: string | undefined;
}

function filterWhere(workspaceId: string, f: ReviewFilter): SQL | undefined {
  return and(
    eq(reviews.workspaceId, workspaceId),
    f.touchpointId ? eq(reviews.touchpointId, f.touchpointId) : undefined,
    f.site ? eq(reviews.sourceSite, f.site) : undefined,
    f.minScore !== undefined ? gte(reviews.score, f.minScore) : undefined,
    f.maxScore !== undefined ? lte(reviews.score, f.maxScore) : undefined,
    f.replied === true ? isNotNull(reviews.reply) : f.replied === false ? isNull(reviews.reply) : undefined,
    f.q
      ? or(
          ilike(reviews.text, likePattern(f.q)),
          ilike(reviews.author, likePattern(f.q)),
          ilike(reviews.reply, likePattern(f.q)),
        )
      : undefined,
    f.from ? gte(reviews.postedAt, new Date(f.from)) : undefined,
    f.to ? lt(reviews.postedAt, new Date(f.to)) : undefined,
  );
}

/** One page of the workspace's reviews, newest first unless sorted otherwise. */
export async function listReviews(db: Db, workspaceId: string, f: ReviewFilter & PageQuery) {
  const sortable = {
    postedAt: reviews.postedAt,
    score: reviews.score,
    site: reviews.sourceSite,
    replyAt: reviews.replyAt,
  };
  const { rows, total } = await readPage(db, reviews, filterWhere(workspaceId, f), sortable, '-postedAt', f);
  return { items: rows.map(reviewDto), total, limit: f.limit, offset: f.offset };
}

/** Figures of a group of reviews: how many, the mean score, positive and negative shares, replies. */
export interface ReviewFigures {
  reviews: number;
  /** Mean score 0…1; null without reviews. */
  meanScore: number | null;
  /** Mean score on a five-star scale; null without reviews. */
  meanOutOfFive: number | null;
  positive: number;
  negative: number;
  positiveShare: number | null;
  negativeShare: number | null;
  replied: number;
  repliedShare: number | null;
  /** Mean and median time from review to reply, of the replies with a date. */
  meanReplyMs: number | null;
  medianReplyMs: number | null;
}

interface FigureRow {
  site: string | null;
  n: unknown;
  score_sum: unknown;
  positive: unknown;
  negative: unknown;
  replied: unknown;
  reply_mean: unknown;
  reply_median: unknown;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function figuresOf(r: FigureRow): ReviewFigures {
  const n = Number(r.n);
  const share = (part: number) => (n > 0 ? part / n : null);
  const mean = n > 0 ? Number(r.score_sum) / n : null;
  const positive = Number(r.positive);
  const negative = Number(r.negative);
  const replied = Number(r.replied);
  const replyMean = num(r.reply_mean);
  const replyMedian = num(r.reply_median);
  return {
    reviews: n,
    meanScore: mean,
    meanOutOfFive: mean === null ? null : mean * 5,
    positive,
    negative,
    positiveShare: share(positive),
    negativeShare: share(negative),
    replied,
    repliedShare: share(replied),
    meanReplyMs: replyMean === null ? null : Math.round(replyMean),
    medianReplyMs: replyMedian === null ? null : Math.round(replyMedian),
  };
}

/** Figures of the workspace's reviews (under the filter), in all and per site (most reviews first). */
export async function reviewSummary(db: Db, workspaceId: string, f: ReviewFilter) {
  const replyMs = sql`extract(epoch from (${reviews.replyAt} - ${reviews.postedAt})) * 1000`;
  const columns = {
    n: sql`count(*)`,
    score_sum: sql`coalesce(sum(${reviews.score}), 0)`,
    positive: sql`count(*) filter (where ${reviews.score} >= ${POSITIVE_REVIEW_SCORE})`,
    negative: sql`count(*) filter (where ${reviews.score} <= ${NEGATIVE_REVIEW_SCORE})`,
    replied: sql`count(${reviews.reply})`,
    reply_mean: sql`avg(${replyMs})`,
    reply_median: sql`percentile_cont(0.5) within group (order by ${replyMs})`,
  };
  const where = filterWhere(workspaceId, f);
  const [all] = await db.select(columns).from(reviews).where(where);
  const sites = await db
    .select({ site: reviews.sourceSite, ...columns })
    .from(reviews)
    .where(where)
    .groupBy(reviews.sourceSite)
    .orderBy(sql`count(*) desc`, asc(reviews.sourceSite));
  return {
    overall: figuresOf({ site: null, ...(all as Omit<FigureRow, 'site'>) }),
    sites: sites.map((s) => ({ site: s.site, ...figuresOf(s as FigureRow) })),
  };
}

/** The site names of the workspace's reviews, alphabetically. */
export async function reviewSites(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ site: reviews.sourceSite })
    .from(reviews)
    .where(eq(reviews.workspaceId, workspaceId))
    .orderBy(asc(reviews.sourceSite));
  return rows.map((r) => r.site);
}

/** Reviews by these customer keys, or written under them as the author's name or id on the site. */
function ofCustomers(workspaceId: string, keys: readonly string[]): SQL | undefined {
  return and(
    eq(reviews.workspaceId, workspaceId),
    or(inArray(reviews.customer, [...keys]), inArray(reviews.author, [...keys])),
  );
}

/** The reviews of a customer (by customer key, or by author), for a customer export. */
export async function reviewsOfCustomer(db: Db, workspaceId: string, customer: string): Promise<ReviewDto[]> {
  const rows = await db
    .select()
    .from(reviews)
    .where(ofCustomers(workspaceId, [customer]))
    .orderBy(asc(reviews.postedAt), asc(reviews.id));
  return rows.map(reviewDto);
}

/**
 * Erases the reviews of these customers (by customer key, or by author): answers the ids removed,
 * whose feedback rows (`r:<id>`) the caller removes from the event store.
 */
export async function deleteReviewsOfCustomer(
  db: Db,
  workspaceId: string,
  customers: readonly string[],
): Promise<string[]> {
  if (customers.length === 0) return [];
  const removed: string[] = [];
  for (const part of chunks(customers))
    removed.push(
      ...(await db.delete(reviews).where(ofCustomers(workspaceId, part)).returning({ id: reviews.id })).map(
        (r) => r.id,
      ),
    );
  return removed;
}

/** What the feedback store keeps of each review of the workspace (its normalised score), oldest first. */
export async function reviewScores(
  db: Db,
  workspaceId: string,
): Promise<{ id: string; touchpointId: string; customer: string | null; score: number; postedAt: Date }[]> {
  return db
    .select({
      id: reviews.id,
      touchpointId: reviews.touchpointId,
      customer: reviews.customer,
      score: reviews.score,
      postedAt: reviews.postedAt,
    })
    .from(reviews)
    .where(eq(reviews.workspaceId, workspaceId))
    .orderBy(asc(reviews.postedAt), asc(reviews.id));
}
