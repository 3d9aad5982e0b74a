/** Validation messages of an API error by form field. */
import { ApiError } from '../../api/client';

/**
 * Field → message from an API error: the per-field issues (`tags.2` counts for `tags`), plus the
 * field a conflict names (a key already taken answers 409 with `field: "key"`).
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    errors[field.split('.')[0] ?? field] ??= message;
  }
  const named = (error.body as { field?: unknown }).field;
  if (typeof named === 'string') errors[named] ??= error.message;
  return errors;
}

/** Whether an error is the API's answer to a stale `version`. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.body.code === 'version_conflict';
}
