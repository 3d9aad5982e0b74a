import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { checkUserTransition, isOverdue } from './task-rules.js';
import { TASK_STATUSES, type TaskStatus } from './vocabulary.js';

const allowed = (from: TaskStatus, to: TaskStatus) => {
  try {
    checkUserTransition(from, to);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('status');
    return false;
  }
};

describe('task status moves by users', () => {
  it('moves freely between planned, in_progress and done, never to verified or not_effective', () => {
    const moves = TASK_STATUSES.flatMap((from) =>
      TASK_STATUSES.filter((to) => to !== from && allowed(from, to)).map((to) => `${from}→${to}`),
    );
    expect(moves).toEqual([
      'planned→in_progress',
      'planned→done',
      'in_progress→planned',
      'in_progress→done',
      'done→planned',
      'done→in_progress',
      'verified→planned',
      'verified→in_progress',
      'not_effective→planned',
      'not_effective→in_progress',
    ]);
  });

  it('counts a task overdue only while open and past its due date', () => {
    expect(isOverdue({ status: 'planned', dueDate: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'planned', dueDate: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-03-01' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'planned', dueDate: null }, '2026-03-02')).toBe(false);
  });
});
