/**
 * Retention of a workspace's measured records (SPEC: personal data is kept no longer than
 * needed): interactions and feedback older than `retentionDays` are deleted, feedback comments
 * (free text, the most likely to name someone) may go earlier, after `commentRetentionDays`.
 */

/**
 * Shortest retention period. The analyses compare months (contact frequency counts touches in
 * 30 days, periods are picked by month), so a shorter period would empty the reports under
 * their readers' eyes.
 */
export const MIN_RETENTION_DAYS = 30;
/** Longest period one can set (ten years); no setting keeps records forever. */
export const MAX_RETENTION_DAYS = 3650;
/** Comments can go after a day already: the score stays for the analyses. */
export const MIN_COMMENT_RETENTION_DAYS = 1;

const DAY_MS = 86_400_000;

export interface RetentionSettings {
  /** Days after which interactions, feedback and quarantined records are deleted; null: kept forever. */
  retentionDays: number | null;
  /** Days after which feedback comments are removed (the answer stays); null: with the answer. */
  commentRetentionDays: number | null;
}

/** The retention part of a workspace's settings (validated by the API when stored). */
export function retentionSettingsOf(settings: Record<string, unknown>): RetentionSettings {
  const days = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : null);
  return {
    retentionDays: days(settings.retentionDays),
    commentRetentionDays: days(settings.commentRetentionDays),
  };
}

/** Whether the settings ask a retention run to do anything. */
export function hasRetention(settings: RetentionSettings): boolean {
  return settings.retentionDays !== null || settings.commentRetentionDays !== null;
}

/** What a run at `now` (epoch ms) removes: records and comments older than these instants. */
export function retentionCutoffs(
  settings: RetentionSettings,
  now: number,
): { deleteBefore: number | null; stripCommentsBefore: number | null } {
  return {
    deleteBefore: settings.retentionDays === null ? null : now - settings.retentionDays * DAY_MS,
    stripCommentsBefore:
      settings.commentRetentionDays === null ? null : now - settings.commentRetentionDays * DAY_MS,
  };
}
