/**
 * Imports a CSV file of reviews from a rating site (issue 16 §3), as `POST /reviews/import` and
 * `touchpoints import reviews` do: the file read with its column mapping (review-rows.ts), each
 * review's touchpoint key resolved as ingestion resolves them (catalog, then aliases), good rows
 * stored and bad rows reported one by one (row, field, reason). Each review's normalised score
 * also goes to the feedback store (kind `review`, id `r:<reviewId>`, source `import`), so
 * sentiment counts it; a review whose score is at most the complaint threshold opens a complaint.
 * Importing the same file again changes nothing: reviews are unique by site and external id,
 * feedback rows by id, complaints by their source.
 */
import { openComplaintFromReview } from '../complaints/intake.js';
import { type FieldIssue, ValidationError } from '../domain/errors.js';
import { DEFAULT_COMPLAINT_THRESHOLD, reviewFeedbackId } from '../domain/review-rules.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { reviewScores, type UpsertedReview, upsertReviews } from '../store/catalog/reviews.js';
import type { EventStore, FeedbackAnswer } from '../store/events/event-store.js';
import { resolveTouchpointKeys } from './resolve-touchpoint-keys.js';
import {
  type AppliedMapping,
  type ReviewFileOptions,
  type ReviewRow,
  type RowError,
  readReviewFile,
} from './review-rows.js';

export interface ReviewImportOptions extends ReviewFileOptions {
  /**
   * A review whose score (0…1) is at most this opens a complaint; null opens none. Default
   * DEFAULT_COMPLAINT_THRESHOLD.
   */
  complaintThreshold?: number | null | undefined;
  /** Read and check the file, store nothing. */
  dryRun?: boolean | undefined;
  /** The file's name, for the audit log. */
  fileName?: string | undefined;
}

/** A review as the preview shows it. */
export interface ReviewPreview {
  row: number;
  touchpoint: string;
  site: string;
  externalId: string;
  author: string | null;
  rating: number;
  ratingMax: number;
  score: number;
  postedAt: string;
  text: string;
  reply: string | null;
  replyAt: string | null;
}

export interface ReviewImportResult {
  /** The columns of the file's header and the mapping applied (field → column). */
  columns: string[];
  mapping: AppliedMapping;
  /** Problems with the mapping or the options (a dry run answers them; an import throws them). */
  issues: FieldIssue[];
  /** Data rows of the file. */
  rows: number;
  /** Rows read into a review (stored, or in a dry run storable). */
  accepted: number;
  inserted: number;
  /** Stored reviews that took a new reply. */
  updated: number;
  unchanged: number;
  /** Refused rows in row order. */
  rejected: RowError[];
  /** Complaints the import opened (those opened by an earlier import of the same reviews are not counted). */
  complaints: number;
  /** The first reviews read (a dry run's preview). */
  sample: ReviewPreview[];
  dryRun: boolean;
}

const SAMPLE_SIZE = 5;

/**
 * Opens a complaint for each review at or under the threshold (the register keeps one per review,
 * so reviews of an earlier import open nothing new); answers how many were opened.
 */
async function openComplaints(
  db: Db,
  workspaceId: string,
  threshold: number,
  low: readonly { review: ReviewRow; touchpointId: string; stored: UpsertedReview }[],
): Promise<number> {
  let opened = 0;
  for (const { review, touchpointId, stored } of low) {
    const complaint = await openComplaintFromReview(
      db,
      {
        workspaceId,
        reviewId: stored.id,
        touchpointId,
        customer: review.customer,
        text: review.text,
        score: review.score,
        at: review.postedAt,
      },
      threshold,
    );
    if (complaint?.created) opened++;
  }
  return opened;
}

/** The feedback row of a review: its normalised score, kind `review`, source `import`, at its posting time. */
function reviewFeedback(
  workspaceId: string,
  r: { id: string; touchpointId: string; customer: string | null; score: number; postedAt: Date },
): FeedbackAnswer {
  return {
    workspaceId,
    id: reviewFeedbackId(r.id),
    touchpointId: r.touchpointId,
    customer: r.customer,
    at: r.postedAt.getTime(),
    kind: 'review',
    score: r.score,
    comment: null,
    source: 'import',
  };
}

