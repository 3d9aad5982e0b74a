import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  checkComplaintTransition,
  complaintMovesFrom,
  complaintStamps,
  isComplaintOverdue,
  severityOfReview,
  severityOfScores,
} from './complaint-rules.js';
import { ValidationError } from './errors.js';

const allowed = (from: ComplaintStatus, to: ComplaintStatus) => {
  try {
    checkComplaintTransition(from, to);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('status');
    return false;
  }
};

const NOW = new Date('2026-03-02T12:00:00Z');
const HOUR = 3_600_000;

describe('complaint status moves', () => {
  it('goes forward from new, closes from in_progress, only reopens once closed, never back to new', () => {
    const moves = COMPLAINT_STATUSES.flatMap((from) =>
      COMPLAINT_STATUSES.filter((to) => to !== from && allowed(from, to)).map((to) => `${from}→${to}`),
    );
    expect(moves).toEqual([
      'new→in_progress',
      'new→resolved',
      'new→rejected',
      'in_progress→resolved',
      'in_progress→rejected',
      'resolved→in_progress',
      'rejected→in_progress',
    ]);
  });

  it('lists, for the board and the drawer, exactly the moves the check lets through', () => {
    for (const from of COMPLAINT_STATUSES)
      expect(complaintMovesFrom(from), from).toEqual(
        COMPLAINT_STATUSES.filter((to) => to !== from && allowed(from, to)),
      );
  });
});

describe('complaint timestamps', () => {
  const fresh = { status: 'new', firstResponseAt: null, resolutionNote: '' };

  it('stamps the first response on leaving new, and the resolution on closing', () => {
    expect(complaintStamps(fresh, { status: 'in_progress', resolutionNote: '' }, NOW)).toEqual({
      firstResponseAt: NOW,
    });
    expect(complaintStamps(fresh, { status: 'rejected', resolutionNote: '' }, NOW)).toEqual({
      firstResponseAt: NOW,
      resolvedAt: NOW,
    });
  });

  it('takes the first note written while new as the first response, but not a blank one', () => {
    expect(complaintStamps(fresh, { status: 'new', resolutionNote: 'Called back' }, NOW)).toEqual({
      firstResponseAt: NOW,
    });
    expect(complaintStamps(fresh, { status: 'new', resolutionNote: '   ' }, NOW)).toEqual({});
  });

  it('never moves an earlier first response, and clears the resolution on reopening', () => {
    const earlier = new Date('2026-03-01T08:00:00Z');
    const resolved = { status: 'resolved', firstResponseAt: earlier, resolutionNote: 'Refunded' };
    expect(complaintStamps(resolved, { status: 'in_progress', resolutionNote: 'Refunded' }, NOW)).toEqual({
      resolvedAt: null,
    });
    const working = { status: 'in_progress', firstResponseAt: earlier, resolutionNote: '' };
    expect(complaintStamps(working, { status: 'resolved', resolutionNote: 'Done' }, NOW)).toEqual({
      resolvedAt: NOW,
    });
  });
});

describe('overdue complaints', () => {
  const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR);
  it('is unanswered after 24 h or unresolved after 7 days, while open', () => {
    const now = NOW.getTime();
    expect(isComplaintOverdue({ status: 'new', receivedAt: at(24), firstResponseAt: null }, now)).toBe(false);
    expect(isComplaintOverdue({ status: 'new', receivedAt: at(25), firstResponseAt: null }, now)).toBe(true);
    expect(
      isComplaintOverdue({ status: 'in_progress', receivedAt: at(100), firstResponseAt: at(99) }, now),
    ).toBe(false);
    expect(
      isComplaintOverdue({ status: 'in_progress', receivedAt: at(169), firstResponseAt: at(99) }, now),
    ).toBe(true);
    expect(isComplaintOverdue({ status: 'resolved', receivedAt: at(500), firstResponseAt: null }, now)).toBe(
      false,
    );
  });
});

describe('severity of sourced complaints', () => {
  it('grades survey scores and review ratings', () => {
    expect(severityOfScores({ csat: 1 })).toBe('critical');
    expect(severityOfScores({ nps: 0 })).toBe('critical');
    expect(severityOfScores({ ces: 6 })).toBe('high');
    expect(severityOfScores({ nps: 3 })).toBe('high');
    expect(severityOfScores({ nps: 5, csat: 3 })).toBe('medium');
    expect(severityOfReview(0.2)).toBe('high');
    expect(severityOfReview(0.4)).toBe('medium');
  });
});
