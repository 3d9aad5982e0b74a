/**
 * Rules of improvement tasks (the Law 3 work items): who may move a task where, and the defaults
 * of its verification from live data.
 *
 * - A user moves a task between `planned`, `in_progress` and `done` freely (done back to
 *   in_progress reopens it). `verified` and `not_effective` are set only by the verification;
 *   from them a user may only reopen the task, to `planned` or `in_progress`.
 * - Moving to `done` stamps `doneAt` (the start of the verification window) and clears an earlier
 *   outcome; leaving `done` for planned/in_progress clears `doneAt`.
 * - A task is overdue when it has a due date before today (UTC) and is still planned or in progress.
 */
import { invalid } from './errors.js';
import type { TaskStatus } from './vocabulary.js';

/** Days after `doneAt` over which the verification looks at live data, by default. */
export const DEFAULT_TASK_WINDOW_DAYS = 14;
/** Interactions (or answers) the standard must be measured on after `doneAt`, by default. */
export const DEFAULT_TASK_MIN_SAMPLE = 30;

export const TASK_SORTS = ['title', 'dueDate', 'priority', 'status', 'createdAt', 'updatedAt'] as const;

/** Statuses in which a task is still open (counts for overdue and for "a failing standard has a task"). */
export const OPEN_TASK_STATUSES = ['planned', 'in_progress'] as const satisfies readonly TaskStatus[];

/** The target fields of a task; at least one is set when a task is created. */
export const TASK_TARGET_FIELDS = [
  'touchpointId',
  'chainId',
  'chainLinkId',
  'journeyId',
  'stageId',
  'standardId',
] as const;
export type TaskTargetField = (typeof TASK_TARGET_FIELDS)[number];

/** Throws 400 on `status` unless a user may move a task from `from` to `to`. */
export function checkUserTransition(from: TaskStatus, to: TaskStatus): void {
  if (from === to) return;
  if (to === 'verified' || to === 'not_effective')
    throw invalid('status', `${to} is set by the verification from live data, not by hand`);
  if ((from === 'verified' || from === 'not_effective') && to === 'done')
    throw invalid('status', `a ${from} task can only be reopened (planned or in_progress)`);
}

/** Whether a task is overdue on `today` (YYYY-MM-DD, UTC). */
export function isOverdue(t: { status: string; dueDate: string | null }, today: string): boolean {
  return (
    t.dueDate !== null && t.dueDate < today && (OPEN_TASK_STATUSES as readonly string[]).includes(t.status)
  );
}

/** Today's date in UTC as YYYY-MM-DD. */
export function utcDate(at: number = Date.now()): string {
  return new Date(at).toISOString().slice(0, 10);
}
