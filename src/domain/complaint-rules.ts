/**
 * Rules of the complaint register (SPEC §6): where a complaint comes from, how it moves, and what
 * its response and resolution times are.
 *
 * - Status: `new` → `in_progress` → `resolved` | `rejected`. A new complaint may also be resolved
 *   or rejected at once; a resolved or rejected one may only be reopened (to `in_progress`);
 *   nothing goes back to `new`.
 * - First response (`firstResponseAt`, stamped once, never cleared): the first move out of `new`,
 *   or the first resolution note written while still new — whichever comes first.
 * - Resolution (`resolvedAt`): stamped when the complaint becomes resolved or rejected, cleared
 *   when it is reopened.
 * - Overdue: still open (new or in progress) and either unanswered more than
 *   {@link COMPLAINT_RESPONSE_DUE_MS} after it was received, or unresolved more than
 *   {@link COMPLAINT_RESOLUTION_DUE_MS} after.
 */
import { invalid } from './errors.js';

export const COMPLAINT_STATUSES = ['new', 'in_progress', 'resolved', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses in which a complaint is still open. */
export const OPEN_COMPLAINT_STATUSES = ['new', 'in_progress'] as const satisfies readonly ComplaintStatus[];
/** Statuses that close a complaint (and stamp its resolution). */
export const CLOSED_COMPLAINT_STATUSES = [
  'resolved',
  'rejected',
] as const satisfies readonly ComplaintStatus[];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** Where a complaint came from; `sourceRef` names the survey submission, review or interaction. */
export const COMPLAINT_SOURCES = ['survey', 'review', 'interaction', 'staff'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const COMPLAINT_SORTS = ['receivedAt', 'severity', 'status', 'updatedAt'] as const;

/** An open complaint unanswered this long after it was received is overdue (24 h). */
export const COMPLAINT_RESPONSE_DUE_MS = 24 * 60 * 60_000;
/** An open complaint unresolved this long after it was received is overdue (7 days). */
export const COMPLAINT_RESOLUTION_DUE_MS = 7 * 24 * 60 * 60_000;

/** A review at or under this normalised score (rating / maximum: 2 of 5) opens a complaint. */
export const DEFAULT_REVIEW_COMPLAINT_SCORE = 0.4;

export function isOpenComplaint(status: string): boolean {
  return (OPEN_COMPLAINT_STATUSES as readonly string[]).includes(status);
}

function isClosed(status: string): boolean {
  return (CLOSED_COMPLAINT_STATUSES as readonly string[]).includes(status);
}

/** Throws 400 on `status` unless a complaint may move from `from` to `to`. */
export function checkComplaintTransition(from: ComplaintStatus, to: ComplaintStatus): void {
  if (from === to) return;
  if (to === 'new') throw invalid('status', 'a complaint cannot go back to new once it has been handled');
  if (isClosed(from) && to !== 'in_progress')
    throw invalid('status', `a ${from} complaint can only be reopened (in_progress)`);
}

/** The statuses a complaint may move to from `from`: those checkComplaintTransition lets through. */
export function complaintMovesFrom(from: ComplaintStatus): ComplaintStatus[] {
  return COMPLAINT_STATUSES.filter(
    (to) => to !== from && to !== 'new' && !(isClosed(from) && to !== 'in_progress'),
  );
}

/** The timestamps a change leaves on a complaint (only those that change are returned). */
export interface ComplaintStamps {
  firstResponseAt?: Date;
  resolvedAt?: Date | null;
}

/**
 * The timestamps of a change at `now`: the first response on the first move out of `new` or the
 * first note; the resolution on resolving or rejecting, cleared on reopening.
 */
export function complaintStamps(
  current: { status: string; firstResponseAt: Date | null; resolutionNote: string },
  next: { status: string; resolutionNote: string },
  now: Date,
): ComplaintStamps {
  const stamps: ComplaintStamps = {};
  const leavesNew = current.status === 'new' && next.status !== 'new';
  const firstNote = current.resolutionNote.trim() === '' && next.resolutionNote.trim() !== '';
  if (current.firstResponseAt === null && (leavesNew || firstNote)) stamps.firstResponseAt = now;
  if (next.status !== current.status) {
    if (isClosed(next.status)) stamps.resolvedAt = now;
    else if (isClosed(current.status)) stamps.resolvedAt = null;
  }
  return stamps;
}

/** Whether a complaint is overdue at `now` (see the module header). */
export function isComplaintOverdue(
  c: { status: string; receivedAt: Date; firstResponseAt: Date | null },
  now: number,
): boolean {
  if (!isOpenComplaint(c.status)) return false;
  const age = now - c.receivedAt.getTime();
  return (c.firstResponseAt === null && age > COMPLAINT_RESPONSE_DUE_MS) || age > COMPLAINT_RESOLUTION_DUE_MS;
}

/**
 * The severity of a complaint from a survey answer: critical for the lowest score of a scale
 * (CSAT 1, NPS 0, CES 7), high for CSAT 2, NPS 1–3 or CES 6, medium otherwise.
 */
export function severityOfScores(scores: Partial<Record<'csat' | 'nps' | 'ces', number>>): ComplaintSeverity {
  const { csat, nps, ces } = scores;
  if (csat === 1 || nps === 0 || ces === 7) return 'critical';
  if (csat === 2 || (nps !== undefined && nps <= 3) || ces === 6) return 'high';
  return 'medium';
}

/** The severity of a complaint from a review: high at or under a fifth of the scale, medium otherwise. */
export function severityOfReview(score: number): ComplaintSeverity {
  return score <= 0.2 ? 'high' : 'medium';
}