/**
 * Writes the feedback rows of every stored review of the workspace (those there already are
 * duplicates and change nothing): for reviews stored without the event store at hand (the demo).
 * Answers how many rows were new.
 */
export async function recordReviewScores(db: Db, events: EventStore, workspaceId: string): Promise<number> {
  const rows = (await reviewScores(db, workspaceId)).map((r) => reviewFeedback(workspaceId, r));
  return rows.length === 0 ? 0 : (await events.insertFeedback(rows)).inserted;
}

/** Imports the text of a review file into the workspace; throws a ValidationError when the file or its mapping does not fit. */
export async function importReviews(
  db: Db,
  events: EventStore,
  actor: Actor,
  workspaceId: string,
  text: string,
  options: ReviewImportOptions,
): Promise<ReviewImportResult> {
  const threshold =
    options.complaintThreshold === undefined ? DEFAULT_COMPLAINT_THRESHOLD : options.complaintThreshold;
  if (threshold !== null && !(threshold >= 0 && threshold <= 1))
    throw new ValidationError([{ field: 'complaintThreshold', message: 'must be a score from 0 to 1' }]);
  const file = readReviewFile(text, options);
  if (file.issues.length > 0 && options.dryRun !== true) throw new ValidationError(file.issues);

  const keys = [...new Set(file.rows.map((r) => r.touchpointKey))];
  const resolved = await resolveTouchpointKeys(db, events, workspaceId, keys);
  const rejected = [...file.rejected];
  const good: { review: ReviewRow; touchpointId: string }[] = [];
  for (const review of file.rows) {
    const touchpoint = resolved.get(review.touchpointKey);
    if (touchpoint) good.push({ review, touchpointId: touchpoint.id });
    else
      rejected.push({
        row: review.row,
        field: 'touchpoint',
        reason: `no touchpoint of the workspace has the key "${review.touchpointKey}"`,
      });
  }
  rejected.sort((a, b) => a.row - b.row);
  const rows = file.rows.length + file.rejected.length;
  const result: ReviewImportResult = {
    columns: file.columns,
    mapping: file.mapping,
    issues: file.issues,
    rows,
    accepted: good.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected,
    complaints: 0,
    sample: good.slice(0, SAMPLE_SIZE).map(({ review: r }) => ({
      row: r.row,
      touchpoint: r.touchpointKey,
      site: r.sourceSite,
      externalId: r.externalId,
      author: r.author,
      rating: r.rating,
      ratingMax: r.ratingMax,
      score: r.score,
      postedAt: r.postedAt.toISOString(),
      text: r.text,
      reply: r.reply,
      replyAt: r.replyAt?.toISOString() ?? null,
    })),
    dryRun: options.dryRun === true,
  };
  if (options.dryRun === true || good.length === 0) return result;

  const stored = await upsertReviews(
    db,
    actor,
    workspaceId,
    good.map(({ review: r, touchpointId }) => ({
      touchpointId,
      sourceSite: r.sourceSite,
      externalId: r.externalId,
      author: r.author,
      customer: r.customer,
      rating: r.rating,
      ratingMax: r.ratingMax,
      score: r.score,
      text: r.text,
      postedAt: r.postedAt,
      reply: r.reply,
      replyAt: r.replyAt,
    })),
    { file: options.fileName },
  );
  for (const s of stored) result[s.status]++;

  // Every review of the file, not only the new ones: a feedback row an earlier import did not get
  // to store is stored now; those stored already are duplicates and change nothing.
  await events.insertFeedback(
    good.map(({ review: r, touchpointId }, i) =>
      reviewFeedback(workspaceId, {
        id: (stored[i] as UpsertedReview).id,
        touchpointId,
        customer: r.customer,
        score: r.score,
        postedAt: r.postedAt,
      }),
    ),
  );

  if (threshold !== null) {
    const low = good
      .map((g, i) => ({ ...g, stored: stored[i] as UpsertedReview }))
      .filter((g) => g.review.score <= threshold);
    result.complaints = await openComplaints(db, workspaceId, threshold, low);
  }
  return result;
}
